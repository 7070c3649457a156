"""Data for the analyst page tests: a small fictional "strike restrictions" story, and a
bulk builder for query-count tests. Imported by tests/positions/test_views_*.py and the
browser tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from django.utils.text import slugify

from articles.models import Article
from positions.models import Actor, Stance, Statement, Topic
from positions.summaries import summaries_refresh
from tests.factories import (
    ActorAliasFactory,
    ActorFactory,
    ArticleFactory,
    OutletFactory,
    StatementFactory,
    TopicFactory,
)

_counter = itertools.count(1)


def strike_topic() -> Topic:
    return TopicFactory(
        slug="strike-restrictions",
        title="Strike restrictions",
        question=(
            "Should Ukraine be allowed to strike targets inside Russia with Western-supplied"
            " weapons?"
        ),
    )


def say(
    actor: Actor,
    topic: Topic,
    date: dt.date,
    quote: str,
    stance: str,
    score: float,
    *,
    outlet: str = "Daily Wire Service",
    direct: bool = True,
    before: str = "Officials met in the capital on Tuesday.",
    after: str = "The remarks came after a week of talks.",
    review_state: str = Statement.ReviewState.UNREVIEWED,
    title: str | None = None,
) -> Statement:
    """A statement of `actor` inside its own article, with a sentence either side."""
    n = next(_counter)
    speaker = actor.name
    opening, closing = ("“", "”") if direct else ("", "")
    verb = "said" if direct else "said that"
    text = f"{before} {speaker} {verb} {opening}{quote}{closing} on {date:%d %B}. {after} (ref {n})"
    article = ArticleFactory(
        outlet=OutletFactory(name=outlet),
        title=title or f"{speaker} on strikes ({n})",
        published_date=date,
        text=text,
    )
    start = text.index(quote)
    statement = StatementFactory(
        article=article,
        actor=actor,
        topic=topic,
        statement_date=date,
        stance=stance,
        stance_score=score,
        is_direct=direct,
        start=start,
        end=start + len(quote),
        quote=quote,
        speaker_mention=speaker,
        review_state=review_state,
    )
    # Production refreshes the stored summaries after every write (a task on commit).
    summaries_refresh(pairs=[(actor.pk, topic.pk)])
    return statement


def blinken_story() -> dict:
    """Three actors on the strike question; Blinken shifts from oppose to support."""
    topic = strike_topic()
    blinken = ActorFactory(
        name="Antony Blinken",
        slug="antony-blinken",
        role="Secretary of State",
        affiliation="US State Department",
        country="United States",
    )
    ActorAliasFactory(actor=blinken, surface="Antony Blinken")
    ActorAliasFactory(actor=blinken, surface="the secretary of state")
    peskov = ActorFactory(
        name="Dmitry Peskov", slug="dmitry-peskov", affiliation="Kremlin", country="Russia"
    )
    ministry = ActorFactory(
        name="Foreign Ministry of Ruritania",
        slug="ruritania-foreign-ministry",
        kind=Actor.Kind.GOVERNMENT,
        country="Ruritania",
    )
    statements = [
        say(
            blinken,
            topic,
            dt.date(2024, 1, 10),
            "We do not encourage nor enable strikes outside of Ukraine.",
            Stance.OPPOSE,
            -0.8,
            outlet="Capital Times",
            review_state=Statement.ReviewState.CONFIRMED,
        ),
        say(
            blinken,
            topic,
            dt.date(2024, 2, 20),
            "our policy on the use of these weapons has not changed",
            Stance.OPPOSE,
            -0.5,
            direct=False,
        ),
        say(
            blinken,
            topic,
            dt.date(2024, 5, 29),
            "We will adapt and adjust, and Ukraine must be able to defend itself.",
            Stance.SUPPORT,
            0.7,
            outlet="Capital Times",
        ),
        say(
            blinken,
            topic,
            dt.date(2024, 9, 11),
            "Ukraine should be able to strike the bases launching these attacks.",
            Stance.SUPPORT,
            0.9,
        ),
        say(
            peskov,
            topic,
            dt.date(2024, 6, 2),
            "Long-range strikes deep inside Russia would cross a red line.",
            Stance.OPPOSE,
            -0.9,
            outlet="Evening Courier",
        ),
        say(
            ministry,
            topic,
            dt.date(2024, 7, 1),
            "No decision has been taken yet on the question of long-range weapons.",
            Stance.NEUTRAL,
            0.0,
        ),
    ]
    return {
        "topic": topic,
        "blinken": blinken,
        "peskov": peskov,
        "ministry": ministry,
        "statements": statements,
    }


def bulk_statements(topic: Topic, n: int, *, actors: int = 5, per_article: int = 10) -> list[Actor]:
    """`n` counted statements on `topic` by `actors` actors, `per_article` to an article,
    spread over two years with mixed stances. Uses bulk_create: fast, no history rows."""
    people = [ActorFactory() for _ in range(actors)]
    outlet = OutletFactory(name="Bulk News")
    stances = [(Stance.OPPOSE, -0.7), (Stance.SUPPORT, 0.6), (Stance.NEUTRAL, 0.0)]
    start_date = dt.date(2022, 1, 1)
    made = 0
    batch = next(_counter)
    statements = []
    while made < n:
        k = min(per_article, n - made)
        quotes = [
            f"Quote number {made + i} about strikes, with the red line wording." for i in range(k)
        ]
        text = " ".join(f"Someone said “{q}” yesterday." for q in quotes)
        article = Article.objects.create(
            outlet=outlet,
            title=f"Bulk article {made}",
            url=f"https://bulk.example/{batch}/{made}",
            published_date=start_date + dt.timedelta(days=made),
            text=text,
            content_hash=hashlib.sha256(f"{text}{made}{topic.pk}/{batch}".encode()).hexdigest(),
        )
        for i, quote in enumerate(quotes):
            index = made + i
            stance, score = stances[(index // 7) % 3]
            start = text.index(quote)
            actor = people[index % actors] if index % 3 else people[0]
            statements.append(
                Statement(
                    article=article,
                    start=start,
                    end=start + len(quote),
                    quote=quote,
                    actor=actor,
                    speaker_mention=actor.name,
                    topic=topic,
                    stance=stance,
                    stance_score=score,
                    confidence=0.8,
                    statement_date=article.published_date,
                )
            )
        made += k
    Statement.objects.bulk_create(statements)
    summaries_refresh(pairs=[(p.pk, topic.pk) for p in people])
    return people


def slug(name: str) -> str:
    return slugify(name)
