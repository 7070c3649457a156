"""Run the text pipeline on an article and store its statements (issue 4).

The text package finds, attributes, dates and classifies; this module resolves speakers to
Actor rows and writes Statement rows, replacing only machine statements no editor touched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from rapidfuzz import fuzz, process

from . import classifier, statement_filter
from .models import Actor, ActorAlias, Stance, Statement, Topic
from .services import actor_add_alias, actor_create
from .text.names import fold, normalize_name, romanisations
from .text.pipeline import AnalysedStatement, analyse
from .text.speakers import Speaker, role_only
from .text.stance import TopicCues

logger = logging.getLogger(__name__)

# Below these, a statement goes to the editors' review queue.
ATTRIBUTION_REVIEW_BELOW = 0.7
STANCE_REVIEW_BELOW = 0.45
FUZZY_PERSON_CUTOFF = 90
FUZZY_OTHER_CUTOFF = 93


def topic_cues(topic: Topic) -> TopicCues:
    return TopicCues.build(
        topic.slug, topic.cue_phrases, topic.support_cues, topic.oppose_cues, topic.neutral_cues
    )


@dataclass
class ActorResolver:
    """Finds the actor a speaker mention names, or creates it.

    `scope` limits matching to some actors (evaluation uses only what the product ships);
    actors created through the resolver are always in scope.
    """

    scope: set[int] | None = None

    def __post_init__(self) -> None:
        self._by_alias: dict[str, int] = {}
        self._kinds: dict[int, str] = {}
        self._surnames: dict[str, set[int]] = {}
        aliases = ActorAlias.objects.filter(actor__merged_into__isnull=True).values_list(
            "actor_id", "normalized", "actor__kind", "actor__name"
        )
        for actor_id, normalized, kind, name in aliases:
            if self.scope is not None and actor_id not in self.scope:
                continue
            self._add(actor_id, normalized, kind, name)

    def _add(self, actor_id: int, normalized: str, kind: str, name: str) -> None:
        self._by_alias.setdefault(normalized, actor_id)
        self._by_alias.setdefault(normalize_name(normalized), actor_id)
        self._kinds[actor_id] = kind
        if kind == Actor.Kind.PERSON:
            last = normalize_name(name).split()[-1:]
            if last:
                self._surnames.setdefault(last[0], set()).add(actor_id)

    def resolve(self, speaker: Speaker) -> tuple[Actor, float]:
        actor_id, confidence = self._match(speaker)
        if actor_id is not None:
            actor = Actor.objects.get(pk=actor_id)
            if (
                speaker.mention
                and not speaker.pronoun
                and not speaker.definite  # "the minister" names whoever holds the post
                # ...and so does "the Prime Minister", once resolved to the person in post.
                and not (actor.kind == Actor.Kind.PERSON and role_only(speaker.mention))
                and any(ch.isupper() for ch in speaker.mention)
                and fold(speaker.mention) not in self._by_alias
            ):
                # Remember how this article named them, so editors see every surface form.
                alias = actor_add_alias(actor=actor, surface=speaker.mention)
                if alias is not None:
                    self._add(actor.pk, alias.normalized, actor.kind, actor.name)
            return actor, confidence
        actor = self._create(speaker)
        return actor, min(speaker.confidence, 0.8)

    def _match(self, speaker: Speaker) -> tuple[int | None, float]:
        candidates = [*speaker.candidates, speaker.name]
        if speaker.kind == Actor.Kind.PERSON:
            candidates.extend(romanisations(speaker.name))
        for candidate in candidates:
            for key in (fold(candidate), normalize_name(candidate)):
                if key and key in self._by_alias:
                    return self._by_alias[key], speaker.confidence
        name_key = normalize_name(speaker.name)
        if speaker.kind == Actor.Kind.PERSON and name_key:
            words = name_key.split()
            owners = self._surnames.get(words[-1], set())
            # "Blinken" or "Tony Blinken": one known person of that surname.
            if len(owners) == 1 and (len(words) == 1 or self._first_names_agree(owners, words)):
                return next(iter(owners)), speaker.confidence * 0.95
        choices = [
            k
            for k, a in self._by_alias.items()
            if (self._kinds.get(a) == Actor.Kind.PERSON) == (speaker.kind == Actor.Kind.PERSON)
        ]
        if name_key and choices:
            cutoff = (
                FUZZY_PERSON_CUTOFF if speaker.kind == Actor.Kind.PERSON else FUZZY_OTHER_CUTOFF
            )
            best = process.extractOne(
                name_key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff
            )
            if best is not None:
                return self._by_alias[best[0]], speaker.confidence * 0.85
        return None, 0.0

    def _first_names_agree(self, owners: set[int], words: list[str]) -> bool:
        actor_id = next(iter(owners))
        names = [k for k, a in self._by_alias.items() if a == actor_id and len(k.split()) >= 2]
        # An actor known only by a surname ("Quist") is the same as "Mara Quist".
        return not names or any(fuzz.ratio(n.split()[0], words[0]) >= 80 for n in names)

    def _create(self, speaker: Speaker) -> Actor:
        name = speaker.name.strip()
        if name[:4].lower() == "the ":
            name = name[4:]
        name = name[:1].upper() + name[1:]
        kind = speaker.kind if speaker.kind in Actor.Kind.values else Actor.Kind.PERSON
        aliases = [a for a in (speaker.mention, *speaker.candidates) if a and not speaker.pronoun]
        if kind == Actor.Kind.PERSON:
            aliases.extend(romanisations(name))
        actor = actor_create(name=name[:200], kind=kind, aliases=aliases, role=speaker.role[:200])
        for alias in actor.aliases.all():
            self._add(actor.pk, alias.normalized, actor.kind, actor.name)
        if self.scope is not None:
            self.scope.add(actor.pk)
        return actor


def _needs_review(attribution: float, stance_confidence: float, actor: Actor | None) -> bool:
    return (
        actor is None
        or attribution < ATTRIBUTION_REVIEW_BELOW
        or (stance_confidence < STANCE_REVIEW_BELOW)
    )


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    overlap = min(a_end, b_end) - max(a_start, b_start)
    return overlap > 0 and overlap >= 0.5 * min(a_end - a_start, b_end - b_start)


@transaction.atomic
def extract_article(
    article, *, topics: Iterable[Topic] | None = None, resolver: ActorResolver | None = None
) -> list[Statement]:
    """Find and store the statements of `article`; see services.extract_statements."""
    topic_list = list(topics) if topics is not None else list(Topic.objects.filter(is_active=True))
    resolver = resolver or ActorResolver()
    cues = [topic_cues(t) for t in topic_list]
    by_slug = {t.slug: t for t in topic_list}
    analysed = analyse(article.text, article.published_date, cues, article.title)
    desired = _desired_rows(analysed, by_slug, resolver, article.text)

    existing = list(Statement.objects.filter(article=article))
    touched = [s for s in existing if s.touched_by_editor]
    untouched = {(s.start, s.end, s.topic_id): s for s in existing if not s.touched_by_editor}
    keep: set[int] = set()
    for key, fields in desired.items():
        start, end, topic_id = key
        if any(t.topic_id == topic_id and _overlaps(start, end, t.start, t.end) for t in touched):
            continue  # an editor owns this passage now
        row = untouched.get(key)
        if row is None:
            row = Statement.objects.create(article=article, start=start, end=end, **fields)
        else:
            changed = [f for f, v in fields.items() if getattr(row, f) != v]
            for f in changed:
                setattr(row, f, fields[f])
            if changed:
                row.save(update_fields=[*changed, "updated_at"])
        keep.add(row.pk)
    Statement.objects.filter(pk__in=[s.pk for s in untouched.values() if s.pk not in keep]).delete()
    return list(Statement.objects.filter(article=article).select_related("actor", "topic"))


def _desired_rows(
    analysed: list[AnalysedStatement],
    by_slug: dict[str, Topic],
    resolver: ActorResolver,
    text: str,
) -> dict[tuple[int, int, int | None], dict]:
    rows: dict[tuple[int, int, int | None], dict] = {}
    priors = _prior_probabilities(analysed, by_slug)
    filtered = {slug: statement_filter.filtered_out(slug, text, analysed) for slug in by_slug}
    for item in analysed:
        found = item.found
        actor: Actor | None = None
        attribution = 0.0
        if found.speaker is not None:
            actor, match_confidence = resolver.resolve(found.speaker)
            attribution = min(found.attribution_confidence, max(match_confidence, 0.0) or 1.0)
        base = {
            "quote": found.text,
            "is_direct": found.direct,
            "speaker_mention": (found.speaker.mention if found.speaker else "")[:300],
            "cue_verb": found.cue_verb[:50],
            "actor": actor,
            "attribution_confidence": round(max(0.0, min(attribution, 1.0)), 3),
            "statement_date": found.date.date,
            "date_precision": found.date.precision,
        }
        span = (found.start, found.end)
        related = {slug: r for slug, r in item.related.items() if span not in filtered[slug]}
        if not related:
            rows[(found.start, found.end, None)] = {
                **base,
                "topic": None,
                "stance": Stance.UNRELATED,
                "stance_score": 0.0,
                "confidence": 0.5,
                "needs_review": False,
            }
            continue
        for slug, result in related.items():
            topic = by_slug[slug]
            stance, score, confidence = classifier.blend(
                topic=topic,
                text=found.text,
                cue_stance=result.stance,
                cue_score=result.score,
                cue_confidence=result.confidence,
                prior=priors.get((slug, found.start, found.end)),
            )
            rows[(found.start, found.end, topic.pk)] = {
                **base,
                "topic": topic,
                "stance": stance,
                "stance_score": score,
                "confidence": confidence,
                "needs_review": _needs_review(attribution, confidence, actor),
            }
    return rows


def _prior_probabilities(
    analysed: list[AnalysedStatement], by_slug: dict[str, Topic]
) -> dict[tuple[str, int, int], dict[str, float]]:
    """The shipped stance priors' probabilities, one batch per topic, for topics without an
    editor-trained model (classifier.blend would otherwise ask per statement)."""
    out: dict[tuple[str, int, int], dict[str, float]] = {}
    for slug in by_slug:
        items = [item.found for item in analysed if slug in item.related]
        if not items or classifier.load_model(slug) is not None:
            continue
        probs = classifier.prior_probabilities(slug, [f.text for f in items])
        if probs:
            out.update({(slug, f.start, f.end): p for f, p in zip(items, probs, strict=True)})
    return out
