"""Stored per-(actor, topic) summaries and shifts, derived from the counted statements with
the pure functions of timeline.py (so the definitions are the same as the live ones).

`summaries_refresh(pairs=...)` recomputes exactly the given (actor_id, topic_id) pairs and is
idempotent; `summaries_rebuild_all()` recomputes everything in one streamed pass (seed_scale,
`manage.py refresh_summaries --all`). Writers call `summaries_refresh_on_commit(pairs)` after
changing counted statements: the Celery task runs once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth

from . import pagecache, timeline
from .models import ActorTopicMonth, ActorTopicSummary, Shift, Statement

logger = logging.getLogger(__name__)

Pair = tuple[int, int]
POSITION_RANK = {p: i for i, p in enumerate(timeline.POSITIONS)}
BATCH = 5000


def _normalise(pairs: Iterable) -> set[Pair]:
    out: set[Pair] = set()
    for pair in pairs or ():
        actor_id, topic_id = pair
        if actor_id is None or topic_id is None:
            continue
        out.add((int(actor_id), int(topic_id)))
    return out


def counted_points() -> object:
    """The statements positions are derived from: counted, stance-taking, dated, with an
    actor and a topic (the same rows as selectors._position_base)."""
    return (
        Statement.objects.counted()
        .with_stance()
        .filter(actor__isnull=False, topic__isnull=False, statement_date__isnull=False)
        .order_by()
    )


def _months(qs) -> list[ActorTopicMonth]:
    """Per (actor, topic, month, stance): counted stance-taking statements, undated ones
    included (month NULL), aggregated in SQL."""
    rows = (
        qs.order_by()
        .annotate(month=TruncMonth("statement_date"))
        .values("actor_id", "topic_id", "month", "stance")
        .annotate(
            n=Count("id"), total=Sum("stance_score"), last_id=Max("id"), last=Max("statement_date")
        )
        .values_list("actor_id", "topic_id", "month", "stance", "n", "total", "last_id", "last")
    )
    return [
        ActorTopicMonth(
            actor_id=actor_id,
            topic_id=topic_id,
            month=month.date() if hasattr(month, "date") and callable(month.date) else month,
            stance=stance,
            statement_count=n,
            score_sum=total or 0.0,
            last_statement_id=last_id,
            last_date=last,
        )
        for actor_id, topic_id, month, stance, n, total, last_id, last in rows
    ]


def counted_statements():
    """What an actor's timeline lists unfiltered: counted, stance-taking, with an actor and
    a topic (dated or not)."""
    return (
        Statement.objects.counted()
        .with_stance()
        .filter(actor__isnull=False, topic__isnull=False)
        .order_by()
    )


def _derive(
    pair: Pair, points: list[timeline.Point]
) -> tuple[ActorTopicSummary | None, list[Shift]]:
    """The summary and shift rows of one pair (unsaved); None when nothing is placeable."""
    actor_id, topic_id = pair
    steps, found = timeline.analyse(points, actor_id=actor_id)
    if not steps:
        return None, []
    mean_at = {step.date: step.mean for step in steps}
    shifts = [
        Shift(
            actor_id=actor_id,
            topic_id=topic_id,
            before_statement_id=s.before_statement_id,
            after_statement_id=s.after_statement_id,
            from_position=s.from_position,
            to_position=s.to_position,
            before_date=s.before_date,
            after_date=s.after_date,
            mean=mean_at.get(s.after_date, 0.0),
        )
        for s in found
    ]
    current = steps[-1]
    dates = [p.date for p in points]
    summary = ActorTopicSummary(
        actor_id=actor_id,
        topic_id=topic_id,
        position=current.position,
        position_score=current.mean,
        position_rank=POSITION_RANK.get(current.position, 9),
        statement_count=len(points),
        first_date=min(dates),
        last_date=max(dates),
        shift_count=len(shifts),
        latest_shift_date=shifts[-1].after_date if shifts else None,
    )
    return summary, shifts


def _save(derived: list[tuple[ActorTopicSummary, list[Shift]]]) -> None:
    """Insert the shifts, then the summaries pointing at each pair's latest shift."""
    all_shifts = [s for _summary, shifts in derived for s in shifts]
    Shift.objects.bulk_create(all_shifts, batch_size=BATCH)
    summaries = []
    for summary, shifts in derived:
        summary.latest_shift_id = shifts[-1].pk if shifts else None
        summaries.append(summary)
    ActorTopicSummary.objects.bulk_create(summaries, batch_size=BATCH)


def summaries_refresh(*, pairs: Iterable) -> int:
    """Recompute the summary and shifts of exactly these (actor_id, topic_id) pairs from
    their counted statements; a pair with no placeable statement loses its rows. Idempotent.
    Returns the number of summaries now stored for the pairs."""
    wanted = _normalise(pairs)
    if not wanted:
        return 0
    actor_ids = {a for a, _t in wanted}
    topic_ids = {t for _a, t in wanted}
    grouped: dict[Pair, list[timeline.Point]] = {pair: [] for pair in wanted}
    rows = (
        counted_points()
        .filter(actor_id__in=actor_ids, topic_id__in=topic_ids)
        .values_list("actor_id", "topic_id", "id", "statement_date", "stance", "stance_score")
    )
    for actor_id, topic_id, statement_id, date, stance, score in rows:
        points = grouped.get((actor_id, topic_id))
        if points is not None:
            points.append(timeline.Point(statement_id, date, stance, score))
    derived = []
    for pair, points in grouped.items():
        summary, shifts = _derive(pair, points)
        if summary is not None:
            derived.append((summary, shifts))
    condition = Q()
    for actor_id, topic_id in wanted:
        condition |= Q(actor_id=actor_id, topic_id=topic_id)
    months = [
        m
        for m in _months(
            counted_statements().filter(actor_id__in=actor_ids, topic_id__in=topic_ids)
        )
        if (m.actor_id, m.topic_id) in wanted
    ]
    with transaction.atomic():
        # Lock the pairs' summaries so two refreshes of the same pair do not interleave.
        list(ActorTopicSummary.objects.select_for_update().filter(condition).values_list("pk"))
        ActorTopicSummary.objects.filter(condition).delete()
        Shift.objects.filter(condition).delete()
        ActorTopicMonth.objects.filter(condition).delete()
        _save(derived)
        ActorTopicMonth.objects.bulk_create(months, batch_size=BATCH)
        pagecache.topics_changed(topic_ids)
    return len(derived)


def _stream_points() -> Iterator[tuple[Pair, list[timeline.Point]]]:
    """Every pair's points, one pair at a time, from one ordered, server-side-cursor query."""
    rows = (
        counted_points()
        .order_by("actor_id", "topic_id")
        .values_list("actor_id", "topic_id", "id", "statement_date", "stance", "stance_score")
        .iterator(chunk_size=20000)
    )
    current: Pair | None = None
    points: list[timeline.Point] = []
    for actor_id, topic_id, statement_id, date, stance, score in rows:
        pair = (actor_id, topic_id)
        if pair != current:
            if current is not None:
                yield current, points
            current, points = pair, []
        points.append(timeline.Point(statement_id, date, stance, score))
    if current is not None:
        yield current, points


def summaries_rebuild_all() -> int:
    """Recompute every summary and shift (one pass over all counted statements). Returns the
    number of summaries stored."""
    derived = []
    for pair, points in _stream_points():
        summary, shifts = _derive(pair, points)
        if summary is not None:
            derived.append((summary, shifts))
    months = _months(counted_statements())
    # TRUNCATE is much faster, but not allowed inside a caller's transaction that already
    # wrote rows referencing these tables (pending deferred-constraint triggers).
    truncate = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if truncate:
            tables = ", ".join(
                connection.ops.quote_name(m._meta.db_table)
                for m in (ActorTopicSummary, Shift, ActorTopicMonth)
            )
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {tables}")
        else:
            ActorTopicSummary.objects.all().delete()
            Shift.objects.all().delete()
            ActorTopicMonth.objects.all().delete()
        _save(derived)
        ActorTopicMonth.objects.bulk_create(months, batch_size=BATCH)
        pagecache.topics_changed(None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (ActorTopicSummary, Shift, ActorTopicMonth):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    logger.info("Rebuilt %d actor/topic summaries", len(derived))
    return len(derived)


def pairs_of(statements: Iterable[Statement]) -> set[Pair]:
    return _normalise((s.actor_id, s.topic_id) for s in statements)


def summaries_refresh_on_commit(pairs: Iterable) -> None:
    """Enqueue the refresh task for `pairs` once the current transaction commits."""
    wanted = sorted(_normalise(pairs))
    if not wanted:
        return

    def enqueue() -> None:
        from .tasks import refresh_summaries

        refresh_summaries.delay([list(p) for p in wanted])

    transaction.on_commit(enqueue)
