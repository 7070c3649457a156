"""Actor management: create, edit, aliases, merge — all attributed in history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from positions.models import Actor, Statement
from positions.services import actor_create
from tests.factories import ActorFactory, StatementFactory

from .conftest import HX

pytestmark = pytest.mark.django_db


def test_an_editor_creates_an_actor(editor_client, editor):
    response = editor_client.post(
        reverse("review:actor_create"),
        {"name": "Kaja Kallas", "kind": "person", "role": "High Representative"},
    )
    actor = Actor.objects.get(name="Kaja Kallas")
    assert response.status_code == 302
    assert response["Location"] == reverse("review:actor_edit", args=[actor.pk])
    assert actor.role == "High Representative"
    assert list(actor.aliases.values_list("surface", flat=True)) == ["Kaja Kallas"]
    assert actor.history.first().history_user == editor


def test_an_invalid_actor_is_not_created(editor_client):
    response = editor_client.post(reverse("review:actor_create"), {"name": "", "kind": "person"})
    assert response.status_code == 200
    assert not Actor.objects.exists()


def test_an_editor_edits_an_actor(editor_client, editor):
    actor = actor_create(name="Olaf Scholz")
    response = editor_client.post(
        reverse("review:actor_edit", args=[actor.pk]),
        {"name": "Olaf Scholz", "kind": "person", "role": "Chancellor", "country": "Germany"},
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.role == "Chancellor" and actor.country == "Germany"
    record = actor.history.first()
    assert record.history_user == editor and record.role == "Chancellor"
    page = editor_client.get(reverse("review:actor_edit", args=[actor.pk])).content.decode()
    assert "Chancellor" in page and "eddie-editor" in page


def test_aliases_are_added_and_removed_with_htmx(editor_client, editor):
    actor = actor_create(name="Antony Blinken")
    url = reverse("review:actor_alias_add", args=[actor.pk])
    response = editor_client.post(url, {"surface": "the secretary of state"}, **HX)
    html = response.content.decode()
    assert 'id="actor-aliases"' in html and "<html" not in html
    assert "the secretary of state" in html
    alias = actor.aliases.get(surface="the secretary of state")
    assert actor.history.first().history_user == editor
    assert "Added alias" in actor.history.first().history_change_reason

    remove = reverse("review:actor_alias_remove", args=[actor.pk, alias.pk])
    html = editor_client.post(remove, **HX).content.decode()
    assert "the secretary of state" not in html
    assert not actor.aliases.filter(pk=alias.pk).exists()
    assert "Removed alias" in actor.history.first().history_change_reason
    assert actor.history.first().history_user == editor


def test_an_alias_of_another_actor_cannot_be_removed_here(editor_client):
    actor, other = actor_create(name="A Person"), actor_create(name="B Person")
    alias = other.aliases.get()
    url = reverse("review:actor_alias_remove", args=[actor.pk, alias.pk])
    assert editor_client.post(url, **HX).status_code == 404
    assert other.aliases.exists()


def test_merge_via_the_ui_moves_statements_and_aliases(editor_client, editor):
    source = actor_create(name="A. Blinken", aliases=["Blinken"])
    target = actor_create(name="Antony Blinken")
    statements = StatementFactory.create_batch(2, actor=source)
    response = editor_client.post(
        reverse("review:actor_merge", args=[source.pk]), {"target": target.pk}, **HX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("review:actor_edit", args=[target.pk])
    source.refresh_from_db()
    assert source.merged_into == target
    assert set(target.aliases.values_list("surface", flat=True)) >= {"Blinken", "A. Blinken"}
    for statement in statements:
        statement.refresh_from_db()
        assert statement.actor == target
        assert statement.history.first().history_user == editor
    assert source.history.first().history_user == editor
    assert source.history.first().history_change_reason == "Merged into Antony Blinken"
    assert target.history.first().history_user == editor
    page = editor_client.get(reverse("review:actor_edit", args=[source.pk])).content.decode()
    assert "Merged into" in page


def test_merge_into_itself_is_refused(editor_client):
    actor = ActorFactory()
    response = editor_client.post(
        reverse("review:actor_merge", args=[actor.pk]), {"target": actor.pk}, **HX
    )
    assert "cannot be merged into itself" in response.content.decode()
    actor.refresh_from_db()
    assert actor.merged_into is None


def test_actor_list_searches(editor_client):
    actor_create(name="Antony Blinken")
    actor_create(name="Olaf Scholz")
    response = editor_client.get(reverse("review:actor_list"), {"q": "scholz"}, **HX)
    html = response.content.decode()
    assert "Olaf Scholz" in html and "Antony Blinken" not in html
    assert "<html" not in html


def test_the_queue_shows_an_actors_statements(editor_client):
    statement = StatementFactory()
    StatementFactory()
    response = editor_client.get(reverse("review:queue"), {"actor": statement.actor_id})
    assert [s.pk for s in response.context["rows"]] == [statement.pk]
    assert Statement.objects.count() == 2
