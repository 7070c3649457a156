"""The review queue page: order, filters, paging, context, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from positions.models import Statement
from tests.factories import ActorFactory, ArticleFactory, StatementFactory, TopicFactory

from .conftest import HX

pytestmark = pytest.mark.django_db


def _ids(response):
    return [s.pk for s in response.context["rows"]]


def test_it_puts_flagged_then_unreviewed_then_least_confident_first(editor_client):
    confirmed = StatementFactory(confidence=0.1, review_state=Statement.ReviewState.CONFIRMED)
    sure = StatementFactory(confidence=0.95)
    unsure = StatementFactory(confidence=0.2)
    flagged = StatementFactory(confidence=0.9, needs_review=True)
    response = editor_client.get(reverse("review:queue"))
    assert _ids(response) == [flagged.pk, unsure.pk, sure.pk, confirmed.pk]


def test_it_filters_by_topic_actor_stance_state_and_article(editor_client):
    topic, actor = TopicFactory(), ActorFactory()
    a = StatementFactory(topic=topic)
    b = StatementFactory(actor=actor)
    c = StatementFactory(stance="support")
    d = StatementFactory(review_state=Statement.ReviewState.REJECTED)
    url = reverse("review:queue")
    assert _ids(editor_client.get(url, {"topic": topic.pk})) == [a.pk]
    assert _ids(editor_client.get(url, {"actor": actor.pk})) == [b.pk]
    assert _ids(editor_client.get(url, {"stance": "support"})) == [c.pk]
    assert _ids(editor_client.get(url, {"review_state": "rejected"})) == [d.pk]
    assert _ids(editor_client.get(url, {"article": a.article_id})) == [a.pk]
    assert d.pk not in _ids(editor_client.get(url, {"review_state": "open"}))
    # An unknown actor id is ignored; the other filters still apply.
    assert _ids(editor_client.get(url, {"topic": topic.pk, "actor": 99999})) == [a.pk]


def test_it_shows_the_quote_in_its_context_escaped(editor_client):
    quote = "'We will not change course,' he said. <script>x</script>"
    text = "Before <b>bold</b> text. " * 20 + quote
    statement = StatementFactory(article=ArticleFactory(text=text), speaker_mention="the minister")
    html = editor_client.get(reverse("review:queue")).content.decode()
    assert "<mark>We will not change course,</mark>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "…" in html  # context clipped before the quote
    assert reverse("articles:article_detail", args=[statement.article_id]) in html
    assert "the minister" in html and statement.actor.name in html


def test_it_pages(editor_client):
    StatementFactory.create_batch(30)
    first = editor_client.get(reverse("review:queue"))
    second = editor_client.get(reverse("review:queue"), {"page": 2})
    assert len(_ids(first)) == 25 and len(_ids(second)) == 5
    assert not set(_ids(first)) & set(_ids(second))


def test_a_huge_queue_is_counted_only_up_to_a_cap(editor_client, monkeypatch):
    from review.views import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 26)
    StatementFactory.create_batch(30)
    response = editor_client.get(reverse("review:queue"))
    html = response.content.decode()
    assert "More than 26 statements" in html
    assert "of many" in html
    # Paging still works past the first page.
    second = editor_client.get(reverse("review:queue"), {"page": 2})
    assert len(_ids(second)) == 5


def test_a_small_queue_shows_its_exact_count(editor_client):
    StatementFactory.create_batch(3)
    html = editor_client.get(reverse("review:queue")).content.decode()
    assert "3 statements" in html
    assert "More than" not in html


def test_htmx_gets_only_the_results(editor_client):
    StatementFactory()
    response = editor_client.get(reverse("review:queue"), **HX)
    html = response.content.decode()
    assert 'id="queue-results"' in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(editor_client):
    response = editor_client.get(
        reverse("review:queue"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_the_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries, rows
):
    topic = TopicFactory()
    actors = ActorFactory.create_batch(5)
    for i in range(rows):
        StatementFactory(topic=topic, actor=actors[i % 5], needs_review=i % 3 == 0)
    with django_assert_max_num_queries(8):
        response = editor_client.get(reverse("review:queue"))
    assert response.status_code == 200
    # Session, user, role; count, page ids, rows; topics for the filter (+2 to check filters).
    with django_assert_max_num_queries(10):
        editor_client.get(reverse("review:queue"), {"topic": topic.pk, "actor": actors[0].pk})
