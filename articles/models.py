from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    is_active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=60)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    entries_seen = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval_minutes__gte=5), name="feed_poll_interval_at_least_5"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Article(models.Model):
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    published_date = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=12, blank=True)
    # The text every statement's span points into. Never rewritten once statements exist.
    text = models.TextField()
    # The input as received, sanitised with nh3: kept for the record, never rendered raw.
    raw_sanitised = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, unique=True)
    # Near-duplicates (the same wire story in two outlets) point at the first copy so
    # timelines do not count a statement twice.
    near_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="near_duplicates"
    )
    minhash = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~Q(canonical_url=""),
                name="article_unique_canonical_url",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class IngestionJobQuerySet(models.QuerySet):
    def with_status(self, status: str):
        return self.filter(status=status) if status else self

    def of_kind(self, kind: str):
        return self.filter(kind=kind) if kind else self

    def unfinished(self):
        return self.exclude(status__in=IngestionJob.FINISHED)


class IngestionJob(models.Model):
    class Kind(models.TextChoices):
        URL = "url", "URL"
        TEXT = "text", "Pasted text"
        HTML = "html", "Pasted HTML"
        FILE = "file", "Uploaded file"
        FEED = "feed", "Feed poll"
        BATCH = "batch", "Batch"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        DUPLICATE = "duplicate", "Duplicate"

    FINISHED = (Status.SUCCEEDED, Status.FAILED, Status.DUPLICATE)

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    # What came in: a URL, a file name, or a short description for pasted input.
    source = models.CharField(max_length=2000, blank=True)
    # The pasted or uploaded bytes (capped by INGEST_MAX_BYTES before they get here).
    payload = models.BinaryField(blank=True, default=b"")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    step = models.CharField(max_length=40, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    counts = models.JSONField(default=dict, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = IngestionJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_le_100"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} job {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_batch(self) -> bool:
        return self.kind == self.Kind.BATCH

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED


class FeedEntry(models.Model):
    """An entry a feed has listed, so each one becomes a job once, however often it is polled."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    # sha256 of the entry's id (or link when it has none): ids can be longer than an index allows.
    key = models.CharField(max_length=64)
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    job = models.ForeignKey(
        "IngestionJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "feed entries"
        constraints = [
            models.UniqueConstraint(fields=["feed", "key"], name="feed_entry_unique_key"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class MinHashBand(models.Model):
    """One locality-sensitive-hashing band of an article's MinHash signature.

    Articles sharing a band are near-duplicate candidates; only those are compared, so
    finding near-duplicates does not read every article.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="minhash_bands")
    key = models.CharField(max_length=24, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="minhash_band_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.key}"
