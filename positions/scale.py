"""Synthetic data at scale for benchmarks (DESIGN §6 contract).

`seed_scale(actors=..., articles=..., statements=...)` fills the database with data that
looks like the real thing where it matters for speed:

- skewed: actors are drawn from a Zipf-like distribution, so a few actors say most things;
- dates spread over several years, with more news in recent years;
- several topics, each actor speaking mostly about one or two of them;
- stances that drift over time, so positions change and shifts exist;
- article text that really contains each statement's quote at its span, so the span
  constraint (end == start + length(quote)) holds and the article page can highlight it.

Rows are built in memory batch by batch and written with `bulk_create`, or on PostgreSQL
with COPY (psycopg 3), which is several times faster. Primary keys are assigned here, so
statements can point at articles written in the same batch; sequences are moved past them
at the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Outlet
from positions.models import Actor, ActorAlias, Stance, Statement, Topic
from positions.text.names import fold

FIRST_NAMES = [
    "Anna",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Ingrid",
    "Jonas",
    "Katya",
    "Lars",
    "Maria",
    "Nikolai",
    "Olga",
    "Pavel",
    "Quentin",
    "Rosa",
    "Stefan",
    "Tanja",
    "Ursula",
    "Viktor",
    "Wanda",
    "Xavier",
    "Yulia",
    "Zoran",
    "Amir",
    "Beatrix",
    "Cédric",
    "Dorota",
    "Emil",
    "Fatima",
    "Gustav",
    "Helena",
    "Igor",
    "Jana",
    "Kamil",
    "Lena",
    "Marek",
    "Nadia",
    "Oskar",
    "Petra",
]
LAST_NAMES = [
    "Albrecht",
    "Baranov",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gonzalez",
    "Horvat",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Orlov",
    "Petrenko",
    "Quist",
    "Romanova",
    "Schmidt",
    "Tkachenko",
    "Ulrich",
    "Virtanen",
    "Wojcik",
    "Xenakis",
    "Yilmaz",
    "Zeman",
    "Andersen",
    "Bianchi",
    "Costa",
    "Dvorak",
    "Esposito",
    "Fontaine",
    "Grünberg",
    "Hoffmann",
    "Ionescu",
    "Jovanović",
    "Kovacs",
    "Lambert",
    "Müller",
    "Nieminen",
]
ROLES = (
    "foreign minister",
    "defence minister",
    "prime minister",
    "senator",
    "member of parliament",
    "spokesperson",
    "ambassador",
    "general",
    "analyst",
    "party leader",
)
COUNTRIES = (
    "United States",
    "United Kingdom",
    "Germany",
    "France",
    "Poland",
    "Ukraine",
    "Russia",
    "Italy",
    "Netherlands",
    "Finland",
    "Lithuania",
    "Hungary",
)
AFFILIATIONS = ("Government", "Opposition", "NATO", "European Union", "Independent", "Military")

# slug, title, question, a phrase that names the subject in quotes.
TOPICS = (
    (
        "strike-restrictions",
        "Strike restrictions",
        "Should Ukraine be allowed to strike targets inside Russia with Western-supplied weapons?",
        "strikes inside Russia with Western weapons",
    ),
    (
        "scale-sanctions",
        "Energy sanctions",
        "Should sanctions on Russian energy exports be tightened?",
        "sanctions on Russian oil and gas",
    ),
    (
        "scale-nato-membership",
        "NATO membership",
        "Should Ukraine be invited to join NATO?",
        "an invitation for Ukraine to join NATO",
    ),
    (
        "scale-frozen-assets",
        "Frozen assets",
        "Should frozen Russian state assets be used to fund Ukraine?",
        "using frozen Russian assets for Ukraine",
    ),
    (
        "scale-ceasefire",
        "Ceasefire talks",
        "Should talks on a ceasefire start now?",
        "opening ceasefire talks now",
    ),
    (
        "scale-air-defence",
        "Air defence",
        "Should more air defence systems be sent to Ukraine?",
        "sending more air defence systems",
    ),
)
TOPIC_WEIGHTS = (40, 20, 14, 10, 9, 7)

SUPPORT_LINES = (
    "We must move ahead with {s} without further delay",
    "The time has come to back {s}, and we will",
    "I have always argued for {s} and I still do",
    "There is no good reason left to stand in the way of {s}",
    "Our government now fully supports {s}",
    "Allies should agree on {s} before the winter",
)
OPPOSE_LINES = (
    "We do not encourage nor enable {s}",
    "I warn against {s}; the risks are far too high",
    "Our position is clear: there will be no {s}",
    "{S} would be a dangerous escalation",
    "We remain firmly opposed to {s}",
    "Nobody should pretend that {s} is a solution",
)
NEUTRAL_LINES = (
    "No decision has been taken yet on {s}",
    "There is no change to our policy on {s}",
    "We will discuss {s} with our partners before deciding anything",
    "It is too early to say where we stand on {s}",
    "That is a question for the alliance as a whole, including {s}",
)
UNRELATED_LINES = (
    "The weather delayed the summit by a day",
    "We had a constructive meeting with our counterparts this morning",
    "The budget will be presented to parliament next week",
    "Our thoughts are with the families of the victims",
)
FILLER = (
    "Officials met in the capital on the second day of talks.",
    "The meeting was closed to the press.",
    "Markets reacted calmly to the news.",
    "Diplomats said discussions would continue over the coming weeks.",
    "The statement came after a night of heavy shelling in the east.",
    "Several allies have already changed their positions this year.",
    "Opposition leaders criticised the government's handling of the crisis.",
    "A summit of defence ministers is planned for next month.",
    "Analysts said the decision could shape the course of the war.",
    "The remarks were widely reported in the regional press.",
)
CUE_VERBS = ("said", "told reporters", "added", "warned", "argued", "insisted", "wrote")

NEAR_DUPLICATE_SHARE = 0.01
START_DATE = dt.date(2019, 1, 1)
END_DATE = dt.date(2025, 12, 31)


@dataclass
class SeedReport:
    outlets: int = 0
    topics: int = 0
    actors: int = 0
    articles: int = 0
    statements: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    method: str = "bulk_create"


@dataclass
class _ActorPlan:
    pk: int
    name: str
    # Per topic index: (score at START_DATE, change per year, date of a sudden flip or None)
    trajectories: dict[int, tuple[float, float, int | None]]
    topics: tuple[int, ...]
    topic_cum: tuple[float, ...]


def zipf_cum_weights(n: int, exponent: float = 1.1, offset: float = 0.0) -> list[float]:
    """Cumulative weights for ranks 1..n with weight 1/(rank + offset)**exponent (Zipf, or
    Zipf-Mandelbrot with an offset, which flattens the head so the busiest actor is not
    implausibly busy)."""
    total = 0.0
    cum = []
    for rank in range(1, n + 1):
        total += 1.0 / (rank + offset) ** exponent
        cum.append(total)
    return cum


def actor_offset(actors: int) -> float:
    """With 20,000 actors: the busiest says about 2% of everything, the top 1% about half."""
    return max(1.0, actors / 2000)


def stance_for_score(score: float) -> str:
    if score > 0.25:
        return Stance.SUPPORT
    if score < -0.25:
        return Stance.OPPOSE
    return Stance.NEUTRAL


def _clamp(value: float, low: float = -1.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _use_copy() -> bool:
    return connection.vendor == "postgresql"


def _copy_rows(model, columns: list[str], rows: Iterator[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _reset_sequences(models) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows explicit ids by itself
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}))",
                [table],
            )


def _write(model, objs: list, columns: list[str], to_row: Callable, batch_size: int) -> None:
    if _use_copy():
        _copy_rows(model, columns, (to_row(o) for o in objs))
    else:
        model.objects.bulk_create(objs, batch_size=batch_size)


def _ensure_topics() -> list[tuple[Topic, str]]:
    topics = []
    for slug, title, question, subject in TOPICS:
        topic, _ = Topic.objects.get_or_create(
            slug=slug, defaults={"title": title, "question": question}
        )
        topics.append((topic, subject))
    return topics


def _ensure_outlets(run: str, count: int) -> list[Outlet]:
    existing = list(Outlet.objects.filter(slug__startswith="scale-outlet-")[:count])
    missing = count - len(existing)
    if missing > 0:
        start = _next_id(Outlet)
        new = [
            Outlet(
                name=f"Scale Outlet {run}-{i}",
                slug=f"scale-outlet-{run}-{i}",
                domain=f"outlet{i}.{run}.example",
                country=COUNTRIES[i % len(COUNTRIES)],
            )
            for i in range(start, start + missing)
        ]
        Outlet.objects.bulk_create(new)
        existing = list(Outlet.objects.filter(slug__startswith="scale-outlet-")[:count])
    return existing


def _plan_actors(rng: random.Random, first_pk: int, count: int, n_topics: int) -> list[_ActorPlan]:
    plans = []
    base_topic_cum = []
    total = 0
    for weight in TOPIC_WEIGHTS[:n_topics]:
        total += weight
        base_topic_cum.append(total)
    for offset in range(count):
        pk = first_pk + offset
        first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
        name = f"{first} {last} {pk}"
        # Each actor speaks mostly about one or two topics.
        main = rng.choices(range(n_topics), cum_weights=base_topic_cum)[0]
        second = rng.choices(range(n_topics), cum_weights=base_topic_cum)[0]
        topics = (main, second) if second != main else (main,)
        topic_cum = (0.8, 1.0) if len(topics) == 2 else (1.0,)
        trajectories = {}
        for t in topics:
            base = rng.uniform(-1.0, 1.0)
            slope = rng.gauss(0.0, 0.25)  # score change per year
            flip = None
            if rng.random() < 0.3:  # a sudden change of mind somewhere in the period
                flip = rng.randrange((END_DATE - START_DATE).days)
            trajectories[t] = (base, slope, flip)
        plans.append(_ActorPlan(pk, name, trajectories, topics, topic_cum))
    return plans


def _score_at(plan: _ActorPlan, topic_index: int, day: int, rng: random.Random) -> float:
    base, slope, flip = plan.trajectories[topic_index]
    score = base + slope * day / 365.0
    if flip is not None and day >= flip:
        score = -score
    score = math.tanh(score * 1.5) + rng.gauss(0.0, 0.15)
    return round(_clamp(score), 3)


def _quote_for(stance: str, subject: str, rng: random.Random) -> str:
    if stance == Stance.SUPPORT:
        line = rng.choice(SUPPORT_LINES)
    elif stance == Stance.OPPOSE:
        line = rng.choice(OPPOSE_LINES)
    elif stance == Stance.NEUTRAL:
        line = rng.choice(NEUTRAL_LINES)
    else:
        line = rng.choice(UNRELATED_LINES)
    return line.format(s=subject, S=subject[:1].upper() + subject[1:])


def _split_counts(rng: random.Random, total: int, buckets: int) -> list[int]:
    """`total` items over `buckets`, unevenly (some articles quote many people)."""
    if buckets <= 0:
        return []
    weights = [rng.expovariate(1.0) for _ in range(buckets)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    remainder = total - sum(counts)
    for i in rng.sample(range(buckets), k=min(remainder, buckets)):
        counts[i] += 1
    # If remainder > buckets (never with sane inputs), put the rest on the first article.
    counts[0] += total - sum(counts)
    return counts


ARTICLE_COLUMNS = [
    "id",
    "url",
    "canonical_url",
    "outlet_id",
    "title",
    "byline",
    "published_date",
    "language",
    "text",
    "raw_sanitised",
    "content_hash",
    "near_duplicate_of_id",
    "minhash",
    "created_at",
    "updated_at",
]
STATEMENT_COLUMNS = [
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "is_direct",
    "speaker_mention",
    "cue_verb",
    "actor_id",
    "attribution_confidence",
    "statement_date",
    "date_precision",
    "topic_id",
    "stance",
    "stance_score",
    "confidence",
    "needs_review",
    "origin",
    "review_state",
    "reviewed_by_id",
    "reviewed_at",
    "tags",
    "note",
    "created_at",
    "updated_at",
]


def _article_row(a: Article) -> tuple:
    return (
        a.pk,
        a.url,
        a.canonical_url,
        a.outlet_id,
        a.title,
        a.byline,
        a.published_date,
        a.language,
        a.text,
        a.raw_sanitised,
        a.content_hash,
        a.near_duplicate_of_id,
        json.dumps(a.minhash),
        a.created_at,
        a.updated_at,
    )


def _statement_row(s: Statement) -> tuple:
    return (
        s.pk,
        s.article_id,
        s.start,
        s.end,
        s.quote,
        s.is_direct,
        s.speaker_mention,
        s.cue_verb,
        s.actor_id,
        s.attribution_confidence,
        s.statement_date,
        s.date_precision,
        s.topic_id,
        s.stance,
        s.stance_score,
        s.confidence,
        s.needs_review,
        s.origin,
        s.review_state,
        None,
        None,
        json.dumps(s.tags),
        s.note,
        s.created_at,
        s.updated_at,
    )


REVIEW_STATES = (
    Statement.ReviewState.UNREVIEWED,
    Statement.ReviewState.CONFIRMED,
    Statement.ReviewState.CORRECTED,
    Statement.ReviewState.REJECTED,
)
REVIEW_CUM = (85, 95, 98, 100)


def seed_scale(
    *,
    actors: int,
    articles: int,
    statements: int,
    seed: int = 42,
    batch_size: int = 5000,
    log: Callable[[str], None] | None = None,
) -> SeedReport:
    """Add `actors` actors, `articles` articles and `statements` statements. Safe to run
    again: every run adds new rows under its own tag (slugs and hashes never collide)."""
    if actors < 1 or articles < 1 or statements < 0:
        raise ValueError("need at least one actor and one article")
    log = log or (lambda message: None)
    rng = random.Random(seed)
    run = secrets.token_hex(3)
    report = SeedReport(method="COPY" if _use_copy() else "bulk_create")
    now = timezone.now()
    clock = time.monotonic()

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        topic_pairs = _ensure_topics()
        outlets = _ensure_outlets(run, 40)
        report.topics, report.outlets = len(topic_pairs), len(outlets)

        # Actors and one alias each.
        first_actor = _next_id(Actor)
        plans = _plan_actors(rng, first_actor, actors, len(topic_pairs))
        kinds = [Actor.Kind.PERSON] * 8 + [Actor.Kind.GOVERNMENT, Actor.Kind.ORGANISATION]
        for i in range(0, len(plans), batch_size):
            chunk = plans[i : i + batch_size]
            Actor.objects.bulk_create(
                [
                    Actor(
                        pk=p.pk,
                        name=p.name,
                        slug=f"scale-{run}-{p.pk}",
                        kind=kinds[p.pk % len(kinds)],
                        role=ROLES[p.pk % len(ROLES)],
                        affiliation=AFFILIATIONS[p.pk % len(AFFILIATIONS)],
                        country=COUNTRIES[p.pk % len(COUNTRIES)],
                    )
                    for p in chunk
                ],
                batch_size=batch_size,
            )
            ActorAlias.objects.bulk_create(
                [ActorAlias(actor_id=p.pk, surface=p.name, normalized=fold(p.name)) for p in chunk],
                batch_size=batch_size,
            )
        report.actors = actors
        report.seconds["actors"] = round(time.monotonic() - clock, 2)
        log(f"{actors} actors in {report.seconds['actors']} s")

        # Articles with their statements, batch by batch.
        clock = time.monotonic()
        actor_cum = zipf_cum_weights(actors, offset=actor_offset(actors))
        # Shuffle which actor gets which Zipf rank so the busiest are not simply the first ids.
        ranked = list(plans)
        rng.shuffle(ranked)
        per_article = _split_counts(rng, statements, articles)
        span_days = (END_DATE - START_DATE).days
        next_article = first_article = _next_id(Article)
        next_statement = _next_id(Statement)
        review_choices = REVIEW_STATES
        done_articles = done_statements = 0
        for batch_start in range(0, articles, batch_size):
            batch_counts = per_article[batch_start : batch_start + batch_size]
            speakers = rng.choices(ranked, cum_weights=actor_cum, k=sum(batch_counts))
            speaker_iter = iter(speakers)
            article_objs: list[Article] = []
            statement_objs: list[Statement] = []
            for count in batch_counts:
                pk = next_article
                next_article += 1
                # More news in later years: a square-root skew towards END_DATE.
                day = int(span_days * math.sqrt(rng.random()))
                published = START_DATE + dt.timedelta(days=day)
                parts: list[str] = []
                length = 0

                def add(text: str, _parts=parts) -> int:
                    nonlocal length
                    at = length
                    _parts.append(text)
                    length += len(text)
                    return at

                add(rng.choice(FILLER) + " ")
                for _ in range(count):
                    plan = next(speaker_iter)
                    t = plan.topics[0]
                    if len(plan.topics) > 1 and rng.random() > plan.topic_cum[0]:
                        t = plan.topics[1]
                    topic, subject = topic_pairs[t]
                    said_day = max(0, day - (rng.randrange(5) if rng.random() < 0.2 else 0))
                    score = _score_at(plan, t, said_day, rng)
                    stance = stance_for_score(score)
                    if rng.random() < 0.05:
                        stance, score = Stance.UNRELATED, 0.0
                    quote = _quote_for(stance, subject, rng)
                    direct = rng.random() < 0.7
                    verb = CUE_VERBS[rng.randrange(len(CUE_VERBS))]
                    if direct:
                        add("\u201c")
                        start = add(quote)
                        add(f",\u201d {plan.name} {verb}. ")
                    else:
                        add(f"{plan.name} {verb} that ")
                        start = add(quote)
                        add(". ")
                    add(rng.choice(FILLER) + " ")
                    review = rng.choices(review_choices, cum_weights=REVIEW_CUM)[0]
                    statement_objs.append(
                        Statement(
                            pk=next_statement,
                            article_id=pk,
                            start=start,
                            end=start + len(quote),
                            quote=quote,
                            is_direct=direct,
                            speaker_mention=plan.name,
                            cue_verb=verb.split()[0],
                            actor_id=plan.pk,
                            attribution_confidence=round(rng.uniform(0.6, 1.0), 3),
                            statement_date=published - dt.timedelta(days=day - said_day),
                            date_precision=Statement.DatePrecision.DAY,
                            topic_id=topic.pk,
                            stance=stance,
                            stance_score=score,
                            confidence=round(rng.uniform(0.4, 1.0), 3),
                            needs_review=review == Statement.ReviewState.UNREVIEWED
                            and rng.random() < 0.1,
                            origin=Statement.Origin.MACHINE,
                            review_state=review,
                            tags=[],
                            note="",
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    next_statement += 1
                text = "".join(parts).rstrip()
                article_objs.append(
                    Article(
                        pk=pk,
                        url=f"https://{run}.scale.example/a/{pk}",
                        canonical_url="",
                        outlet_id=outlets[pk % len(outlets)].pk,
                        title=f"Scale article {pk}: {topic_pairs[pk % len(topic_pairs)][0].title}",
                        byline="",
                        published_date=published,
                        language="en",
                        text=text,
                        raw_sanitised="",
                        content_hash=hashlib.sha256(f"{run}:{pk}:{text}".encode()).hexdigest(),
                        # About 1% are wire copies of the previous article: timelines
                        # must not count their statements (Statement.objects.counted()).
                        near_duplicate_of_id=pk - 1
                        if pk > first_article and rng.random() < NEAR_DUPLICATE_SHARE
                        else None,
                        minhash=[],
                        created_at=now,
                        updated_at=now,
                    )
                )
            _write(Article, article_objs, ARTICLE_COLUMNS, _article_row, batch_size)
            _write(Statement, statement_objs, STATEMENT_COLUMNS, _statement_row, batch_size)
            done_articles += len(article_objs)
            done_statements += len(statement_objs)
            if (batch_start // batch_size) % 10 == 9:
                log(f"  {done_articles} articles, {done_statements} statements")
        report.articles, report.statements = done_articles, done_statements
        report.seconds["articles+statements"] = round(time.monotonic() - clock, 2)
        _reset_sequences([Outlet, Actor, ActorAlias, Article, Statement])

    if connection.vendor == "postgresql":
        clock = time.monotonic()
        with connection.cursor() as cursor:
            for model in (Actor, ActorAlias, Article, Statement, Topic):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        report.seconds["analyze"] = round(time.monotonic() - clock, 2)
    # The stored summaries and shifts the analyst pages read (positions/summaries.py).
    from .summaries import summaries_rebuild_all

    clock = time.monotonic()
    summaries_rebuild_all()
    report.seconds["summaries"] = round(time.monotonic() - clock, 2)
    return report
