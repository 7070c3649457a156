import pytest
from django.urls import reverse

from positions.models import Statement
from positions.views import highlighted_article
from tests.factories import ArticleFactory, StatementFactory
from tests.positions.analyst_fixtures import blinken_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return blinken_story()


def article_url(pk, query=""):
    return reverse("positions:article", args=[pk]) + (f"?{query}" if query else "")


def test_the_article_text_has_each_statement_marked_and_labelled(analyst_client, story):
    statement = story["statements"][0]
    html = analyst_client.get(article_url(statement.article_id)).content.decode()
    assert (
        f'<mark class="stmt stmt-oppose" id="stmt-{statement.pk}">{statement.quote}</mark>' in html
    )
    assert "Antony Blinken · Oppose" in html
    assert "Officials met in the capital" in html


def test_source_markup_is_escaped_never_run(analyst_client, story):
    text = 'Intro <script>alert("x")</script>. Peskov said "<b>bold</b> red line" then.'
    article = ArticleFactory(text=text)
    quote = "<b>bold</b> red line"
    start = text.index(quote)
    StatementFactory(
        article=article, actor=story["peskov"], start=start, end=start + len(quote), quote=quote
    )
    html = analyst_client.get(article_url(article.pk)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; red line</mark>" in html


def test_clicking_a_statement_shows_its_details_as_a_partial(analyst_client, story):
    statement = story["statements"][1]
    url = article_url(statement.article_id, f"statement={statement.pk}")
    full = analyst_client.get(url).content.decode()
    assert "Reported speech" in full and "<html" in full
    partial = analyst_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="statement-detail"')
    assert "Reported speech" in partial and "Antony Blinken" in partial
    assert "<html" not in partial


def test_a_statement_from_another_article_is_404(analyst_client, story):
    one, two = story["statements"][:2]
    assert analyst_client.get(article_url(one.article_id, f"statement={two.pk}")).status_code == 404


def test_rejected_statements_are_not_marked(analyst_client, story):
    statement = story["statements"][0]
    Statement.objects.filter(pk=statement.pk).update(review_state="rejected")
    html = analyst_client.get(article_url(statement.article_id)).content.decode()
    assert "<mark" not in html.split('class="article-body"')[1].split("</div>")[0]


def test_overlapping_spans_are_clipped_not_nested():
    class S:
        def __init__(self, pk, start, end):
            self.pk, self.start, self.end = pk, start, end
            self.actor, self.speaker_mention, self.stance = None, "X", "support"

        def get_stance_display(self):
            return "Support"

    html = highlighted_article("0123456789", [S(1, 2, 6), S(2, 4, 8), S(3, 3, 5)])
    assert html.count("<mark") == 2
    assert ">2345</mark>" in html and ">67</mark>" in html


def test_an_unknown_article_is_404(analyst_client):
    assert analyst_client.get(article_url(999999)).status_code == 404
