"""Rendered results of the analyst pages, cached under the data version of their topics.

Analysts read the same overview and timelines far more often than the data changes, and
rendering a busy timeline costs more than reading its rows. So the views render their
`results` partial through `fragment()`, keyed on the page, its filters and the
`data_version` of every topic it shows. Each write that can change what those pages show
bumps the version of the topics it touches:

- the summaries' refresh and rebuild (every statement change by ingestion, extraction or
  review ends in one), in the same transaction as the new summaries;
- signals on statements, actors and aliases, for edits that do not refresh a summary
  (a quote corrected, a statement confirmed, an actor renamed), after their commit.

A version read from the database is right in every process, so any cache backend works
without invalidation messages. `ANALYST_CACHE_SECONDS` bounds what no version tracks (an
article's title or an outlet's name edited in the admin).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils.safestring import SafeString, mark_safe

# Part of every key: change it when a cached partial's markup changes incompatibly, so a
# shared cache (Redis) does not serve fragments rendered by the previous release.
FRAGMENT_FORMAT = 1


def fragment_key(page: str, request, topics: Iterable) -> str:
    """The key of one page's results for this request: the page, its path, every GET
    parameter (sorted, so their order in the URL does not matter) and the versions."""
    params = sorted((k, v) for k, values in request.GET.lists() for v in values)
    versions = sorted((t.pk, t.data_version) for t in topics if t is not None)
    raw = repr((FRAGMENT_FORMAT, page, request.path, params, versions))
    return f"analyst:{page}:{hashlib.sha256(raw.encode()).hexdigest()}"


def fragment(page: str, request, topics: Iterable, render: Callable[[], str]) -> SafeString:
    """The cached HTML of the page's results, rendered by `render()` on a miss."""
    key = fragment_key(page, request, topics)
    html = cache.get_or_set(key, lambda: str(render()), settings.ANALYST_CACHE_SECONDS)
    return mark_safe(html)  # our own template's output


def topics_changed(topic_ids: Iterable[int | None] | None) -> None:
    """Bump the data version of these topics now (inside the caller's transaction, so the
    new version commits with the data). None, or a None among the ids, means every topic:
    a statement with no topic or an actor renamed can show on any topic's pages."""
    from .models import Topic

    ids = None if topic_ids is None else set(topic_ids)
    topics = Topic.objects.all()
    if ids is not None and None not in ids:
        if not ids:
            return
        topics = topics.filter(pk__in=ids)
    topics.update(data_version=F("data_version") + 1)


def topics_changed_on_commit(topic_ids: Iterable[int | None] | None) -> None:
    """Bump the versions once the current transaction commits (right away outside one).
    After the commit, a reader may briefly see the new data under the old version and
    cache it there: harmless, the next reader's key has the new version."""
    ids = None if topic_ids is None else frozenset(topic_ids)
    transaction.on_commit(lambda: topics_changed(ids))
