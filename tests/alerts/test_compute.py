from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from alerts.models import Alert, Follow
from alerts.services import alerts_compute, alerts_enqueue, follow_create, follow_delete
from alerts.tasks import compute_alerts
from positions.models import Stance, Statement
from tests.alerts.conftest import make_statements
from tests.factories import ActorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_a_new_statement_by_a_followed_actor_makes_one_alert(analyst, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    s = make_statements(1, topic=topic, actor=blinken)[0]

    made = alerts_compute(statement_ids=[s.pk])

    assert made == 1
    alert = Alert.objects.get()
    assert (alert.user, alert.statement, alert.kind, alert.reason) == (
        analyst,
        s,
        Alert.Kind.NEW_STATEMENT,
        "actor",
    )


def test_computing_twice_makes_no_second_alert(analyst, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    follow_create(user=analyst, topic=topic)  # matches too: still one alert
    s = make_statements(1, topic=topic, actor=blinken)[0]

    assert alerts_compute(statement_ids=[s.pk]) == 1
    assert alerts_compute(statement_ids=[s.pk, s.pk]) == 0
    compute_alerts.delay([s.pk])  # the task, as the worker would run it again

    assert Alert.objects.count() == 1


def test_a_topic_follow_matches_statements_on_the_topic_only(analyst, topic, blinken):
    follow_create(user=analyst, topic=topic)
    on_topic = make_statements(1, topic=topic, actor=blinken)[0]
    elsewhere = make_statements(1, topic=TopicFactory(slug="other"), actor=blinken)[0]

    alerts_compute(statement_ids=[on_topic.pk, elsewhere.pk])

    assert list(Alert.objects.values_list("statement_id", "reason")) == [(on_topic.pk, "topic")]


def test_a_saved_search_matches_by_its_filters(analyst, topic, blinken):
    follow_create(user=analyst, query="stance=support&q=course")
    support = make_statements(1, topic=topic, actor=blinken, stance=Stance.SUPPORT)[0]
    oppose = make_statements(1, topic=topic, actor=blinken)[0]

    alerts_compute(statement_ids=[support.pk, oppose.pk])

    assert list(Alert.objects.values_list("statement_id", "reason")) == [(support.pk, "search")]


def test_nothing_for_unfollowed_unrelated_or_rejected_statements(analyst, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    other = make_statements(1, topic=topic, actor=ActorFactory())[0]
    unrelated = make_statements(1, topic=topic, actor=blinken, stance=Stance.UNRELATED)[0]
    rejected = make_statements(
        1, topic=topic, actor=blinken, review_state=Statement.ReviewState.REJECTED
    )[0]

    assert alerts_compute(statement_ids=[other.pk, unrelated.pk, rejected.pk, 987654]) == 0
    assert not Alert.objects.exists()


def test_users_without_a_role_get_no_alerts(topic, blinken):
    plain = get_user_model().objects.create_user("plain")
    Follow.objects.create(user=plain, actor=blinken)
    s = make_statements(1, topic=topic, actor=blinken)[0]

    assert alerts_compute(statement_ids=[s.pk]) == 0


def test_a_shift_makes_a_shift_alert_with_the_statement_before(analyst, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    before = make_statements(3, topic=topic, actor=blinken, start=dt.date(2023, 1, 1))
    alerts_compute(statement_ids=[s.pk for s in before])
    after = make_statements(
        1,
        topic=topic,
        actor=blinken,
        start=dt.date(2024, 6, 1),
        stance=Stance.SUPPORT,
        stance_score=0.9,
    )[0]

    alerts_compute(statement_ids=[after.pk])

    shift = Alert.objects.get(kind=Alert.Kind.SHIFT)
    assert shift.statement == after
    assert shift.before_statement == before[-1]
    assert Alert.objects.filter(statement=after, kind=Alert.Kind.NEW_STATEMENT).exists()
    assert not Alert.objects.filter(kind=Alert.Kind.SHIFT).exclude(statement=after).exists()


def test_every_follower_gets_their_own_alert(analyst, editor, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    follow_create(user=editor, topic=topic)
    s = make_statements(1, topic=topic, actor=blinken)[0]

    assert alerts_compute(statement_ids=[s.pk]) == 2
    assert set(Alert.objects.values_list("user_id", flat=True)) == {analyst.pk, editor.pk}


def test_enqueue_runs_the_task_after_commit(
    analyst, topic, blinken, django_capture_on_commit_callbacks
):
    follow_create(user=analyst, actor=blinken)
    s = make_statements(1, topic=topic, actor=blinken)[0]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        alerts_enqueue(statement_ids=[s.pk])
        assert not Alert.objects.exists()

    assert len(callbacks) == 1
    assert Alert.objects.count() == 1


def test_enqueue_of_nothing_schedules_nothing(django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks() as callbacks:
        alerts_enqueue(statement_ids=[])

    assert callbacks == []


def test_compute_query_count_does_not_grow_with_statements(
    analyst, topic, blinken, django_assert_max_num_queries
):
    follow_create(user=analyst, actor=blinken)
    follow_create(user=analyst, query="q=course")
    small = make_statements(10, topic=topic, actor=blinken)
    large = make_statements(200, topic=topic, actor=blinken, start=dt.date(2024, 1, 1))

    with django_assert_max_num_queries(8):
        alerts_compute(statement_ids=[s.pk for s in small])
    with django_assert_max_num_queries(8):
        alerts_compute(statement_ids=[s.pk for s in large])
    assert Alert.objects.count() == 210


def test_follow_services(analyst, topic, blinken):
    first = follow_create(user=analyst, actor=blinken)
    again = follow_create(user=analyst, actor=blinken)

    assert first == again
    with pytest.raises(ValueError):
        follow_create(user=analyst)
    with pytest.raises(ValueError):
        follow_create(user=analyst, actor=blinken, topic=topic)
    assert follow_delete(user=analyst, actor=blinken) is True
    assert follow_delete(user=analyst, actor=blinken) is False
