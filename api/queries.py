"""The statement lists that exports and the API share: filters from GET parameters (as
the analyst pages read them, through positions.selectors) and one flat row per statement.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Mapping

from django.db.models import F, Q, QuerySet

from positions.models import Actor, Statement
from positions.selectors import StatementFilters, search_statements, statements_filtered


def filtered_statements(params: Mapping) -> QuerySet:
    """Counted statements matching the GET filters (topic, actor, stance, speech,
    confirmed, outlet, date_from, date_to, q), with actor, topic, article and outlet
    joined and the article text deferred. Unordered: callers choose the order."""
    filters = StatementFilters.from_query(params)
    actor_ids = None
    if filters.actors:
        # Filter by id, not by a join on the slug: PostgreSQL then plans with the actor's
        # real statement count (a busy actor has thousands) instead of the average.
        actor_ids = list(Actor.objects.filter(slug__in=filters.actors).values_list("pk", flat=True))
        filters = filters.replace(actors=[])
    qs = search_statements(filters.q, filters) if filters.q else statements_filtered(filters)
    if actor_ids is not None:
        qs = qs.filter(actor_id__in=actor_ids)
    return qs


def statement_row(statement: Statement) -> dict:
    """A statement as a flat dict of JSON-friendly values (exports and the API)."""
    article = statement.article
    actor = statement.actor
    topic = statement.topic
    return {
        "id": statement.pk,
        "statement_date": statement.statement_date.isoformat()
        if statement.statement_date
        else None,
        "actor": actor.name if actor else None,
        "actor_slug": actor.slug if actor else None,
        "speaker_mention": statement.speaker_mention,
        "topic": topic.slug if topic else None,
        "stance": statement.stance,
        "stance_score": statement.stance_score,
        "confidence": statement.confidence,
        "is_direct": statement.is_direct,
        "quote": statement.quote,
        "review_state": statement.review_state,
        "origin": statement.origin,
        "article_id": article.pk,
        "article_title": article.title,
        "article_url": article.url,
        "outlet": article.outlet.name if article.outlet else None,
        "published_date": article.published_date.isoformat() if article.published_date else None,
        "start": statement.start,
        "end": statement.end,
    }


# The columns of a CSV export, in the order statement_row() gives them.
EXPORT_FIELDS = [
    "id",
    "statement_date",
    "actor",
    "actor_slug",
    "speaker_mention",
    "topic",
    "stance",
    "stance_score",
    "confidence",
    "is_direct",
    "quote",
    "review_state",
    "origin",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published_date",
    "start",
    "end",
]


# ---------------------------------------------------------------------------------------
# Keyset ("cursor") pagination. Two orders:
#   "id"    ascending id, i.e. ingestion order: served by the primary key index, and a
#           client that keeps its last cursor later gets exactly the statements added since;
#   "-date" newest statement date first (undated last), then newest id.
# ---------------------------------------------------------------------------------------

ORDERS = {
    "id": (F("id").asc(),),
    "-date": (F("statement_date").desc(nulls_last=True), F("id").desc()),
}


class BadCursor(ValueError):
    pass


def encode_cursor(values: dict) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadCursor("invalid cursor") from exc
    if not isinstance(values, dict):
        raise BadCursor("invalid cursor")
    return values


def statement_cursor(statement: Statement, order: str) -> str:
    if order == "id":
        return encode_cursor({"o": order, "i": statement.pk})
    date = statement.statement_date
    return encode_cursor({"o": order, "d": date.isoformat() if date else None, "i": statement.pk})


def statements_page_qs(qs: QuerySet, *, order: str, cursor: str = "") -> QuerySet:
    """`qs` in `order`, starting after `cursor` (from statement_cursor with the same order)."""
    if order not in ORDERS:
        raise BadCursor(f"unknown order {order!r}")
    qs = qs.order_by(*ORDERS[order])
    if not cursor:
        return qs
    values = decode_cursor(cursor)
    if values.get("o") != order:
        raise BadCursor("the cursor belongs to another order")
    try:
        last_id = int(values["i"])
        last_date = dt.date.fromisoformat(values["d"]) if values.get("d") else None
    except (KeyError, TypeError, ValueError) as exc:
        raise BadCursor("invalid cursor") from exc
    if order == "id":
        return qs.filter(id__gt=last_id)
    if last_date is None:
        return qs.filter(statement_date__isnull=True, id__lt=last_id)
    return qs.filter(
        Q(statement_date__lt=last_date)
        | Q(statement_date=last_date, id__lt=last_id)
        | Q(statement_date__isnull=True)
    )
