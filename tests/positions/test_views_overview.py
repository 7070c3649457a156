import pytest
from django.urls import reverse

from tests.factories import TopicFactory
from tests.positions.analyst_fixtures import blinken_story

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


@pytest.fixture
def story():
    return blinken_story()


def test_home_shows_the_first_active_topic_with_its_question_and_actors(analyst_client, story):
    response = analyst_client.get(reverse("positions:home"))
    html = response.content.decode()
    assert "Should Ukraine be allowed to strike targets inside Russia" in html
    assert 'data-actor="antony-blinken"' in html
    assert 'data-actor="dmitry-peskov"' in html
    assert "Recent shifts" in html
    assert "topic-picker" not in html  # only one topic


def test_home_without_topics_says_so(analyst_client):
    response = analyst_client.get(reverse("positions:home"))
    assert b"No topics yet" in response.content


def test_with_several_topics_home_shows_a_picker_and_defaults_to_the_first(analyst_client, story):
    TopicFactory(slug="aardvark-aid", title="Aardvark aid", question="Aid aardvarks?")
    TopicFactory(slug="zz-retired", title="Zz retired", question="Old?", is_active=False)
    html = analyst_client.get(reverse("positions:home")).content.decode()
    assert "topic-picker" in html
    assert "Aid aardvarks?" in html  # "Aardvark aid" sorts first
    assert reverse("positions:topic", args=["strike-restrictions"]) in html
    assert "Zz retired" not in html


def test_the_topic_page_shows_positions_counts_and_latest_shift(analyst_client, story):
    response = analyst_client.get(reverse("positions:topic", args=["strike-restrictions"]))
    rows = {row.actor.slug: row for row in response.context["rows"]}
    assert rows["antony-blinken"].position == "support"
    assert rows["antony-blinken"].count == 4
    assert rows["antony-blinken"].latest_shift is not None
    html = response.content.decode()
    assert "10 Jan 2024" in html and "11 Sep 2024" in html


def test_an_unknown_topic_is_404(analyst_client):
    assert analyst_client.get(reverse("positions:topic", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=government", ["ruritania-foreign-ministry"]),
        ("place=russia", ["dmitry-peskov"]),
        ("position=support", ["antony-blinken"]),
        ("position=oppose&date_to=2024-03-01", ["antony-blinken"]),
        ("date_from=2024-06-15", ["antony-blinken", "ruritania-foreign-ministry"]),
        ("kind=bogus&position=bogus&sort=bogus&date_from=never", None),
    ],
)
def test_the_overview_filters(analyst_client, story, query, expected):
    url = reverse("positions:topic", args=["strike-restrictions"]) + "?" + query + "&sort=name"
    response = analyst_client.get(url)
    assert response.status_code == 200
    slugs = [row.actor.slug for row in response.context["rows"]]
    if expected is None:
        assert len(slugs) == 3
    else:
        assert slugs == expected


def test_the_overview_sorts_by_column(analyst_client, story):
    url = reverse("positions:topic", args=["strike-restrictions"])
    by_name = analyst_client.get(url + "?sort=name").context["rows"]
    assert [r.actor.slug for r in by_name][0] == "antony-blinken"
    by_position = analyst_client.get(url + "?sort=position").context["rows"]
    assert [r.position for r in by_position] == ["support", "neutral", "oppose"]


def test_an_htmx_filter_request_gets_only_the_results_partial(analyst_client, story):
    url = reverse("positions:topic", args=["strike-restrictions"]) + "?position=oppose"
    html = analyst_client.get(url, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and "<form" not in html
    assert 'data-actor="dmitry-peskov"' in html
    assert 'data-actor="antony-blinken"' not in html


def test_filters_and_sorting_links_use_htmx_and_push_the_url(analyst_client, story):
    html = analyst_client.get(reverse("positions:home")).content.decode()
    assert 'hx-target="#results"' in html
    assert 'hx-push-url="true"' in html
    assert "?sort=name" in html
