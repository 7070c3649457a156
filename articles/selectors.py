"""Reads for the ingestion screens."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Feed, IngestionJob


def job_list(*, status: str = "", kind: str = "") -> QuerySet[IngestionJob]:
    return (
        IngestionJob.objects.with_status(status)
        .of_kind(kind)
        .select_related("created_by", "article", "parent", "feed")
        .defer("payload", "article__text", "article__raw_sanitised", "article__minhash")
    )


def job_detail_queryset() -> QuerySet[IngestionJob]:
    return IngestionJob.objects.select_related("created_by", "article", "parent", "feed").defer(
        "payload", "article__raw_sanitised", "article__minhash"
    )


def job_children(*, job: IngestionJob) -> QuerySet[IngestionJob]:
    return (
        job.children.select_related("article")
        .defer("payload", "article__text", "article__raw_sanitised", "article__minhash")
        .order_by("pk")
    )


def job_statements(*, job: IngestionJob):
    if job.article_id is None:
        return []
    return job.article.statements.select_related("actor", "topic").order_by("start")[:200]


def feed_list() -> QuerySet[Feed]:
    return Feed.objects.select_related("outlet", "created_by").order_by("title", "url")
