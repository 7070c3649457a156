from django.contrib import admin
from django.db import models

from .models import Article, Feed, FeedEntry, IngestionJob, Outlet

# Django 6 changes the default scheme of URL form fields; say which one we mean.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country"]
    search_fields = ["name", "domain"]
    list_filter = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "__str__",
        "url",
        "is_active",
        "poll_interval_minutes",
        "last_polled_at",
        "entries_seen",
        "last_error",
    ]
    list_filter = ["is_active", "outlet"]
    search_fields = ["url", "title"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "entries_seen", "created_at"]
    raw_id_fields = ["created_by"]


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "url", "feed", "created_at"]
    list_filter = ["feed"]
    search_fields = ["title", "url"]
    raw_id_fields = ["feed", "job"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "__str__",
        "outlet",
        "published_date",
        "language",
        "near_duplicate_of",
        "created_at",
    ]
    list_filter = ["outlet", "language", ("near_duplicate_of", admin.EmptyFieldListFilter)]
    search_fields = ["title", "url", "canonical_url", "byline"]
    date_hierarchy = "published_date"
    raw_id_fields = ["near_duplicate_of"]
    # Stored text is what statement spans point into; edit it here and they break.
    readonly_fields = [
        "text",
        "raw_sanitised",
        "content_hash",
        "minhash",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["outlet", "near_duplicate_of"]


@admin.register(IngestionJob)
class IngestionJobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "kind",
        "status",
        "step",
        "progress",
        "source",
        "created_by",
        "created_at",
    ]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["source", "error"]
    raw_id_fields = ["parent", "feed", "article", "created_by"]
    readonly_fields = [
        "payload",
        "timings",
        "counts",
        "attempts",
        "created_at",
        "started_at",
        "finished_at",
    ]
    list_select_related = ["created_by"]
