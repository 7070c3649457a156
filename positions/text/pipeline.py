"""The whole text pipeline: find statements, attribute, date, and classify per topic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .stance import UNRELATED, StanceResult, TopicCues, classify, has_position_cue, relevance
from .statements import FoundStatement, find_statements

# A statement that does not name the topic can still be about it:
# - it goes straight on from the same speaker's statement on the topic (a continued quote,
#   "..., he added"), and then, lacking cues of its own, it keeps that statement's stance;
# - or it carries a position cue and the same speaker spoke on the topic shortly before;
# - or it carries a specific position cue and the article is about the topic (this many
#   statements name it outright).
_CARRY_PARAGRAPHS = 3
_CARRY_RELEVANCE = 0.5
_ARTICLE_ON_TOPIC = 2
_BEFORE_ONLY = 0.6  # relevance when only the sentence before names the topic


def _relevance(topics: list[TopicCues], st: FoundStatement, text: str) -> dict[str, float]:
    """1.0: the statement names the topic; 0.7: its sentence does; 0.6: the one before."""
    sentence = text[st.sentence_start : st.context_end] if st.sentence_start >= 0 else ""
    before = text[st.context_start : st.sentence_start] if st.sentence_start >= 0 else ""
    out: dict[str, float] = {}
    for topic in topics:
        rel = relevance(topic, st.text, sentence)
        if rel == 0.0 and before and relevance(topic, "", before) > 0.0:
            rel = _BEFORE_ONLY
        out[topic.slug] = rel
    return out


@dataclass(frozen=True)
class AnalysedStatement:
    found: FoundStatement
    stances: dict[str, StanceResult]  # topic slug -> stance (UNRELATED ones included)

    @property
    def related(self) -> dict[str, StanceResult]:
        return {slug: r for slug, r in self.stances.items() if r.stance != UNRELATED}


def analyse(
    text: str, published: dt.date | None, topics: list[TopicCues]
) -> list[AnalysedStatement]:
    found = find_statements(text, published)
    contexts = [text[st.context_start : st.context_end] for st in found]
    direct_relevance = [_relevance(topics, st, text) for st in found]
    article_on = {
        topic.slug: any(rel[topic.slug] >= 1.0 for rel in direct_relevance)
        or sum(1 for rel in direct_relevance if rel[topic.slug] >= 0.7) >= _ARTICLE_ON_TOPIC
        for topic in topics
    }
    results: list[AnalysedStatement] = []
    # (speaker name, topic slug) -> paragraph and stance of their last statement on the topic
    last_on_topic: dict[tuple[str, str], int] = {}
    last_stance: dict[tuple[str, str], StanceResult] = {}
    previous: AnalysedStatement | None = None
    for statement, context, rels in zip(found, contexts, direct_relevance, strict=True):
        key = statement.speaker.name if statement.speaker else ""
        stances: dict[str, StanceResult] = {}
        for topic in topics:
            rel = rels[topic.slug]
            inherited: StanceResult | None = None
            cue = has_position_cue(topic, statement.text)
            seen = last_on_topic.get((key, topic.slug)) if key else None
            # What the statement goes on from: the same speaker's statement just before
            # ("..., he added"), or for a direct quote, their statement on the topic in the
            # same or the previous paragraph.
            continues = _continues(previous, statement, topic.slug) if key else None
            if (
                continues is None
                and statement.direct
                and seen is not None
                and (statement.paragraph - seen <= 1)
            ):
                continues = last_stance[(key, topic.slug)]
            if rel < 1.0 and not cue:
                # Only the words around it name the topic, if any: a statement that goes on
                # from the speaker's statement keeps its stance; a new reported remark whose
                # topic words are only in the sentence before is about something else.
                if continues is not None:
                    inherited = continues
                    rel = max(rel, _CARRY_RELEVANCE)
                elif rel <= _BEFORE_ONLY and not statement.direct:
                    rel = 0.0
            elif rel == 0.0 and key:
                near = seen is not None and statement.paragraph - seen <= _CARRY_PARAGRAPHS
                specific = article_on[topic.slug] and has_position_cue(
                    topic, statement.text, specific=True
                )
                if continues is not None or near or specific:
                    rel = _CARRY_RELEVANCE
            if inherited is not None:
                result = replace(
                    inherited,
                    confidence=round(inherited.confidence * 0.8, 3),
                    relevance=rel,
                    evidence=["same as the speaker's previous statement"],
                )
            else:
                result = classify(
                    topic, statement.text, context=context, cue_verb=statement.cue_verb, related=rel
                )
            stances[topic.slug] = result
            if result.stance != UNRELATED and key:
                last_on_topic[(key, topic.slug)] = statement.paragraph
                last_stance[(key, topic.slug)] = result
        current = AnalysedStatement(statement, stances)
        results.append(current)
        previous = current
    return results


def _continues(
    previous: AnalysedStatement | None, statement: FoundStatement, slug: str
) -> StanceResult | None:
    """The previous statement's stance when `statement` goes straight on from it."""
    if previous is None or previous.found.speaker is None or statement.speaker is None:
        return None
    if previous.found.speaker.name != statement.speaker.name:
        return None
    if statement.cue_verb not in ("", "add"):
        return None  # a new "X said ..." may well be about something else
    if statement.paragraph - previous.found.paragraph > 1:
        return None
    result = previous.stances.get(slug)
    return result if result is not None and result.stance != UNRELATED else None
