"""Celery tasks of the positions app: thin wrappers around one service each."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import IntegrityError

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def retrain_stance_models(**_kwargs) -> dict[str, str]:
    """Beat runs this hourly; a topic whose editor labels did not change is skipped."""
    results = services.stance_models_train()
    summary = {r.topic: f"{r.status} (v{r.version}, {r.labels} labels)" for r in results}
    for topic, line in summary.items():
        logger.info("Stance model %s: %s", topic, line)
    return summary


@shared_task(
    acks_late=True,
    autoretry_for=(IntegrityError,),
    retry_backoff=True,
    max_retries=3,
)
def refresh_summaries(pairs: list[list[int]], **_kwargs) -> int:
    """Recompute the stored summaries and shifts of these (actor_id, topic_id) pairs.
    Idempotent: a refresh that raced another one for a new pair (unique summary) retries."""
    return services.summaries_refresh(pairs=[tuple(p) for p in pairs])
