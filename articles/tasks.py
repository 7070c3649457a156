"""Celery tasks: thin wrappers that fetch by id and call one service.

Tasks take ids (JSON-serialisable) and accept unknown keyword arguments, so a message
queued by an older or newer deploy still runs.
"""

from __future__ import annotations

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=None)
def ingest_job(self, job_id: int, **_kwargs) -> None:
    """Run one ingestion job; retry transient trouble with backoff, a bounded number of
    times; fail the job with the last reason when the retries are used up."""
    try:
        services.job_run(job_id=job_id)
    except services.TRANSIENT_ERRORS as exc:
        retries = self.request.retries
        if retries >= services.max_retries():
            services.job_fail(job_id=job_id, error=f"{exc} Gave up after {retries + 1} tries.")
            return
        countdown = services.retry_delay(retries, getattr(exc, "retry_after", None))
        logger.info("Job %s: %s; retrying in %.0f s", job_id, exc, countdown)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(acks_late=True)
def poll_due_feeds(**_kwargs) -> int:
    """Celery beat calls this every minute; it queues a poll for each feed that is due."""
    return len(services.feeds_poll_due())
