from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import analyst_required
from positions.models import Actor, Topic

from . import services
from .models import Alert, Follow

PAGE_SIZE = 50


@require_GET
@analyst_required
def whats_new(request):
    """The in-app list of alerts, newest first, with the user's follows and feed link."""
    page = Paginator(services.alerts_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    follows = Follow.objects.filter(user=request.user).select_related("actor", "topic")
    alert_settings = services.alert_settings_for(request.user)
    feed_url = request.build_absolute_uri(f"/alerts/feed/{alert_settings.feed_token}.atom")
    context = {
        "page": page,
        "follows": follows,
        "alert_settings": alert_settings,
        "feed_url": feed_url,
        "unread": Alert.objects.filter(user=request.user, read_at__isnull=True).count(),
    }
    return render(request, "alerts/whats_new.html", context)


def _target_from(request):
    """The actor, topic or saved search named in the POST data."""
    actor = topic = None
    if request.POST.get("actor"):
        actor = get_object_or_404(Actor, pk=request.POST["actor"])
    if request.POST.get("topic"):
        topic = get_object_or_404(Topic, pk=request.POST["topic"])
    query = request.POST.get("query", "").strip()[:2000]
    return {"actor": actor, "topic": topic, "query": query}


def _back(request):
    nxt = request.POST.get("next") or request.headers.get("Referer", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return redirect(nxt)
    return redirect("alerts:whats_new")


def _follow_response(request, target, *, following: bool):
    if request.htmx:
        context = {**target, "following": following}
        return render(request, "alerts/follow_button.html", context)
    return _back(request)


@require_POST
@analyst_required
def follow(request):
    target = _target_from(request)
    try:
        services.follow_create(user=request.user, label=request.POST.get("label", ""), **target)
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc))
    return _follow_response(request, target, following=True)


@require_POST
@analyst_required
def unfollow(request):
    target = _target_from(request)
    try:
        services.follow_delete(user=request.user, **target)
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc))
    return _follow_response(request, target, following=False)


@require_POST
@analyst_required
def mark_read(request):
    services.alerts_mark_read(user=request.user)
    return redirect("alerts:whats_new")


@require_POST
@analyst_required
def reset_feed_token(request):
    services.feed_token_reset(user=request.user)
    messages.success(request, "Your feed has a new address; the old one no longer works.")
    return redirect("alerts:whats_new")
