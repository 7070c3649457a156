"""The shipped statement filter: labelled from our corpora, loaded safely, applied on ingestion."""

import datetime as dt
import json

import joblib
import pytest
import sklearn
from django.core.management import CommandError, call_command

from positions import classifier, statement_filter
from positions.extraction import topic_cues
from positions.models import Stance, Topic
from positions.services import extract_statements
from tests.factories import ArticleFactory

HARBOUR = {
    "slug": "harbour-trawlers",
    "title": "Trawlers in Dolmar harbour",
    "question": "Should Dolmar open its harbour to foreign trawlers?",
    "cue_phrases": ["harbour", "trawlers", "the ban"],
    "support_cues": ["lift the ban", "open the harbour"],
    "oppose_cues": ["must stay", "keep the ban"],
    "neutral_cues": ["no decision"],
}
HEADER = "url: https://example.org\noutlet: Dolmar Post\npublished: 2024-03-14\ntitle: T\n"
# The rules find both kinds on the topic; only the positions are gold. The harbour's
# opening hours and berth fees are talk around the topic, not a position on it.
POSITIONS = [
    "The council should lift the ban on trawlers before the summer",
    "We must keep the ban, the harbour cannot take the trawlers",
    "Lift the ban and let the trawlers land their catch in the harbour",
    "The ban must stay until the trawlers agree to quotas",
]
LOGISTICS = [
    "The harbour office will publish the timetable for the trawlers on Friday",
    "The harbour needs a new crane before the trawlers come back",
    "Dredging the harbour for the trawlers will cost more than planned",
    "The harbour is busier with trawlers than it has been for years",
]


@pytest.fixture
def harbour_corpus(tmp_path):
    """Two small corpora of our own in the DESIGN §5 format."""
    folders = []
    for n in range(2):
        folder = tmp_path / f"harbour-{n}"
        (folder / "articles").mkdir(parents=True)
        rows = []
        for k in range(3):
            name = f"a{k}.txt"
            lines = [
                f'"{POSITIONS[(k + n) % 4]}," Mara Quist said.',
                f'"{LOGISTICS[(k + n) % 4]}," Oren Falk said.',
            ]
            (folder / "articles" / name).write_text(f"{HEADER}\n" + "\n\n".join(lines) + "\n")
            rows.append(
                {
                    "article": name,
                    "speaker": "Mara Quist",
                    "quote": POSITIONS[(k + n) % 4],
                    "stance": "support",
                }
            )
        (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        folders.append(folder)
    return folders


def _examples(texts_kept):
    return [statement_filter.Example("c", text, kept) for text, kept in texts_kept]


def _trained(tmp_path, slug="harbour-trawlers"):
    examples = _examples([(t, True) for t in POSITIONS * 8] + [(t, False) for t in LOGISTICS * 8])
    return statement_filter.train(slug, examples, ["ours"], folder=tmp_path)


# --- features and labels ---------------------------------------------------------------------


def test_features_are_the_statement_then_its_paragraph_around_it():
    text = "First paragraph.\nBefore it. THE STATEMENT here. After it.\nNext paragraph."
    start = text.index("THE STATEMENT")
    end = start + len("THE STATEMENT here.")
    feature = statement_filter.features(text, start, end)
    assert feature.startswith("THE STATEMENT here. ||| ")
    assert "Before it." in feature and "After it." in feature
    assert "First paragraph" not in feature and "Next paragraph" not in feature


def test_features_reach_only_so_far_into_a_long_paragraph():
    text = "a" * 1000 + " STATEMENT " + "b" * 1000
    start = text.index("STATEMENT")
    feature = statement_filter.features(text, start, start + 9)
    context = feature.split(" ||| ")[1]
    assert len(context) <= 2 * statement_filter.CONTEXT_CHARS + 2


def test_examples_are_the_rules_statements_labelled_by_the_gold(harbour_corpus):
    cues = topic_cues(Topic(**HARBOUR))
    examples, gold = statement_filter.corpus_examples(harbour_corpus[0], cues)
    assert gold == 3
    kept = [e for e in examples if e.kept]
    dropped = [e for e in examples if not e.kept]
    assert len(kept) == 3 and len(dropped) == 3
    assert all(e.corpus == "harbour-0" for e in examples)
    assert all(any(p in e.text.split(" ||| ")[0] for p in POSITIONS) for e in kept)
    assert all(any(t in e.text.split(" ||| ")[0] for t in LOGISTICS) for e in dropped)


def test_the_corpora_that_measure_the_product_are_never_trained_on(tmp_path):
    cues = topic_cues(Topic(**HARBOUR))
    for name in classifier.PRIOR_FORBIDDEN:
        with pytest.raises(ValueError):
            statement_filter.corpus_examples(tmp_path / name, cues)


# --- training and loading --------------------------------------------------------------------


def test_a_trained_filter_tells_positions_from_talk_around_the_topic(tmp_path):
    path = _trained(tmp_path)
    model = statement_filter.load_file(path, "harbour-trawlers")
    assert model is not None
    probs = statement_filter._kept_column(
        model,
        model.predict_proba(
            ["We should lift the ban on the trawlers", "The harbour office opens at six"]
        ),
    )
    assert probs[0] > statement_filter.THRESHOLD > probs[1]


def test_too_few_examples_train_nothing(tmp_path):
    with pytest.raises(ValueError):
        statement_filter.train("x", _examples([("a", True), ("b", False)]), [], folder=tmp_path)
    assert not statement_filter.filter_path("x", tmp_path).exists()


def test_a_missing_broken_foreign_or_stale_filter_is_not_used(tmp_path):
    assert statement_filter.load_file(tmp_path / "absent.joblib", "x") is None
    broken = tmp_path / "broken.joblib"
    broken.write_bytes(b"not a model")
    assert statement_filter.load_file(broken, "x") is None
    path = _trained(tmp_path)
    assert statement_filter.load_file(path, "another-topic") is None
    data = joblib.load(path)
    joblib.dump({**data, "sklearn_version": "0.0.1"}, path)
    assert statement_filter.load_file(path, "harbour-trawlers") is None


def test_the_shipped_filter_loads_and_was_never_trained_on_what_measures_it():
    path = statement_filter.filter_path("strike-restrictions")
    assert statement_filter.load_file(path, "strike-restrictions") is not None
    manifest = json.loads(path.with_suffix(".json").read_text())
    assert manifest["sklearn_version"] == sklearn.__version__
    assert manifest["threshold"] == statement_filter.THRESHOLD
    assert not any(
        name in corpus for corpus in manifest["corpora"] for name in classifier.PRIOR_FORBIDDEN
    )


def test_the_filter_is_off_with_the_priors():
    with classifier.prior_disabled():
        assert statement_filter.load("strike-restrictions") is None


# --- on ingestion ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_ingestion_files_what_the_filter_rejects_as_unrelated(tmp_path, monkeypatch):
    Topic.objects.create(**HARBOUR)
    model = statement_filter.load_file(_trained(tmp_path), "harbour-trawlers")
    monkeypatch.setattr(statement_filter, "load", lambda slug: model)
    text = (
        '"The council should lift the ban on trawlers before the summer," Mara Quist said.\n\n'
        '"The harbour needs a new crane before the trawlers come back," Oren Falk said.\n'
    )
    article = ArticleFactory(text=text, published_date=dt.date(2024, 3, 14))
    by_speaker = {s.actor.name: s for s in extract_statements(article=article)}
    assert by_speaker["Mara Quist"].topic is not None
    assert by_speaker["Mara Quist"].stance == Stance.SUPPORT
    # Still stored (an editor can file it back), but not on the topic.
    assert by_speaker["Oren Falk"].topic is None
    assert by_speaker["Oren Falk"].stance == Stance.UNRELATED

    monkeypatch.setattr(statement_filter, "load", lambda slug: None)
    by_speaker = {s.actor.name: s for s in extract_statements(article=article)}
    assert by_speaker["Oren Falk"].topic is not None


@pytest.mark.django_db
def test_train_statement_filter_command_cross_validates_and_writes_a_loadable_filter(
    harbour_corpus, tmp_path, capsys, monkeypatch
):
    Topic.objects.create(**HARBOUR)
    monkeypatch.setattr(statement_filter, "MIN_EXAMPLES", 4)
    out = tmp_path / "models"
    call_command(
        "train_statement_filter",
        *map(str, harbour_corpus),
        "--topic",
        "harbour-trawlers",
        "--out-dir",
        str(out),
        "--cross-validate",
    )
    printed = capsys.readouterr().out
    assert "leave one corpus out" in printed
    assert "statement filter from 12 statements (6 kept)" in printed
    manifest = json.loads((out / "harbour-trawlers-filter.json").read_text())
    assert manifest["corpora"] == [str(c) for c in harbour_corpus]
    assert statement_filter.load_file(out / "harbour-trawlers-filter.joblib", "harbour-trawlers")


@pytest.mark.django_db
def test_train_statement_filter_command_rejects_a_folder_without_gold(tmp_path):
    with pytest.raises(CommandError):
        call_command("train_statement_filter", str(tmp_path), "--out-dir", str(tmp_path))


# --- the two thresholds ---------------------------------------------------------------------


def _result(stance="support", relevance=1.0, evidence=("support:lift the ban",)):
    from positions.text.stance import StanceResult

    return StanceResult(stance, 0.5, 0.8, relevance, list(evidence))


def test_a_statement_that_takes_a_side_in_its_own_words_needs_less_to_stay():
    own, other = statement_filter.THRESHOLD_OWN_SIDE, statement_filter.THRESHOLD
    assert own < other
    assert statement_filter.threshold_for(_result()) == own
    # A side borrowed from the speaker's other statements, a topic named only around it,
    # or no side at all: the plain threshold.
    borrowed = _result(evidence=("same as the speaker's previous statement",))
    assert statement_filter.threshold_for(borrowed) == other
    assert statement_filter.threshold_for(_result(relevance=0.6)) == other
    assert statement_filter.threshold_for(_result("neutral", evidence=("no cue",))) == other


def test_the_filter_files_by_the_threshold_that_fits_each_statement(monkeypatch):
    from positions.text.pipeline import AnalysedStatement
    from positions.text.statements import find_statements

    text = "Mara Quist said the ban on trawlers must go.\n\nOren Falk said the ban must stay."
    found = find_statements(text, dt.date(2024, 3, 14))
    borrowed = _result(evidence=("same as the speaker's previous statement",))
    analysed = [
        AnalysedStatement(found[0], {"harbour": _result()}),
        AnalysedStatement(found[1], {"harbour": borrowed}),
    ]
    between = (statement_filter.THRESHOLD + statement_filter.THRESHOLD_OWN_SIDE) / 2

    class Model:
        classes_ = [False, True]

        def predict_proba(self, texts):
            return [[1 - between, between] for _ in texts]

    monkeypatch.setattr(statement_filter, "load", lambda slug: Model())
    dropped = statement_filter.filtered_out("harbour", text, analysed)
    assert dropped == {(found[1].start, found[1].end)}
