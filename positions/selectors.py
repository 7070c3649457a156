"""Reads for the analyst pages, the exports and the API: filtered statements, timelines,
shifts, topic overviews and search. Nothing here writes.

Every statement list starts from `Statement.objects.counted()` (not rejected, not a copy in a
near-duplicate article). Queries are a fixed number per call, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Avg, Count, F, Max, Q, QuerySet, Value
from django.db.models.functions import Greatest, Lower, Substr, TruncMonth, TruncWeek
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article

from . import timeline
from .models import Actor, ActorTopicMonth, ActorTopicSummary, Stance, Statement, Topic
from .models import Shift as StoredShift

# ---------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------

# Newest first, undated statements last (PostgreSQL would put NULLs first when descending).
NEWEST_FIRST = (F("statement_date").desc(nulls_last=True), "-id")
SPEECH_CHOICES = (("direct", "Direct quotes"), ("reported", "Reported speech"))
CONFIRMED_STATES = (Statement.ReviewState.CONFIRMED, Statement.ReviewState.CORRECTED)


def _parse_date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _getlist(params: Mapping, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else [value] if value else []
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


@dataclass
class StatementFilters:
    """The GET filters every statement list shares (pages, exports, API).

    Query parameters: ``topic`` (slug), ``actor`` (slug; repeat or comma-separate for several),
    ``stance`` (support/oppose/neutral/unrelated), ``speech`` (direct/reported), ``confirmed``
    (1 = confirmed or corrected by an editor only), ``outlet`` (slug), ``date_from`` and
    ``date_to`` (YYYY-MM-DD, inclusive), ``q`` (text). Bad values are ignored, not errors.
    """

    topic: str = ""
    actors: list[str] = field(default_factory=list)
    stance: str = ""
    speech: str = ""
    confirmed: bool = False
    outlet: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""

    @classmethod
    def from_query(cls, params: Mapping) -> StatementFilters:
        stance = (params.get("stance") or "").strip()
        speech = (params.get("speech") or "").strip()
        return cls(
            topic=(params.get("topic") or "").strip(),
            actors=_getlist(params, "actor")[:20],
            stance=stance if stance in Stance.values else "",
            speech=speech if speech in dict(SPEECH_CHOICES) else "",
            confirmed=(params.get("confirmed") or "").strip().lower() in {"1", "true", "on", "yes"},
            outlet=(params.get("outlet") or "").strip(),
            date_from=_parse_date(params.get("date_from")),
            date_to=_parse_date(params.get("date_to")),
            q=(params.get("q") or "").strip()[:200],
        )

    def as_params(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.topic:
            pairs.append(("topic", self.topic))
        pairs.extend(("actor", slug) for slug in self.actors)
        if self.stance:
            pairs.append(("stance", self.stance))
        if self.speech:
            pairs.append(("speech", self.speech))
        if self.confirmed:
            pairs.append(("confirmed", "1"))
        if self.outlet:
            pairs.append(("outlet", self.outlet))
        if self.date_from:
            pairs.append(("date_from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("date_to", self.date_to.isoformat()))
        if self.q:
            pairs.append(("q", self.q))
        return pairs

    def querystring(self, **extra) -> str:
        pairs = self.as_params() + [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
        return urlencode(pairs)

    def replace(self, **changes) -> StatementFilters:
        return replace(self, **changes)


def statements_filtered(filters: StatementFilters, *, base: QuerySet | None = None) -> QuerySet:
    """Counted statements matching `filters` (except `q`, which search handles), with the
    actor, topic, article and outlet joined. Unrelated statements are left out unless the
    stance filter asks for them. The article's big text columns are deferred."""
    qs = base if base is not None else Statement.objects.all()
    qs = qs.counted().select_related("actor", "topic", "article", "article__outlet")
    qs = qs.defer("article__text", "article__raw_sanitised", "article__minhash")
    qs = qs.filter(stance=filters.stance) if filters.stance else qs.with_stance()
    # Slugs are turned into ids first (one small query each): filtering on a joined slug
    # makes PostgreSQL guess an average actor's or topic's rows, not this one's.
    if filters.topic:
        qs = qs.filter(
            topic_id__in=list(Topic.objects.filter(slug=filters.topic).values_list("pk", flat=True))
        )
    if filters.actors:
        qs = qs.filter(
            actor_id__in=list(
                Actor.objects.filter(slug__in=filters.actors).values_list("pk", flat=True)
            )
        )
    if filters.speech:
        qs = qs.filter(is_direct=filters.speech == "direct")
    if filters.confirmed:
        qs = qs.filter(review_state__in=CONFIRMED_STATES)
    if filters.outlet:
        qs = qs.filter(article__outlet__slug=filters.outlet)
    if filters.date_from:
        qs = qs.filter(statement_date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(statement_date__lte=filters.date_to)
    return qs


# ---------------------------------------------------------------------------------------
# Context sentences, cut from the article text in SQL so the text itself is never loaded
# ---------------------------------------------------------------------------------------

CONTEXT_CHARS = 240
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*")


def with_context(qs: QuerySet, width: int = CONTEXT_CHARS) -> QuerySet:
    """Annotate `ctx_before` / `ctx_after`: up to `width` characters either side of the span."""
    before_from = Greatest(F("start") - width, Value(0))
    return qs.annotate(
        ctx_before=Substr("article__text", before_from + 1, F("start") - before_from),
        ctx_after=Substr("article__text", F("end") + 1, Value(width)),
    )


def attach_context(statements: list[Statement], width: int = CONTEXT_CHARS) -> list[Statement]:
    """Set `ctx_before` / `ctx_after` on a page of statements with one query that reads only
    those articles' text (annotating a whole list would read every article's text)."""
    ids = [s.pk for s in statements]
    if not ids:
        return statements
    rows = with_context(Statement.objects.filter(pk__in=ids), width).values_list(
        "id", "ctx_before", "ctx_after"
    )
    found = {pk: (before, after) for pk, before, after in rows}
    for statement in statements:
        statement.ctx_before, statement.ctx_after = found.get(statement.pk, ("", ""))
    return statements


def context_parts(before: str | None, after: str | None) -> tuple[str, str]:
    """Trim the text around a quote to the sentence it sits in."""
    before = before or ""
    after = after or ""
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    elif len(before) >= CONTEXT_CHARS:
        before = "…" + before.split(" ", 1)[-1]
    match = _SENTENCE_END.search(after)
    if match:
        after = after[: match.start() + 1].rstrip()
    elif len(after) >= CONTEXT_CHARS:
        after = after.rsplit(" ", 1)[0] + "…"
    return before, after


# ---------------------------------------------------------------------------------------
# Points, positions and shifts
# ---------------------------------------------------------------------------------------


def _points_by_key(qs: QuerySet, key: str) -> dict[int, list[timeline.Point]]:
    grouped: dict[int, list[timeline.Point]] = defaultdict(list)
    rows = qs.values_list(key, "id", "statement_date", "stance", "stance_score")
    for group_id, statement_id, date, stance, score in rows.order_by():
        grouped[group_id].append(timeline.Point(statement_id, date, stance, score))
    return grouped


def _position_base(topic: Topic | None = None, actor: Actor | None = None) -> QuerySet:
    qs = (
        Statement.objects.counted()
        .with_stance()
        .filter(actor__isnull=False, topic__isnull=False, statement_date__isnull=False)
    )
    if topic is not None:
        qs = qs.filter(topic=topic)
    if actor is not None:
        qs = qs.filter(actor=actor)
    return qs


@dataclass
class ShiftRow:
    shift: timeline.Shift
    actor: Actor
    topic: Topic
    before: Statement
    after: Statement


def _statements_by_id(ids: Iterable[int]) -> dict[int, Statement]:
    ids = set(ids)
    if not ids:
        return {}
    qs = Statement.objects.filter(pk__in=ids).select_related(
        "actor", "topic", "article", "article__outlet"
    )
    qs = qs.defer("article__text", "article__raw_sanitised", "article__minhash")
    return {s.pk: s for s in qs}


def _shift_rows(found: list[tuple[int, int, timeline.Shift]]) -> list[ShiftRow]:
    """Turn (actor_id, topic_id, shift) into rows with both statements: one query."""
    by_id = _statements_by_id(
        i for _a, _t, s in found for i in (s.before_statement_id, s.after_statement_id)
    )
    rows = []
    for _actor_id, _topic_id, shift in found:
        before = by_id.get(shift.before_statement_id)
        after = by_id.get(shift.after_statement_id)
        if before is None or after is None:
            continue
        rows.append(
            ShiftRow(shift=shift, actor=after.actor, topic=after.topic, before=before, after=after)
        )
    return rows


def stored_shift_row(stored: StoredShift, topic: Topic | None = None) -> ShiftRow:
    """A stored shift as a ShiftRow. Its statements are the shift's actor's on the shift's
    topic, so those are set on them rather than joined again; `topic` when the caller has
    it (else the shift's topic is read, joined by stored_shifts when it had no topic)."""
    topic = topic if topic is not None else stored.topic
    shift = timeline.Shift(
        before_statement_id=stored.before_statement_id,
        after_statement_id=stored.after_statement_id,
        from_position=stored.from_position,
        to_position=stored.to_position,
        before_date=stored.before_date,
        after_date=stored.after_date,
        actor_id=stored.actor_id,
    )
    statements = []
    for descriptor in (StoredShift.before_statement, StoredShift.after_statement):
        statement = getattr(stored, descriptor.field.name) if descriptor.is_cached(stored) else None
        if statement is not None:
            statement.actor = stored.actor
            statement.topic = topic
        statements.append(statement)
    return ShiftRow(
        shift=shift, actor=stored.actor, topic=topic, before=statements[0], after=statements[1]
    )


def stored_shifts(
    topic: Topic | None = None,
    actor: Actor | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    newest_first: bool = True,
    actor_ids: Iterable[int] | None = None,
    brief: bool = False,
    bare: bool = False,
) -> QuerySet:
    """The stored shifts (positions/summaries.py) with the actor and both statements (with
    article and outlet; only the statement after with `brief`, none with `bare`) joined,
    and the topic when
    none is given; the dates pick shifts by the date after the shift. Make rows of them
    with stored_shift_row(shift, topic)."""
    qs = StoredShift.objects.all()
    if topic is not None:
        qs = qs.filter(topic_id=topic.pk)
    if actor is not None:
        qs = qs.filter(actor_id=actor.pk)
    if actor_ids is not None:
        qs = qs.filter(actor_id__in=list(actor_ids))
    if date_from:
        qs = qs.filter(after_date__gte=date_from)
    if date_to:
        qs = qs.filter(after_date__lte=date_to)
    related = ["actor"] if topic is not None else ["actor", "topic"]
    if bare:
        qs = qs.select_related(*related)
    elif brief:
        qs = qs.select_related(*related, "after_statement")
    else:
        # Fewer joins plan much faster (PostgreSQL plans a 13-table join in ~13 ms, this
        # 8-table one in ~3 ms): the statements' actor and topic are the shift's.
        qs = qs.select_related(
            *related, "before_statement__article__outlet", "after_statement__article__outlet"
        ).defer(
            *(
                f"{side}_statement__article__{name}"
                for side in ("before", "after")
                for name in ("text", "raw_sanitised", "minhash")
            )
        )
    order = ("after_date", "after_statement_id")
    if newest_first:
        order = tuple(f"-{o}" for o in order)
    return qs.order_by(*order)


def shifts(
    topic: Topic | None = None,
    actor: Actor | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    newest_first: bool = True,
    limit: int | None = None,
    actor_ids: Iterable[int] | None = None,
    lazy: bool = False,
) -> list[ShiftRow]:
    """Every shift of position, per (actor, topic), with both statements loaded: the stored
    shifts (positions/summaries.py), one query. With `lazy`, a sequence that counts them and
    loads the slice taken from it (a page).

    Positions are always derived from the full history; the dates only pick which shifts to
    return (by the date of the statement after the shift)."""
    qs = stored_shifts(
        topic,
        actor,
        date_from=date_from,
        date_to=date_to,
        newest_first=newest_first,
        actor_ids=actor_ids,
    )
    if limit is not None:
        qs = qs[:limit]
    if lazy:
        return StoredShiftRows(qs, topic)
    return [stored_shift_row(stored, topic) for stored in qs]


def shift_rows_in_range(
    stored: list[StoredShift],
    topic: Topic,
    actor: Actor | None = None,
    *,
    actor_ids: Iterable[int] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> StoredShiftRows:
    """The shifts dated in the range, newest first, as rows loaded a slice at a time with
    both statements; counted from `stored`, the bare shifts the caller already loaded for
    the step lines (no COUNT query)."""
    count = sum(
        1
        for s in stored
        if (not date_from or s.after_date >= date_from) and (not date_to or s.after_date <= date_to)
    )
    qs = stored_shifts(topic, actor, actor_ids=actor_ids, date_from=date_from, date_to=date_to)
    return StoredShiftRows(qs, topic, count=count)


class StoredShiftRows(Sequence):
    """Stored shifts as ShiftRows, counted with one query and loaded a slice at a time."""

    def __init__(self, qs: QuerySet, topic: Topic | None = None, count: int | None = None):
        self._qs = qs
        self._topic = topic
        self._count: int | None = count

    def count(self) -> int:
        if self._count is None:
            self._count = self._qs.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [stored_shift_row(s, self._topic) for s in self._qs[index]]
        return stored_shift_row(self._qs[index], self._topic)


def live_shifts(
    topic: Topic | None = None,
    actor: Actor | None = None,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    newest_first: bool = True,
    limit: int | None = None,
    actor_ids: Iterable[int] | None = None,
    lazy: bool = False,
) -> list[ShiftRow]:
    """`shifts`, derived from the statements on each call (the reference the stored shifts
    are checked against). Two queries."""
    qs = _position_base(topic, actor)
    if actor_ids is not None:
        qs = qs.filter(actor_id__in=list(actor_ids))
    grouped: dict[tuple[int, int], list[timeline.Point]] = defaultdict(list)
    rows = qs.values_list("actor_id", "topic_id", "id", "statement_date", "stance", "stance_score")
    for actor_id, topic_id, statement_id, date, stance, score in rows.order_by():
        grouped[(actor_id, topic_id)].append(timeline.Point(statement_id, date, stance, score))
    found: list[tuple[int, int, timeline.Shift]] = []
    for (actor_id, topic_id), points in grouped.items():
        for shift in timeline.detect_shifts(points, actor_id=actor_id):
            if date_from and shift.after_date < date_from:
                continue
            if date_to and shift.after_date > date_to:
                continue
            found.append((actor_id, topic_id, shift))
    found.sort(key=lambda f: (f[2].after_date, f[2].after_statement_id), reverse=newest_first)
    if limit is not None:
        found = found[:limit]
    if lazy:
        return LazyShiftRows(found)
    return _shift_rows(found)


class LazyShiftRows(Sequence):
    """Shifts whose statements are loaded only for the slice asked for (a page): one query
    per slice instead of loading every shift's two statements."""

    def __init__(self, found: list[tuple[int, int, timeline.Shift]]):
        self._found = found

    def __len__(self) -> int:
        return len(self._found)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _shift_rows(self._found[index])
        return _shift_rows([self._found[index]])[0]


@dataclass
class ActorRow:
    actor: Actor
    count: int
    first_date: dt.date | None
    last_date: dt.date | None
    position: str | None
    mean: float | None
    latest_shift: ShiftRow | None = None
    actor_id: int | None = None
    latest: timeline.Shift | None = None


OVERVIEW_SORTS = {
    "name": lambda r: r.actor.name.lower(),
    "position": lambda r: (timeline.POSITIONS.index(r.position) if r.position else 9, r.actor.name),
    "count": lambda r: r.count,
    "first": lambda r: r.first_date or dt.date.min,
    "last": lambda r: r.last_date or dt.date.min,
    "shift": lambda r: r.latest.after_date if r.latest else dt.date.min,
}


@dataclass
class Overview:
    """A topic overview: one row per actor, and the most recent shifts among those actors.
    Iterating over it (or len()) goes over the rows. `counts`: actors per position."""

    rows: Sequence[ActorRow]
    recent_shifts: list[ShiftRow]
    counts: dict[str, int] | None = None

    def __post_init__(self):
        if self.counts is None:
            self.counts = dict.fromkeys(timeline.POSITIONS, 0)
            for row in self.rows:
                if row.position in self.counts:
                    self.counts[row.position] += 1

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# The overview's sorts in SQL over the stored summaries: ties by name, as the live sort.
SUMMARY_SORTS = ("name", "position", "count", "first", "last", "shift")


def _summary_order(sort: str) -> list:
    """ORDER BY for an overview sort (as OVERVIEW_SORTS does in Python: missing dates count
    as the earliest; ties by name)."""
    name = sort.lstrip("-")
    name = name if name in SUMMARY_SORTS else "count"
    desc = sort.startswith("-")
    if name == "name":
        keys = [Lower("actor__name").desc() if desc else Lower("actor__name").asc()]
    elif name == "position":
        keys = (
            [F("position_rank").desc(), F("actor__name").desc()]
            if desc
            else [
                F("position_rank").asc(),
                F("actor__name").asc(),
            ]
        )
    else:
        field_name = {
            "count": "statement_count",
            "first": "first_date",
            "last": "last_date",
            "shift": "latest_shift_date",
        }[name]
        if field_name == "statement_count":  # never NULL: plain order, as its index
            keys = [F(field_name).desc() if desc else F(field_name).asc()]
        else:
            keys = [
                F(field_name).desc(nulls_last=True) if desc else F(field_name).asc(nulls_first=True)
            ]
    return [*keys, Lower("actor__name").asc(), "actor_id"]


def _summary_row(summary: ActorTopicSummary, topic: Topic) -> ActorRow:
    summary.topic = topic
    latest = summary.latest_shift
    latest_row = None
    shift = None
    if latest is not None:
        latest.actor = summary.actor
        latest.topic = topic
        latest_row = stored_shift_row(latest, topic)
        shift = latest_row.shift
    return ActorRow(
        actor=summary.actor,
        count=summary.statement_count,
        first_date=summary.first_date,
        last_date=summary.last_date,
        position=summary.position or None,
        mean=summary.position_score,
        latest_shift=latest_row,
        actor_id=summary.actor_id,
        latest=shift,
    )


class SummaryRows(Sequence):
    """The overview's rows read from the stored summaries, a slice (a page) per query; the
    total is known beforehand (from the per-position counts), so no COUNT is made."""

    def __init__(self, qs: QuerySet, total: int, topic: Topic):
        self._qs = qs
        self._total = total
        self._topic = topic

    def count(self) -> int:
        return self._total

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_summary_row(s, self._topic) for s in self._qs[index]]
        return _summary_row(self._qs[index], self._topic)


def topic_overview(
    topic: Topic,
    *,
    kind: str = "",
    place: str = "",
    position: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sort: str = "-count",
    recent: int = 8,
    lazy_shifts: bool = False,
) -> Overview:
    """Every actor with a counted statement on `topic`: position, count, dates, latest shift;
    and the `recent` latest shifts among them.

    `place` matches the actor's country or affiliation (case-insensitive substring). Read
    from the stored summaries and shifts (three queries; rows are a sequence loaded a page
    at a time). With a date range (which limits the statements counted and the shifts
    listed, positions being derived from everything said up to the range's end), or when
    the topic has no stored summary yet, derived from the statements (`live_topic_overview`)."""
    if date_from or date_to:
        return live_topic_overview(
            topic,
            kind=kind,
            place=place,
            position=position,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            recent=recent,
            lazy_shifts=lazy_shifts,
        )
    qs = ActorTopicSummary.objects.filter(topic_id=topic.pk)
    if kind:
        qs = qs.filter(actor__kind=kind)
    if place:
        qs = qs.filter(Q(actor__country__icontains=place) | Q(actor__affiliation__icontains=place))
    counts = dict.fromkeys(timeline.POSITIONS, 0)
    for value, n in qs.order_by().values_list("position").annotate(n=Count("id")):
        if value in counts:
            counts[value] = n
    if position:
        qs = qs.filter(position=position)
        total = counts.get(position, 0)
    else:
        total = sum(counts.values())
    if total == 0 and not ActorTopicSummary.objects.filter(topic_id=topic.pk).exists():
        return live_topic_overview(
            topic, kind=kind, place=place, position=position, sort=sort, recent=recent
        )
    rows_qs = qs.select_related(
        "actor",
        "latest_shift__before_statement",
        "latest_shift__after_statement",
    ).order_by(*_summary_order(sort))
    recent_qs = stored_shifts(topic, brief=True)
    if kind or place or position:
        recent_qs = recent_qs.filter(actor_id__in=qs.values("actor_id"))
    recent_rows = [stored_shift_row(s, topic) for s in recent_qs[:recent]] if recent else []
    rows = SummaryRows(rows_qs, total, topic)
    return Overview(rows=rows, recent_shifts=recent_rows, counts=counts)


def live_topic_overview(
    topic: Topic,
    *,
    kind: str = "",
    place: str = "",
    position: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sort: str = "-count",
    recent: int = 8,
    lazy_shifts: bool = False,
) -> Overview:
    """Every actor with a counted statement on `topic`: position, count, dates, latest shift;
    and the `recent` latest shifts among them.

    `place` matches the actor's country or affiliation (case-insensitive substring); the date
    range limits which statements are counted and which shifts are listed, but a position is
    always derived from everything said up to the range's end. Four queries. With
    `lazy_shifts`, rows carry only `latest` (the Shift) and `load_latest_shifts` loads the
    statements for the rows shown (a page)."""
    base = _position_base(topic)
    if kind:
        base = base.filter(actor__kind=kind)
    if place:
        base = base.filter(
            Q(actor__country__icontains=place) | Q(actor__affiliation__icontains=place)
        )
    history = base.filter(statement_date__lte=date_to) if date_to else base
    points = _points_by_key(history, "actor_id")
    if not points:
        return Overview(rows=[], recent_shifts=[])

    every_shift: list[tuple[int, int, timeline.Shift]] = []
    latest: dict[int, tuple[int, int, timeline.Shift]] = {}
    rows: list[ActorRow] = []
    for actor_id, actor_points in points.items():
        in_range = [p for p in actor_points if not date_from or p.date >= date_from]
        if not in_range:
            continue
        steps, detected = timeline.analyse(actor_points, actor_id=actor_id)
        current = steps[-1] if steps else None
        if position and (current is None or current.position != position):
            continue
        detected = [s for s in detected if not date_from or s.after_date >= date_from]
        every_shift.extend((actor_id, topic.pk, shift) for shift in detected)
        if detected:
            latest[actor_id] = (actor_id, topic.pk, detected[-1])
        dates = [p.date for p in in_range]
        rows.append(
            ActorRow(
                actor=None,
                count=len(in_range),
                first_date=min(dates),
                last_date=max(dates),
                position=current.position if current else None,
                mean=current.mean if current else None,
                actor_id=actor_id,
                latest=latest[actor_id][2] if actor_id in latest else None,
            )
        )
    actors = Actor.objects.in_bulk([row.actor_id for row in rows])
    for row in rows:
        row.actor = actors[row.actor_id]
    every_shift.sort(key=lambda f: (f[2].after_date, f[2].after_statement_id), reverse=True)
    recent_rows = _shift_rows(every_shift[:recent])
    if not lazy_shifts:
        load_latest_shifts(rows, topic)
    descending = sort.startswith("-")
    key = OVERVIEW_SORTS.get(sort.lstrip("-"), OVERVIEW_SORTS["count"])
    rows.sort(key=lambda r: r.actor.name.lower())
    rows.sort(key=key, reverse=descending)
    return Overview(rows=rows, recent_shifts=recent_rows)


def load_latest_shifts(rows: list[ActorRow], topic: Topic) -> list[ActorRow]:
    """Load the two statements of each row's latest shift (one query for all the rows)."""
    wanted = [(row.actor_id, topic.pk, row.latest) for row in rows if row.latest is not None]
    loaded = {r.shift.actor_id: r for r in _shift_rows(wanted)}
    for row in rows:
        row.latest_shift = loaded.get(row.actor_id)
    return rows


@dataclass
class Timeline:
    points: list[timeline.Point]
    steps: list[timeline.PositionStep]
    shifts: list[ShiftRow]
    current: timeline.PositionStep | None


def actor_timeline(actor: Actor, topic: Topic, filters: StatementFilters | None = None) -> Timeline:
    """The derived positions (from all of `actor`'s counted statements on `topic`), and the
    shifts in them. The chart's points come from `timeline_points`. Two queries."""
    base = _position_base(topic, actor)
    if filters and filters.date_to:
        base = base.filter(statement_date__lte=filters.date_to)
    points = _points_by_key(base, "actor_id").get(actor.pk, [])
    steps, detected = timeline.analyse(points, actor_id=actor.pk)
    if filters and filters.date_from:
        detected = [s for s in detected if s.after_date >= filters.date_from]
        earlier = [s for s in steps if s.date < filters.date_from]
        steps = earlier[-1:] + [s for s in steps if s.date >= filters.date_from]
    found = [(actor.pk, topic.pk, s) for s in reversed(detected)]
    return Timeline(
        points=points,
        steps=steps,
        shifts=_shift_rows(found),
        current=steps[-1] if steps else None,
    )


def timeline_points(qs: QuerySet, *, quote_chars: int = 280) -> list[dict]:
    """Chart data for a filtered statement list: one dict per dated statement. One query."""
    return timeline_points_and_total(qs.exclude(statement_date__isnull=True), quote_chars)[0]


def timeline_points_and_total(qs: QuerySet, quote_chars: int = 280) -> tuple[list[dict], int]:
    """`timeline_points`, and the number of statements in `qs` undated ones included (so a
    paginator needs no COUNT). One query."""
    rows = qs.values(
        "id",
        "statement_date",
        "stance",
        "stance_score",
        "quote",
        "is_direct",
        "actor_id",
        "article_id",
        "article__outlet__name",
    )
    out = []
    total = 0
    for row in rows.order_by("statement_date", "id"):
        total += 1
        if row["statement_date"] is None:
            continue
        quote = row["quote"]
        if len(quote) > quote_chars:
            quote = quote[: quote_chars - 1] + "…"
        out.append(
            {
                "id": row["id"],
                "date": row["statement_date"].isoformat(),
                "stance": row["stance"],
                "score": round(row["stance_score"], 3),
                "quote": quote,
                "direct": row["is_direct"],
                "actor": row["actor_id"],
                "article": row["article_id"],
                "outlet": row["article__outlet__name"] or "",
            }
        )
    return out, total


# Above this many statements a chart shows one mark per week or month and stance (the
# statements of that period aggregated in SQL) instead of one per statement.
CHART_POINTS_MAX = 1500
# Weeks when the dates span at most this many days, else months.
WEEKLY_SPAN_DAYS = 2 * 366


def summaries_for(topic: Topic, actor_ids: Iterable[int]) -> dict[int, ActorTopicSummary]:
    """The stored summaries of these actors on `topic`, by actor id. One query."""
    ids = list(actor_ids)
    if not ids:
        return {}
    qs = ActorTopicSummary.objects.filter(topic_id=topic.pk, actor_id__in=ids)
    return {s.actor_id: s for s in qs}


@dataclass
class Buckets:
    """A chart's statements aggregated by period and stance (one mark each)."""

    points: list[dict]
    total: int  # every statement the filters match, undated ones included
    period: str  # "week" or "month"
    last_date: dt.date | None


def timeline_buckets(
    qs: QuerySet, *, span: tuple[dt.date | None, dt.date | None] = (None, None)
) -> Buckets:
    """Chart data for a long filtered statement list: per week (or month, when `span` is
    longer than WEEKLY_SPAN_DAYS) and stance, the number of statements, their mean score and
    the latest one's id (what a click opens). One query, grouped in SQL."""
    low, high = span
    weekly = bool(low and high and (high - low).days <= WEEKLY_SPAN_DAYS)
    trunc = TruncWeek if weekly else TruncMonth
    rows = (
        qs.order_by()
        .annotate(period=trunc("statement_date"))
        .values("period", "stance", "actor_id")
        .annotate(
            n=Count("id"), score=Avg("stance_score"), last_id=Max("id"), last=Max("statement_date")
        )
        .values_list("period", "stance", "actor_id", "n", "score", "last_id", "last")
    )
    points = []
    total = 0
    last_date = None
    for period, stance, actor_id, n, score, last_id, last in rows:
        total += n
        if period is None:
            continue
        if isinstance(period, dt.datetime):
            period = period.date()
        last_date = max(last_date, last) if last_date else last
        points.append(_bucket_point(period, stance, actor_id, n, score, last_id, weekly))
    points.sort(key=lambda p: (p["date"], p["id"]))
    return Buckets(
        points=points, total=total, period="week" if weekly else "month", last_date=last_date
    )


def _bucket_point(period, stance, actor_id, n, score, last_id, weekly: bool) -> dict:
    when = f"{period:%d %b %Y}" if weekly else f"{period:%B %Y}"
    label = "week of" if weekly else "month of"
    return {
        "id": last_id,
        "date": period.isoformat(),
        "stance": stance,
        "score": round(score or 0.0, 3),
        "quote": f"{n} statement{'s' if n != 1 else ''} ({stance}) in the {label} {when}",
        "direct": None,
        "actor": actor_id,
        "article": None,
        "outlet": "",
        "n": n,
    }


def uses_stored_buckets(filters: StatementFilters, span) -> bool:
    """Whether a long chart can be drawn from the stored months (ActorTopicMonth): only
    unfiltered (every counted statement on the topic) and monthly (a span over
    WEEKLY_SPAN_DAYS)."""
    low, high = span
    weekly = bool(low and high and (high - low).days <= WEEKLY_SPAN_DAYS)
    plain = not (
        filters.stance
        or filters.speech
        or filters.confirmed
        or filters.outlet
        or filters.date_from
        or filters.date_to
        or filters.q
    )
    return plain and not weekly


def stored_buckets(topic: Topic, actor_ids: Iterable[int]) -> Buckets:
    """`timeline_buckets` by month for unfiltered charts, read from the stored months
    (positions/summaries.py) instead of aggregating every statement. One query."""
    rows = (
        ActorTopicMonth.objects.filter(topic_id=topic.pk, actor_id__in=list(actor_ids))
        .order_by()
        .values_list(
            "month",
            "stance",
            "actor_id",
            "statement_count",
            "score_sum",
            "last_statement_id",
            "last_date",
        )
    )
    points = []
    total = 0
    last_date = None
    for month, stance, actor_id, n, score_sum, last_id, last in rows:
        total += n
        if month is None:
            continue
        last_date = max(last_date, last) if last_date else last
        points.append(
            _bucket_point(month, stance, actor_id, n, score_sum / n if n else 0.0, last_id, False)
        )
    points.sort(key=lambda p: (p["date"], p["id"]))
    return Buckets(points=points, total=total, period="month", last_date=last_date)


NOMINAL_MEAN = {timeline.SUPPORT: timeline.DEFAULT_MAGNITUDE, timeline.NEUTRAL: 0.0}
NOMINAL_MEAN[timeline.OPPOSE] = -timeline.DEFAULT_MAGNITUDE


def steps_from_shifts(
    summary: ActorTopicSummary, stored: list[StoredShift], *, date_to: dt.date | None = None
) -> list[timeline.PositionStep]:
    """The step line of a long history from its stored shifts (oldest first): the position
    at the first statement, then one step per shift (with the mean after it). The first
    step's mean is nominal (the shift rows do not keep it)."""
    ordered = sorted(
        (s for s in stored if not date_to or s.after_date <= date_to),
        key=lambda s: (s.after_date, s.after_statement_id),
    )
    first_position = ordered[0].from_position if ordered else summary.position
    if not summary.first_date or not first_position:
        return []
    if date_to and summary.first_date > date_to:
        return []
    steps = [
        timeline.PositionStep(
            date=summary.first_date,
            position=first_position,
            statement_id=0,
            mean=NOMINAL_MEAN.get(first_position, 0.0)
            if ordered
            else (summary.position_score or 0.0),
        )
    ]
    for shift in ordered:
        steps.append(
            timeline.PositionStep(
                date=shift.after_date,
                position=shift.to_position,
                statement_id=shift.after_statement_id,
                mean=shift.mean,
            )
        )
    return steps


def steps_data(steps: list[timeline.PositionStep], actor_id: int | None = None) -> list[dict]:
    return [
        {
            "date": s.date.isoformat(),
            "position": s.position,
            "mean": s.mean,
            "id": s.statement_id,
            "actor": actor_id,
        }
        for s in steps
    ]


def steps_for_actors(
    topic: Topic, actor_ids: list[int], *, date_to: dt.date | None = None
) -> dict[int, list[timeline.PositionStep]]:
    """Derived positions of several actors on one topic (for the compare chart). One query."""
    qs = _position_base(topic).filter(actor_id__in=actor_ids)
    if date_to:
        qs = qs.filter(statement_date__lte=date_to)
    points = _points_by_key(qs, "actor_id")
    return {actor_id: timeline.derive_positions(points.get(actor_id, [])) for actor_id in actor_ids}


# ---------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------

SEARCH_CONFIG = "english"
_OPEN, _CLOSE = "\u27e6", "\u27e7"  # sentinels PostgreSQL puts around matches; never trusted
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_terms(q: str) -> list[str]:
    """The words of a query, for the fallback and for highlighting (quoted phrases kept)."""
    terms: list[str] = []
    for phrase in re.findall(r'"([^"]+)"', q):
        phrase = " ".join(phrase.split())
        if phrase:
            terms.append(phrase)
    rest = re.sub(r'"[^"]*"', " ", q)
    for word in _WORD.findall(rest):
        if word.lower() in {"or", "and"} or word.startswith("-"):
            continue
        if word not in terms:
            terms.append(word)
    return terms


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every case-insensitive occurrence of a term in <mark>."""
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of source text is escaped


def sentinel_to_marks(headline: str) -> SafeString:
    """Escape a PostgreSQL ts_headline result, then turn its sentinels into <mark>."""
    escaped = str(escape(headline))
    return mark_safe(escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))  # noqa: S308


def _fallback_filter(qs: QuerySet, fields: list[str], terms: list[str]) -> QuerySet:
    for term in terms:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": term})
        qs = qs.filter(condition)
    return qs


# Ranking reads every match's quote again; beyond this many matches, newest first is as
# useful and much cheaper (the search view switches; see views.search).
RANK_AT_MOST = 2000
# Full-text search on PostgreSQL is served by the expression indexes `stmt_quote_fts` and
# `article_fts` (positions/migrations/0003_search_indexes.py builds them there).


def search_statements(q: str, filters: StatementFilters | None = None) -> QuerySet:
    """Statements whose quote matches `q`, best first, each with `highlighted` (safe HTML)
    available through `highlighted_quote(statement)`.

    PostgreSQL: websearch syntax over to_tsvector('english', quote), ranked with ts_rank and
    highlighted with ts_headline; served by the GIN index `stmt_quote_fts` on that expression
    when it exists. Elsewhere: every word (or "quoted phrase") must occur (icontains), newest
    first."""
    filters = filters or StatementFilters()
    qs = statements_filtered(filters.replace(q=""))
    q = (q or "").strip()
    if not q:
        return qs.none()
    if is_postgres():
        from django.contrib.postgres.search import (
            SearchHeadline,
            SearchQuery,
            SearchRank,
            SearchVector,
        )

        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        vector = SearchVector("quote", config=SEARCH_CONFIG)
        return (
            qs.annotate(search=vector)
            .filter(search=query)
            .annotate(
                rank=SearchRank(vector, query),
                headline=SearchHeadline(
                    "quote",
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=_OPEN,
                    stop_sel=_CLOSE,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", *NEWEST_FIRST)
        )
    terms = search_terms(q)
    if not terms:
        return qs.none()
    return _fallback_filter(qs, ["quote"], terms).order_by(*NEWEST_FIRST)


def highlighted_quote(statement: Statement, q: str) -> SafeString:
    headline = getattr(statement, "headline", None)
    if headline is not None:
        return sentinel_to_marks(headline)
    return highlight(statement.quote, search_terms(q))


def search_articles(
    q: str, *, outlet: str = "", limit: int = 10
) -> list[tuple[Article, SafeString]]:
    """Articles whose title or text matches `q`, with a highlighted snippet. One query."""
    q = (q or "").strip()
    if not q:
        return []
    qs = Article.objects.filter(near_duplicate_of__isnull=True).select_related("outlet")
    if outlet:
        qs = qs.filter(outlet__slug=outlet)
    if is_postgres():
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector

        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        vector = SearchVector("title", "text", config=SEARCH_CONFIG)
        # Newest first, not ranked: ranking reads the whole text of every match.
        qs = (
            qs.annotate(search=vector)
            .filter(search=query)
            .annotate(
                snippet=SearchHeadline(
                    "text",
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=_OPEN,
                    stop_sel=_CLOSE,
                    max_fragments=2,
                    max_words=25,
                    min_words=8,
                ),
            )
            .defer("text", "raw_sanitised", "minhash")
            .order_by("-published_date", "-id")
        )
        return [(a, sentinel_to_marks(a.snippet)) for a in qs[:limit]]
    terms = search_terms(q)
    if not terms:
        return []
    qs = _fallback_filter(qs, ["title", "text"], terms).order_by("-published_date", "-id")
    out = []
    for article in qs[:limit]:
        out.append((article, highlight(_snippet(article.text, terms), terms)))
    return out


def _snippet(text: str, terms: list[str], width: int = 160) -> str:
    lowered = text.lower()
    hits = [lowered.find(t.lower()) for t in terms]
    hits = [h for h in hits if h >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 2)
    snippet = text[start : start + width]
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


# ---------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------


def _counted_for_actors() -> QuerySet:
    return Statement.objects.counted().with_stance().filter(actor__isnull=False)


def actors_matching(q: str = "", *, kind: str = "") -> QuerySet:
    """Active actors whose name, alias, affiliation or country contains `q`, by name."""
    qs = Actor.objects.active()
    if kind:
        qs = qs.filter(kind=kind)
    q = (q or "").strip()
    if q:
        matching_alias = Actor.objects.filter(aliases__surface__icontains=q).values("pk")
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(affiliation__icontains=q)
            | Q(country__icontains=q)
            | Q(pk__in=matching_alias)
        )
    return qs.order_by("name", "pk")


def resolve_actor_slugs(values: list[str]) -> list[str]:
    """Turn what a person typed (slugs, names or aliases, any case) into actor slugs.
    When nothing matches, the values are returned as they are (and so match no statement).
    One query."""
    if not values:
        return []
    condition = Q(slug__in=values)
    for value in values:
        condition |= Q(name__iexact=value) | Q(aliases__surface__iexact=value)
    found = Actor.objects.active().filter(condition).values_list("slug", flat=True).distinct()
    resolved = sorted(set(found))
    return resolved or list(values)


def statement_counts(actor_ids: Iterable[int]) -> dict[int, tuple[int, dt.date | None]]:
    """(number of counted statements, latest date) for each of `actor_ids`. One query."""
    ids = list(actor_ids)
    if not ids:
        return {}
    rows = (
        _counted_for_actors()
        .filter(actor_id__in=ids)
        .order_by()
        .values("actor_id")
        .annotate(n=Count("id"), last=Max("statement_date"))
    )
    return {row["actor_id"]: (row["n"], row["last"]) for row in rows}


def top_actors_on_topic(topic: Topic, *, limit: int = 200) -> list[tuple[Actor, int]]:
    """The actors with the most counted statements on `topic`, most first, from the stored
    summaries (from the statements when the topic has none). One or two queries."""
    summaries = list(
        ActorTopicSummary.objects.filter(topic_id=topic.pk)
        .select_related("actor")
        .order_by("-statement_count", "actor_id")[:limit]
    )
    if summaries:
        return [(s.actor, s.statement_count) for s in summaries]
    rows = list(
        _counted_for_actors()
        .filter(topic=topic)
        .order_by()
        .values("actor_id")
        .annotate(n=Count("id"))
        .order_by("-n", "actor_id")[:limit]
    )
    actors = Actor.objects.in_bulk([row["actor_id"] for row in rows])
    return [(actors[row["actor_id"]], row["n"]) for row in rows if row["actor_id"] in actors]


def actors_with_counts(q: str = "", *, kind: str = "", topic: Topic | None = None) -> QuerySet:
    """Active actors matching `q` (name, alias, affiliation, country), with `n_statements`
    (counted, stance-taking) and `last_date`. Actors with no statement are included."""
    statement_q = Q(
        statements__review_state__in=[s for s in Statement.ReviewState.values if s != "rejected"]
    )
    statement_q &= Q(statements__article__near_duplicate_of__isnull=True)
    statement_q &= ~Q(statements__stance=Stance.UNRELATED)
    if topic is not None:
        statement_q &= Q(statements__topic=topic)
    qs = Actor.objects.active()
    if kind:
        qs = qs.filter(kind=kind)
    q = (q or "").strip()
    if q:
        matching_alias = Actor.objects.filter(aliases__surface__icontains=q).values("pk")
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(affiliation__icontains=q)
            | Q(country__icontains=q)
            | Q(pk__in=matching_alias)
        )
    return qs.annotate(
        n_statements=Count("statements", filter=statement_q),
        last_date=Max("statements__statement_date", filter=statement_q),
    )
