from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ingest, name="ingest"),
    path("url/", views.ingest_url, name="ingest_url"),
    path("text/", views.ingest_text, name="ingest_text"),
    path("html/", views.ingest_html, name="ingest_html"),
    path("files/", views.ingest_files, name="ingest_files"),
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("feeds/", views.feed_list, name="feed_list"),
    path("feeds/add/", views.feed_create, name="feed_create"),
    path("feeds/<int:pk>/pause/", views.feed_pause, name="feed_pause"),
    path("feeds/<int:pk>/resume/", views.feed_resume, name="feed_resume"),
    path("feeds/<int:pk>/poll/", views.feed_poll, name="feed_poll"),
    path("article/<int:pk>/", views.article_detail, name="article_detail"),
]
