"""Reads for the editors' workspace: the review queue, actor look-ups and change history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Greatest, Substr

from positions.models import REVIEW_QUEUE_ORDER, Actor, Statement
from positions.text.names import fold

# Characters of article text shown either side of a quote in the queue.
CONTEXT_CHARS = 160


def review_rows() -> QuerySet[Statement]:
    """Statements with what a queue row shows, in a constant number of queries.

    The article's text can be long, so only the context around the span is read from it.
    """
    before_start = Greatest(F("start") - CONTEXT_CHARS, Value(0))
    return Statement.objects.select_related("actor", "topic", "reviewed_by").annotate(
        context_before=Substr("article__text", before_start + 1, F("start") - before_start),
        context_after=Substr("article__text", F("end") + 1, CONTEXT_CHARS),
        article_title=F("article__title"),
    )


def review_queue(
    *,
    topic=None,
    actor: Actor | None = None,
    stance: str = "",
    review_state: str = "",
    article_id: int | None = None,
) -> QuerySet[Statement]:
    """Flagged statements first, then unreviewed ones, least confident first.

    A light query, without joins, for paging; `review_rows_in_order` then loads a page.
    """
    qs = Statement.objects.all()
    if topic is not None:
        qs = qs.filter(topic=topic)
    if actor is not None:
        qs = qs.filter(actor=actor)
    if stance:
        qs = qs.filter(stance=stance)
    if review_state == "open":
        qs = qs.filter(
            Q(needs_review=True) | Q(review_state=Statement.ReviewState.UNREVIEWED)
        ).exclude(review_state=Statement.ReviewState.REJECTED)
    elif review_state:
        qs = qs.filter(review_state=review_state)
    if article_id is not None:
        qs = qs.filter(article_id=article_id)
    return qs.order_by(*REVIEW_QUEUE_ORDER)


def review_rows_in_order(ids) -> list[Statement]:
    """One page of queue rows, in the order of `ids`."""
    ids = list(ids)
    found = review_rows().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def actor_search(query: str, *, limit: int = 20) -> list[Actor]:
    """Active actors whose name or an alias contains `query` (folded); names first."""
    qs = Actor.objects.active()
    folded = fold(query)
    if folded:
        qs = qs.filter(
            Q(name__icontains=query.strip()) | Q(aliases__normalized__contains=folded)
        ).distinct()
    return list(qs.order_by("name")[:limit])


@dataclass
class Change:
    field: str
    old: Any
    new: Any
    label: str = ""


@dataclass
class HistoryEntry:
    when: Any
    user: Any
    kind: str  # "created", "changed", "deleted"
    reason: str = ""
    changes: list[Change] = field(default_factory=list)


def _display(value, names: dict):
    """A history value as people read it: a name for an id, a list as 'a, b'."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "—"
    if value is None or value == "":
        return "—"
    return names.get(value, value)


def _label(record, name: str) -> str:
    try:
        return str(record._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:  # a field since removed keeps its name
        return name


def history_entries(
    records, *, excluded: tuple[str, ...] = (), labels: dict[str, dict] | None = None
) -> list[HistoryEntry]:
    """Newest first: who changed what, when, before → after.

    `records` are a model's historical records, newest first. `labels` maps a foreign-key
    field name to {id: label} so ids read as names.
    """
    labels = labels or {}
    records = list(records)
    entries = []
    kinds = {"+": "created", "~": "changed", "-": "deleted"}
    for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=list(excluded))
            for change in delta.changes:
                names = labels.get(change.field, {})
                changes.append(
                    Change(
                        label=_label(newer, change.field),
                        field=change.field,
                        old=_display(change.old, names),
                        new=_display(change.new, names),
                    )
                )
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                user=newer.history_user,
                kind=kinds.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
