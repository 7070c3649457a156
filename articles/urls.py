from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("article/<int:pk>/", views.article_detail, name="article_detail"),
]
