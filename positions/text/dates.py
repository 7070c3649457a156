"""Date a statement from the words around its attribution, relative to publication.

Own rules rather than dateparser: the phrases that matter in news copy are few
("on Wednesday", "last week", "earlier this month", "in September 2022"), they must be
resolved against the publication date, and dateparser is far too slow to run on every
sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAY = "day"
MONTH = "month"
YEAR = "year"
UNKNOWN = "unknown"

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "month_day",
        re.compile(
            rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
            re.I,
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"\b(?:in|since|during|early|late|mid-?|last)\s+{_MONTH_RE}\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|this|on|earlier on|late on|early on)\s+)?"
            r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    (
        "yesterday",
        # ("the day before" alone: not "the day before the vote", another day's eve;
        # "last night": a morning paper's evening before)
        re.compile(
            r"\byesterday\b|\blast\s+night\b"
            r"|\b(?:(?:the|a)\s+day\s+(?:before|earlier)|the\s+previous\s+day)\b"
            r"(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)",
            re.I,
        ),
    ),
    ("today", re.compile(r"\b(?:today|this week|this morning|tonight|this evening)\b", re.I)),
    (
        "last_week",
        re.compile(r"\b(?:last week|earlier this week|a week ago|late last week)\b", re.I),
    ),
    (
        "this_month",
        re.compile(
            r"\b(?:earlier this month|this month|at the start of the month|"
            r"at the beginning of the month)\b",
            re.I,
        ),
    ),
    ("last_month", re.compile(r"\b(?:last month|earlier last month)\b", re.I)),
    ("in_year", re.compile(r"\b(?:in|since|during)\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
]


_PATTERN_BY_KIND = dict(_PATTERNS)
_ANY_PATTERN_RE = re.compile(
    "|".join(
        f"(?P<{kind}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', pattern.pattern)})"
        for kind, pattern in _PATTERNS
    ),
    re.I,
)

_ANY_PATTERN_LOWER_RE = re.compile(_ANY_PATTERN_RE.pattern)

_HINT_RE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun|yester|to)day\b|\bday\s+(?:before|earlier)\b"
    r"|\bprevious\s+day\b|\blast\s+night\b|\b(?:week|month|tonight|"
    r"morning|evening)\b|\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)

_HINT_LOWER_RE = re.compile(_HINT_RE.pattern)


@dataclass(frozen=True)
class StatementDate:
    date: dt.date | None
    precision: str  # DAY, MONTH, YEAR or UNKNOWN
    phrase: str = ""  # the words that dated it, "" when it is the publication date


def _month_number(name: str) -> int:
    return _MONTH_ABBR[name.lower()[:3]]


def _year_for_month(month: int, year: str | None, published: dt.date) -> int:
    if year:
        return int(year)
    # A month named without a year is the latest such month not after publication.
    return published.year if month <= published.month else published.year - 1


def resolve_date(phrase_text: str, published: dt.date | None) -> StatementDate:
    """The first date phrase in `phrase_text`, or the publication date."""
    if published is None:
        return StatementDate(None, UNKNOWN)
    # The earliest phrase; where two patterns match at the same place, the one listed
    # first. One search of all the patterns at once, then the winner's own match.
    # (On the lower-cased text: case-insensitive alternations are slow in `re`.)
    lowered = phrase_text.lower()
    if len(lowered) == len(phrase_text):
        if not _HINT_LOWER_RE.search(lowered):
            return StatementDate(published, DAY)
        found = _ANY_PATTERN_LOWER_RE.search(lowered)
    else:
        if not _HINT_RE.search(phrase_text):
            return StatementDate(published, DAY)
        found = _ANY_PATTERN_RE.search(phrase_text)
    if found is None:
        return StatementDate(published, DAY)
    kind = found.lastgroup or ""
    m = _PATTERN_BY_KIND[kind].match(phrase_text, found.start())
    if m is None:  # cannot happen: the same pattern matched there
        return StatementDate(published, DAY)
    phrase = m.group(0)
    try:
        if kind in ("month_day", "day_month"):
            month = _month_number(m.group("month"))
            day = int(m.group("day"))
            date = dt.date(_year_for_month(month, m.group("year"), published), month, day)
            if date > published and not m.group("year"):
                date = date.replace(year=date.year - 1)
            return StatementDate(date, DAY, phrase)
        if kind == "month_year":
            month = _month_number(m.group("month"))
            return StatementDate(
                dt.date(_year_for_month(month, m.group("year"), published), month, 1), MONTH, phrase
            )
        if kind == "in_year":
            return StatementDate(dt.date(int(m.group("year")), 1, 1), YEAR, phrase)
    except (ValueError, KeyError):
        return StatementDate(published, DAY)
    if kind == "weekday":
        target = _WEEKDAYS.index(m.group("weekday").lower())
        back = (published.weekday() - target) % 7
        if (m.group("rel") or "").lower() == "last" and back == 0:
            back = 7
        return StatementDate(published - dt.timedelta(days=back), DAY, phrase)
    if kind == "yesterday":
        return StatementDate(published - dt.timedelta(days=1), DAY, phrase)
    if kind == "today":
        return StatementDate(published, DAY, phrase)
    if kind == "last_week":
        return StatementDate(published - dt.timedelta(days=7), DAY, phrase)
    if kind == "this_month":
        return StatementDate(published.replace(day=1), MONTH, phrase)
    if kind == "last_month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return StatementDate(first.replace(day=1), MONTH, phrase)
    return StatementDate(published, DAY)
