from __future__ import annotations

import datetime as dt

import pytest

from positions.models import Stance
from positions.summaries import summaries_refresh
from tests.factories import ActorFactory, ArticleFactory, StatementFactory, TopicFactory


@pytest.fixture
def topic(db):
    return TopicFactory(slug="strike-restrictions", title="Strike restrictions")


def make_statements(n: int, *, topic, actor=None, start=dt.date(2023, 1, 1), **fields):
    """`n` statements on consecutive days, each in its own article."""
    actor = actor or ActorFactory()
    made = []
    for i in range(n):
        day = start + dt.timedelta(days=i)
        article = ArticleFactory(published_date=day)
        made.append(
            StatementFactory(
                article=article, actor=actor, topic=topic, statement_date=day, **fields
            )
        )
    # Production refreshes the stored summaries and shifts after every write.
    summaries_refresh(pairs=[(actor.pk, topic.pk)])
    return made


@pytest.fixture
def blinken(db):
    return ActorFactory(name="Antony Blinken", slug="antony-blinken")


@pytest.fixture
def shifting(topic, blinken):
    """Blinken opposed, then supported: one shift."""
    before = make_statements(3, topic=topic, actor=blinken, start=dt.date(2023, 1, 1))
    after = make_statements(
        3,
        topic=topic,
        actor=blinken,
        start=dt.date(2024, 6, 1),
        stance=Stance.SUPPORT,
        stance_score=0.9,
    )
    return before, after
