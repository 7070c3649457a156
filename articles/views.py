"""Ingestion screens, for admins. Every change is a POST; GET never changes anything."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.roles import admin_required, analyst_required

from . import selectors, services
from .forms import FeedForm, FilesForm, HtmlForm, TextForm, UrlForm
from .models import Article, Feed, IngestionJob

JOBS_PER_PAGE = 50
CHILDREN_SHOWN = 200


@analyst_required
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    return render(request, "articles/article_detail.html", {"article": article})


def _ingest_page(request, *, status=200, **forms):
    context = {
        "url_form": UrlForm(),
        "text_form": TextForm(),
        "html_form": HtmlForm(),
        "files_form": FilesForm(),
        "feed_form": FeedForm(),
        "recent_jobs": selectors.job_list()[:10],
    }
    context.update(forms)
    return render(request, "articles/ingest.html", context, status=status)


@admin_required
def ingest(request):
    return _ingest_page(request)


def _queued(job: IngestionJob):
    if job.is_batch:
        services.batch_enqueue(batch=job)
    else:
        services.job_enqueue(job=job)
    return redirect("articles:job_detail", pk=job.pk)


@admin_required
@require_POST
@transaction.atomic
def ingest_url(request):
    form = UrlForm(request.POST)
    if not form.is_valid():
        return _ingest_page(request, status=400, url_form=form)
    job = services.job_create_url(url=form.cleaned_data["url"], user=request.user)
    return _queued(job)


@admin_required
@require_POST
@transaction.atomic
def ingest_text(request):
    form = TextForm(request.POST)
    if not form.is_valid():
        return _ingest_page(request, status=400, text_form=form)
    job = services.job_create_text(text=form.cleaned_data["text"], user=request.user)
    return _queued(job)


@admin_required
@require_POST
@transaction.atomic
def ingest_html(request):
    form = HtmlForm(request.POST)
    if not form.is_valid():
        return _ingest_page(request, status=400, html_form=form)
    job = services.job_create_html(html=form.cleaned_data["html"], user=request.user)
    return _queued(job)


@admin_required
@require_POST
@transaction.atomic
def ingest_files(request):
    form = FilesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _ingest_page(request, status=400, files_form=form)
    job = services.jobs_create_from_uploads(uploads=form.cleaned_data["files"], user=request.user)
    return _queued(job)


@admin_required
@vary_on_headers("HX-Request")
def job_list(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    if status not in IngestionJob.Status.values:
        status = ""
    if kind not in IngestionJob.Kind.values:
        kind = ""
    page = Paginator(selectors.job_list(status=status, kind=kind), JOBS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "status": status,
        "kind": kind,
        "statuses": IngestionJob.Status.choices,
        "kinds": IngestionJob.Kind.choices,
    }
    template = "articles/job_list.html#job-table" if request.htmx else "articles/job_list.html"
    return render(request, template, context)


@admin_required
@vary_on_headers("HX-Request")
def job_detail(request, pk: int):
    job = get_object_or_404(selectors.job_detail_queryset(), pk=pk)
    context = {
        "job": job,
        # Enough to follow a batch; the jobs list has the rest.
        "children": selectors.job_children(job=job)[:CHILDREN_SHOWN],
        "children_shown": CHILDREN_SHOWN,
        "statements": selectors.job_statements(job=job),
    }
    template = "articles/job_detail.html#job-live" if request.htmx else "articles/job_detail.html"
    return render(request, template, context)


@admin_required
@require_POST
def job_retry(request, pk: int):
    job = get_object_or_404(IngestionJob, pk=pk)
    if not job.can_retry:
        messages.error(request, "Only a failed job can be retried.")
        return redirect("articles:job_detail", pk=job.pk)
    with transaction.atomic():
        services.job_retry(job=job, user=request.user)
    messages.success(request, f"Job {job.pk} is queued again.")
    return redirect("articles:job_detail", pk=job.pk)


@admin_required
def feed_list(request):
    return render(
        request,
        "articles/feed_list.html",
        {"feeds": selectors.feed_list(), "feed_form": FeedForm()},
    )


@admin_required
@require_POST
@transaction.atomic
def feed_create(request):
    form = FeedForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "articles/feed_list.html",
            {"feeds": selectors.feed_list(), "feed_form": form},
            status=400,
        )
    feed = services.feed_create(
        url=form.cleaned_data["url"],
        poll_interval_minutes=form.cleaned_data["poll_interval_minutes"],
        user=request.user,
    )
    services.feed_poll_now(feed=feed, user=request.user)
    messages.success(request, f"Feed registered; the first poll is queued: {feed.url}")
    return redirect("articles:feed_list")


@admin_required
@require_POST
def feed_pause(request, pk: int):
    feed = services.feed_pause(feed=get_object_or_404(Feed, pk=pk))
    messages.success(request, f"Paused {feed}.")
    return redirect("articles:feed_list")


@admin_required
@require_POST
def feed_resume(request, pk: int):
    feed = services.feed_resume(feed=get_object_or_404(Feed, pk=pk))
    messages.success(request, f"Resumed {feed}; it will be polled within a minute.")
    return redirect("articles:feed_list")


@admin_required
@require_POST
@transaction.atomic
def feed_poll(request, pk: int):
    job = services.feed_poll_now(feed=get_object_or_404(Feed, pk=pk), user=request.user)
    return redirect("articles:job_detail", pk=job.pk)
