"""Transcripts: press briefings and interviews printed as "MR. KIRBY: ..." and "Q ...".

A government page prints a briefing with each turn labelled by its speaker, and no quotation
marks: the words after the label are the speaker's own, as much as a quotation is. A label
only counts in an article that reads as a transcript (a question label, or two turns), so
a stray "Kyiv: ..." line in a news story is left to the ordinary rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import Paragraph

# "MR. KIRBY:", "MS JEAN-PIERRE:", "SECRETARY BLINKEN:", "PUTIN:", "Vladimir Putin:".
_LABEL_RE = re.compile(
    r"(?P<label>(?:(?:MR|MS|MRS|DR)\.?\s+)?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}"
    r"|[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’.-]+){1,2})\s*:\s+(?=\S)"
)
# "Q ...", "Q: ...", "QUESTION: ...", "Interviewer: ...": a question from the floor.
_QUESTION_RE = re.compile(
    r"(?:Q(?:\s*:|\s{2,}|\t)|(?:QUESTION|REPORTER|INTERVIEWER|MODERATOR|HOST"
    r"|Question|Reporter|Interviewer|Moderator|Host)\s*:)\s*"
)
_HONORIFICS = frozenset({"mr", "ms", "mrs", "dr"})
# Role words a label may carry before the surname ("SECRETARY BLINKEN", "ADMIRAL KIRBY").
_LABEL_ROLES = frozenset(
    {
        "secretary",
        "admiral",
        "general",
        "ambassador",
        "president",
        "minister",
        "senator",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chancellor",
    }
)
# Labels that are page furniture, not a speaker.
_NOT_SPEAKERS = frozenset(
    {"photo", "video", "update", "read more", "related", "note", "source", "editor", "watch"}
)


@dataclass(frozen=True)
class Turn:
    paragraph: int  # index among the paragraphs passed in
    question: bool
    name: str  # the speaker as the label names them ("Kirby", "Vladimir Putin"); "" for Q
    mention: str  # the label as written
    label_start: int
    content_start: int  # where the speaker's words begin


def _speaker_name(label: str) -> str:
    words = [w.strip(".") for w in label.split()]
    while words and words[0].lower() in _HONORIFICS | _LABEL_ROLES:
        words = words[1:]
    if not words or label.lower().startswith("the "):
        return ""
    return " ".join(w if not w.isupper() else w.capitalize() for w in words)


def transcript_turns(paragraphs: list[Paragraph]) -> list[Turn]:
    """The labelled turns of a transcript, or nothing when the text does not read as one."""
    turns: list[Turn] = []
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        question = _QUESTION_RE.match(text)
        if question:
            turns.append(
                Turn(index, True, "", "", paragraph.start, paragraph.start + question.end())
            )
            continue
        match = _LABEL_RE.match(text)
        if match is None:
            continue
        label = match.group("label")
        name = _speaker_name(label)
        if not name or label.lower() in _NOT_SPEAKERS or len(name.split()) > 3:
            continue
        turns.append(
            Turn(index, False, name, label, paragraph.start, paragraph.start + match.end())
        )
    answers = [t for t in turns if not t.question]
    if answers and (len(answers) >= 2 or len(answers) < len(turns)):
        return turns
    return []
