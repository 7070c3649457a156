"""Transcripts: press briefings, interviews and addresses printed as "MR. KIRBY: ..." and
"Q ...".

A government page prints a briefing with each turn labelled by its speaker, and no quotation
marks: the words after the label are the speaker's own, as much as a quotation is. A label
only counts in a text that reads as a transcript (a question label, two turns, or a full
name opening a long speech), so a stray "Kyiv: ..." line in a news story is left to the
ordinary rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import Paragraph

# Up to seven capitalised words before a colon: "MR. KIRBY:", "SRS HEBESTREIT:",
# "Vladimir Putin:", "NATO Secretary General Mark Rutte:"; Hansard adds the member's seat
# and party in brackets: "James Cartlidge (South Suffolk) (Con):".
_LABEL_RE = re.compile(
    r"(?P<label>(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|de|von|van|al)){0,7})"
    r"(?:\s*\([^()\n]{1,40}\)){0,2}\s*:\s+(?=\S)"
)
# "V.Putin:", "P. Zarubin:": an initial and a surname, as the Kremlin prints its transcripts.
INITIAL_LABEL_RE = re.compile(r"(?P<initial>[A-Z])\.\s?(?P<surname>[A-Z][\w'’-]+)")
# "Minister of Foreign Affairs of Czechia, Jan Lipavský:": a title, then the name.
_TITLED_LABEL_RE = re.compile(
    r"(?P<label>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|for)){0,9},\s+"
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|von|van|al)){1,3})\s*:\s+(?=\S)"
)
# "Address by President of Ukraine Volodymyr Zelensky", "Statement by the Ministry of
# Foreign Affairs", "Briefing by ...": a heading that gives the page to one speaker, whose
# words follow.
_ADDRESS_RE = re.compile(
    r"(?:(?:[A-Z][a-z]+|New\s+Year)\s+)?(?:[Aa]ddress|[Ss]tatement|[Ss]peech|[Rr]emarks|[Bb]riefing)"
    r"(?:\s+to\s+the\s+\w+)?\s+by\s+(?P<who>(?:the\s+)?[A-Z].{2,120}?)"
    # "Briefing by Foreign Ministry Spokeswoman X, Moscow, May 24, 2023": where and when
    r"(?:,\s+[A-Z][\w-]+(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?,\s+\d{4})?[.:]?\s*"
)
_ADDRESS_WORDS = 16  # a heading, not a sentence that begins "Remarks by ..."


_NOT_ONE_SPEAKER_RE = re.compile(r"\b(?:and|with|before|after|at|on|during|in|to)\b", re.I)


def _address(text: str) -> re.Match[str] | None:
    """ "Address by President of Ukraine Volodymyr Zelensky": a heading that gives the page
    to one speaker. Not "Remarks by President X and Prime Minister Y Before Bilateral
    Meeting": that page labels its turns."""
    match = _ADDRESS_RE.fullmatch(text)
    if (
        match is None
        or len(text.split()) > _ADDRESS_WORDS
        or _NOT_ONE_SPEAKER_RE.search(match.group("who"))
    ):
        return None
    return match


def address_heading(text: str) -> bool:
    """An address heading is kept, though it reads as a headline."""
    return _address(text) is not None


# "Q ...", "Q: ...", "Q (Reuters): ...", "QUESTION: ...", "Question [Reuters]: ...",
# "Interviewer: ...": a question from the floor.
_QUESTION_RE = re.compile(
    r"(?:(?:Q|QUESTION|REPORTER|INTERVIEWER|MODERATOR|HOST|JOURNALIST"
    r"|Question|Reporter|Interviewer|Moderator|Host|Journalist)(?:\s*[\[(][^\])]{1,40}[\])])?"
    r"\s*:|Q(?:\s{2,}|\t))\s*"
)
# Titles an all-capitals label carries before the surname ("MR KIRBY", "SECRETARY BLINKEN").
_LABEL_TITLES = frozenset(
    {
        "mr",
        "ms",
        "mrs",
        "dr",
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
    {
        "photo",
        "video",
        "update",
        "updated",
        "read more",
        "read also",
        "related",
        "note",
        "source",
        "sources",
        "editor",
        "watch",
        "share",
        "listen",
        "see also",
        "correction",
        "disclaimer",
    }
)
# Labels after which the page has only links to other pages.
_PAGE_END_RE = re.compile(
    r"(?i:read\s+more|read\s+also|related|see\s+also|more\s+on\s+this|share)\s*:"
)
# A lone label opens a transcript (an address, a statement) only before a speech this long.
_SPEECH_WORDS = 25


# "But ...?", "So ...?", "A follow-up: ...": a question that goes on from the one before.
FOLLOW_UP_RE = re.compile(
    r"\s*(?:but|so|(?:(?:just|a|to)\s+)?follow(?:ing)?[- ]?up)\b", re.IGNORECASE
)
# The interviewee's label in a printed interview: "A: ...", "ANSWER: ...".
_ANSWER_RE = re.compile(r"A|ANSWER|Answer")


def asks_on_from_before(question: str) -> bool:
    """A question paragraph ("QUESTION: But do you have a say over that?") that goes on
    from the question before it."""
    label = _QUESTION_RE.match(question)
    return bool(FOLLOW_UP_RE.match(question, label.end() if label else 0))


def answer_label(label: str) -> bool:
    return bool(_ANSWER_RE.fullmatch(label))


def _surname_labels(paragraphs: list[Paragraph]) -> set[str]:
    """ "Sybiha: ..." in an interview with "Foreign Minister Andrii Sybiha": one-word labels
    that are a surname the page gives in full, before an answer at least once (not a live
    blog's "Wallace: Kyiv gave assurances" headline)."""
    out: set[str] = set()
    checked: set[str] = set()  # (each label is looked for on the page once)
    for paragraph in paragraphs:
        match = _SURNAME_LABEL_RE.match(paragraph.text)
        if match is None or len(paragraph.text[match.end() :].split()) < _ANSWER_WORDS:
            continue
        label = match.group(1)
        if label in checked:
            continue
        checked.add(label)
        full = re.compile(rf"\b(?!The\b|A\b|An\b)[A-Z][\w'’-]+\s+{re.escape(label)}\b")
        if any(full.search(p.text) for p in paragraphs):
            out.add(label)
    return out


_SURNAME_LABEL_RE = re.compile(r"([A-Z][\w'’-]+):\s+(?=\S)")


_ANSWER_WORDS = 12


def _asks(paragraph: Paragraph) -> bool:
    return paragraph.text.rstrip().rstrip('"”’»').endswith("?")


@dataclass(frozen=True)
class Turn:
    paragraph: int  # index among the paragraphs passed in
    question: bool
    label: str  # as written ("MR. KIRBY", "NATO Secretary General Mark Rutte"); "" for Q
    label_start: int
    content_start: int  # where the speaker's words begin
    capitals: bool = False  # an all-capitals label: the name is read from it here
    heading: bool = False  # "Address by ...": the speech is in the paragraphs after it
    # Hansard's "James Cartlidge (South Suffolk) (Con):": a member of the House, whose
    # question to a minister is a speech of their own, not one from the press.
    member: bool = False


# "THE PRESIDENT:", "THE PRIME MINISTER:": a White House or Downing Street transcript
# labels its principal by office.
_OFFICE_LABEL_RE = re.compile(
    r"THE\s+(?:VICE\s+)?(?:PRESIDENT|PRIME\s+MINISTER|CHANCELLOR|SECRETARY|PRESS\s+SECRETARY)"
)

# "The Secretary of State for Defence (Mr Ben Wallace): ": Hansard's office, then the
# minister who holds it, in brackets.
_OFFICE_HOLDER_RE = re.compile(
    r"\s*\((?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\)"
    r"\s*:\s+"
)


def office_label(label: str) -> bool:
    return bool(_OFFICE_LABEL_RE.fullmatch(label))


def surname_label(label: str) -> str:
    """ "MR. KIRBY" -> "Kirby", "SRS HEBESTREIT" -> "Hebestreit", "DEPUTY PENTAGON PRESS
    SECRETARY SABRINA SINGH" -> "Sabrina Singh": an all-capitals label names the speaker
    by surname or full name, after a title or an abbreviated one."""
    words = [w.strip(".") for w in label.split()]
    while len(words) > 1 and (words[0].lower() in _LABEL_TITLES or len(words[0]) <= 3):
        words = words[1:]
    # A longer title ("DEPUTY PENTAGON PRESS SECRETARY"): the name follows its last word.
    titled = [i for i, w in enumerate(words[:-1]) if w.lower() in _LABEL_TITLES]
    if titled and len(words) - titled[-1] - 1 in (1, 2):
        words = words[titled[-1] + 1 :]
    if label.lower().startswith("the "):
        return ""
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def transcript_turns(paragraphs: list[Paragraph]) -> list[Turn]:
    """The labelled turns of a transcript, or nothing when the text does not read as one."""
    turns: list[Turn] = []
    page_ends: list[Turn] = []
    surnames = _surname_labels(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        question = _QUESTION_RE.match(text)
        if question:
            turns.append(Turn(index, True, "", paragraph.start, paragraph.start + question.end()))
            continue
        address = _address(text)
        if address is not None:
            # The heading has no words of the speaker's own; the paragraphs after it do.
            who = address.start("who")
            turns.append(
                Turn(
                    index,
                    False,
                    address.group("who"),
                    paragraph.start + who,
                    paragraph.end,
                    heading=True,
                )
            )
            continue
        if _PAGE_END_RE.match(text):
            # "Read also: ...": the page's links, no one's words; the floor ends there.
            page_ends.append(Turn(index, True, "", paragraph.start, paragraph.start))
            continue
        # (Both label patterns end with a colon: a paragraph without one is no turn.)
        match = ":" in text and (_TITLED_LABEL_RE.match(text) or _LABEL_RE.match(text))
        if not match:
            continue
        label = match.group("label")
        label_start = paragraph.start
        holder = _OFFICE_HOLDER_RE.fullmatch(text, match.end("label"), match.end())
        if label.lower().startswith("the ") and holder is not None:
            # Hansard's "The Secretary of State for Defence (Mr Ben Wallace):": the
            # minister named in brackets after the office.
            label, label_start = holder.group("name"), paragraph.start + holder.start("name")
        letters = [c for c in label if c.isalpha()]
        capitals = all(c.isupper() for c in letters)
        if label.lower() in _NOT_SPEAKERS or (
            label.lower().startswith("the ") and not (capitals and office_label(label))
        ):
            continue
        if (
            not capitals
            and len(label.split()) < 2
            and label not in surnames
            and not INITIAL_LABEL_RE.fullmatch(label)
        ):
            continue  # "Kyiv: ...", "Update: ...": one ordinary word is no speaker's name
        member = holder is None and "(" in text[match.end("label") : match.end()]
        turns.append(
            Turn(
                index,
                False,
                label,
                label_start,
                paragraph.start + match.end(),
                capitals,
                member=member,
            )
        )
    # "ANSA: Last week you told The Economist ...?": an outlet's label on a question.
    turns = [
        Turn(t.paragraph, True, "", t.label_start, t.content_start)
        if not t.question
        and not t.member
        and _asks(paragraphs[t.paragraph])
        and not _ANSWER_RE.fullmatch(t.label)
        else t
        for t in turns
    ]
    answers = [t for t in turns if not t.question]
    if not answers:
        return []
    if len(answers) >= 2 or len(answers) < len(turns):
        return _with_floor_questions(turns, paragraphs, page_ends)
    # One label and no question: an address or a statement, if a speech follows it.
    only = answers[0]
    if only.heading:
        # "Address by ...", then a speech: one of the next paragraphs is a full answer's length.
        after = paragraphs[only.paragraph + 1 : only.paragraph + 3]
        if any(len(p.text.split()) >= _ANSWER_WORDS for p in after):
            return _with_floor_questions(turns, paragraphs, page_ends)
        return []
    speech = paragraphs[only.paragraph].end - only.content_start
    words = len(paragraphs[only.paragraph].text.split())
    if not only.capitals and speech > 0 and words >= _SPEECH_WORDS:
        return _with_floor_questions(turns, paragraphs, page_ends)
    return []


# A paragraph that a label of any kind opens and a question ends.
_LABELLED_QUESTION_RE = re.compile(r"^[^:\n]{1,40}:\s.*\?[\"”’»]?\s*$", re.S)


def _with_floor_questions(
    turns: list[Turn], paragraphs: list[Paragraph], page_ends: list[Turn]
) -> list[Turn]:
    """Once the transcript has begun, "Rustavi 2: What is NATO's message ...?" is a
    question from the floor too, though no label pattern knows "Rustavi 2"."""
    labelled = {t.paragraph for t in turns}
    first = min(labelled)
    asked = [
        Turn(index, True, "", paragraph.start, paragraph.start)
        for index, paragraph in enumerate(paragraphs)
        if index > first and index not in labelled and _LABELLED_QUESTION_RE.match(paragraph.text)
    ]
    return sorted([*turns, *asked, *page_ends], key=lambda t: t.paragraph)
