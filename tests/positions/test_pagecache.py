"""The analyst pages' results are cached under their topics' data versions: a repeated view
is served from the cache, and every kind of write that changes what the page shows makes
the next view render afresh."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from positions import services
from positions.models import Statement, Topic
from positions.pagecache import fragment_key, topics_changed
from positions.summaries import summaries_refresh
from tests.positions.analyst_fixtures import blinken_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    data = blinken_story()
    summaries_refresh(pairs=[(s.actor_id, s.topic_id) for s in data["statements"]])
    return data


def timeline_url(actor) -> str:
    return reverse("positions:actor", args=[actor.slug]) + "?topic=strike-restrictions"


def get_counting(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("positions:home"),
        reverse("positions:topic", args=["strike-restrictions"]),
        reverse("positions:actor", args=["antony-blinken"]) + "?topic=strike-restrictions",
        reverse("positions:shifts") + "?topic=strike-restrictions",
        reverse("positions:compare")
        + "?topic=strike-restrictions&actor=antony-blinken&actor=dmitry-peskov",
    ],
)
def test_a_repeated_view_is_served_from_the_cache(analyst_client, story, url):
    first, cold = get_counting(analyst_client, url)
    second, warm = get_counting(analyst_client, url)
    assert warm < cold
    start = first.index('<div id="results"')
    assert second[start:] == first[start:]


def test_an_htmx_swap_gets_the_cached_partial_alone(analyst_client, story):
    url = timeline_url(story["blinken"])
    page = analyst_client.get(url).content.decode()
    partial = analyst_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="results"')
    assert "<html" not in partial
    assert partial.strip() in page


def test_an_editors_decision_shows_on_the_next_view(
    analyst_client, editor, story, django_capture_on_commit_callbacks
):
    url = timeline_url(story["blinken"])
    statement = story["statements"][1]
    assert statement.review_state == Statement.ReviewState.UNREVIEWED
    before, _ = get_counting(analyst_client, url)
    assert before.count("review-confirmed") == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_review(
            statement=statement, user=editor, state=Statement.ReviewState.CONFIRMED
        )
    after, _ = get_counting(analyst_client, url)
    assert after.count("review-confirmed") == 2


def test_a_rejected_statement_leaves_the_overview_count(
    analyst_client, editor, story, django_capture_on_commit_callbacks
):
    url = reverse("positions:topic", args=["strike-restrictions"])
    peskov = story["statements"][4]
    assert "Dmitry Peskov" in analyst_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_review(
            statement=peskov, user=editor, state=Statement.ReviewState.REJECTED
        )
    assert "Dmitry Peskov" not in analyst_client.get(url).content.decode()


def test_renaming_an_actor_shows_on_every_topic_page(
    analyst_client, editor, story, django_capture_on_commit_callbacks
):
    url = reverse("positions:topic", args=["strike-restrictions"])
    assert "Dmitry Peskov" in analyst_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.actor_update(actor=story["peskov"], user=editor, name="Dmitri S. Peskov")
    html = analyst_client.get(url).content.decode()
    assert "Dmitri S. Peskov" in html


def test_editing_a_topic_bumps_its_version(story, django_capture_on_commit_callbacks):
    topic = story["topic"]  # read before the summaries' refresh bumped the version
    version = Topic.objects.get(pk=topic.pk).data_version
    assert version > topic.data_version
    with django_capture_on_commit_callbacks(execute=True):
        topic.question = "Should the restrictions be lifted?"
        topic.save()
    # Never written back from the stale instance: one more than the stored version.
    assert Topic.objects.get(pk=topic.pk).data_version == version + 1


def test_refreshing_summaries_bumps_only_their_topics(story):
    other = Topic.objects.create(slug="other", title="Other", question="Other?")
    topic = story["topic"]
    before = {t.pk: t.data_version for t in Topic.objects.all()}
    summaries_refresh(pairs=[(story["blinken"].pk, topic.pk)])
    after = {t.pk: t.data_version for t in Topic.objects.all()}
    assert after[topic.pk] == before[topic.pk] + 1
    assert after[other.pk] == before[other.pk]


def test_the_key_ignores_parameter_order_but_not_values_or_versions(story):
    topic = story["topic"]
    factory = RequestFactory()
    a = factory.get("/actors/x/", {"topic": "t", "stance": "support"})
    b = factory.get("/actors/x/?stance=support&topic=t")
    c = factory.get("/actors/x/?stance=oppose&topic=t")
    assert fragment_key("actor", a, [topic]) == fragment_key("actor", b, [topic])
    assert fragment_key("actor", a, [topic]) != fragment_key("actor", c, [topic])
    assert fragment_key("actor", a, [topic]) != fragment_key("topic", a, [topic])
    old = fragment_key("actor", a, [topic])
    topics_changed([topic.pk])
    topic.refresh_from_db()
    assert fragment_key("actor", a, [topic]) != old


def test_deleting_a_statement_in_the_admin_refreshes_its_summary(
    admin_client, story, django_capture_on_commit_callbacks
):
    from positions.models import ActorTopicSummary

    peskov = story["statements"][4]
    overview = reverse("positions:topic", args=["strike-restrictions"])
    assert "Dmitry Peskov" in admin_client.get(overview).content.decode()  # now cached
    assert ActorTopicSummary.objects.filter(actor=story["peskov"]).exists()
    url = reverse("admin:positions_statement_delete", args=[peskov.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not ActorTopicSummary.objects.filter(actor=story["peskov"]).exists()
    html = admin_client.get(overview).content.decode()
    assert "Dmitry Peskov" not in html[html.index('<div id="results"') :]
