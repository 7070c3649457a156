from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.utils.text import slugify

from articles.models import Article, IngestionJob, Outlet
from positions.models import Actor, ActorAlias, Stance, Statement, Topic
from positions.text.names import fold


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    published_date = dt.date(2024, 5, 29)
    text = factory.Sequence(
        lambda n: f"Article number {n}. 'We will not change course,' the minister said. " * 3
    )
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Topic {n}")
    question = "Should the thing happen?"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Actor.Kind.PERSON


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    surface = factory.LazyAttribute(lambda o: o.actor.name)
    normalized = factory.LazyAttribute(lambda o: fold(o.surface))


class StatementFactory(factory.django.DjangoModelFactory):
    """A statement whose span really is its quote inside the article's text."""

    class Meta:
        model = Statement

    article = factory.SubFactory(ArticleFactory)
    actor = factory.SubFactory(ActorFactory)
    topic = factory.SubFactory(TopicFactory)
    stance = Stance.OPPOSE
    stance_score = -0.8
    confidence = 0.9
    statement_date = factory.LazyAttribute(lambda o: o.article.published_date)
    is_direct = True
    start = factory.LazyAttribute(lambda o: o.article.text.index("We will not"))
    end = factory.LazyAttribute(lambda o: o.start + len("We will not change course,"))
    quote = factory.LazyAttribute(lambda o: o.article.text[o.start : o.end])


class IngestionJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IngestionJob

    kind = IngestionJob.Kind.TEXT
    source = "pasted text"
    payload = b"Some pasted text."
