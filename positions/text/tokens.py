"""Word tokens of one sentence, with each quotation folded into a single token."""

from __future__ import annotations

import re
from typing import NamedTuple

from .quotes import Quote

# Abbreviations ("U.S."), a word before its possessive ("Kyiv" + "'s", so the possessive can
# link a noun phrase), the possessive, other words (with inner apostrophes: "we're"), and
# single punctuation marks.
# A middle initial ("John F. Kirby") is one token with its dot: a name goes on through it.
# A title with its dot ("Mr. Scholz", "Gen. Syrsky") is one token, so the name goes on
# through it; so is a "Jr." after a name.
_TOKEN_RE = re.compile(
    # Most tokens are plain words in lower case, which no branch before the last can
    # match: tried first, they skip the branches for capitals.
    r"[a-z0-9]\w*(?:[-.&]\w+|['’](?!s\b)\w+)*|"
    r"(?:[A-Z]\.){2,}|[A-Z](?<=[a-z] [A-Z])\.(?= [A-Z][a-z])"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|Sgt|Adm|Prof|Rev)\.(?= [A-Z])"
    r"|(?<=[a-z] )(?:Jr|Sr)\.(?=[\s,])"  # "Donald Trump Jr.": the name ends with its dot
    r"|[A-Z]{2,}/[A-Z]{2,}"  # "CDU/CSU": one party name
    r"|\w+(?:[-.&]\w+|['’](?!s\b)\w+)*|['’]s\b|[^\w\s]"
)


# A NamedTuple, not a dataclass: tokens are made by the million and tuples are the
# cheapest to build.
class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str
    quote: Quote | None = None


def tokenize(text: str, start: int, end: int, quotes: list[Quote]) -> list[Token]:
    """Tokens of text[start:end]; a quotation becomes one token carrying its Quote."""
    tokens: list[Token] = []
    cursor = start
    for quote in quotes:
        if quote.close_end <= start or quote.open_at >= end:
            continue
        q_start, q_end = max(quote.open_at, start), min(quote.close_end, end)
        if q_start > cursor:
            tokens.extend(_words(text, cursor, q_start))
        tokens.append(Token(text[q_start:q_end], q_start, q_end, '"', quote))
        cursor = q_end
    if cursor < end:
        tokens.extend(_words(text, cursor, end))
    return tokens


def _words(text: str, start: int, end: int) -> list[Token]:
    # tuple.__new__ directly: a NamedTuple's own constructor adds a Python-level call per
    # token, and tokens are the pipeline's main cost.
    new = tuple.__new__
    words: list[Token] = []
    append = words.append
    for m in _TOKEN_RE.finditer(text, start, end):
        word = m.group()
        word_start, word_end = m.span()
        append(new(Token, (word, word_start, word_end, word.lower(), None)))
    return words
