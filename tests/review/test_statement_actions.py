"""Inline edits on a queue row: each one a POST that returns the row and leaves history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from positions.models import Statement
from tests.factories import ActorFactory

from .conftest import HX

pytestmark = pytest.mark.django_db


def _post(client, name, statement, data=None):
    return client.post(reverse(f"review:statement_{name}", args=[statement.pk]), data or {}, **HX)


def _last_history(statement):
    return statement.history.order_by("-history_date", "-history_id").first()


def _assert_row(response, statement):
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li") and f'id="stmt-{statement.pk}"' in html
    assert "<html" not in html
    return html


def test_confirm_returns_the_row_and_is_in_history(editor_client, editor, statement):
    html = _assert_row(_post(editor_client, "confirm", statement), statement)
    assert "Confirmed" in html
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.CONFIRMED
    assert statement.needs_review is False
    assert statement.reviewed_by == editor
    record = _last_history(statement)
    assert record.history_user == editor and record.review_state == "confirmed"


def test_reject(editor_client, editor, statement):
    html = _assert_row(_post(editor_client, "reject", statement), statement)
    assert "Rejected" in html
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.REJECTED
    assert _last_history(statement).history_user == editor


def test_change_stance_is_a_correction(editor_client, editor, statement):
    html = _assert_row(_post(editor_client, "stance", statement, {"stance": "support"}), statement)
    assert 'class="badge stance-support"' in html
    statement.refresh_from_db()
    assert statement.stance == "support"
    assert statement.stance_score == 1.0
    assert statement.review_state == Statement.ReviewState.CORRECTED
    record = _last_history(statement)
    assert record.history_user == editor and record.stance == "support"


def test_the_same_stance_confirms(editor_client, statement):
    _post(editor_client, "stance", statement, {"stance": statement.stance})
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.CONFIRMED


def test_a_bad_stance_changes_nothing(editor_client, statement):
    html = _assert_row(_post(editor_client, "stance", statement, {"stance": "maybe"}), statement)
    assert "Choose a stance" in html
    statement.refresh_from_db()
    assert statement.review_state == Statement.ReviewState.UNREVIEWED
    assert statement.history.count() == 1


def test_toggle_direct(editor_client, editor, statement):
    html = _assert_row(_post(editor_client, "direct", statement, {"is_direct": "0"}), statement)
    assert "Reported" in html
    statement.refresh_from_db()
    assert statement.is_direct is False
    assert _last_history(statement).history_user == editor


def test_change_actor(editor_client, editor, statement):
    other = ActorFactory(name="Olaf Scholz")
    html = _assert_row(_post(editor_client, "actor", statement, {"actor": other.pk}), statement)
    assert "Olaf Scholz" in html
    assert "review-edit" in html  # the editor stays open
    statement.refresh_from_db()
    assert statement.actor == other
    assert statement.review_state == Statement.ReviewState.CORRECTED
    assert _last_history(statement).history_user == editor


def test_a_merged_actor_cannot_be_chosen(editor_client, statement):
    target = ActorFactory()
    merged = ActorFactory(merged_into=target)
    html = _post(editor_client, "actor", statement, {"actor": merged.pk}).content.decode()
    assert "Choose an actor" in html
    statement.refresh_from_db()
    assert statement.actor != merged


def test_change_date(editor_client, editor, statement):
    response = _post(editor_client, "date", statement, {"statement_date": "2024-02-03"})
    _assert_row(response, statement)
    statement.refresh_from_db()
    assert statement.statement_date == dt.date(2024, 2, 3)
    assert statement.date_precision == Statement.DatePrecision.DAY
    assert _last_history(statement).history_user == editor


def test_a_bad_date_is_refused(editor_client, statement):
    html = _post(editor_client, "date", statement, {"statement_date": "3 Feb"}).content.decode()
    assert "YYYY-MM-DD" in html
    assert statement.history.count() == 1


def test_tags_are_cleaned_and_do_not_decide_the_review(editor_client, editor, statement):
    data = {"tags": "Long-range, ATACMS ,long-range,, "}
    html = _assert_row(_post(editor_client, "tags", statement, data), statement)
    assert '<li class="tag">atacms</li>' in html
    statement.refresh_from_db()
    assert statement.tags == ["long-range", "atacms"]
    assert statement.review_state == Statement.ReviewState.UNREVIEWED
    assert statement.needs_review is True
    assert _last_history(statement).history_user == editor


def test_note(editor_client, editor, statement):
    html = _assert_row(_post(editor_client, "note", statement, {"note": "Check <this>"}), statement)
    assert "Check &lt;this&gt;" in html
    statement.refresh_from_db()
    assert statement.note == "Check <this>"
    assert _last_history(statement).history_user == editor


def test_the_edit_mode_row_is_a_get_that_changes_nothing(editor_client, statement):
    url = reverse("review:statement_row", args=[statement.pk])
    html = editor_client.get(url, {"mode": "edit"}, **HX).content.decode()
    assert 'name="statement_date"' in html and 'name="tags"' in html
    assert "review-edit" not in editor_client.get(url, **HX).content.decode()
    assert statement.history.count() == 1


def test_a_plain_form_post_redirects_to_the_queue(editor_client, statement):
    url = reverse("review:statement_confirm", args=[statement.pk])
    response = editor_client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#stmt-{statement.pk}")


def test_actor_options_search_names_and_aliases(editor_client):
    from positions.services import actor_create

    actor_create(name="Antony Blinken", aliases=["the secretary of state"])
    ActorFactory(name="Someone Else")
    url = reverse("review:actor_options")
    assert "Antony Blinken" in editor_client.get(url, {"q": "blink"}).content.decode()
    html = editor_client.get(url, {"q": "Secretary of State"}).content.decode()
    assert "Antony Blinken" in html and "Someone Else" not in html
    assert "Any actor" in editor_client.get(url, {"q": "", "blank": "1"}).content.decode()
