"""Stored per-(actor, topic) summaries and shifts (positions/summaries.py)."""

import datetime as dt

import pytest
from django.core.management import call_command

from positions import services, tasks, timeline
from positions.models import ActorTopicSummary, Shift, Stance, Statement
from positions.selectors import live_shifts, shifts
from tests.factories import ActorFactory
from tests.positions.analyst_fixtures import blinken_story, bulk_statements, say, strike_topic

pytestmark = pytest.mark.django_db


def test_summary_matches_the_live_derivation():
    story = blinken_story()
    summary = ActorTopicSummary.objects.get(actor=story["blinken"], topic=story["topic"])
    assert summary.position == timeline.SUPPORT
    assert summary.statement_count == 4
    assert summary.first_date == dt.date(2024, 1, 10)
    assert summary.last_date == dt.date(2024, 9, 11)
    stored = [(r.shift, r.actor.pk) for r in shifts(story["topic"])]
    live = [(r.shift, r.actor.pk) for r in live_shifts(story["topic"])]
    assert stored == live and len(stored) == 1
    assert summary.latest_shift.after_date == stored[0][0].after_date


def test_refresh_after_a_stance_edit_and_idempotent(django_user_model):
    story = blinken_story()
    peskov, topic = story["peskov"], story["topic"]
    statement = Statement.objects.get(actor=peskov)
    user = django_user_model.objects.create(username="editor")
    services.statement_review(
        statement=statement, user=user, state="confirmed", stance=Stance.SUPPORT
    )
    services.summaries_refresh(pairs=[(peskov.pk, topic.pk)])
    assert ActorTopicSummary.objects.get(actor=peskov, topic=topic).position == "support"
    before = list(ActorTopicSummary.objects.values_list("actor_id", "position", "statement_count"))
    n_shifts = Shift.objects.count()
    services.summaries_refresh(pairs=[(peskov.pk, topic.pk), (story["blinken"].pk, topic.pk)])
    after = list(ActorTopicSummary.objects.values_list("actor_id", "position", "statement_count"))
    assert sorted(before) == sorted(after)
    assert Shift.objects.count() == n_shifts


def test_rejecting_every_statement_removes_the_summary(django_user_model):
    story = blinken_story()
    user = django_user_model.objects.create(username="editor")
    statement = Statement.objects.get(actor=story["peskov"])
    services.statement_review(statement=statement, user=user, state="rejected")
    services.summaries_refresh(pairs=[(story["peskov"].pk, story["topic"].pk)])
    assert not ActorTopicSummary.objects.filter(actor=story["peskov"]).exists()


def test_merge_moves_the_summary(django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        topic = strike_topic()
        source, target = ActorFactory(), ActorFactory()
        say(source, topic, dt.date(2024, 1, 1), "We oppose it.", Stance.OPPOSE, -0.8)
        say(target, topic, dt.date(2024, 2, 1), "We oppose it too.", Stance.OPPOSE, -0.7)
        with django_capture_on_commit_callbacks(execute=True):
            services.actor_merge(source=source, target=target)
    finally:
        app.conf.task_always_eager = False
    assert not ActorTopicSummary.objects.filter(actor=source).exists()
    assert ActorTopicSummary.objects.get(actor=target, topic=topic).statement_count == 2


def test_the_task_and_the_command():
    topic = strike_topic()
    people = bulk_statements(topic, 60, actors=3)
    ActorTopicSummary.objects.all().delete()
    assert tasks.refresh_summaries([[people[0].pk, topic.pk]]) == 1
    assert ActorTopicSummary.objects.count() == 1
    call_command("refresh_summaries", "--all")
    assert ActorTopicSummary.objects.count() == 3
    counts = dict(ActorTopicSummary.objects.values_list("actor_id", "statement_count"))
    assert sum(counts.values()) == 60


@pytest.mark.parametrize("query", ["", "&stance=oppose", "&date_from=2022-03-01"])
def test_a_long_timeline_aggregates_its_chart(analyst_client, monkeypatch, query):
    """Above CHART_POINTS_MAX statements the chart has one mark per period and stance, the
    steps come from the stored shifts, and the evidence total needs no COUNT."""
    from django.urls import reverse

    from positions import selectors

    monkeypatch.setattr(selectors, "CHART_POINTS_MAX", 20)
    topic = strike_topic()
    people = bulk_statements(topic, 900, actors=1, per_article=1)
    url = reverse("positions:actor", args=[people[0].slug]) + "?topic=strike-restrictions"
    response = analyst_client.get(url + query)
    assert response.status_code == 200
    chart = response.context["chart"]
    assert chart["aggregated"] == "month"
    assert 0 < len(chart["points"]) < 200
    expected = (
        Statement.objects.filter(actor=people[0])
        .exclude(stance=Stance.UNRELATED)
        .filter(**({"stance": "oppose"} if "stance" in query else {}))
        .filter(**({"statement_date__gte": "2022-03-01"} if "date_from" in query else {}))
        .count()
    )
    assert chart["total"] == expected
    assert response.context["page_obj"].paginator.count == expected
    assert sum(p["n"] for p in chart["points"]) == expected
    assert chart["steps"]
    assert b"each mark is one month" in response.content
