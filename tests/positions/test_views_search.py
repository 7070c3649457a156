import datetime as dt

import pytest
from django.urls import reverse

from positions.models import Stance
from tests.factories import ArticleFactory, StatementFactory
from tests.positions.analyst_fixtures import blinken_story, say

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


@pytest.fixture
def story():
    return blinken_story()


def search(client, query, **extra):
    return client.get(reverse("positions:search") + "?" + query, **extra)


def test_an_empty_search_shows_the_form_only(analyst_client, story):
    html = search(analyst_client, "").content.decode()
    assert 'name="q"' in html and "Type some words" in html


def test_searching_red_line_finds_and_highlights_it(analyst_client, story):
    response = search(analyst_client, "q=red+line")
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 1
    assert "Dmitry Peskov" in html
    assert "<mark>red</mark>" in html.lower() or "<mark>red line</mark>" in html.lower()
    assert "Best matches first." in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=strike", 3),
        ("q=strike&actor=antony-blinken", 2),
        ("q=strike&stance=oppose", 2),
        ("q=strike&outlet=evening-courier", 1),
        ("q=strike&date_from=2024-06-01", 2),
        ("q=strike&date_to=2024-05-31", 1),
        ("q=strike&topic=strike-restrictions", 3),
        ("q=strike&topic=other", 0),
    ],
)
def test_search_filters(analyst_client, story, query, expected):
    assert search(analyst_client, query).context["page_obj"].paginator.count == expected


def test_an_htmx_search_returns_the_results_partial(analyst_client, story):
    html = search(analyst_client, "q=red+line", **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<form" not in html


def test_matches_are_escaped(analyst_client, story):
    quote = "<img src=x onerror=alert(1)> a zebra line"
    article = ArticleFactory(text=f"He said “{quote}” today.")
    start = article.text.index(quote)
    StatementFactory(
        article=article,
        actor=story["peskov"],
        topic=story["topic"],
        start=start,
        end=start + len(quote),
        quote=quote,
    )
    html = search(analyst_client, "q=zebra").content.decode()
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_search_pages_keep_the_query(analyst_client, story):
    for i in range(30):
        say(
            story["peskov"],
            story["topic"],
            dt.date(2023, 1, 1),
            f"Red line {i}.",
            Stance.OPPOSE,
            -1,
        )
    html = search(analyst_client, "q=red+line").content.decode()
    assert "?q=red+line&amp;page=2" in html


def test_with_too_many_matches_to_rank_it_lists_newest_first(analyst_client, story, monkeypatch):
    from positions import selectors

    monkeypatch.setattr(selectors, "RANK_AT_MOST", 1)
    response = search(analyst_client, "q=strike")
    dates = [item["s"].statement_date for item in response.context["results"]]
    assert dates == sorted(dates, reverse=True)
    assert "too many matches to rank" in response.content.decode()


def test_the_actor_filter_takes_a_name_or_an_alias(analyst_client, story):
    for typed in ("Antony Blinken", "antony blinken", "the secretary of state", "antony-blinken"):
        response = search(analyst_client, f"q=strike&actor={typed}")
        assert response.context["page_obj"].paginator.count == 2, typed
    assert search(analyst_client, "q=strike&actor=nobody").context["page_obj"].paginator.count == 0
