"""Word tokens of one sentence, with each quotation folded into a single token."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quotes import Quote

_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-’'.&]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Token:
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
        tokens.append(Token(text[q_start:q_end], q_start, q_end, "\"", quote))
        cursor = q_end
    if cursor < end:
        tokens.extend(_words(text, cursor, end))
    return tokens


def _words(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        word = m.group()
        s = m.start()
        # "Kyiv's" -> "Kyiv" + "'s", so the possessive can link a noun phrase.
        if len(word) > 2 and word[-2:].lower() in ("'s", "’s"):
            out.append(Token(word[:-2], s, s + len(word) - 2, word[:-2].lower()))
            out.append(Token(word[-2:], s + len(word) - 2, s + len(word), "'s"))
            continue
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            out.append(Token(word[:-1], s, s + len(word) - 1, word[:-1].lower()))
            out.append(Token(".", s + len(word) - 1, s + len(word), "."))
            continue
        out.append(Token(word, s, m.end(), word.lower()))
    return out
