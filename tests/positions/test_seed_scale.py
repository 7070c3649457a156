from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command

from articles.models import Article
from positions.models import Actor, Stance, Statement, Topic
from positions.scale import seed_scale, stance_for_score, zipf_cum_weights

pytestmark = pytest.mark.django_db


def test_it_creates_the_requested_rows():
    report = seed_scale(actors=30, articles=60, statements=400, batch_size=25)

    assert report.actors == Actor.objects.count() == 30
    assert report.articles == Article.objects.count() == 60
    assert report.statements == Statement.objects.count() == 400
    assert Topic.objects.filter(slug="strike-restrictions").exists()


def test_every_span_points_at_its_quote():
    seed_scale(actors=10, articles=20, statements=120)

    for statement in Statement.objects.select_related("article"):
        text = statement.article.text
        assert text[statement.start : statement.end] == statement.quote
        assert statement.end == statement.start + len(statement.quote)


def test_a_few_actors_say_most_things():
    seed_scale(actors=50, articles=100, statements=2000)

    per_actor = Counter(Statement.objects.values_list("actor_id", flat=True))
    top5 = sum(count for _, count in per_actor.most_common(5))
    assert top5 > 2000 * 0.3


def test_dates_spread_over_years_and_stances_vary():
    seed_scale(actors=20, articles=200, statements=1000)

    years = {d.year for d in Statement.objects.values_list("statement_date", flat=True)}
    assert len(years) >= 4
    stances = set(Statement.objects.values_list("stance", flat=True))
    assert {Stance.SUPPORT, Stance.OPPOSE, Stance.NEUTRAL} <= stances
    assert Topic.objects.count() >= 4


def test_some_actor_changes_position_on_a_topic():
    seed_scale(actors=10, articles=200, statements=1500)

    changed = 0
    for actor_id, topic_id in (
        Statement.objects.exclude(stance=Stance.UNRELATED)
        .values_list("actor_id", "topic_id")
        .distinct()
    ):
        stances = set(
            Statement.objects.filter(actor_id=actor_id, topic_id=topic_id)
            .exclude(stance=Stance.UNRELATED)
            .values_list("stance", flat=True)
        )
        changed += {Stance.SUPPORT, Stance.OPPOSE} <= stances
    assert changed >= 1


def test_it_can_run_twice():
    seed_scale(actors=5, articles=5, statements=10)
    seed_scale(actors=5, articles=5, statements=10)

    assert Actor.objects.count() == 10
    assert Statement.objects.count() == 20


def test_new_rows_get_fresh_ids_after_seeding():
    seed_scale(actors=5, articles=5, statements=10)
    actor = Actor.objects.create(name="After Seed", slug="after-seed")

    assert actor.pk > max(Actor.objects.exclude(pk=actor.pk).values_list("pk", flat=True))


def test_the_command_prints_a_summary(capsys):
    call_command("seed_scale", actors=3, articles=4, statements=9)

    assert "Added 3 actors, 4 articles, 9 statements" in capsys.readouterr().out


def test_helpers():
    cum = zipf_cum_weights(3, 1.0)
    assert cum == pytest.approx([1.0, 1.5, 1.5 + 1 / 3])
    assert stance_for_score(0.9) == Stance.SUPPORT
    assert stance_for_score(-0.9) == Stance.OPPOSE
    assert stance_for_score(0.1) == Stance.NEUTRAL


def test_the_page_benchmark_runs_on_a_small_seed(analyst):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import bench_pages

    seed_scale(actors=20, articles=40, statements=300)
    lines: list[str] = []

    results = bench_pages.run(requests=2, warmup=0, budget_s=5, out=lines.append)

    assert [r.name for r in results] == [
        "actor timeline (busiest actor)",
        "actor timeline (median actor)",
        "topic overview",
        "shifts (busiest topic)",
        "compare (3 busiest actors)",
    ]
    assert all(r.rows > 0 and r.p95_ms > 0 for r in results)
    assert any("targets:" in line for line in lines)


def test_a_few_articles_are_near_duplicates_that_timelines_skip():
    seed_scale(actors=10, articles=1000, statements=1000)

    copies = Article.objects.filter(near_duplicate_of__isnull=False)
    assert 0 < copies.count() < 50
    counted = Statement.objects.counted().count()
    assert counted < Statement.objects.exclude(review_state="rejected").count()
