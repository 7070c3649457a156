import pytest
from django.db import IntegrityError, transaction

from positions.models import ActorAlias, Statement
from positions.services import actor_add_alias, actor_create, actor_merge, statement_review
from tests.factories import ActorFactory, ArticleFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _bad_statement(**overrides):
    statement = StatementFactory.build(article=ArticleFactory(), actor=ActorFactory())
    statement.topic.save()
    for field, value in overrides.items():
        setattr(statement, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        statement.save()


def test_a_valid_statement_saves():
    statement = StatementFactory()
    assert statement.article.text[statement.start : statement.end] == statement.quote


def test_it_rejects_an_empty_span():
    _bad_statement(end=0, start=0, quote="")


def test_it_rejects_a_span_that_does_not_fit_the_quote():
    _bad_statement(end=3)


def test_it_rejects_a_score_out_of_range():
    _bad_statement(stance_score=1.5)


def test_it_rejects_a_confidence_out_of_range():
    _bad_statement(confidence=-0.1)


def test_it_rejects_an_unknown_stance():
    _bad_statement(stance="maybe")


def test_it_rejects_the_same_span_twice_on_one_topic():
    first = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(article=first.article, topic=first.topic)


def test_an_alias_is_unique_per_actor_and_surface_form():
    actor = ActorFactory()
    ActorAlias.objects.create(actor=actor, surface="Antony Blinken", normalized="antony blinken")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(
            actor=actor, surface="ANTONY BLINKEN", normalized="antony blinken"
        )


def test_adding_an_alias_twice_keeps_one():
    actor = ActorFactory()
    actor_add_alias(actor=actor, surface="Antony Blinken")
    actor_add_alias(actor=actor, surface="Antony  Blinken.")
    assert actor.aliases.count() == 1


def test_the_same_surface_form_may_name_two_actors():
    ActorAlias.objects.create(
        actor=ActorFactory(), surface="the minister", normalized="the minister"
    )
    ActorAlias.objects.create(
        actor=ActorFactory(), surface="the minister", normalized="the minister"
    )
    assert ActorAlias.objects.filter(normalized="the minister").count() == 2


def test_merge_moves_statements_and_aliases():
    target = actor_create(name="Antony Blinken", aliases=["Blinken"])
    source = actor_create(name="Tony Blinken", aliases=["Blinken", "Secretary Blinken"])
    statements = StatementFactory.create_batch(2, actor=source)

    actor_merge(source=source, target=target)

    source.refresh_from_db()
    assert source.merged_into == target
    assert set(
        Statement.objects.filter(pk__in=[s.pk for s in statements]).values_list("actor", flat=True)
    ) == {target.pk}
    assert set(target.aliases.values_list("normalized", flat=True)) == {
        "antony blinken",
        "blinken",
        "tony blinken",
        "secretary blinken",
    }
    assert not source.aliases.exists()


def test_merge_refuses_self():
    actor = ActorFactory()
    with pytest.raises(ValueError):
        actor_merge(source=actor, target=actor)


def test_history_records_an_edit_with_its_user(editor):
    statement = StatementFactory(stance="oppose")
    statement_review(statement=statement, user=editor, state="confirmed", stance="support")

    latest = statement.history.first()
    assert latest.history_user == editor
    assert latest.stance == "support"
    assert latest.prev_record.stance == "oppose"
    delta = latest.diff_against(latest.prev_record)
    assert "stance" in delta.changed_fields
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.CORRECTED
    assert statement.touched_by_editor


def test_the_refold_migration_joins_aliases_stored_before_fold_knew_the_letter():
    import importlib

    from django.apps import apps

    refold = importlib.import_module("positions.migrations.0009_refold_aliases").refold
    actor = actor_create(name="Radoslaw Wiśniewski", kind="person", aliases=[])
    actor.aliases.all().delete()
    # As the older fold() stored them: "ł" kept, and the same name twice.
    ActorAlias.objects.create(
        actor=actor, surface="Radosław Wiśniewski", normalized="radosław wisniewski"
    )
    ActorAlias.objects.create(
        actor=actor, surface="Radoslaw Wisniewski", normalized="radoslaw wisniewski"
    )
    other = actor_create(name="Jonas Støre", kind="person", aliases=[])
    ActorAlias.objects.filter(actor=other).update(normalized="jonas støre")

    refold(apps, None)

    assert sorted(actor.aliases.values_list("normalized", flat=True)) == ["radoslaw wisniewski"]
    assert list(other.aliases.values_list("normalized", flat=True)) == ["jonas store"]
