"""Thin tasks: take ids, call one service. Safe to run twice (alerts are unique per
user, statement and kind; digests claim their alerts before mailing)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def compute_alerts(statement_ids, **kwargs):
    """Alerts for newly saved statements. Statements deleted meanwhile are skipped."""
    return services.alerts_compute(statement_ids=statement_ids or [])


@shared_task(ignore_result=True)
def send_digests(**kwargs):
    return services.digests_send()
