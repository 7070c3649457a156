"""Writes for ingestion: creating jobs, running them, feeds. Views, tasks and the
`ingest` command call these, never the ORM directly.

A job runs through steps (fetch, extract, dedupe, store, statements); each step's name,
progress and duration are saved on the job as it goes, so the job page can show them
live. A job is claimed with a conditional UPDATE before it runs, so a task delivered
twice (late acks put a task back when its worker dies) runs it once. Re-running a job
never makes a second Article: an article that exists is found again as a duplicate.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from alerts.services import alerts_enqueue
from positions import services as positions_services

from . import dedupe, fetching
from .extraction import Extracted, ExtractionError, extract_html, extract_text
from .feeds import FeedError, parse_feed
from .models import Article, Feed, FeedEntry, IngestionJob, MinHashBand, Outlet

logger = logging.getLogger(__name__)

Kind = IngestionJob.Kind
Status = IngestionJob.Status

# Trouble that may pass: the network, the remote server, the database connection.
TRANSIENT_ERRORS = (fetching.TransientFetchError, OperationalError, InterfaceError)

# Where the progress bar stands when a step starts.
STEP_PROGRESS = {"fetch": 5, "extract": 30, "dedupe": 50, "store": 60, "statements": 70}
FILE_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_retries() -> int:
    return _setting("INGEST_MAX_RETRIES", 4)


def retry_delay(retries: int, retry_after: float | None = None) -> float:
    """Seconds before attempt `retries + 1`: exponential, with jitter so that jobs that
    failed together do not all come back together; at least what Retry-After asked."""
    base = min(_setting("INGEST_RETRY_BACKOFF_MAX", 600), 10 * 2**retries)
    delay = base / 2 + random.uniform(0, base / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, 3600))
    return delay


# --- Creating jobs --------------------------------------------------------------------


def job_create(
    *,
    kind: str,
    source: str,
    payload: bytes = b"",
    user=None,
    parent: IngestionJob | None = None,
    feed: Feed | None = None,
    size: int | None = None,
) -> IngestionJob:
    """A queued job; input over the size limit makes a job that has already failed.

    `size` is the input's real size when the caller read only the first bytes of it.
    """
    limit = settings.INGEST_MAX_BYTES
    size = max(len(payload), size or 0)
    job = IngestionJob(kind=kind, source=source[:2000], created_by=user, parent=parent, feed=feed)
    if size > limit:
        job.status = Status.FAILED
        job.progress = 100
        job.finished_at = timezone.now()
        job.error = (
            f"The input is {size / 1048576:.1f} MB, over the "
            f"{limit / 1048576:.1f} MB limit; it was not stored."
        )
    else:
        job.payload = payload
    job.save()
    return job


def job_create_url(*, url: str, user=None, parent=None, feed=None) -> IngestionJob:
    return job_create(kind=Kind.URL, source=url.strip(), user=user, parent=parent, feed=feed)


def job_create_text(*, text: str, user=None, parent=None) -> IngestionJob:
    return job_create(
        kind=Kind.TEXT, source="pasted text", payload=text.encode("utf-8"), user=user, parent=parent
    )


def job_create_html(*, html: str, user=None, parent=None) -> IngestionJob:
    return job_create(
        kind=Kind.HTML, source="pasted HTML", payload=html.encode("utf-8"), user=user, parent=parent
    )


def job_create_file(
    *, name: str, data: bytes, user=None, parent=None, size: int | None = None
) -> IngestionJob:
    return job_create(
        kind=Kind.FILE, source=name, payload=data, user=user, parent=parent, size=size
    )


def batch_create(*, source: str, user=None) -> IngestionJob:
    return job_create(kind=Kind.BATCH, source=source, user=user)


def job_enqueue(*, job: IngestionJob) -> None:
    """Send the job to the worker once the transaction that created it has committed
    (before that, the worker could not see the row)."""
    if job.is_finished or job.is_batch:
        return
    from .tasks import ingest_job

    job_id = job.pk
    transaction.on_commit(lambda: ingest_job.delay(job_id))


def batch_enqueue(*, batch: IngestionJob) -> None:
    for child in batch.children.all():
        job_enqueue(job=child)
    batch_refresh(batch_id=batch.pk)


@dataclass
class ZipMember:
    name: str
    data: bytes


def zip_members(path_or_file) -> list[ZipMember]:
    """The .html/.htm/.txt files inside a zip, refusing zip bombs.

    The sizes a zip declares can lie, so each member is read with a bound and the real
    total is what counts.
    """
    max_files = _setting("INGEST_ZIP_MAX_FILES", 1000)
    max_total = _setting("INGEST_ZIP_MAX_BYTES", 100 * 1024 * 1024)
    max_member = settings.INGEST_MAX_BYTES
    try:
        archive = zipfile.ZipFile(path_or_file)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExtractionError(f"This is not a readable zip file ({exc}).") from exc
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > max_files:
            raise ExtractionError(
                f"The zip holds {len(infos):,} files, more than the {max_files:,} accepted."
            )
        members, total = [], 0
        for info in infos:
            name = PurePosixPath(info.filename)
            if name.suffix.lower() not in FILE_EXTENSIONS or name.name.startswith("."):
                continue
            if "__MACOSX" in name.parts:
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(max_member + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise ExtractionError(
                    f"{info.filename} in the zip cannot be read ({exc})."
                ) from exc
            if len(data) > max_member:
                raise ExtractionError(
                    f"{info.filename} in the zip unpacks to more than the "
                    f"{max_member / 1048576:.1f} MB limit for one file (a zip bomb?)."
                )
            total += len(data)
            if total > max_total:
                raise ExtractionError(
                    f"The zip unpacks to more than {max_total / 1048576:.1f} MB in all "
                    "(a zip bomb?); nothing was imported."
                )
            members.append(ZipMember(name=info.filename, data=data))
    return members


@transaction.atomic
def batch_create_from_files(*, source: str, files: list[tuple[str, bytes]], user=None):
    batch = batch_create(source=source, user=user)
    for name, data in files:
        job_create_file(name=name, data=data, user=user, parent=batch)
    batch_refresh(batch_id=batch.pk)
    return batch


@transaction.atomic
def batch_create_from_zip(*, path_or_file, source: str, user=None) -> IngestionJob:
    """A batch of one job per file in the zip, or a failed batch saying why not."""
    try:
        members = zip_members(path_or_file)
    except ExtractionError as exc:
        batch = batch_create(source=source, user=user)
        _finish(batch, status=Status.FAILED, error=str(exc))
        return batch
    return batch_create_from_files(
        source=source, files=[(m.name, m.data) for m in members], user=user
    )


# --- Running jobs ---------------------------------------------------------------------


def job_claim(*, job_id: int) -> IngestionJob | None:
    """Mark the job running if nobody else is running it; None if it is gone, finished
    or taken. A running job whose worker died long ago may be claimed again."""
    now = timezone.now()
    stale = now - dt.timedelta(seconds=_setting("CELERY_TASK_TIME_LIMIT", 300) + 60)
    claimed = (
        IngestionJob.objects.filter(pk=job_id)
        .exclude(kind=Kind.BATCH)
        .filter(Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=stale))
        .update(status=Status.RUNNING, started_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    job = IngestionJob.objects.select_related("feed", "article", "parent").get(pk=job_id)
    if job.parent_id:
        batch_refresh(batch_id=job.parent_id)
    return job


class _StepFailed(Exception):
    """A step failed for a reason the person can act on; the job fails with it."""


@contextmanager
def _step(job: IngestionJob, name: str) -> Iterator[None]:
    job.step = name
    job.progress = STEP_PROGRESS.get(name, job.progress)
    job.save(update_fields=["step", "progress"])
    started = time.monotonic()
    try:
        yield
    finally:
        job.timings = {**job.timings, name: round(time.monotonic() - started, 3)}
        job.save(update_fields=["timings"])


def _finish(job: IngestionJob, *, status: str, error: str = "", article=None) -> IngestionJob:
    job.status = status
    job.error = error
    job.progress = 100
    job.finished_at = timezone.now()
    if article is not None:
        job.article = article
    if status != Status.FAILED:
        job.payload = b""  # the article keeps what matters; a failed job keeps it for Retry
    job.save(update_fields=["status", "error", "progress", "finished_at", "article", "payload"])
    if job.parent_id:
        batch_refresh(batch_id=job.parent_id)
    return job


def job_run(*, job_id: int) -> IngestionJob | None:
    """Run one job to its end. Returns None if there was nothing to run.

    Bad input fails the job at once. Transient trouble (network, 5xx, 429, database)
    puts the job back in the queue and re-raises, so the caller can retry it later.
    """
    job = job_claim(job_id=job_id)
    if job is None:
        return None
    try:
        if job.kind == Kind.FEED:
            _run_feed_poll(job)
        else:
            _run_article(job)
    except (fetching.PermanentFetchError, ExtractionError, FeedError, _StepFailed) as exc:
        return _finish(job, status=Status.FAILED, error=str(exc))
    except TRANSIENT_ERRORS as exc:
        _release(job, error=str(exc))
        raise
    except SoftTimeLimitExceeded:
        return _finish(job, status=Status.FAILED, error=f"The {job.step} step took too long.")
    except Exception as exc:
        if not IngestionJob.objects.filter(pk=job.pk).exists():
            return None  # deleted while it ran; nothing left to report to
        # A bug, not the input's fault; keep the worker going and say where to look.
        logger.exception("Ingestion job %s failed unexpectedly", job.pk)
        return _finish(
            job,
            status=Status.FAILED,
            error=f"Unexpected error in the {job.step or 'first'} step ({type(exc).__name__}: "
            f"{exc}). This is a bug; the worker log has the details.",
        )
    return job


def _release(job: IngestionJob, *, error: str) -> None:
    try:
        IngestionJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
            status=Status.QUEUED, error=f"{error} Will try again."
        )
    except (OperationalError, InterfaceError):
        # The retry will find the job still "running" and claim it once it is stale.
        logger.warning("Could not put job %s back in the queue", job.pk, exc_info=True)


def job_fail(*, job_id: int, error: str) -> IngestionJob | None:
    """Fail a job that transient trouble kept from finishing (retries are used up)."""
    job = IngestionJob.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return job
    if job.kind == Kind.FEED and job.feed_id:
        Feed.objects.filter(pk=job.feed_id).update(last_error=error)
    return _finish(job, status=Status.FAILED, error=error)


def job_run_inline(*, job_id: int, sleep=time.sleep) -> IngestionJob | None:
    """Run a job in this process, retrying transient trouble as the worker would.
    For the `ingest` command when there is no broker."""
    retries = 0
    while True:
        try:
            return job_run(job_id=job_id)
        except TRANSIENT_ERRORS as exc:
            if retries >= max_retries():
                return job_fail(job_id=job_id, error=f"{exc} Gave up after {retries + 1} tries.")
            sleep(min(retry_delay(retries, getattr(exc, "retry_after", None)), 30))
            retries += 1


def _job_input(job: IngestionJob) -> tuple[bytes, str, str | None, str]:
    """(bytes, "html" or "text", declared charset, URL) for the job's input."""
    payload = bytes(job.payload)
    if job.kind == Kind.URL:
        result = fetching.fetch(job.source)
        kind = "text" if result.content_type == "text/plain" else "html"
        return result.body, kind, result.charset, result.url
    if job.kind == Kind.TEXT:
        return payload, "text", "utf-8", ""
    if job.kind == Kind.HTML:
        # Pasted into a form, so it reached us as UTF-8 whatever its <meta> claims.
        return payload, "html", "utf-8", ""
    if job.kind == Kind.FILE:
        suffix = PurePosixPath(job.source).suffix.lower()
        if suffix not in FILE_EXTENSIONS:
            raise _StepFailed(
                f"{job.source!r} is not an .html, .htm or .txt file, so it was not read."
            )
        return payload, FILE_EXTENSIONS[suffix], None, ""
    raise _StepFailed(f"A {job.get_kind_display()} job has no input to read.")


def _run_article(job: IngestionJob) -> None:
    article = job.article
    if article is None and job.kind == Kind.URL:
        # Feeds list the same story for days; do not fetch what we already have.
        known = dedupe.canonicalise_url(job.source)
        existing = Article.objects.filter(canonical_url=known).first() if known else None
        if existing is not None:
            _finish(
                job,
                status=Status.DUPLICATE,
                article=existing,
                error=f"Already ingested as article {existing.pk} ({existing}).",
            )
            return
    if article is None:
        with _step(job, "fetch"):
            data, kind, charset, url = _job_input(job)
            job.counts = {**job.counts, "bytes": len(data)}
        with _step(job, "extract"):
            if kind == "html":
                extracted = extract_html(data, declared_charset=charset, url=url)
            else:
                extracted = extract_text(data, declared_charset=charset)
            if url and not extracted.url:
                extracted.url = url
                extracted.canonical_url = extracted.canonical_url or url
        with _step(job, "dedupe"):
            canonical = dedupe.canonicalise_url(extracted.canonical_url or extracted.url)
            content_hash = dedupe.text_hash(extracted.text)
            existing = article_find_duplicate(canonical_url=canonical, content_hash=content_hash)
        if existing is not None:
            _finish(
                job,
                status=Status.DUPLICATE,
                article=existing,
                error=f"Already ingested as article {existing.pk} ({existing}).",
            )
            return
        with _step(job, "store"):
            article, created = article_create(
                extracted=extracted, canonical_url=canonical, content_hash=content_hash
            )
        if not created:
            _finish(
                job,
                status=Status.DUPLICATE,
                article=article,
                error=f"Already ingested as article {article.pk} ({article}).",
            )
            return
        job.article = article
        job.save(update_fields=["article"])
    with _step(job, "statements"):
        try:
            statements = positions_services.extract_statements(article=article)
        except Exception as exc:
            logger.exception("Statement extraction failed for article %s", article.pk)
            raise _StepFailed(
                f"The article was stored (article {article.pk}), but finding its statements "
                f"failed: {type(exc).__name__}: {exc}. Retry once the cause is fixed."
            ) from exc
        job.counts = {**job.counts, "statements": len(statements)}
        job.save(update_fields=["counts"])
        # Followers hear of new statements and shifts; alerts are unique per statement,
        # so a re-run job cannot alert twice.
        alerts_enqueue(statement_ids=[statement.pk for statement in statements])
    _finish(job, status=Status.SUCCEEDED, article=article)


# --- Articles ------------------------------------------------------------------------


def article_find_duplicate(*, canonical_url: str, content_hash: str) -> Article | None:
    condition = Q(content_hash=content_hash)
    if canonical_url:
        condition |= Q(canonical_url=canonical_url)
    return Article.objects.filter(condition).order_by("pk").first()


def outlet_for(*, name: str, url: str = "") -> Outlet | None:
    """The outlet called `name` (or, failing a name, named after the URL's host)."""
    domain = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    name = (name or domain).strip()[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet is not None:
        return outlet
    base = slugify(name)[:180] or "outlet"
    slug, n = base, 2
    while Outlet.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    try:
        with transaction.atomic():
            return Outlet.objects.create(name=name, slug=slug, domain=domain[:253])
    except IntegrityError:
        # Another worker created it a moment ago.
        return Outlet.objects.filter(name__iexact=name).first()


def article_create(
    *, extracted: Extracted, canonical_url: str, content_hash: str
) -> tuple[Article, bool]:
    """Store a new article, or return the one the unique constraints say exists."""
    signature = dedupe.minhash(extracted.text)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=extracted.url[:2000],
                canonical_url=canonical_url[:2000],
                outlet=outlet_for(name=extracted.outlet, url=extracted.url),
                title=extracted.title,
                byline=extracted.byline,
                published_date=extracted.published_date,
                language=extracted.language,
                text=extracted.text,
                raw_sanitised=extracted.raw_sanitised,
                content_hash=content_hash,
                minhash=signature,
                near_duplicate_of=article_find_near_duplicate(signature=signature),
            )
            MinHashBand.objects.bulk_create(
                MinHashBand(article=article, key=key) for key in dedupe.band_keys(signature)
            )
    except IntegrityError:
        existing = article_find_duplicate(canonical_url=canonical_url, content_hash=content_hash)
        if existing is None:
            raise
        return existing, False
    return article, True


def article_find_near_duplicate(*, signature: list[int]) -> Article | None:
    """The first stored copy of an article this signature nearly matches (≥ 0.9)."""
    keys = dedupe.band_keys(signature)
    if not keys:
        return None
    candidate_ids = set(
        MinHashBand.objects.filter(key__in=keys).values_list("article_id", flat=True)[:500]
    )
    best, best_score = None, dedupe.NEAR_DUPLICATE_THRESHOLD
    for candidate in Article.objects.filter(pk__in=candidate_ids).only(
        "pk", "minhash", "near_duplicate_of"
    ):
        score = dedupe.similarity(signature, candidate.minhash)
        if score >= best_score and (best is None or score > best_score or candidate.pk < best.pk):
            best, best_score = candidate, score
    if best is None:
        return None
    # Point at the original, not at another copy, so copies form a star, not a chain.
    return best.near_duplicate_of or best


# --- Batches ---------------------------------------------------------------------------


def batch_refresh(*, batch_id: int) -> None:
    """Recompute a batch's progress and status from its children.

    The batch row is locked first so that children finishing at the same moment update
    it one after the other, each seeing the others' results.
    """
    with transaction.atomic():
        batch = (
            IngestionJob.objects.select_for_update().filter(pk=batch_id, kind=Kind.BATCH).first()
        )
        if batch is None:
            return
        totals = batch.children.aggregate(
            total=Count("id"),
            progress=Sum("progress"),
            queued=Count("id", filter=Q(status=Status.QUEUED)),
            running=Count("id", filter=Q(status=Status.RUNNING)),
            succeeded=Count("id", filter=Q(status=Status.SUCCEEDED)),
            failed=Count("id", filter=Q(status=Status.FAILED)),
            duplicate=Count("id", filter=Q(status=Status.DUPLICATE)),
        )
        total = totals.pop("total")
        batch.counts = {"total": total, **{k: v for k, v in totals.items() if k != "progress"}}
        if total == 0:
            if batch.status != Status.FAILED:
                batch.status, batch.progress = Status.FAILED, 100
                batch.error = batch.error or "The batch has no .html, .htm or .txt files."
                batch.finished_at = timezone.now()
        else:
            batch.progress = min(100, (totals["progress"] or 0) // total)
            finished = totals["succeeded"] + totals["failed"] + totals["duplicate"]
            if finished == total:
                batch.status = Status.FAILED if totals["failed"] else Status.SUCCEEDED
                batch.error = (
                    f"{totals['failed']} of {total} jobs failed; open them to see why."
                    if totals["failed"]
                    else ""
                )
                batch.finished_at = batch.finished_at or timezone.now()
            else:
                started = totals["queued"] < total
                batch.status = Status.RUNNING if started else Status.QUEUED
                batch.error = ""
                batch.finished_at = None
                batch.started_at = batch.started_at or (timezone.now() if started else None)
        batch.save(
            update_fields=["counts", "progress", "status", "error", "finished_at", "started_at"]
        )


# --- Retry ------------------------------------------------------------------------------


@transaction.atomic
def job_retry(*, job: IngestionJob, user=None) -> IngestionJob:
    """Queue a failed job again (for a batch: its failed jobs). The article, if the job
    got as far as storing one, is kept and only the later steps run again."""
    if job.status != Status.FAILED:
        raise ValueError("Only a failed job can be retried.")
    if job.is_batch:
        for child in job.children.filter(status=Status.FAILED):
            job_retry(job=child, user=user)
        batch_refresh(batch_id=job.pk)
        job.refresh_from_db()
        return job
    reset = IngestionJob.objects.filter(pk=job.pk, status=Status.FAILED).update(
        status=Status.QUEUED, error="", progress=0, step="", finished_at=None, timings={}
    )
    job.refresh_from_db()
    if reset:
        job_enqueue(job=job)
        if job.parent_id:
            batch_refresh(batch_id=job.parent_id)
    return job


# --- Feeds -----------------------------------------------------------------------------


def feed_create(*, url: str, user=None, poll_interval_minutes: int = 60, title: str = "") -> Feed:
    return Feed.objects.create(
        url=url.strip(),
        title=title,
        poll_interval_minutes=max(5, poll_interval_minutes),
        created_by=user,
        next_poll_at=timezone.now(),
    )


def feed_pause(*, feed: Feed) -> Feed:
    feed.is_active = False
    feed.save(update_fields=["is_active"])
    return feed


def feed_resume(*, feed: Feed) -> Feed:
    feed.is_active = True
    feed.next_poll_at = timezone.now()
    feed.save(update_fields=["is_active", "next_poll_at"])
    return feed


def feed_poll_job_create(*, feed: Feed, user=None) -> IngestionJob:
    """A feed-poll job for `feed`; the next scheduled poll moves a full interval on."""
    Feed.objects.filter(pk=feed.pk).update(
        next_poll_at=timezone.now() + dt.timedelta(minutes=feed.poll_interval_minutes)
    )
    return job_create(kind=Kind.FEED, source=feed.url, feed=feed, user=user)


def feed_poll_now(*, feed: Feed, user=None) -> IngestionJob:
    """A feed-poll job for `feed`, queued after commit."""
    job = feed_poll_job_create(feed=feed, user=user)
    job_enqueue(job=job)
    return job


def feeds_poll_due(*, now: dt.datetime | None = None) -> list[IngestionJob]:
    """Queue a poll for every active feed whose time has come.

    Each feed is claimed by moving its next_poll_at forward with a conditional UPDATE,
    so two beat ticks (or two beat processes) cannot poll it twice.
    """
    now = now or timezone.now()
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    jobs = []
    for feed in Feed.objects.filter(due, is_active=True).order_by("next_poll_at", "pk"):
        next_poll = now + dt.timedelta(minutes=feed.poll_interval_minutes)
        with transaction.atomic():
            claimed = Feed.objects.filter(due, pk=feed.pk, is_active=True).update(
                next_poll_at=next_poll
            )
            if claimed:
                job = job_create(kind=Kind.FEED, source=feed.url, feed=feed)
                job_enqueue(job=job)
                jobs.append(job)
    return jobs


def _run_feed_poll(job: IngestionJob) -> None:
    feed = job.feed
    if feed is None:
        raise _StepFailed("The feed this poll belongs to was deleted.")
    try:
        with _step(job, "fetch"):
            result = fetching.fetch(
                feed.url,
                accept=fetching.FEED_TYPES,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
        now = timezone.now()
        if result.not_modified:
            Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error="")
            job.counts = {"entries": 0, "new": 0, "not_modified": True}
            job.save(update_fields=["counts"])
            _finish(job, status=Status.SUCCEEDED)
            return
        with _step(job, "parse"):
            parsed = parse_feed(result.body, max_entries=_setting("INGEST_FEED_MAX_ENTRIES", 1000))
        with _step(job, "enqueue"):
            new = _feed_enqueue_entries(job=job, feed=feed, items=parsed.items)
    except (fetching.FetchError, FeedError, _StepFailed) as exc:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=timezone.now(), last_error=str(exc))
        raise
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now,
        last_error="",
        etag=result.etag[:500],
        last_modified=result.last_modified[:100],
        entries_seen=F("entries_seen") + new,
        title=feed.title or parsed.title,
    )
    job.counts = {"entries": len(parsed.items), "new": new}
    job.save(update_fields=["counts"])
    _finish(job, status=Status.SUCCEEDED)


def _feed_enqueue_entries(*, job: IngestionJob, feed: Feed, items) -> int:
    """One URL job per entry not seen before, at most INGEST_FEED_MAX_NEW per poll (the
    rest are picked up by later polls while the feed still lists them)."""
    limit = _setting("INGEST_FEED_MAX_NEW", 50)
    known = set(
        FeedEntry.objects.filter(feed=feed, key__in=[item.key for item in items]).values_list(
            "key", flat=True
        )
    )
    new = 0
    for item in items:
        if new >= limit:
            break
        if item.key in known:
            continue
        with transaction.atomic():
            entry, created = FeedEntry.objects.get_or_create(
                feed=feed, key=item.key, defaults={"url": item.url, "title": item.title}
            )
            if not created:
                continue
            child = job_create_url(url=item.url, user=job.created_by, parent=job, feed=feed)
            entry.job = child
            entry.save(update_fields=["job"])
            job_enqueue(job=child)
        new += 1
    return new


# --- Uploads ----------------------------------------------------------------------------


def _read_upload(upload) -> tuple[bytes, int]:
    """At most one byte over the limit of an upload (enough to know it is too big)."""
    return upload.read(settings.INGEST_MAX_BYTES + 1), upload.size or 0


@transaction.atomic
def jobs_create_from_uploads(*, uploads: list, user=None) -> IngestionJob:
    """One job for one uploaded file, a batch for several; a .zip is always a batch."""
    if len(uploads) == 1 and not uploads[0].name.lower().endswith(".zip"):
        data, size = _read_upload(uploads[0])
        return job_create_file(name=uploads[0].name, data=data, size=size, user=user)
    batch = batch_create(source=f"{len(uploads)} uploaded files", user=user)
    for upload in uploads:
        if upload.name.lower().endswith(".zip"):
            try:
                members = zip_members(upload)
            except ExtractionError as exc:
                job = job_create_file(name=upload.name, data=b"", user=user, parent=batch)
                _finish(job, status=Status.FAILED, error=str(exc))
                continue
            for member in members:
                job_create_file(
                    name=f"{upload.name}/{member.name}", data=member.data, user=user, parent=batch
                )
        else:
            data, size = _read_upload(upload)
            job_create_file(name=upload.name, data=data, size=size, user=user, parent=batch)
    batch_refresh(batch_id=batch.pk)
    return batch
