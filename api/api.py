"""The read-only JSON API under /api/ (django-ninja). OpenAPI schema: /api/openapi.json.

Authentication: a session (logged in to the site) or a personal token sent as
`Authorization: Bearer st_...` (`manage.py create_api_token USER`). Every endpoint needs
the analyst role: anonymous requests get 401, users without the role 403.

Statement lists use cursor pagination: each page has `next_cursor`; pass it back as
`?cursor=` with the same filters and order for the next page. `order=id` (default) is
ingestion order, so a client that keeps its last cursor later fetches only new statements;
`order=-date` is newest statement date first (undated last).
"""

from __future__ import annotations

import datetime as dt
from functools import wraps
from typing import Literal

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthorizationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import BaseModel

from accounts.roles import Role, has_role
from positions import selectors
from positions.models import Actor, Statement, Topic

from .queries import (
    BadCursor,
    decode_cursor,
    encode_cursor,
    filtered_statements,
    statement_cursor,
    statement_row,
    statements_page_qs,
)
from .services import api_token_authenticate

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def _require_analyst(user):
    if not has_role(user, Role.ANALYST):
        raise AuthorizationError(message="The API needs the analyst role.")
    return user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(raw=token)
        if user is None:
            return None
        request.user = user
        return _require_analyst(user)


class SessionAuth(APIKeyCookie):
    """The site's login session (read-only requests, so no CSRF token is needed)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        if not request.user.is_authenticated:
            return None
        return _require_analyst(request.user)


def _schema_guard(view):
    """The schema and docs pages need the same authentication as the endpoints."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            user = api_token_authenticate(raw=token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        if not has_role(user, Role.ANALYST):
            return JsonResponse({"detail": "The API needs the analyst role."}, status=403)
        return view(request, *args, **kwargs)

    return guarded


api = NinjaAPI(
    title="Stance Tracker API",
    version="1",
    description=__doc__,
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api:v1",  # nested in the api app's namespace (api/urls.py)
    openapi_url="/openapi.json",
    # No Swagger page: ninja's loads from a CDN, which our CSP (rightly) blocks.
    docs_url=None,
    docs_decorator=_schema_guard,
)


# ---------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------


class TopicOut(Schema):
    slug: str
    title: str
    question: str
    description: str


class ActorOut(Schema):
    slug: str
    name: str
    kind: str
    role: str
    affiliation: str
    country: str
    aliases: list[str]


class ActorPage(Schema):
    items: list[ActorOut]
    next_cursor: str | None


class StatementOut(Schema):
    id: int
    statement_date: dt.date | None
    actor: str | None
    actor_slug: str | None
    speaker_mention: str
    topic: str | None
    stance: str
    stance_score: float
    confidence: float
    is_direct: bool
    quote: str
    review_state: str
    origin: str
    article_id: int
    article_title: str
    article_url: str
    outlet: str | None
    published_date: dt.date | None
    start: int
    end: int


class StatementPage(Schema):
    items: list[StatementOut]
    next_cursor: str | None


# Plain pydantic models, not ninja Schemas: a long timeline has tens of thousands of these,
# built from dicts, and Schema's per-object attribute resolver costs ~10x more.
class PointOut(BaseModel):
    statement_id: int
    date: dt.date | None
    stance: str
    score: float


class StepOut(BaseModel):
    date: dt.date
    position: str
    statement_id: int
    mean: float


class ShiftOut(Schema):
    actor_slug: str
    actor: str
    topic: str
    from_position: str
    to_position: str
    before_date: dt.date
    after_date: dt.date
    before: StatementOut
    after: StatementOut


class TimelineOut(Schema):
    actor: ActorOut
    topic: TopicOut
    position: str | None
    points: list[PointOut]
    steps: list[StepOut]
    shifts: list[ShiftOut]


class StatementFiltersIn(Schema):
    """The filters of every statement list (as in the pages and the exports)."""

    topic: str | None = None
    actor: list[str] | None = None
    stance: str | None = None
    speech: str | None = None
    confirmed: bool | None = None
    outlet: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def _limit(limit: int) -> int:
    return max(1, min(limit, MAX_LIMIT))


def _actor_out(actor: Actor) -> dict:
    return {
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "role": actor.role,
        "affiliation": actor.affiliation,
        "country": actor.country,
        "aliases": [a.surface for a in actor.aliases.all()],
    }


def _shift_out(row: selectors.ShiftRow) -> dict:
    return {
        "actor_slug": row.actor.slug,
        "actor": row.actor.name,
        "topic": row.topic.slug,
        "from_position": row.shift.from_position,
        "to_position": row.shift.to_position,
        "before_date": row.shift.before_date,
        "after_date": row.shift.after_date,
        "before": statement_row(row.before),
        "after": statement_row(row.after),
    }


# ---------------------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------------------


@api.get("/topics", response=list[TopicOut], tags=["topics"])
def list_topics(request):
    """Active topics."""
    return list(Topic.objects.filter(is_active=True))


@api.get("/topics/{slug}", response=TopicOut, tags=["topics"])
def get_topic(request, slug: str):
    return get_object_or_404(Topic, slug=slug)


@api.get("/actors", response=ActorPage, tags=["actors"])
def list_actors(
    request,
    q: str = "",
    kind: str = "",
    cursor: str = "",
    limit: int = DEFAULT_LIMIT,
):
    """Active actors by name; `q` matches the name, `kind` the actor kind."""
    qs = Actor.objects.active().prefetch_related("aliases").order_by("name", "id")
    if q:
        qs = qs.filter(name__icontains=q.strip())
    if kind:
        qs = qs.filter(kind=kind)
    if cursor:
        try:
            values = decode_cursor(cursor)
            name, last_id = str(values["n"]), int(values["i"])
        except (BadCursor, KeyError, TypeError, ValueError):
            raise HttpError(400, "Invalid cursor.") from None
        qs = qs.filter(name__gte=name).exclude(name=name, id__lte=last_id)
    limit = _limit(limit)
    actors = list(qs[: limit + 1])
    next_cursor = None
    if len(actors) > limit:
        actors = actors[:limit]
        next_cursor = encode_cursor({"n": actors[-1].name, "i": actors[-1].pk})
    return {"items": [_actor_out(a) for a in actors], "next_cursor": next_cursor}


@api.get("/actors/{slug}", response=ActorOut, tags=["actors"])
def get_actor(request, slug: str):
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), slug=slug)
    return _actor_out(actor)


@api.get("/actors/{slug}/timeline", response=TimelineOut, tags=["actors"])
def actor_timeline(
    request,
    slug: str,
    topic: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """The actor's statements on a topic as points, the derived position after each
    statement date (steps), and the shifts between positions."""
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), slug=slug)
    topic_obj = get_object_or_404(Topic, slug=topic)
    filters = selectors.StatementFilters(topic=topic, date_from=date_from, date_to=date_to)
    result = selectors.actor_timeline(actor, topic_obj, filters)
    points = result.points
    if date_from:
        points = [p for p in points if p.date and p.date >= date_from]
    return {
        "actor": _actor_out(actor),
        "topic": topic_obj,
        "position": result.current.position if result.current else None,
        "points": [
            {"statement_id": p.statement_id, "date": p.date, "stance": p.stance, "score": p.score}
            for p in points
        ],
        "steps": [
            {"date": s.date, "position": s.position, "statement_id": s.statement_id, "mean": s.mean}
            for s in result.steps
        ],
        "shifts": [_shift_out(row) for row in result.shifts],
    }


@api.get("/statements", response=StatementPage, tags=["statements"])
def list_statements(
    request,
    filters: Query[StatementFiltersIn],
    order: Literal["id", "-date"] = "id",
    cursor: str = "",
    limit: int = DEFAULT_LIMIT,
):
    """Counted statements (not rejected, not near-duplicate copies; unrelated ones only
    with `stance=unrelated`). Filters: `topic` (slug), `actor` (slug, repeatable),
    `stance`, `speech` (direct/reported), `confirmed`, `outlet` (slug), `date_from`,
    `date_to`, `q` (text).

    `order=id` (default): ingestion order, oldest first; keep the last `next_cursor` to
    fetch only what was added since. `order=-date`: newest statement date first."""
    try:
        qs = statements_page_qs(filtered_statements(request.GET), order=order, cursor=cursor)
    except BadCursor:
        raise HttpError(400, "Invalid cursor.") from None
    limit = _limit(limit)
    statements = list(qs[: limit + 1])
    next_cursor = None
    if len(statements) > limit:
        statements = statements[:limit]
        next_cursor = statement_cursor(statements[-1], order)
    return {"items": [statement_row(s) for s in statements], "next_cursor": next_cursor}


@api.get("/statements/{statement_id}", response=StatementOut, tags=["statements"])
def get_statement(request, statement_id: int):
    """One statement, whatever its review state."""
    qs = Statement.objects.select_related("actor", "topic", "article", "article__outlet")
    qs = qs.defer("article__text", "article__raw_sanitised", "article__minhash")
    return statement_row(get_object_or_404(qs, pk=statement_id))


@api.get("/shifts", response=list[ShiftOut], tags=["shifts"])
def list_shifts(
    request,
    topic: str = "",
    actor: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 100,
):
    """Changes of an actor's derived position on a topic, newest first, each with the
    statement before and the statement after."""
    topic_obj = get_object_or_404(Topic, slug=topic) if topic else None
    actor_obj = get_object_or_404(Actor, slug=actor) if actor else None
    rows = selectors.shifts(
        topic_obj, actor_obj, date_from=date_from, date_to=date_to, limit=_limit(limit)
    )
    return [_shift_out(row) for row in rows]
