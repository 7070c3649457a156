from django.urls import path

from . import views

app_name = "positions"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("actors/", views.actor_list, name="actors"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("shifts/", views.shift_list, name="shifts"),
    path("compare/", views.compare, name="compare"),
    path("search/", views.search, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
]
