"""Tag a span: an editor's own statement with an exact span."""

from __future__ import annotations

import pytest
from django.urls import reverse

from positions.models import Statement
from tests.factories import ActorFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_data(article):
    quote = "We will not stand in the way."
    start = article.text.index(quote)
    return {
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "actor": ActorFactory(name="The Minister").pk,
        "topic": TopicFactory().pk,
        "stance": "support",
        "is_direct": "on",
        "statement_date": "2024-06-03",
    }


def _url(article):
    return reverse("review:tag_span", args=[article.pk])


def test_the_page_shows_the_article_text_and_the_form(editor_client, article):
    html = editor_client.get(_url(article)).content.decode()
    assert "data-span-source" in html and 'name="start"' in html
    assert "“We will not stand in the way.”" in html
    assert "js/review.js" in html


def test_it_creates_a_confirmed_editor_statement(editor_client, editor, article, form_data):
    response = editor_client.post(_url(article), form_data)
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.origin == Statement.Origin.EDITOR
    assert statement.review_state == Statement.ReviewState.CONFIRMED
    assert statement.quote == article.text[statement.start : statement.end]
    assert statement.stance == "support" and statement.stance_score == 1.0
    assert statement.is_direct is True
    assert statement.reviewed_by == editor
    assert statement.speaker_mention == "The Minister"
    assert statement.history.get().history_user == editor
    assert response["Location"].endswith(f"#tagged-{statement.pk}")
    page = editor_client.get(_url(article)).content.decode()
    assert f'id="tagged-{statement.pk}"' in page


def test_offsets_count_characters_not_utf16_units(editor_client, article, form_data):
    quote = "Ελληνικά 😀 end."
    start = article.text.index(quote)
    data = {**form_data, "start": start, "end": start + len(quote), "quote": quote}
    assert editor_client.post(_url(article), data).status_code == 302
    assert Statement.objects.get().quote == quote


@pytest.mark.parametrize(
    "change",
    [
        {"quote": "We will not stand in the way"},  # one character short of the span
        {"start": 0},  # span does not match the quote
        {"end": 100_000},  # beyond the text
        {"end": 3, "start": 5},  # end before start
    ],
)
def test_an_inexact_span_is_refused(editor_client, article, form_data, change):
    response = editor_client.post(_url(article), {**form_data, **change})
    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_the_same_span_and_topic_twice_is_refused(editor_client, article, form_data):
    editor_client.post(_url(article), form_data)
    response = editor_client.post(_url(article), form_data)
    assert response.status_code == 400
    assert "already a statement" in response.content.decode()
    assert Statement.objects.count() == 1


def test_a_missing_speaker_is_refused(editor_client, article, form_data):
    response = editor_client.post(_url(article), {**form_data, "actor": ""})
    assert response.status_code == 400
    assert not Statement.objects.exists()
