"""Follows and alerts: who follows what, which new statements each user is told about,
and the e-mail digest. Alerts are made once per (user, statement, kind): the unique
constraint enforces it, so computing alerts for the same statements twice is harmless."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.roles import ROLE_GROUPS
from positions import timeline
from positions.models import Actor, Statement, Topic

from .models import Alert, AlertSettings, Follow

logger = logging.getLogger(__name__)

DIGEST_MAX_ALERTS = 200


# ---------------------------------------------------------------------------------------
# Follows
# ---------------------------------------------------------------------------------------


def _target(*, actor: Actor | None, topic: Topic | None, query: str) -> dict:
    query = (query or "").strip().lstrip("?")
    given = [actor is not None, topic is not None, bool(query)]
    if sum(given) != 1:
        raise ValueError("Follow exactly one of: an actor, a topic or a saved search.")
    return {"actor": actor, "topic": topic, "query": query}


def follow_create(
    *,
    user,
    actor: Actor | None = None,
    topic: Topic | None = None,
    query: str = "",
    label: str = "",
) -> Follow:
    target = _target(actor=actor, topic=topic, query=query)
    follow, _ = Follow.objects.get_or_create(user=user, **target, defaults={"label": label[:200]})
    return follow


def follow_delete(
    *, user, actor: Actor | None = None, topic: Topic | None = None, query: str = ""
) -> bool:
    target = _target(actor=actor, topic=topic, query=query)
    deleted, _ = Follow.objects.filter(user=user, **target).delete()
    return deleted > 0


def is_following(
    *, user, actor: Actor | None = None, topic: Topic | None = None, query: str = ""
) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        target = _target(actor=actor, topic=topic, query=query)
    except ValueError:
        return False
    return Follow.objects.filter(user=user, **target).exists()


# ---------------------------------------------------------------------------------------
# Computing alerts
# ---------------------------------------------------------------------------------------


def _analyst_follows():
    """Follows of active users who still hold a role (alerts are for analysts and up)."""
    return Follow.objects.filter(user__is_active=True).filter(
        Q(user__is_superuser=True) | Q(user__groups__name__in=ROLE_GROUPS)
    )


def _saved_search_matches(query: str, ids: list[int]) -> set[int]:
    from api.queries import filtered_statements  # the same filters as search and exports

    qs = filtered_statements(QueryDict(query)).filter(pk__in=ids)
    return set(qs.order_by().values_list("pk", flat=True))


def _shifts_ending_at(statements: list[Statement]) -> dict[int, int]:
    """{statement id: id of the statement before the shift} for the statements that
    change their actor's derived position on their topic. One query."""
    ids = {s.pk for s in statements}
    pairs = {(s.actor_id, s.topic_id) for s in statements if s.actor_id and s.topic_id}
    if not pairs:
        return {}
    rows = (
        Statement.objects.counted()
        .with_stance()
        .filter(
            actor_id__in={a for a, _ in pairs},
            topic_id__in={t for _, t in pairs},
            statement_date__isnull=False,
        )
        .order_by()
        .values_list("actor_id", "topic_id", "id", "statement_date", "stance", "stance_score")
    )
    points: dict[tuple[int, int], list[timeline.Point]] = defaultdict(list)
    for actor_id, topic_id, pk, date, stance, score in rows:
        if (actor_id, topic_id) in pairs:
            points[(actor_id, topic_id)].append(timeline.Point(pk, date, stance, score))
    found = {}
    for (actor_id, _topic_id), history in points.items():
        for shift in timeline.detect_shifts(history, actor_id=actor_id):
            if shift.after_statement_id in ids:
                found[shift.after_statement_id] = shift.before_statement_id
    return found


def alerts_compute(*, statement_ids: Iterable[int]) -> int:
    """Make the alerts for new statements: a `new_statement` alert for every user who
    follows the statement's actor or topic or a saved search it matches, and a `shift`
    alert when the statement changes its actor's position. Returns how many alerts were
    made; running it again for the same statements makes none."""
    ids = sorted({int(i) for i in statement_ids})
    if not ids:
        return 0
    statements = list(
        Statement.objects.counted()
        .with_stance()
        .filter(pk__in=ids)
        .only("id", "actor_id", "topic_id", "statement_date")
    )
    if not statements:
        return 0
    found_ids = [s.pk for s in statements]
    actor_ids = {s.actor_id for s in statements if s.actor_id}
    topic_ids = {s.topic_id for s in statements if s.topic_id}
    follows = (
        _analyst_follows()
        .filter(Q(actor_id__in=actor_ids) | Q(topic_id__in=topic_ids) | ~Q(query=""))
        .distinct()
        .order_by("id")
    )
    # user id -> statement id -> reason (the first follow that matched)
    matched: dict[int, dict[int, str]] = defaultdict(dict)
    search_cache: dict[str, set[int]] = {}
    for follow in follows:
        if follow.actor_id:
            hits = [s.pk for s in statements if s.actor_id == follow.actor_id]
            reason = "actor"
        elif follow.topic_id:
            hits = [s.pk for s in statements if s.topic_id == follow.topic_id]
            reason = "topic"
        else:
            if follow.query not in search_cache:
                search_cache[follow.query] = _saved_search_matches(follow.query, found_ids)
            hits = sorted(search_cache[follow.query])
            reason = "search"
        for pk in hits:
            matched[follow.user_id].setdefault(pk, reason)
    if not matched:
        return 0

    shift_before = _shifts_ending_at(statements)
    alerts = []
    for user_id, by_statement in matched.items():
        for pk, reason in by_statement.items():
            alerts.append(
                Alert(
                    user_id=user_id, statement_id=pk, kind=Alert.Kind.NEW_STATEMENT, reason=reason
                )
            )
            if pk in shift_before:
                alerts.append(
                    Alert(
                        user_id=user_id,
                        statement_id=pk,
                        kind=Alert.Kind.SHIFT,
                        before_statement_id=shift_before[pk],
                        reason=reason,
                    )
                )
    before = Alert.objects.filter(statement_id__in=found_ids).count()
    Alert.objects.bulk_create(alerts, ignore_conflicts=True, batch_size=1000)
    made = Alert.objects.filter(statement_id__in=found_ids).count() - before
    logger.info("alerts: %s new for %s statements", made, len(found_ids))
    return made


def alerts_enqueue(*, statement_ids: Iterable[int]) -> None:
    """Ask the worker to compute alerts for these statements once the current transaction
    commits (the ingestion pipeline calls this after it saved new statements)."""
    from .tasks import compute_alerts

    ids = sorted({int(i) for i in statement_ids})
    if ids:
        transaction.on_commit(lambda: compute_alerts.delay(ids))


# ---------------------------------------------------------------------------------------
# Reading alerts
# ---------------------------------------------------------------------------------------


def alerts_for(user):
    """A user's alerts, newest first, with what the pages show joined in."""
    return (
        Alert.objects.filter(user=user)
        .select_related(
            "statement__actor",
            "statement__topic",
            "statement__article__outlet",
            "before_statement",
        )
        .defer(
            "statement__article__text",
            "statement__article__raw_sanitised",
            "statement__article__minhash",
        )
        .order_by("-created_at", "-id")
    )


def alerts_mark_read(*, user) -> int:
    return Alert.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def alert_settings_for(user) -> AlertSettings:
    settings_row, _ = AlertSettings.objects.get_or_create(user=user)
    return settings_row


def feed_token_reset(*, user) -> AlertSettings:
    from .models import _new_feed_token

    row = alert_settings_for(user)
    row.feed_token = _new_feed_token()
    row.save(update_fields=["feed_token"])
    return row


def user_for_feed_token(token: str):
    """The user a private feed token belongs to, if still active with a role; else None."""
    from accounts.roles import Role, has_role

    row = AlertSettings.objects.select_related("user").filter(feed_token=token).first()
    if row is None or not has_role(row.user, Role.ANALYST):
        return None
    return row.user


# ---------------------------------------------------------------------------------------
# E-mail digest
# ---------------------------------------------------------------------------------------


def digest_send(*, user) -> int:
    """Mail `user` the alerts not mailed yet. The alerts are claimed first with a
    conditional UPDATE, so two digest runs never mail the same alert; if sending fails
    the claim is released. Returns the number of alerts mailed."""
    if not user.email:
        return 0
    now = timezone.now()
    ids = list(
        Alert.objects.filter(user=user, emailed_at__isnull=True)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:DIGEST_MAX_ALERTS]
    )
    if not ids:
        return 0
    claimed = Alert.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    if not claimed:
        return 0
    alerts = list(alerts_for(user).filter(pk__in=ids, emailed_at=now))
    context = {"user": user, "alerts": alerts, "site_url": getattr(settings, "SITE_URL", "")}
    try:
        send_mail(
            subject=f"Stance Tracker: {len(alerts)} new alert{'s' if len(alerts) != 1 else ''}",
            message=render_to_string("alerts/digest_email.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception:
        Alert.objects.filter(pk__in=ids, emailed_at=now).update(emailed_at=None)
        raise
    AlertSettings.objects.filter(user=user).update(last_digest_at=now)
    return len(alerts)


def digests_send() -> int:
    """Send every due digest; returns the number of e-mails sent."""
    User = get_user_model()
    opted_out = AlertSettings.objects.filter(email_digest=False).values("user_id")
    users = (
        User.objects.filter(is_active=True, alerts__emailed_at__isnull=True)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .distinct()
    )
    sent = 0
    for user in users:
        try:
            sent += digest_send(user=user) > 0
        except Exception:
            logger.exception("digest for user %s failed", user.pk)
    return sent
