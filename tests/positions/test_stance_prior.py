"""The shipped stance prior: loaded safely, blended with the cue rules, and rebuilt by a command."""

import datetime as dt
import json

import joblib
import pytest
import sklearn
from django.core.management import CommandError, call_command

from positions import classifier
from positions.models import Stance, Topic
from positions.services import extract_statements
from tests.factories import ArticleFactory

SUPPORTING = [
    "the council should open the harbour to the trawlers this spring",
    "we want the trawlers back in the harbour soon",
    "open the harbour, the fleet needs the work",
    "lift the ban and let the trawlers land their catch",
    "the ban has failed and it is time to lift it",
    "Dolmar must let the boats in again",
    "the harbour belongs open, trawlers and all",
]
OPPOSING = [
    "keep the trawlers out of our harbour",
    "the ban must stay, the fish are gone",
    "no trawlers, not this year, not ever",
    "the harbour stays closed to foreign fleets",
    "we will fight any plan to lift the ban",
    "opening the harbour would ruin the bay",
    "the boats must stay outside the breakwater",
]
UNDECIDED = [
    "no decision has been made about the harbour",
    "the council will study the question of the ban",
    "we are still weighing the trawler question",
    "it is too early to say what happens to the ban",
    "a decision on the harbour will come later",
    "the committee has not made up its mind",
    "we will listen to everyone before deciding",
]


class FakePipeline:
    """Stands in for a fitted sklearn pipeline; counts how often it is asked."""

    classes_ = ["neutral", "oppose", "support"]

    def __init__(self, probs=(0.05, 0.05, 0.9), fail=False):
        self.probs = list(probs)
        self.fail = fail
        self.batches: list[int] = []

    def predict_proba(self, texts):
        if self.fail:
            raise RuntimeError("broken model")
        self.batches.append(len(texts))
        return [self.probs for _ in texts]


@pytest.fixture
def fake_prior(monkeypatch):
    """Install a fake prior for every topic; the test sets its behaviour."""
    pipeline = FakePipeline()
    prior = classifier.PriorModel("any", sklearn.__version__, [], pipeline)
    monkeypatch.setattr(classifier, "load_prior", lambda slug: prior)
    return pipeline


@pytest.fixture
def corpus(tmp_path):
    """A tiny labelled corpus of our own, in the DESIGN §5 format."""
    folder = tmp_path / "harbour-corpus"
    (folder / "articles").mkdir(parents=True)
    rows = []
    for n, (stance, texts) in enumerate(
        [("support", SUPPORTING), ("oppose", OPPOSING), ("neutral", UNDECIDED)]
    ):
        body = " ".join(f'"{t}," a fisher said.' for t in texts)
        name = f"a{n}.txt"
        header = "url: https://example.org\noutlet: Dolmar Post\npublished: 2024-03-14\ntitle: T\n"
        (folder / "articles" / name).write_text(f"{header}\n{body}\n")
        rows += [
            {"article": name, "speaker": "A fisher", "quote": t, "stance": stance} for t in texts
        ]
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


class _Topic:
    slug = "harbour-trawlers"


# --- loading ---------------------------------------------------------------------------------


def test_the_shipped_prior_loads_with_its_training_list():
    prior = classifier._load_prior_file(
        classifier.prior_path("strike-restrictions"), "strike-restrictions"
    )
    assert prior is not None
    assert prior.sklearn_version == sklearn.__version__
    assert prior.corpora == list(classifier.PRIOR_TRAINING_CORPORA)
    assert not any(
        name in corpus for corpus in prior.corpora for name in classifier.PRIOR_FORBIDDEN
    )
    probs = prior.probabilities_many(["We will never allow such strikes.", "No decision yet."])
    assert len(probs) == 2
    assert all(set(p) == set(classifier.CLASSES) for p in probs)
    assert all(abs(sum(p.values()) - 1.0) < 1e-6 for p in probs)


def test_a_missing_or_broken_prior_file_gives_none(tmp_path):
    assert classifier._load_prior_file(tmp_path / "absent.joblib", "x") is None
    broken = tmp_path / "broken.joblib"
    broken.write_bytes(b"not a model")
    assert classifier._load_prior_file(broken, "x") is None


def test_a_prior_from_another_sklearn_version_or_topic_is_not_used(tmp_path):
    path = tmp_path / "old.joblib"
    data = {
        "format": classifier.PRIOR_FORMAT,
        "topic": "x",
        "sklearn_version": "0.0.1",
        "corpora": [],
        "pipeline": FakePipeline(),
    }
    joblib.dump(data, path)
    assert classifier._load_prior_file(path, "x") is None
    joblib.dump({**data, "sklearn_version": sklearn.__version__}, path)
    assert classifier._load_prior_file(path, "x") is not None
    assert classifier._load_prior_file(path, "other-topic") is None


def test_priors_can_be_switched_off():
    with classifier.prior_disabled():
        assert classifier.load_prior("strike-restrictions") is None
        assert classifier.prior_probabilities("strike-restrictions", ["text"]) is None


# --- blending --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_weak_cue_verdict_follows_the_prior(fake_prior):
    stance, score, confidence = classifier.blend(
        topic=_Topic(), text="x", cue_stance="neutral", cue_score=0.0, cue_confidence=0.35
    )
    assert stance == "support" and score > 0 and 0 <= confidence <= 1


@pytest.mark.django_db
def test_a_confident_cue_verdict_outweighs_a_hesitant_prior(fake_prior):
    fake_prior.probs = [0.3, 0.3, 0.4]  # neutral, oppose, support
    assert (
        classifier.blend(
            topic=_Topic(), text="x", cue_stance="oppose", cue_score=-0.8, cue_confidence=0.9
        )[0]
        == "oppose"
    )


@pytest.mark.django_db
def test_blending_falls_back_to_the_cues_when_the_prior_fails_or_is_absent(fake_prior, monkeypatch):
    fake_prior.fail = True
    cue = {"cue_stance": "oppose", "cue_score": -0.5, "cue_confidence": 0.6}
    assert classifier.blend(topic=_Topic(), text="x", **cue) == ("oppose", -0.5, 0.6)
    monkeypatch.setattr(classifier, "load_prior", lambda slug: None)
    assert classifier.blend(topic=_Topic(), text="x", **cue) == ("oppose", -0.5, 0.6)


def test_blend_with_leaves_unrelated_alone():
    assert classifier.blend_with(
        {"support": 1.0, "oppose": 0.0, "neutral": 0.0},
        0.5,
        cue_stance="unrelated",
        cue_score=0.0,
        cue_confidence=0.9,
    ) == ("unrelated", 0.0, 0.9)


@pytest.mark.django_db
def test_extraction_asks_the_prior_once_per_topic_and_article(fake_prior):
    Topic.objects.create(
        slug="harbour-trawlers",
        title="Trawlers in Dolmar harbour",
        question="Should Dolmar open its harbour to foreign trawlers?",
        cue_phrases=["harbour", "trawlers", "the ban"],
        support_cues=["lift the ban", "open the harbour"],
        oppose_cues=["must stay", "grave mistake"],
        neutral_cues=["no decision"],
    )
    text = (
        "Harbour master Mara Quist said on Monday that nobody has looked at the trawlers yet.\n\n"
        '"The harbour question is for the council," Quist told reporters.\n\n'
        "Councillor Oren Falk said the ban should go before summer.\n"
    )
    article = ArticleFactory(text=text, published_date=dt.date(2024, 3, 14))
    statements = [s for s in extract_statements(article=article) if s.topic_id]
    assert statements
    assert fake_prior.batches == [len(statements)]
    assert all(s.stance == Stance.SUPPORT for s in statements)


# --- training --------------------------------------------------------------------------------


def test_training_refuses_the_corpora_that_measure_the_product(tmp_path):
    for name in classifier.PRIOR_FORBIDDEN:
        with pytest.raises(ValueError):
            classifier.prior_training_pairs([tmp_path / name])


@pytest.mark.django_db
def test_train_stance_prior_command_writes_a_loadable_prior(corpus, tmp_path, capsys):
    out = tmp_path / "models"
    call_command("train_stance_prior", str(corpus), "--topic", "harbour", "--out-dir", str(out))
    assert "harbour: prior from 21 labels" in capsys.readouterr().out
    manifest = json.loads((out / "harbour-prior.json").read_text())
    assert manifest["corpora"] == [str(corpus)]
    assert manifest["sklearn_version"] == sklearn.__version__
    prior = classifier._load_prior_file(out / "harbour-prior.joblib", "harbour")
    assert prior is not None and prior.corpora == [str(corpus)]
    [probs] = prior.probabilities_many(["we will fight any plan to lift the ban"])
    assert max(probs, key=probs.get) == "oppose"


@pytest.mark.django_db
def test_train_stance_prior_command_rejects_a_folder_without_gold(tmp_path):
    with pytest.raises(CommandError):
        call_command("train_stance_prior", str(tmp_path), "--out-dir", str(tmp_path))
