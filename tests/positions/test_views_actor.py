import datetime as dt
import json

import pytest
from django.urls import reverse

from positions.models import Stance
from positions.selectors import StatementFilters
from tests.factories import TopicFactory
from tests.positions.analyst_fixtures import blinken_story, say

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


@pytest.fixture
def story():
    return blinken_story()


def url(query=""):
    base = reverse("positions:actor", args=["antony-blinken"])
    return f"{base}?{query}" if query else base


def chart_data(response):
    html = response.content.decode()
    start = html.index('<script id="timeline-data" type="application/json">') + len(
        '<script id="timeline-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_timeline_shows_profile_chart_data_and_evidence(analyst_client, story):
    response = analyst_client.get(url("topic=strike-restrictions"))
    html = response.content.decode()
    assert "Secretary of State" in html and "US State Department" in html
    assert "the secretary of state" in html  # alias
    data = chart_data(response)
    assert len(data["points"]) == 4
    assert {p["stance"] for p in data["points"]} == {"oppose", "support"}
    assert [s["position"] for s in data["steps"]] == ["oppose", "oppose", "support", "support"]
    assert html.count('class="evidence card"') == 4
    assert "Reported speech" in html and "Confirmed" in html
    assert "Capital Times" in html
    # The context sentence from the article, around the quote.
    assert "Antony Blinken said “" in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "js/timeline.js" in html


def test_without_a_topic_param_it_picks_the_actors_main_topic(analyst_client, story):
    response = analyst_client.get(url())
    assert response.context["topic"] == story["topic"]


def test_the_topic_filter_switches_topic(analyst_client, story):
    other = TopicFactory(slug="grain-deal", title="Grain deal", question="Should grain flow?")
    say(story["blinken"], other, dt.date(2024, 3, 3), "Grain must flow.", Stance.SUPPORT, 0.9)
    response = analyst_client.get(url("topic=grain-deal"))
    assert [p["stance"] for p in chart_data(response)["points"]] == ["support"]
    assert "Grain must flow." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stance=support", 2),
        ("stance=oppose", 2),
        ("speech=reported", 1),
        ("confirmed=1", 1),
        ("date_from=2024-05-01", 2),
        ("date_from=2024-01-01&date_to=2024-03-01", 2),
    ],
)
def test_the_evidence_filters(analyst_client, story, query, expected):
    response = analyst_client.get(url("topic=strike-restrictions&" + query))
    assert response.context["page_obj"].paginator.count == expected
    assert len(chart_data(response)["points"]) == expected


def test_an_htmx_filter_request_gets_chart_and_list_only(analyst_client, story):
    response = analyst_client.get(url("topic=strike-restrictions&stance=support"), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<form" not in html and "<html" not in html
    assert len(chart_data(response)["points"]) == 2
    assert "HX-Request" in response["Vary"]


def test_evidence_is_paged_and_a_focus_opens_the_page_holding_a_statement(analyst_client, story):
    blinken, topic = story["blinken"], story["topic"]
    made = [
        say(blinken, topic, dt.date(2023, 1, 1) + dt.timedelta(days=i), f"Old {i}.", "oppose", -0.5)
        for i in range(30)
    ]
    first = analyst_client.get(url("topic=strike-restrictions"))
    assert first.context["page_obj"].paginator.num_pages == 2
    assert 'rel="next"' in first.content.decode()
    page2 = analyst_client.get(url("topic=strike-restrictions&page=2"), **HTMX)
    assert page2.content.decode().lstrip().startswith('<div id="results"')
    oldest = made[0]
    focused = analyst_client.get(url(f"topic=strike-restrictions&focus={oldest.pk}"))
    assert focused.context["page_obj"].number == 2
    assert f'id="stmt-{oldest.pk}"' in focused.content.decode()


def test_a_merged_actor_redirects_to_the_actor_it_was_merged_into(analyst_client, story):
    from tests.factories import ActorFactory

    old = ActorFactory(name="Tony Blinken", slug="tony-blinken", merged_into=story["blinken"])
    response = analyst_client.get(reverse("positions:actor", args=[old.slug]) + "?topic=x")
    assert response.status_code == 302
    assert response["Location"] == url("topic=x")


def test_an_unknown_actor_is_404(analyst_client):
    assert analyst_client.get(reverse("positions:actor", args=["nobody"])).status_code == 404


def test_export_links_carry_the_same_filters(analyst_client, story):
    from positions.views import export_links

    links = export_links(StatementFilters())
    if not links:
        pytest.skip("no export route is registered yet")
    html = analyst_client.get(url("topic=strike-restrictions&stance=support")).content.decode()
    assert "Export CSV" in html and "Export JSON" in html
    query = "?topic=strike-restrictions&amp;actor=antony-blinken&amp;stance=support"
    assert links["csv"] + query in html


def test_pages_render_without_export_routes(analyst_client, story, monkeypatch):
    from positions import views

    monkeypatch.setattr(views, "EXPORT_ROUTES", ("positions:no_such_export_{fmt}",))
    html = analyst_client.get(url("topic=strike-restrictions")).content.decode()
    assert "Export CSV" not in html


def test_undated_statements_are_listed_last_and_left_off_the_chart(analyst_client, story):
    undated = say(
        story["blinken"], story["topic"], dt.date(2024, 1, 1), "Undated words.", "oppose", -0.4
    )
    undated.statement_date = None
    undated.save()
    response = analyst_client.get(url("topic=strike-restrictions"))
    evidence = [item["s"].pk for item in response.context["evidence"]]
    assert evidence[-1] == undated.pk
    assert undated.pk not in [p["id"] for p in chart_data(response)["points"]]
