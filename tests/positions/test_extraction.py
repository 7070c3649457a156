"""extract_statements: actors resolved or created, rows written, editors' work kept."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article
from positions.demo.founding import load_founding
from positions.models import Actor, Stance, Statement, Topic
from positions.services import actor_create, extract_statements, statement_review

pytestmark = pytest.mark.django_db

SHARED = Path(settings.BASE_DIR).parent / "shared"
SEED = SHARED / "corpus" / "seed" / "articles" / "seed-blinken-strike-restrictions.txt"

TEXT = """Dolmar's harbour master Mara Quist said on Monday that the ban on trawlers must stay.

"Opening the harbour now would be a grave mistake," Quist told reporters.

Councillor Oren Falk said the ban should be lifted before the summer season begins.

The new school will open in September, Falk said at the same meeting.
"""


def _article(text: str = TEXT, published=dt.date(2024, 3, 14)) -> Article:
    return Article.objects.create(
        title="Harbour",
        text=text,
        published_date=published,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


@pytest.fixture
def harbour_topic():
    return Topic.objects.create(
        slug="harbour-trawlers",
        title="Trawlers in Dolmar harbour",
        question="Should Dolmar open its harbour to foreign trawlers?",
        cue_phrases=["harbour", "trawlers", "the ban"],
        support_cues=["lift the ban", "ban should be lifted", "open the harbour"],
        oppose_cues=["must stay", "grave mistake", "keep the ban"],
        neutral_cues=["no decision"],
    )


def test_it_stores_statements_with_speakers_topics_and_stances(harbour_topic):
    statements = extract_statements(article=_article())
    on_topic = [s for s in statements if s.topic_id]
    assert [(s.actor.name, s.stance) for s in on_topic] == [
        ("Mara Quist", Stance.OPPOSE),
        ("Mara Quist", Stance.OPPOSE),
        ("Oren Falk", Stance.SUPPORT),
    ]
    assert on_topic[0].statement_date == dt.date(2024, 3, 11)
    for s in statements:
        assert s.article.text[s.start : s.end] == s.quote


def test_statements_on_no_topic_are_kept_without_a_topic(harbour_topic):
    statements = extract_statements(article=_article())
    unrelated = [s for s in statements if s.topic_id is None]
    assert [s.quote for s in unrelated] == ["The new school will open in September"]
    assert unrelated[0].stance == Stance.UNRELATED


def test_unknown_speakers_become_actors_with_role_and_alias(harbour_topic):
    extract_statements(article=_article())
    quist = Actor.objects.get(name="Mara Quist")
    assert quist.kind == Actor.Kind.PERSON
    assert quist.role == "Dolmar's harbour master"
    assert "Dolmar's harbour master Mara Quist" in set(
        quist.aliases.values_list("surface", flat=True)
    )


def test_a_surname_and_a_full_name_are_one_actor(harbour_topic):
    actor_create(name="Oren Falk", aliases=["Falk"])
    extract_statements(article=_article("Falk said the ban should be lifted before the summer."))
    extract_statements(
        article=_article("Oren Falk said the ban should be lifted this week, or soon.")
    )
    assert Actor.objects.filter(name__icontains="Falk").count() == 1


def test_running_twice_changes_nothing(harbour_topic):
    article = _article()
    first = {(s.pk, s.start, s.end, s.stance) for s in extract_statements(article=article)}
    second = {(s.pk, s.start, s.end, s.stance) for s in extract_statements(article=article)}
    assert first == second
    assert Actor.objects.filter(name="Mara Quist").count() == 1


def test_rerunning_never_overwrites_an_editor_touched_statement(harbour_topic, editor):
    article = _article()
    statement = next(
        s for s in extract_statements(article=article) if s.actor and s.actor.name == "Oren Falk"
    )
    statement_review(
        statement=statement,
        user=editor,
        state=Statement.ReviewState.CONFIRMED,
        stance=Stance.NEUTRAL,
    )
    extract_statements(article=article)
    statement.refresh_from_db()
    assert statement.stance == Stance.NEUTRAL
    assert statement.review_state == Statement.ReviewState.CORRECTED
    same_span = Statement.objects.filter(
        article=article, start=statement.start, topic=harbour_topic
    )
    assert same_span.count() == 1


def test_rerunning_keeps_a_statement_an_editor_only_tagged(harbour_topic, editor):
    article = _article()
    statement = next(
        s for s in extract_statements(article=article) if s.actor and s.actor.name == "Oren Falk"
    )
    Statement.objects.filter(pk=statement.pk).update(
        tags=["follow-up"], note="Check the date", stance=Stance.NEUTRAL
    )
    extract_statements(article=article)
    statement.refresh_from_db()
    assert statement.tags == ["follow-up"] and statement.note == "Check the date"
    assert statement.stance == Stance.NEUTRAL  # not re-classified over the editor's work


def test_a_pronoun_without_anyone_to_point_at_is_left_for_editors(harbour_topic):
    statements = extract_statements(article=_article('"The ban must stay, and it will," he said.'))
    assert statements == [] or all(s.needs_review for s in statements)


def test_a_low_confidence_attribution_is_flagged(harbour_topic):
    text = (
        "Mara Quist said the harbour ban must stay in place.\n\n"
        '"Nobody wants the trawlers back in the harbour."'
    )
    statements = extract_statements(article=_article(text))
    continued = [s for s in statements if s.quote.startswith("Nobody")]
    assert continued and continued[0].attribution_confidence < 0.75 and continued[0].needs_review


@pytest.mark.skipif(not SEED.exists(), reason="shared seed corpus not available")
def test_the_seed_article_yields_the_expected_speakers_and_stances():
    load_founding()
    head, _, body = SEED.read_text(encoding="utf-8").partition("\n\n")
    article = _article(body, published=dt.date(2024, 5, 29))
    statements = [s for s in extract_statements(article=article) if s.topic_id]
    by_actor: dict[str, set[str]] = {}
    for s in statements:
        by_actor.setdefault(s.actor.name, set()).add(s.stance)
    assert Stance.OPPOSE in by_actor["Antony Blinken"]
    assert by_actor["Jens Stoltenberg"] == {Stance.SUPPORT}
    assert by_actor["John Kirby"] == {Stance.OPPOSE, Stance.NEUTRAL}
    assert by_actor["Vladimir Putin"] == {Stance.OPPOSE}
    assert by_actor["Russian Foreign Ministry"] == {Stance.OPPOSE}
    # The captions are printed twice; each passage gives at most one statement.
    quotes = [s.quote for s in statements]
    assert len(quotes) == len(set(quotes))
    assert not any("seen here" in q or "Pictured" in q for q in quotes)


def test_a_full_name_joins_the_actor_first_seen_by_surname_only(harbour_topic):
    extract_statements(article=_article("Quist said the ban on trawlers must stay for years."))
    extract_statements(article=_article("Mara Quist said the ban on trawlers must stay, again."))
    assert Actor.objects.filter(name__icontains="Quist").count() == 1


def test_a_ministry_named_two_ways_is_one_actor_with_both_names(harbour_topic):
    extract_statements(
        article=_article("Norway's foreign ministry said the ban on trawlers must stay.")
    )
    extract_statements(
        article=_article("The Norwegian Ministry of Foreign Affairs said the ban must stay.")
    )
    [ministry] = Actor.objects.filter(name__icontains="foreign")
    surfaces = set(ministry.aliases.values_list("surface", flat=True))
    assert {"Norwegian Foreign Ministry", "Ministry of Foreign Affairs of Norway"} <= surfaces


def test_a_group_named_by_its_party_s_nickname_is_the_same_group(harbour_topic):
    extract_statements(
        article=_article("A group of Tory backbenchers said the ban on trawlers must stay.")
    )
    extract_statements(article=_article("Conservative MPs said the ban must stay."))
    assert Actor.objects.filter(kind=Actor.Kind.GROUP).count() == 1


def test_a_new_person_is_known_by_the_other_romanisations_of_their_name(harbour_topic):
    # State media write "Aleksandr", the wires "Alexander": the same person, found by
    # either spelling in search, comparisons and later articles.
    extract_statements(
        article=_article("Aleksandr Vorobey said the ban on trawlers must stay for years.")
    )
    [actor] = Actor.objects.filter(name__icontains="Vorobey")
    surfaces = set(actor.aliases.values_list("surface", flat=True))
    assert {"Aleksandr Vorobey", "Alexander Vorobey"} <= surfaces
