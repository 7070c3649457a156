"""Statement dates, resolved against the publication date."""

import datetime as dt

import pytest

from positions.text.dates import DAY, MONTH, resolve_date

PUBLISHED = dt.date(2024, 5, 29)  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [
        ("said the port would reopen", dt.date(2024, 5, 29), DAY),
        ("said on Wednesday", dt.date(2024, 5, 29), DAY),
        ("told reporters on Monday", dt.date(2024, 5, 27), DAY),
        ("said last Wednesday", dt.date(2024, 5, 22), DAY),
        ("said Friday", dt.date(2024, 5, 24), DAY),
        ("said yesterday", dt.date(2024, 5, 28), DAY),
        ("said yesterday that the port would reopen", dt.date(2024, 5, 28), DAY),
        ("told us yesterday his view had not changed", dt.date(2024, 5, 28), DAY),
        # A morning paper's "last night" is the evening before it went to print.
        ("a No 10 source said last night that the port would reopen", dt.date(2024, 5, 28), DAY),
        ("also suggested this week", dt.date(2024, 5, 29), DAY),
        ("said last week", dt.date(2024, 5, 22), DAY),
        ("said earlier this month", dt.date(2024, 5, 1), MONTH),
        ("said last month", dt.date(2024, 4, 1), MONTH),
        ("had warned in September 2022 that", dt.date(2022, 9, 1), MONTH),
        ("said in March", dt.date(2024, 3, 1), MONTH),
        ("said in November", dt.date(2023, 11, 1), MONTH),
        ("said on May 12", dt.date(2024, 5, 12), DAY),
        ("said on 3 April 2023", dt.date(2023, 4, 3), DAY),
    ],
)
def test_it_dates_the_phrase(phrase, date, precision):
    result = resolve_date(phrase, PUBLISHED)
    assert (result.date, result.precision) == (date, precision)


def test_it_is_unknown_without_a_publication_date():
    assert resolve_date("said on Monday", None).date is None


def test_the_first_date_phrase_wins():
    assert resolve_date("said on Monday that the talks in March failed", PUBLISHED).date == dt.date(
        2024, 5, 27
    )


@pytest.mark.parametrize(
    "phrase, date",
    [
        ("Speaking in Dolmar the day before, the mayor said", dt.date(2024, 5, 28)),
        ("A day earlier, the mayor said", dt.date(2024, 5, 28)),
        ("the previous day", dt.date(2024, 5, 28)),
        ("the day before the vote, the mayor said", PUBLISHED),
    ],
)
def test_the_day_before_is_the_day_before_publication_unless_it_is_anothers_eve(phrase, date):
    assert resolve_date(phrase, PUBLISHED).date == date
