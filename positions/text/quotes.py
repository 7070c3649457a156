"""Find quotations: straight and curly, double and single, guillemets and „low-high“ marks.

Single quotes double as apostrophes ("Kyiv's", "allies' weapons"), so a single mark
opens a quote only at the start of a word and closes one only at the end of a word,
and a closing candidate right after an "s" is read as a plural possessive unless what
follows looks like the end of a quoted phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    open_at: int  # offset of the opening mark
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    close_end: int  # one past the closing mark (== end when the quote runs on)
    closed: bool  # False when the quote runs on to the end of its paragraph
    mark: str  # the opening mark

    @property
    def single(self) -> bool:
        return self.mark in "'‘‚‹"


# Opening mark -> the marks that may close it.
_CLOSERS: dict[str, str] = {
    '"': '"',
    "“": "”“",  # some pages print “ at both ends
    "”": "”",  # and some print ” at both ends
    "„": '“”"',  # and translated copy often closes „ with a straight mark
    "«": "»",
    "»": "«",
    "‹": "›",
    "'": "'’",
    "‘": "’'",
    "‚": "‘’",
}
QUOTE_MARKS = "".join(sorted(set(_CLOSERS) | set("".join(_CLOSERS.values()))))
_OPEN_PREV = set(" \t\n([{—–-/:;\"“„«‘'") | {""}
# After a possessive "s'" these words show the mark really closed a quote.
_AFTER_CLOSE_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "in",
        "to",
        "on",
        "at",
        "for",
        "with",
        "he",
        "she",
        "they",
        "it",
        "we",
        "said",
        "says",
        "added",
        "told",
        "the",
        "a",
        "an",
        "if",
        "that",
        "which",
        "as",
        "by",
        "of",
        "from",
        "when",
        "while",
        "is",
        "was",
        "were",
        "are",
        "has",
        "had",
    ]
)


def _is_opener(text: str, i: int, lo: int) -> bool:
    mark = text[i]
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not nxt or (nxt.isspace() and mark != "«"):  # "« like this »" in French typography
        return False
    if mark in "'‘":
        if prev not in _OPEN_PREV:
            return False
        # "'90s", "'em": elisions, not quotes.
        return not re.match(r"(?:\d\ds?\b|em\b|tis\b|twas\b|n\b)", text[i + 1 : i + 5])
    if mark in '"”»':
        return prev in _OPEN_PREV
    return True


def _is_closer(text: str, i: int, hi: int, mark: str) -> bool:
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < hi else ""
    if prev.isspace():
        # French typography spaces guillemets inside: « like this ».
        return mark in "«»" and text[i] in "«»" and not nxt.isalnum()
    if mark in "'‘‚":
        if nxt.isalnum():
            return False  # an apostrophe inside a word: "we're", "Kyiv’s"
        if prev in "sS" and nxt == " ":
            follow = re.match(r" +([A-Za-z]+)", text[i + 1 : i + 20])
            if follow and follow.group(1).lower() not in _AFTER_CLOSE_WORDS:
                return False  # "the allies' weapons"
        return True
    return not nxt.isalnum()


# Jump from one quotation mark to the next instead of looking at every character: the
# finder runs on every paragraph.
_MARK_RE = re.compile("[" + re.escape("".join(_CLOSERS)) + "]")
_CLOSER_RES = {
    mark: re.compile("[" + re.escape(closers) + "]") for mark, closers in _CLOSERS.items()
}


def find_quotes(text: str, lo: int, hi: int) -> list[Quote]:
    """Top-level quotations in text[lo:hi] (one paragraph).

    A quotation opened but not closed before the paragraph ends runs on to its end,
    as multi-paragraph quotes do in print.
    """
    quotes: list[Quote] = []
    i = lo
    while True:
        found = _MARK_RE.search(text, i, hi)
        if found is None:
            break
        i = found.start()
        mark = text[i]
        if _is_opener(text, i, lo):
            closer_re = _CLOSER_RES[mark]
            close_at = -1
            candidate = closer_re.search(text, i + 1, hi)
            while candidate is not None:
                if _is_closer(text, candidate.start(), hi, mark):
                    close_at = candidate.start()
                    break
                candidate = closer_re.search(text, candidate.start() + 1, hi)
            if close_at > i + 1:
                quotes.append(Quote(i, i + 1, close_at, close_at + 1, True, mark))
                i = close_at + 1
                continue
            if close_at == -1 and (i == lo or _runs_on(text, lo, i)):
                end = hi
                while end > i + 1 and text[end - 1].isspace():
                    end -= 1
                quotes.append(Quote(i, i + 1, end, end, False, mark))
                break
        i += 1
    return quotes


def _runs_on(text: str, lo: int, i: int) -> bool:
    """An unclosed mark after a colon or "said" opens a quote that continues below."""
    before = text[lo:i].rstrip()
    return before.endswith((":", ",")) or bool(re.search(r"\b(?:said|says|added)$", before))
