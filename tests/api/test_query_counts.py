"""Queries per API request do not grow with the rows returned (10 and 200 statements)."""

from __future__ import annotations

import datetime as dt

import pytest

from positions.models import Stance
from tests.api.conftest import make_statements
from tests.factories import ActorAliasFactory, ActorFactory

pytestmark = pytest.mark.django_db

# Session + user + role groups, then the endpoint's own queries.
AUTH_QUERIES = 3


def _many(topic, actor, n):
    half = n // 2
    make_statements(half, topic=topic, actor=actor, start=dt.date(2022, 1, 1))
    make_statements(
        n - half,
        topic=topic,
        actor=actor,
        start=dt.date(2023, 6, 1),
        stance=Stance.SUPPORT,
        stance_score=0.9,
    )


@pytest.mark.parametrize("n", [10, 200])
def test_statements_list(analyst_client, topic, blinken, n, django_assert_max_num_queries):
    _many(topic, blinken, n)

    with django_assert_max_num_queries(AUTH_QUERIES + 1):
        data = analyst_client.get("/api/statements?limit=500").json()
    assert len(data["items"]) == n


@pytest.mark.parametrize("n", [10, 200])
def test_statements_list_with_text_search(
    analyst_client, topic, blinken, n, django_assert_max_num_queries
):
    _many(topic, blinken, n)

    with django_assert_max_num_queries(AUTH_QUERIES + 1):
        data = analyst_client.get("/api/statements?limit=500&q=course").json()
    assert len(data["items"]) == n


@pytest.mark.parametrize("n", [10, 200])
def test_actors_list(analyst_client, n, django_assert_max_num_queries):
    for i in range(n):
        actor = ActorFactory(name=f"Actor {i:03d}", slug=f"actor-{i}")
        ActorAliasFactory(actor=actor, surface=f"A. {i}")

    with django_assert_max_num_queries(AUTH_QUERIES + 2):
        data = analyst_client.get("/api/actors?limit=500").json()
    assert len(data["items"]) == n


@pytest.mark.parametrize("n", [10, 200])
def test_timeline(analyst_client, topic, blinken, n, django_assert_max_num_queries):
    _many(topic, blinken, n)

    with django_assert_max_num_queries(AUTH_QUERIES + 5):
        data = analyst_client.get(
            "/api/actors/antony-blinken/timeline?topic=strike-restrictions"
        ).json()
    assert len(data["points"]) == n


@pytest.mark.parametrize("n", [10, 200])
def test_shifts(analyst_client, topic, n, django_assert_max_num_queries):
    # n/10 actors, each with one shift.
    for i in range(n // 10):
        _many(topic, ActorFactory(name=f"Shifter {i}", slug=f"shifter-{i}"), 10)

    with django_assert_max_num_queries(AUTH_QUERIES + 2):
        data = analyst_client.get("/api/shifts?limit=500").json()
    assert len(data) == n // 10


@pytest.mark.parametrize("n", [10, 200])
def test_topics(analyst_client, n, django_assert_max_num_queries):
    from tests.factories import TopicFactory

    for i in range(n):
        TopicFactory(slug=f"t-{i}")

    with django_assert_max_num_queries(AUTH_QUERIES + 1):
        assert len(analyst_client.get("/api/topics").json()) == n
