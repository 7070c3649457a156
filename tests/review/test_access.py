"""Every page and endpoint of the review workspace is for editors only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from positions.models import Statement
from tests.factories import ActorAliasFactory, ActorFactory

pytestmark = pytest.mark.django_db


def _urls(statement, actor, alias):
    s, a = statement.pk, actor.pk
    gets = [
        reverse("review:queue"),
        reverse("review:statement_row", args=[s]),
        reverse("review:statement_history", args=[s]),
        reverse("review:actor_list"),
        reverse("review:actor_options"),
        reverse("review:actor_create"),
        reverse("review:actor_edit", args=[a]),
        reverse("review:tag_span", args=[statement.article_id]),
    ]
    posts = [
        (reverse("review:statement_confirm", args=[s]), {}),
        (reverse("review:statement_reject", args=[s]), {}),
        (reverse("review:statement_stance", args=[s]), {"stance": "support"}),
        (reverse("review:statement_direct", args=[s]), {"is_direct": "0"}),
        (reverse("review:statement_actor", args=[s]), {"actor": actor.pk}),
        (reverse("review:statement_date", args=[s]), {"statement_date": "2024-01-02"}),
        (reverse("review:statement_tags", args=[s]), {"tags": "x"}),
        (reverse("review:statement_note", args=[s]), {"note": "x"}),
        (reverse("review:actor_create"), {"name": "New Person", "kind": "person"}),
        (reverse("review:actor_edit", args=[a]), {"name": "Renamed", "kind": "person"}),
        (reverse("review:actor_alias_add", args=[a]), {"surface": "Alias"}),
        (reverse("review:actor_alias_remove", args=[a, alias.pk]), {}),
        (reverse("review:actor_merge", args=[a]), {"target": statement.actor_id}),
        (
            reverse("review:tag_span", args=[statement.article_id]),
            {"start": statement.start, "end": statement.end, "quote": statement.quote},
        ),
    ]
    return gets, posts


@pytest.fixture
def targets(statement):
    actor = ActorFactory()
    alias = ActorAliasFactory(actor=actor, surface="Somebody")
    return _urls(statement, actor, alias)


def test_it_refuses_analyst_every_page(analyst_client, targets):
    gets, _ = targets
    for url in gets:
        assert analyst_client.get(url).status_code == 403, url


def test_it_refuses_analyst_every_write(analyst_client, statement, targets):
    _, posts = targets
    before = Statement.history.count()
    for url, data in posts:
        assert analyst_client.post(url, data).status_code == 403, url
        assert analyst_client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403, url
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.UNREVIEWED
    assert Statement.history.count() == before


def test_it_sends_anonymous_users_to_login(client, targets):
    gets, posts = targets
    for url in gets + [url for url, _ in posts]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_writes_refuse_get(editor_client, statement):
    names = ["confirm", "reject", "stance", "direct", "actor", "date", "tags", "note"]
    for name in names:
        url = reverse(f"review:statement_{name}", args=[statement.pk])
        assert editor_client.get(url).status_code == 405, url
    actor = statement.actor
    for url in (
        reverse("review:actor_alias_add", args=[actor.pk]),
        reverse("review:actor_merge", args=[actor.pk]),
    ):
        assert editor_client.get(url).status_code == 405, url
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.UNREVIEWED
    assert statement.history.count() == 1


def test_editor_sees_every_page(editor_client, targets):
    gets, _ = targets
    for url in gets:
        assert editor_client.get(url).status_code == 200, url


def test_the_nav_links_to_review_for_editors_only(editor_client, analyst_client):
    url = reverse("review:queue")
    assert url in editor_client.get(reverse("positions:home")).content.decode()
    assert url not in analyst_client.get(reverse("positions:home")).content.decode()
