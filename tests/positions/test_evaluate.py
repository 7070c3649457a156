"""`manage.py evaluate`: DESIGN §5 scoring, run in a transaction that is rolled back."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from positions.evaluation import GoldStatement, SystemStatement, score
from positions.models import Stance, Statement

SEED = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "seed"


def _sys(start, end, speaker="Mara Quist", stance="oppose", date="2024-03-14", aliases=()):
    return SystemStatement(
        "a.txt", start, end, "x" * (end - start), speaker, list(aliases), stance, date, 0.9
    )


def _gold(start, end, speaker="Mara Quist", stance="oppose", date="2024-03-14"):
    return GoldStatement("a.txt", speaker, "x" * (end - start), stance, date, True, start, end)


def test_overlap_of_half_the_shorter_span_matches():
    result = score([_sys(0, 10)], [_gold(5, 30)])
    assert result.counts["matched"] == 1
    assert score([_sys(0, 10)], [_gold(6, 30)]).counts["matched"] == 0


def test_pairs_match_one_to_one_largest_overlap_first():
    result = score([_sys(0, 20), _sys(0, 12)], [_gold(0, 20)])
    assert result.counts["matched"] == 1
    assert result.matches[0][0].end == 20
    assert result.figures["statement_precision"] == 0.5


def test_unrelated_system_statements_do_not_count_against_precision():
    result = score([_sys(0, 20), _sys(40, 60, stance="unrelated")], [_gold(0, 20)])
    assert result.figures["statement_precision"] == 1.0


def test_a_speaker_matches_through_an_alias_and_titles_are_ignored():
    result = score(
        [_sys(0, 20, speaker="M. Quist", aliases=["Mara Quist"])],
        [_gold(0, 20, speaker="Senator Mara Quist")],
    )
    assert result.figures["speaker_accuracy"] == 1.0


def test_a_month_gold_date_matches_any_day_of_the_month():
    result = score([_sys(0, 20, date="2022-09-01")], [_gold(0, 20, date="2022-09")])
    assert result.figures["date_accuracy"] == 1.0


CORPUS_ARTICLE = """url: https://courier.example/harbour
outlet: Dolmar Courier
published: 2024-03-14
title: Harbour stays shut

Dolmar's harbour master Mara Quist said on Monday that the ban on foreign trawlers must stay.

"Opening the harbour to trawlers now would be a grave mistake," Quist told reporters.
"""


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(CORPUS_ARTICLE, encoding="utf-8")
    gold = {
        "article": "a.txt",
        "speaker": "Mara Quist",
        "speaker_mention": "Quist",
        "quote": "Opening the harbour to trawlers now would be a grave mistake,",
        "direct": True,
        "stance": "oppose",
        "statement_date": "2024-03-14",
        "notes": "",
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.django_db
def test_the_command_scores_writes_json_and_dump_and_leaves_no_trace(corpus, tmp_path, capsys):
    call_command(
        "evaluate",
        str(corpus),
        "--json",
        str(tmp_path / "f.json"),
        "--dump",
        str(tmp_path / "d.jsonl"),
        "--explain",
    )
    out = capsys.readouterr().out
    assert "statement_f1" in out and "Missed gold statements" in out
    figures = json.loads((tmp_path / "f.json").read_text())
    assert {"statement_f1", "speaker_accuracy", "articles", "gold", "system", "matched"} <= set(
        figures
    )
    rows = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert rows and {
        "article",
        "start",
        "end",
        "quote",
        "speaker",
        "speaker_aliases",
        "stance",
        "statement_date",
        "confidence",
    } <= set(rows[0])
    assert Article.objects.count() == 0 and Statement.objects.count() == 0


@pytest.mark.django_db
def test_editing_a_stance_then_training_changes_the_model_and_evaluation_still_runs(
    corpus, editor, capsys
):
    from positions import classifier
    from positions.demo.founding import load_founding
    from positions.models import Topic
    from positions.services import statement_review
    from tests.factories import ArticleFactory, StatementFactory

    load_founding()
    topic = Topic.objects.get(slug="strike-restrictions")
    for i in range(12):
        for stance, text in (("support", "lift the limits now"), ("oppose", "keep the limits")):
            article = ArticleFactory(text=f"Intro {i}. {text} {i}. Outro.")
            start = article.text.index(text)
            StatementFactory(
                article=article,
                topic=topic,
                start=start,
                end=start + len(text) + len(f" {i}"),
                quote=f"{text} {i}",
                stance=stance,
                review_state=Statement.ReviewState.CONFIRMED,
            )
    call_command("train_stance")
    before = classifier.current_version(topic.slug)
    statement = Statement.objects.filter(topic=topic).first()
    statement_review(
        statement=statement,
        user=editor,
        state=Statement.ReviewState.CONFIRMED,
        stance=Stance.NEUTRAL,
    )
    call_command("train_stance")
    assert classifier.current_version(topic.slug) == before + 1
    call_command("evaluate", str(corpus), "--with-models")
    assert "statement_f1" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.skipif(not SEED.exists(), reason="shared seed corpus not available")
def test_the_seed_scores_at_least_090_everywhere(tmp_path):
    call_command("evaluate", str(SEED), "--json", str(tmp_path / "seed.json"))
    figures = json.loads((tmp_path / "seed.json").read_text())
    for key in ("statement_f1", "speaker_accuracy", "stance_macro_f1", "date_accuracy"):
        assert figures[key] >= 0.9, key


TWO_TOPIC_ARTICLE = "\n".join(
    [
        "url: https://courier.example/two",
        "outlet: Dolmar Courier",
        "published: 2024-06-03",
        "title: Strikes and a bridge",
        "",
        '"Ukraine must be allowed to strike military targets inside Russia with the weapons we'
        ' send," Senator Ilse Varga said on Monday.',
        "",
        "Kremlin spokesman Dmitry Peskov warned that any such strikes deep inside Russia would"
        " make the West a direct party to the conflict.",
        "",
        "In a separate interview, Port Calder's mayor Otto Brenn said the Kestrel Bridge toll"
        ' "cannot come soon enough" for the Eastbank.',
        "",
    ]
)


@pytest.mark.django_db
def test_statements_on_another_shipped_topic_are_not_scored_against_this_one(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "two.txt").write_text(TWO_TOPIC_ARTICLE, encoding="utf-8")
    gold = {
        "article": "two.txt",
        "speaker": "Ilse Varga",
        "speaker_mention": "Senator Ilse Varga",
        "quote": "Ukraine must be allowed to strike military targets inside Russia with the "
        "weapons we send,",
        "direct": True,
        "stance": "support",
        "statement_date": "2024-06-03",
        "notes": "",
    }
    peskov = {
        **gold,
        "speaker": "Dmitry Peskov",
        "speaker_mention": "Kremlin spokesman Dmitry Peskov",
        "quote": "warned that any such strikes deep inside Russia would make the West a direct "
        "party to the conflict",
        "direct": False,
        "stance": "oppose",
    }
    lines = [json.dumps(gold), json.dumps(peskov)]
    (tmp_path / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dump = tmp_path / "d.jsonl"
    call_command("evaluate", str(tmp_path), "--json", str(tmp_path / "f.json"), "--dump", str(dump))
    assert "Topic strike-restrictions" in capsys.readouterr().out
    rows = [json.loads(line) for line in dump.read_text().splitlines()]
    # The mayor's remark was extracted on the toll topic (as ingestion would)...
    assert any(r["topic"] == "kestrel-bridge-toll" for r in rows)
    figures = json.loads((tmp_path / "f.json").read_text())
    # ...and is not a false positive of the strike corpus.
    assert figures["statement_precision"] == 1.0
    assert figures["matched"] == 2
