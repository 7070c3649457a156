import pytest
from django.urls import reverse

from tests.positions.analyst_fixtures import blinken_story

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


@pytest.fixture
def story():
    return blinken_story()


def test_shifts_show_both_quotes_dates_and_articles(analyst_client, story):
    html = analyst_client.get(reverse("positions:shifts")).content.decode()
    assert "our policy on the use of these weapons has not changed" in html
    assert "We will adapt and adjust" in html
    assert "20 Feb 2024" in html and "29 May 2024" in html
    before, after = story["statements"][1], story["statements"][2]
    assert reverse("positions:article", args=[before.article_id]) in html
    assert reverse("positions:article", args=[after.article_id]) in html


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("topic=strike-restrictions", 1),
        ("actor=antony-blinken", 1),
        ("actor=dmitry-peskov", 0),
        ("actor=nobody-at-all", 0),
        ("topic=no-such-topic", 0),
        ("date_from=2024-06-01", 0),
        ("topic=strike-restrictions&actor=antony-blinken&date_to=2024-12-31", 1),
    ],
)
def test_shifts_per_topic_and_actor(analyst_client, story, query, count):
    response = analyst_client.get(reverse("positions:shifts") + "?" + query)
    assert response.context["page_obj"].paginator.count == count


def test_shifts_filter_with_htmx(analyst_client, story):
    html = analyst_client.get(reverse("positions:shifts") + "?actor=dmitry-peskov", **HTMX)
    assert html.content.decode().lstrip().startswith('<div id="results"')


def test_compare_draws_two_to_six_actors_with_their_shifts(analyst_client, story):
    url = reverse("positions:compare") + "?topic=strike-restrictions"
    response = analyst_client.get(url + "&actor=antony-blinken&actor=dmitry-peskov")
    chart = response.context["chart"]
    assert [s["name"] for s in chart["series"]] == ["Antony Blinken", "Dmitry Peskov"]
    assert len(chart["points"]) == 5
    assert {s["actor"] for s in chart["steps"]} == {story["blinken"].pk, story["peskov"].pk}
    assert [row.actor for row in response.context["shift_rows"]] == [story["blinken"]]
    assert 'id="compare-data"' in response.content.decode()


def test_compare_asks_for_at_least_two_actors(analyst_client, story):
    url = reverse("positions:compare") + "?topic=strike-restrictions&actor=antony-blinken"
    response = analyst_client.get(url)
    html = response.content.decode()
    assert "stance-chart" not in html  # no chart drawn for one actor
    assert "Choose between 2 and 6 actors" in html


def test_compare_keeps_at_most_six_actors(analyst_client, story):
    slugs = "&".join(f"actor=a{i}" for i in range(8))
    url = reverse("positions:compare") + f"?actor=antony-blinken&actor=dmitry-peskov&{slugs}"
    response = analyst_client.get(url)
    assert len(response.context["actors"]) == 2  # the unknown ones are dropped, 6 read at most


def test_compare_lists_candidates_for_the_topic(analyst_client, story):
    html = analyst_client.get(reverse("positions:compare")).content.decode()
    assert 'value="antony-blinken"' in html and 'value="dmitry-peskov"' in html


def test_compare_htmx_swaps_the_form_and_results(analyst_client, story):
    url = reverse("positions:compare") + "?actor=antony-blinken&actor=dmitry-peskov"
    html = analyst_client.get(url, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html


def test_the_actors_list_is_searchable_with_counts(analyst_client, story):
    response = analyst_client.get(reverse("positions:actors") + "?q=secretary")
    actors = list(response.context["page_obj"].object_list)
    assert [a.name for a in actors] == ["Antony Blinken"]
    assert actors[0].n_statements == 4
    html = response.content.decode()
    assert "US State Department" in html


def test_the_actors_list_filters_by_kind_and_swaps_with_htmx(analyst_client, story):
    url = reverse("positions:actors") + "?kind=government"
    html = analyst_client.get(url, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "Foreign Ministry of Ruritania" in html and "Antony Blinken" not in html


def test_the_shifts_actor_filter_takes_a_name(analyst_client, story):
    response = analyst_client.get(reverse("positions:shifts") + "?actor=Antony+Blinken")
    assert response.context["actor"] == story["blinken"]
    assert response.context["page_obj"].paginator.count == 1


def test_compare_shows_the_newest_shifts_and_links_to_all_of_them(analyst_client, monkeypatch):
    import datetime as dt

    from positions import views
    from positions.models import Stance
    from positions.summaries import summaries_refresh
    from tests.factories import ActorFactory
    from tests.positions.analyst_fixtures import say, strike_topic

    monkeypatch.setattr(views, "COMPARE_SHIFTS_SHOWN", 2)
    topic = strike_topic()
    people = [ActorFactory(name="Ada Flip"), ActorFactory(name="Bo Flop")]
    day = dt.date(2023, 1, 1)
    for person in people:
        for i in range(4):  # a flip every 200 days: three shifts each
            stance, score = (Stance.SUPPORT, 0.9) if i % 2 == 0 else (Stance.OPPOSE, -0.9)
            say(
                person,
                topic,
                day + dt.timedelta(days=200 * i),
                f"Quote {i} of {person.name}.",
                stance,
                score,
            )
    summaries_refresh(pairs=[(p.pk, topic.pk) for p in people])
    url = (
        reverse("positions:compare")
        + f"?topic={topic.slug}&actor={people[0].slug}&actor={people[1].slug}"
    )
    html = analyst_client.get(url).content.decode()
    assert html.count('<article class="shift card">') == 2
    assert 'Their shifts <span class="muted">(6)</span>' in html
    assert "The newest 2 are shown" in html
    assert f"actor={people[0].slug}" in html and f"actor={people[1].slug}" in html
