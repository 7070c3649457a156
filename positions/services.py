"""Writes to actors, topics and statements. Views and tasks call these, never the ORM."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Actor, ActorAlias, Statement
from .summaries import (  # noqa: F401 - the summaries services, re-exported
    summaries_rebuild_all,
    summaries_refresh,
    summaries_refresh_on_commit,
)
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
def actor_create(
    *, name: str, kind: str = Actor.Kind.PERSON, aliases: Sequence[str] = (), **fields
) -> Actor:
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
    topic_ids = set(
        Statement.objects.filter(actor=source, topic__isnull=False).values_list(
            "topic_id", flat=True
        )
    )
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
    summaries_refresh_on_commit(
        [(source.pk, t) for t in topic_ids] + [(target.pk, t) for t in topic_ids]
    )
    return target


EDITABLE_STATEMENT_FIELDS = {
    "actor",
    "stance",
    "topic",
    "statement_date",
    "is_direct",
    "tags",
    "note",
}


@transaction.atomic
def statement_review(*, statement: Statement, user, state: str, **changes) -> Statement:
    """Record an editor's decision (confirm, correct, reject) and any corrections.

    Any change marks the statement as touched, so re-running extraction leaves it alone.
    """
    unknown = set(changes) - EDITABLE_STATEMENT_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    pairs = {(statement.actor_id, statement.topic_id)}
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
    summaries_refresh_on_commit(pairs | {(statement.actor_id, statement.topic_id)})
    return statement


def extract_statements(*, article) -> list[Statement]:
    """Find, attribute, date and classify every statement in `article` (issue 4).

    Contract for ingestion: safe to call twice; replaces only machine statements that no
    editor touched; returns the statements now stored for the article.
    """
    from .extraction import extract_article

    before = set(Statement.objects.filter(article=article).values_list("actor_id", "topic_id"))
    stored = extract_article(article)
    summaries_refresh_on_commit(before | {(s.actor_id, s.topic_id) for s in stored})
    return stored


def stance_models_train(*, topic_slug: str | None = None, force: bool = False) -> list:
    """Retrain each topic's stance model whose editor labels changed (see classifier.py)."""
    from . import classifier

    return classifier.train_all(topic_slug=topic_slug, force=force)


# --- Editors' workspace (review app) -------------------------------------------------------
# Small writes the review queue needs beyond statement_review. Each saves once, so each edit
# is exactly one history record attributed to the editor.

STANCE_SCORES = {"support": 1.0, "oppose": -1.0}


def tags_parse(raw: str) -> list[str]:
    """'Kyiv, long-range ,kyiv' -> ['kyiv', 'long-range']: trimmed, lower-cased, unique."""
    tags: list[str] = []
    for part in raw.split(","):
        tag = " ".join(part.split()).lower()[:50]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:20]


@transaction.atomic
def statement_annotate(
    *, statement: Statement, user, tags: list[str] | None = None, note: str | None = None
) -> Statement:
    """Change an editor's tags or note without deciding on the statement (review state kept)."""
    fields = []
    if tags is not None and tags != statement.tags:
        statement.tags = tags
        fields.append("tags")
    if note is not None and note != statement.note:
        statement.note = note
        fields.append("note")
    if fields:
        statement._history_user = user
        statement.save(update_fields=[*fields, "updated_at"])
        summaries_refresh_on_commit([(statement.actor_id, statement.topic_id)])
    return statement


@transaction.atomic
def statement_set_date(*, statement: Statement, user, statement_date) -> Statement:
    """An editor's date is exact to the day (or unknown when cleared); counts as a correction."""
    precision = Statement.DatePrecision.DAY if statement_date else Statement.DatePrecision.UNKNOWN
    precision_changed = statement.date_precision != precision
    statement.date_precision = precision
    state = Statement.ReviewState.CONFIRMED
    if precision_changed:
        state = Statement.ReviewState.CORRECTED
    return statement_review(
        statement=statement, user=user, state=state, statement_date=statement_date
    )


@transaction.atomic
def statement_create_by_editor(
    *,
    article,
    user,
    start: int,
    end: int,
    quote: str,
    actor: Actor | None,
    topic,
    stance: str,
    is_direct: bool = True,
    statement_date=None,
    speaker_mention: str = "",
) -> Statement:
    """Tag a span: an editor's own statement, confirmed at once.

    The span must be exact: `quote` equals article.text[start:end].
    """
    from django.core.exceptions import ValidationError

    text = article.text
    if not (0 <= start < end <= len(text)):
        raise ValidationError(f"The span {start}–{end} is outside the article text.")
    if text[start:end] != quote:
        raise ValidationError("The quote does not match the article text at that span.")
    if Statement.objects.filter(article=article, start=start, end=end, topic=topic).exists():
        raise ValidationError("This span is already a statement on that topic.")
    statement = Statement(
        article=article,
        start=start,
        end=end,
        quote=quote,
        is_direct=is_direct,
        speaker_mention=speaker_mention or (actor.name if actor else ""),
        actor=actor,
        statement_date=statement_date,
        date_precision=(
            Statement.DatePrecision.DAY if statement_date else Statement.DatePrecision.UNKNOWN
        ),
        topic=topic,
        stance=stance,
        stance_score=STANCE_SCORES.get(stance, 0.0),
        confidence=1.0,
        attribution_confidence=1.0,
        origin=Statement.Origin.EDITOR,
        review_state=Statement.ReviewState.CONFIRMED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    statement.full_clean(validate_unique=False, validate_constraints=False)
    statement._history_user = user
    statement.save()
    summaries_refresh_on_commit([(statement.actor_id, statement.topic_id)])
    return statement


@transaction.atomic
def actor_update(*, actor: Actor, user, **fields) -> Actor:
    """Edit an actor's descriptive fields; one history record attributed to `user`."""
    allowed = {"name", "kind", "role", "affiliation", "country", "description"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    changed = [name for name, value in fields.items() if getattr(actor, name) != value]
    for name in changed:
        setattr(actor, name, fields[name])
    if changed:
        actor._history_user = user
        actor.save(update_fields=[*changed, "updated_at"])
    if "name" in changed:
        actor_add_alias(actor=actor, surface=actor.name)
    return actor


def _actor_log(*, actor: Actor, user, reason: str) -> None:
    """Aliases have no history of their own: note the change in the actor's history."""
    actor._history_user = user
    actor._change_reason = reason[:100]
    actor.save(update_fields=["updated_at"])


@transaction.atomic
def actor_add_alias_by_editor(*, actor: Actor, user, surface: str) -> ActorAlias | None:
    existed = actor.aliases.filter(normalized=fold(surface)).exists()
    alias = actor_add_alias(actor=actor, surface=surface)
    if alias is not None and not existed:
        _actor_log(actor=actor, user=user, reason=f"Added alias “{alias.surface}”")
    return alias


@transaction.atomic
def actor_remove_alias(*, alias: ActorAlias, user) -> None:
    actor = alias.actor
    surface = alias.surface
    alias.delete()
    _actor_log(actor=actor, user=user, reason=f"Removed alias “{surface}”")


@transaction.atomic
def actor_merge_by_editor(*, source: Actor, target: Actor, user) -> Actor:
    """actor_merge, with both actors' history records attributed and explained."""
    source._history_user = user
    source._change_reason = f"Merged into {target.name}"[:100]
    actor_merge(source=source, target=target)
    _actor_log(actor=target, user=user, reason=f"Merged {source.name} into this actor")
    return target
