"""Reads for the analyst pages, the exports and the API: filtered statements, timelines,
shifts, topic overviews and search. Nothing here writes.

Every statement list starts from `Statement.objects.counted()` (not rejected, not a copy in a
near-duplicate article). Queries are a fixed number per call, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet, Value
from django.db.models.functions import Greatest, Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article

from . import timeline
from .models import Actor, Stance, Statement, Topic

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
    if filters.topic:
        qs = qs.filter(topic__slug=filters.topic)
    if filters.actors:
        qs = qs.filter(actor__slug__in=filters.actors)
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
    """Every shift of position, per (actor, topic), with both statements loaded. Two queries.
    With `lazy`, a sequence that loads the statements of the slice taken from it (a page).

    Positions are always derived from the full history; the dates only pick which shifts to
    return (by the date of the statement after the shift)."""
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
    Iterating over it (or len()) goes over the rows."""

    rows: list[ActorRow]
    recent_shifts: list[ShiftRow]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


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
    rows = qs.exclude(statement_date__isnull=True).values(
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
    for row in rows.order_by("statement_date", "id"):
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
    return out


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
# The expression indexes search is fast with (PostgreSQL). Without them it still works.
STATEMENT_FTS_INDEX = "stmt_quote_fts"
ARTICLE_FTS_INDEX = "article_fts"


@functools.cache
def has_index(table: str, name: str) -> bool:
    """Whether the database has index `name` on `table` (looked up once per process)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return name in constraints


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
    if is_postgres() and not has_index(Article._meta.db_table, ARTICLE_FTS_INDEX):
        # Without its index, full text over every article is a sequential scan of all the
        # text: seconds at 20k articles. Statements are still searched.
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
    """The actors with the most counted statements on `topic`, most first. Two queries."""
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
