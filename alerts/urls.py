from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views
from .feeds import AlertFeed

app_name = "alerts"

urlpatterns = [
    path("", views.whats_new, name="whats_new"),
    path("follow/", views.follow, name="follow"),
    path("unfollow/", views.unfollow, name="unfollow"),
    path("read/", views.mark_read, name="mark_read"),
    path("feed/reset/", views.reset_feed_token, name="reset_feed_token"),
    # Token-authenticated: feed readers cannot log in.
    path("feed/<str:token>.atom", login_not_required(AlertFeed()), name="feed"),
]
