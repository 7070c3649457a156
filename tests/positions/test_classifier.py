"""The learned stance model: trained from editors' labels, versioned, skippable, revertible."""

import pytest
from django.core.management import call_command

from positions import classifier
from positions.models import Stance, Statement
from positions.tasks import retrain_stance_models
from tests.factories import ArticleFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

SUPPORTING = [
    "the harbour should open to the trawlers now",
    "we want the trawlers back in the harbour",
    "open the harbour, the fleet needs work",
    "lift the ban and let the trawlers land",
    "the ban has failed, lift it",
]
OPPOSING = [
    "keep the trawlers out of our harbour",
    "the ban must stay, the fish are gone",
    "no trawlers, not this year, not ever",
    "the harbour stays closed to foreign fleets",
    "we will fight any plan to lift the ban",
]


def _label(topic, text: str, stance: str, state=Statement.ReviewState.CONFIRMED) -> Statement:
    article = ArticleFactory(text=f"Intro. {text} Outro.")
    start = article.text.index(text)
    return StatementFactory(
        article=article,
        topic=topic,
        start=start,
        end=start + len(text),
        quote=text,
        stance=stance,
        review_state=state,
    )


@pytest.fixture
def labelled_topic():
    topic = TopicFactory(slug="harbour")
    for i in range(2):
        for text in SUPPORTING:
            _label(topic, f"{text} ({i})", Stance.SUPPORT)
        for text in OPPOSING:
            _label(topic, f"{text} ({i})", Stance.OPPOSE)
    return topic


def test_it_does_not_train_on_too_few_labels():
    topic = TopicFactory(slug="sparse")
    _label(topic, "lift the ban", Stance.SUPPORT)
    result = classifier.train_topic(topic)
    assert result.status == "too few labels"
    assert classifier.load_model("sparse") is None


def test_unreviewed_machine_statements_are_not_labels(labelled_topic):
    _label(
        labelled_topic,
        "a machine guess nobody checked",
        Stance.NEUTRAL,
        state=Statement.ReviewState.UNREVIEWED,
    )
    assert classifier.labelled_statements(labelled_topic).count() == 20


def test_it_trains_a_versioned_model_and_skips_unchanged_labels(labelled_topic):
    first = classifier.train_topic(labelled_topic)
    assert (first.status, first.version) == ("trained", 1)
    again = classifier.train_topic(labelled_topic)
    assert (again.status, again.version) == ("unchanged", 1)
    model = classifier.load_model("harbour")
    probs = model.probabilities("lift the ban and open the harbour")
    assert set(probs) == {"support", "oppose", "neutral"}
    assert probs["support"] > probs["oppose"]


def test_a_changed_label_makes_a_new_version_that_can_be_rolled_back(labelled_topic, editor):
    classifier.train_topic(labelled_topic)
    from positions.services import statement_review

    statement = Statement.objects.filter(topic=labelled_topic).first()
    statement_review(
        statement=statement,
        user=editor,
        state=Statement.ReviewState.CONFIRMED,
        stance=Stance.NEUTRAL,
    )
    assert classifier.train_topic(labelled_topic).version == 2
    assert classifier.rollback("harbour") == 1
    assert classifier.current_version("harbour") == 1
    assert classifier.load_model("harbour").version == 1


def test_a_broken_model_file_makes_the_loader_return_none(labelled_topic):
    classifier.train_topic(labelled_topic)
    (classifier.model_dir("harbour") / "v1.joblib").write_bytes(b"not a model")
    classifier._cache.clear()
    assert classifier.load_model("harbour") is None
    # and blending falls back to the cue rules
    assert classifier.blend(
        topic=labelled_topic, text="x", cue_stance="oppose", cue_score=-0.5, cue_confidence=0.8
    ) == ("oppose", -0.5, 0.8)


def test_blending_moves_towards_the_learned_model(labelled_topic):
    classifier.train_topic(labelled_topic)
    stance, score, confidence = classifier.blend(
        topic=labelled_topic,
        text="we will fight any plan to lift the ban",
        cue_stance="neutral",
        cue_score=0.0,
        cue_confidence=0.4,
    )
    assert stance == "oppose" and score < 0 and 0 <= confidence <= 1


def test_train_stance_command_and_periodic_task(labelled_topic, capsys):
    call_command("train_stance")
    assert "harbour: trained; v1" in capsys.readouterr().out
    assert retrain_stance_models()["harbour"].startswith("unchanged")
    call_command("train_stance", "--topic", "harbour", "--force")
    assert classifier.current_version("harbour") == 2
    call_command("train_stance", "--topic", "harbour", "--rollback")
    assert classifier.current_version("harbour") == 1
