import datetime as dt

import pytest
from django.http import QueryDict

from positions import selectors
from positions.models import Actor, Stance, Statement
from positions.selectors import StatementFilters
from tests.factories import ArticleFactory, StatementFactory
from tests.positions.analyst_fixtures import blinken_story, say

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return blinken_story()


# --- StatementFilters -----------------------------------------------------------------


def test_filters_are_read_from_the_query_string():
    params = QueryDict(
        "topic=strike-restrictions&actor=a,b&actor=c&stance=oppose&speech=reported&confirmed=1"
        "&outlet=capital-times&date_from=2024-01-01&date_to=2024-12-31&q=red+line"
    )
    filters = StatementFilters.from_query(params)
    assert filters.topic == "strike-restrictions"
    assert filters.actors == ["a", "b", "c"]
    assert filters.stance == "oppose"
    assert filters.speech == "reported"
    assert filters.confirmed is True
    assert filters.outlet == "capital-times"
    assert filters.date_from == dt.date(2024, 1, 1)
    assert filters.date_to == dt.date(2024, 12, 31)
    assert filters.q == "red line"


def test_bad_filter_values_are_ignored_not_errors():
    filters = StatementFilters.from_query(
        QueryDict("stance=maybe&speech=shouted&date_from=yesterday&date_to=2024-13-01&confirmed=no")
    )
    assert filters == StatementFilters()


def test_filters_round_trip_through_their_query_string():
    filters = StatementFilters(
        topic="t",
        actors=["a", "b"],
        stance="support",
        confirmed=True,
        date_from=dt.date(2024, 2, 1),
    )
    assert StatementFilters.from_query(QueryDict(filters.querystring())) == filters
    assert "page=2" in filters.querystring(page=2)


# --- statements_filtered ----------------------------------------------------------------


def test_only_counted_stance_taking_statements_are_listed(story):
    blinken = story["blinken"]
    kept = story["statements"][0]
    rejected = say(
        blinken, story["topic"], dt.date(2024, 3, 1), "A rejected quote.", Stance.SUPPORT, 0.5
    )
    rejected.review_state = Statement.ReviewState.REJECTED
    rejected.save()
    unrelated = say(
        blinken, story["topic"], dt.date(2024, 3, 2), "About the weather.", Stance.UNRELATED, 0
    )
    copy = say(blinken, story["topic"], dt.date(2024, 3, 3), "A wire copy.", Stance.SUPPORT, 0.5)
    copy.article.near_duplicate_of = kept.article
    copy.article.save()
    ids = set(selectors.statements_filtered(StatementFilters()).values_list("id", flat=True))
    assert kept.pk in ids
    assert not ids & {rejected.pk, unrelated.pk, copy.pk}
    only_unrelated = selectors.statements_filtered(StatementFilters(stance="unrelated"))
    assert list(only_unrelated.values_list("id", flat=True)) == [unrelated.pk]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (StatementFilters(actors=["dmitry-peskov"]), 1),
        (StatementFilters(actors=["dmitry-peskov", "antony-blinken"]), 5),
        (StatementFilters(stance="support"), 2),
        (StatementFilters(speech="reported"), 1),
        (StatementFilters(speech="direct"), 5),
        (StatementFilters(confirmed=True), 1),
        (StatementFilters(outlet="capital-times"), 2),
        (StatementFilters(date_from=dt.date(2024, 6, 1)), 3),
        (StatementFilters(date_to=dt.date(2024, 2, 20)), 2),
        (StatementFilters(topic="strike-restrictions"), 6),
        (StatementFilters(topic="another-topic"), 0),
    ],
)
def test_each_filter_narrows_the_list(story, filters, expected):
    assert selectors.statements_filtered(filters).count() == expected


def test_the_context_is_the_sentence_around_the_quote(story):
    statement = story["statements"][0]
    row = selectors.with_context(selectors.statements_filtered(StatementFilters())).get(
        pk=statement.pk
    )
    before, after = selectors.context_parts(row.ctx_before, row.ctx_after)
    assert before == "Antony Blinken said “"
    assert after == "” on 10 January."


# --- positions, overview, shifts ------------------------------------------------------


def test_the_overview_lists_every_actor_with_position_counts_and_latest_shift(story):
    overview = selectors.topic_overview(story["topic"], sort="name")
    by_name = {row.actor.name: row for row in overview}
    assert list(by_name) == ["Antony Blinken", "Dmitry Peskov", "Foreign Ministry of Ruritania"]
    blinken = by_name["Antony Blinken"]
    assert (blinken.count, blinken.position) == (4, "support")
    assert (blinken.first_date, blinken.last_date) == (dt.date(2024, 1, 10), dt.date(2024, 9, 11))
    assert blinken.latest_shift.after.quote.startswith("We will adapt and adjust")
    assert blinken.latest_shift.before.quote.startswith("our policy")
    assert by_name["Dmitry Peskov"].position == "oppose"
    assert by_name["Foreign Ministry of Ruritania"].position == "neutral"
    assert [r.actor.name for r in overview.recent_shifts] == ["Antony Blinken"]


def test_the_overview_filters_by_kind_place_position_and_dates(story):
    topic = story["topic"]

    def names(**kwargs):
        return [row.actor.name for row in selectors.topic_overview(topic, sort="name", **kwargs)]

    assert names(kind=Actor.Kind.GOVERNMENT) == ["Foreign Ministry of Ruritania"]
    assert names(place="kremlin") == ["Dmitry Peskov"]
    assert names(place="united states") == ["Antony Blinken"]
    assert names(position="oppose") == ["Dmitry Peskov"]
    # Up to March, Blinken still opposed.
    assert names(position="oppose", date_to=dt.date(2024, 3, 1)) == ["Antony Blinken"]
    assert names(date_from=dt.date(2024, 6, 15)) == [
        "Antony Blinken",
        "Foreign Ministry of Ruritania",
    ]


def test_the_overview_sorts(story):
    topic = story["topic"]
    by_count = [row.actor.name for row in selectors.topic_overview(topic, sort="-count")]
    assert by_count[0] == "Antony Blinken"
    by_position = [r.position for r in selectors.topic_overview(topic, sort="position")]
    assert by_position == ["support", "neutral", "oppose"]


def test_shifts_per_topic_and_per_actor(story):
    rows = selectors.shifts(story["topic"])
    assert len(rows) == 1
    (row,) = rows
    assert row.actor == story["blinken"]
    assert (row.shift.from_position, row.shift.to_position) == ("oppose", "support")
    assert row.before.statement_date == dt.date(2024, 2, 20)
    assert row.after.statement_date == dt.date(2024, 5, 29)
    assert selectors.shifts(actor=story["peskov"]) == []
    assert len(selectors.shifts(actor=story["blinken"])) == 1
    assert selectors.shifts(story["topic"], date_from=dt.date(2024, 6, 1)) == []


def test_the_actor_timeline_has_steps_and_shifts(story):
    line = selectors.actor_timeline(story["blinken"], story["topic"])
    assert [s.position for s in line.steps] == ["oppose", "oppose", "support", "support"]
    assert line.current.position == "support"
    assert len(line.shifts) == 1
    early = selectors.actor_timeline(
        story["blinken"], story["topic"], StatementFilters(date_to=dt.date(2024, 3, 1))
    )
    assert early.current.position == "oppose"
    assert early.shifts == []


def test_timeline_points_are_chart_ready(story):
    points = selectors.timeline_points(
        selectors.statements_filtered(StatementFilters(actors=["antony-blinken"]))
    )
    assert [p["date"] for p in points] == ["2024-01-10", "2024-02-20", "2024-05-29", "2024-09-11"]
    assert points[0]["stance"] == "oppose" and points[0]["outlet"] == "Capital Times"


# --- search -----------------------------------------------------------------------------


def test_search_finds_the_red_line_quote(story):
    found = list(selectors.search_statements("red line"))
    assert [s.actor.name for s in found] == ["Dmitry Peskov"]
    html = selectors.highlighted_quote(found[0], "red line")
    assert "<mark>" in html and "red" in html


def test_search_respects_filters(story):
    assert selectors.search_statements("red line", StatementFilters(stance="support")).count() == 0
    assert selectors.search_statements(
        "strikes", StatementFilters(actors=["antony-blinken"])
    ).count()
    assert selectors.search_statements("   ").count() == 0


def test_highlighting_escapes_the_source_text():
    html = selectors.highlight('<script>alert("red line")</script> red', ["red"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<mark>") == 2


def test_postgres_headlines_are_escaped_before_marks_are_added():
    html = selectors.sentinel_to_marks("<b>x</b> \u27e6red\u27e7 line")
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>red</mark> line"


def test_search_terms_keep_quoted_phrases():
    assert selectors.search_terms('"red line" Kremlin -war or') == ["red line", "Kremlin"]


def test_search_finds_articles_too(story):
    found = selectors.search_articles("red line")
    assert len(found) == 1
    article, snippet = found[0]
    assert "Peskov" in article.title
    assert "<mark>" in snippet


def test_search_escapes_html_in_statements_and_articles(story):
    article = ArticleFactory(
        text='He said "<b>zebra</b> crossing <script>x()</script>" and <script>alert(1)</script>.'
    )
    quote = "<b>zebra</b> crossing <script>x()</script>"
    start = article.text.index(quote)
    StatementFactory(
        article=article,
        actor=story["peskov"],
        topic=story["topic"],
        start=start,
        end=start + len(quote),
        quote=quote,
    )
    (statement,) = selectors.search_statements("zebra")
    html = selectors.highlighted_quote(statement, "zebra")
    assert "<script>" not in html and "<b>" not in html
    assert "<mark>zebra</mark>" in html
    for _article, snippet in selectors.search_articles("zebra"):
        assert "<script>" not in snippet and "<b>" not in snippet


# --- actors -------------------------------------------------------------------------------


def test_actors_are_found_by_name_alias_or_place_with_counts(story):
    def names(q):
        return [a.name for a in selectors.actors_with_counts(q).order_by("name")]

    assert names("blink") == ["Antony Blinken"]
    assert names("secretary of state") == ["Antony Blinken"]
    assert names("ruritania") == ["Foreign Ministry of Ruritania"]
    blinken = selectors.actors_with_counts("antony").get()
    assert blinken.n_statements == 4
    assert blinken.last_date == dt.date(2024, 9, 11)
