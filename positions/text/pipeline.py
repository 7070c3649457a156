"""The whole text pipeline: find statements, attribute, date, and classify per topic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .stance import UNRELATED, StanceResult, TopicCues, classify, has_position_cue, relevance
from .statements import FoundStatement, find_statements

# A statement with no topic words but a position cue ("we have adapted before") counts as
# on the topic when the same speaker's previous statement, this close, was about it.
_CARRY_PARAGRAPHS = 3
_CARRY_RELEVANCE = 0.5


@dataclass(frozen=True)
class AnalysedStatement:
    found: FoundStatement
    stances: dict[str, StanceResult]  # topic slug -> stance (UNRELATED ones included)

    @property
    def related(self) -> dict[str, StanceResult]:
        return {slug: r for slug, r in self.stances.items() if r.stance != UNRELATED}


def analyse(text: str, published: dt.date | None, topics: list[TopicCues]) -> list[AnalysedStatement]:
    found = find_statements(text, published)
    results: list[AnalysedStatement] = []
    # (speaker name, topic slug) -> paragraph of their last statement on the topic
    last_on_topic: dict[tuple[str, str], int] = {}
    for statement in found:
        context = text[statement.context_start : statement.context_end]
        key = statement.speaker.name if statement.speaker else ""
        stances: dict[str, StanceResult] = {}
        for topic in topics:
            rel = relevance(topic, statement.text, context)
            if rel == 0.0:
                seen = last_on_topic.get((key, topic.slug))
                if (
                    key
                    and seen is not None
                    and statement.paragraph - seen <= _CARRY_PARAGRAPHS
                    and has_position_cue(topic, statement.text)
                ):
                    rel = _CARRY_RELEVANCE
            result = classify(topic, statement.text, context=context,
                              cue_verb=statement.cue_verb, related=rel)
            stances[topic.slug] = result
            if result.stance != UNRELATED and key:
                last_on_topic[(key, topic.slug)] = statement.paragraph
        results.append(AnalysedStatement(statement, stances))
    return results
