"""Paragraphs, page clutter and sentences.

A regex splitter rather than pySBD: pySBD runs at about 0.5 MB/s, and the whole
finder + attribution + stance pipeline has to stay above 1 MB/s. Sentence boundaries
are never placed inside a quotation, so a multi-sentence quote stays in one sentence
with its attribution.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import SPEECH_FORMS
from .quotes import QUOTE_MARKS, Quote


# NamedTuples, not dataclasses: one is made for every line and every sentence, and a
# frozen dataclass's constructor costs several times a tuple's.
class Paragraph(NamedTuple):
    start: int
    end: int
    text: str
    # Why the paragraph is left out of statement finding ("" when it is kept).
    skip_reason: str = ""

    @property
    def kept(self) -> bool:
        return not self.skip_reason


class Sentence(NamedTuple):
    start: int
    end: int


_PARAGRAPH_RE = re.compile(r"[^\n]+")
_BULLET_RE = re.compile(r"^\s*(?:[•●▪◦·*]|-\s)")

# Words that mark a photo caption or a credit line rather than reporting. The patterns
# run on the lower-cased line, and only when one of the cheap substring tests below finds
# a candidate: case-insensitive alternations are slow in `re`, and every paragraph of
# every article goes through here.
_CAPTION_RE = re.compile(
    r"\b(?:pictured|seen here|photo(?:graph)?:|file photo|image caption|image source|"
    r"getty images|via getty|ap photo|reuters/|afp/|/afp|credit:|illustration:)"
)
_CAPTION_HINTS = (
    "pictured",
    "seen here",
    "photo",
    "image",
    "getty",
    "reuters/",
    "afp",
    "credit:",
    "illustration:",
)
# A line labelled as a caption is one even when it quotes someone ("Photo: X speaks in
# Kyiv. 'We will win.'"): the quote is repeated from the story.
_LABELLED_CAPTION_RE = re.compile(
    r"(?:photo|photograph|picture|pictured|image|caption|video|watch|graphic)\s*:", re.IGNORECASE
)
_FILE_RE = re.compile(r"^FILE\s*[-–—]", re.IGNORECASE)
# A picture's credit closing the line ("... Photograph: Reuters", "(AFP via Getty Images)"):
# a caption, even when it quotes the story.
_CREDIT_END_RE = re.compile(
    r"(?:\b(?:photograph|photo|picture|image|credit|illustration)\s*:\s*[^.:]{1,60}"
    r"|\((?:[^()]{0,40}/)?(?:reuters|ap|afp|epa|getty images|[^()]{0,40}via getty images)\))"
    r"\s*\.?$",
    re.IGNORECASE,
)
# Lines a web page adds around the story: sharing buttons, newsletter prompts, bylines.
_CLUTTER_RE = re.compile(
    r"^(?:share(?: this(?: article| story)?)?|advertisement|read more\b.*|related\b.*|"
    r"sign up\b.*|subscribe\b.*|follow us\b.*|click here\b.*|"
    r"by [a-z][\w.'-]+(?: [a-z][\w.'-]+){0,3}"
    r"(?:,? (?:and|&) [a-z][\w.'-]+(?: [a-z][\w.'-]+){0,3})?(?:\s*[,|–—-]\s*[^.]{0,60})?|"
    r"(?:updated|published|posted|last updated)\b[^.]{0,60}|reporting by\b.*|editing by\b.*|"
    r"writing by\b.*|additional reporting\b.*|comments?\b.*|listen to this article\b.*)$"
)
# ...and wherever it stands in the line.
_CLUTTER_ANYWHERE_RE = re.compile(r"\b(?:newsletter|sign up|cookies?|email address)\b")
_CLUTTER_HINTS = ("newsletter", "sign up", "cookie", "email address")


def _is_caption(key: str, low: str) -> bool:
    if any(hint in low for hint in _CAPTION_HINTS) and _CAPTION_RE.search(low):
        return True
    return key[:1] in "Ff" and bool(_FILE_RE.match(key))


# How each line _CLUTTER_RE takes can begin: lines that begin otherwise skip the pattern.
_CLUTTER_STARTS = (
    "share",
    "advertisement",
    "read more",
    "related",
    "sign up",
    "subscribe",
    "follow us",
    "click here",
    "by ",
    "updated",
    "published",
    "posted",
    "last updated",
    "reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "comment",
    "listen to this article",
)


def _is_clutter(key: str) -> bool:
    low = key.strip(" .:|").lower()
    if any(hint in low for hint in _CLUTTER_HINTS) and _CLUTTER_ANYWHERE_RE.search(low):
        return True
    return low.startswith(_CLUTTER_STARTS) and bool(_CLUTTER_RE.match(low))


def _may_end_with_credit(tail: str) -> bool:
    """What every line _CREDIT_END_RE takes holds: a labelled credit or a bracketed one."""
    return ":" in tail or ")" in tail


# Above the story, a line that does not end a sentence is a headline or a standfirst
# ("Minister says the rules stay", "PM heads to talks with no decision expected"): it
# restates the story in headline grammar, and the story reports the same words in full.
_SENTENCE_END = ".!?…:;"
_CLOSING_MARKS = QUOTE_MARKS + ")]"
_HEADLINE_MAX_WORDS = 30


def _is_headline(key: str, words: int) -> bool:
    if words > _HEADLINE_MAX_WORDS:
        return False
    end = key.rstrip(_CLOSING_MARKS + " ")
    return not end or end[-1] not in _SENTENCE_END


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-empty line is a paragraph; clutter is marked, not removed, so offsets hold.

    Captions and highlights repeated verbatim (a picture's caption and its alt text) are
    dropped both times: news pages print them twice, reporters never write a paragraph
    twice in a row. A passage repeated further apart is kept once.
    """
    raw = [(m.start(), m.end(), m.group()) for m in _PARAGRAPH_RE.finditer(text)]
    raw = [(s, e, t) for s, e, t in raw if t.strip()]
    split = [t.split() for _, _, t in raw]
    keys = [" ".join(parts) for parts in split]
    seen: set[str] = set()
    result: list[Paragraph] = []
    body_started = False
    for i, (start, _end, chunk) in enumerate(raw):
        key = keys[i]
        words = len(split[i])
        reason = ""
        has_quote = bool(_ANY_QUOTE_RE.search(key))
        if _BULLET_RE.match(chunk):
            # Summary bullets above the story restate it; inside the story they are lists.
            reason = "" if body_started else "highlight"
        elif (i + 1 < len(keys) and keys[i + 1] == key) or (i > 0 and keys[i - 1] == key):
            reason = "repeated caption"
        elif key in seen:
            reason = "repeated passage"
        elif (
            (not has_quote and _is_caption(key, key.lower()))
            or _LABELLED_CAPTION_RE.match(key)
            or (_may_end_with_credit(key[-80:]) and _CREDIT_END_RE.search(key[-80:]))
        ):
            reason = "caption"
        elif len(key) < 200 and _is_clutter(key):
            reason = "clutter"
        elif words < 4 and not has_quote:
            reason = "fragment"
        elif not body_started and i + 1 < len(raw) and _is_headline(key, words):
            reason = "headline"
        elif (
            _TIMESTAMPED_RE.match(key) or (i > 0 and _TIMESTAMP_RE.fullmatch(keys[i - 1]))
        ) and _is_headline(key, words):
            # A live blog's entry: "17:48 BST" and its headline, or "15:40 GMT – Headline".
            reason = "headline"
        if not reason and not _BULLET_RE.match(chunk):
            body_started = True
        seen.add(key)
        # Strip trailing spaces from the span so statement ends never include them.
        stripped = chunk.rstrip()
        result.append(Paragraph(start, start + len(stripped), stripped, reason))
    return result


_ANY_QUOTE_RE = re.compile("[\"“”„«»‘’']")
_TIMESTAMP_RE = re.compile(
    r"\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|BST|CET|CEST|EET|EEST|EST|EDT|UTC|ET|MSK))?", re.I
)
_TIMESTAMPED_RE = re.compile(_TIMESTAMP_RE.pattern + r"\s*[–—-]\s", re.I)

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "st",
        "jr",
        "sr",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "est",
        "dept",
        "univ",
        "fig",
        "ca",
        "pres",
        "min",
        "sec",
    ]
)
# After "U.S." a capitalised word usually continues the name ("U.S. Secretary"); these
# words start a new sentence instead.
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "but",
        "and",
        "this",
        "that",
        "these",
        "those",
        "there",
        "in",
        "on",
        "at",
        "after",
        "before",
        "while",
        "when",
        "however",
        "meanwhile",
        "yet",
        "so",
        "still",
        "his",
        "her",
        "their",
        "its",
        "our",
    ]
)
# '"Why wait?" Kallen asked.': a quotation that ends in a question or an exclamation and
# is followed by its attribution ("Name said", "They asked") is one sentence.
_ATTRIBUTION_AFTER_RE = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}?([a-z]+)\b")


def _attribution_follows(text: str, at: int, end: int) -> bool:
    """One to four capitalised words and a speech verb: "Kallen asked", "They said"."""
    m = _ATTRIBUTION_AFTER_RE.match(text, at, min(end, at + 80))
    return m is not None and m.group(1) in SPEECH_FORMS


def _bare_attribution(text: str, at: int, end: int) -> bool:
    """ "« ... will be answered. » Peskov told reporters on Thursday.": the attribution of
    the quotation before it, saying nothing of its own (no "that", a few words)."""
    rest = re.match(r"[^.!?]{0,90}[.!?]", text[at:end])
    return rest is not None and len(rest.group().split()) <= 8 and " that " not in rest.group()


# The next sentence may open with a quotation mark ("« " spaced, in French typography).
# (French guillemets close after a space: "... in Russia. » He pointed ...")
_BOUNDARY_RE = re.compile(r"[.!?…]+(?:\s»)?[\"”’'»)\]]*(?=\s+(?:« |[\"“‘'«„(\[])?[A-Z0-9])")


_LAST_WORD_RE = re.compile(r"[\w.]+$")


def _last_word(text: str, start: int, end: int) -> re.Match[str] | None:
    """The word (letters, digits and dots) that ends text[start:end]."""
    # Searched in the last 40 characters first: a search for "...$" tries every position.
    near = max(start, end - 40)
    word = _LAST_WORD_RE.search(text, near, end)
    if word is not None and word.start() == near > start:
        word = _LAST_WORD_RE.search(text, start, end)  # a word longer than the window
    return word


def split_sentences(text: str, start: int, end: int, quotes: list[Quote]) -> list[Sentence]:
    """Sentences of text[start:end]; never breaks inside a quotation."""
    inside = [(q.open_at, q.close_end) for q in quotes if q.open_at < end and q.close_end > start]
    sentences: list[Sentence] = []
    cursor = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        cut = match.end()
        # Inside a quotation, unless the quotation ends with the sentence
        # ('... "We will stay." He added ...').
        if any(a < match.start() < b - 1 and match.end() < b for a, b in inside):
            continue
        mark = match.group()
        if (
            mark[-1] in "\"”’'»“"
            and ("?" in mark or "!" in mark or _bare_attribution(text, cut, end))
            and _attribution_follows(text, cut, end)
        ):
            continue
        if text[match.start()] == ".":
            word = _last_word(text, cursor, match.start())
            token = word.group() if word else ""
            if token.lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if len(token) == 1 and token.isupper():  # an initial: "J. Smith"
                continue
            if "." in token:  # "U.S." or "a.m."
                nxt = re.match(r"\s+[\"“‘'«„(\[]?(\w+)", text[cut:end])
                if nxt and nxt.group(1).lower() not in _SENTENCE_STARTERS:
                    continue
        sentences.append(Sentence(cursor, cut))
        cursor = cut
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        sentences.append(Sentence(cursor, end))
    return sentences
