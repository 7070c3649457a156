"""The statement history page: who changed what, when, before → after."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ActorFactory

from .conftest import HX

pytestmark = pytest.mark.django_db


def test_it_shows_who_changed_what_before_and_after(editor_client, editor, statement):
    old_actor = statement.actor
    new_actor = ActorFactory(name="Jens Stoltenberg")
    for name, data in [
        ("stance", {"stance": "support"}),
        ("actor", {"actor": new_actor.pk}),
        ("note", {"note": "Checked against the transcript"}),
        ("tags", {"tags": "kyiv, atacms"}),
    ]:
        editor_client.post(reverse(f"review:statement_{name}", args=[statement.pk]), data, **HX)
    response = editor_client.get(reverse("review:statement_history", args=[statement.pk]))
    entries = response.context["entries"]
    assert [e.kind for e in entries] == ["changed", "changed", "changed", "changed", "created"]
    assert all(e.user == editor for e in entries[:4])
    tags_change = next(c for c in entries[0].changes if c.field == "tags")
    assert (tags_change.old, tags_change.new) == ("—", "kyiv, atacms")
    actor_change = next(c for c in entries[2].changes if c.field == "actor")
    assert (actor_change.old, actor_change.new) == (old_actor.name, "Jens Stoltenberg")
    stance_change = next(c for c in entries[3].changes if c.field == "stance")
    assert (stance_change.old, stance_change.new) == ("oppose", "support")
    html = response.content.decode()
    assert "eddie-editor" in html and "Jens Stoltenberg" in html
    assert "Checked against the transcript" in html
