"""Queries per page do not grow with the rows shown (issue 5, "Speed")."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from positions.models import Statement
from tests.positions.analyst_fixtures import bulk_statements, strike_topic

pytestmark = pytest.mark.django_db

# The most queries each page may make, whatever the number of statements. Three of them are
# the session, the user and the user's groups (for the role check).
MAX_QUERIES = {
    "overview": 8,
    "topic": 9,
    "timeline": 12,
    "shifts": 7,
    "compare": 12,
    "search": 8,
    "article": 5,
    "actors": 6,
}


def urls(people, article_id):
    actor = people[0].slug
    return {
        "overview": reverse("positions:home"),
        "topic": reverse("positions:topic", args=["strike-restrictions"])
        + "?sort=-shift&date_from=2022-01-01",
        "timeline": reverse("positions:actor", args=[actor]) + "?topic=strike-restrictions",
        "shifts": reverse("positions:shifts") + "?topic=strike-restrictions",
        "compare": reverse("positions:compare")
        + f"?topic=strike-restrictions&actor={actor}&actor={people[1].slug}&actor={people[2].slug}",
        "search": reverse("positions:search") + "?q=red+line",
        "article": reverse("positions:article", args=[article_id]),
        "actors": reverse("positions:actors"),
    }


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_query_count_does_not_grow_with_statements(
    analyst_client, django_assert_max_num_queries, page, n
):
    topic = strike_topic()
    people = bulk_statements(topic, n, actors=5, per_article=10)
    article_id = Statement.objects.order_by("id").values_list("article_id", flat=True).first()
    url = urls(people, article_id)[page]
    analyst_client.get(reverse("positions:home"))  # warm the session
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = analyst_client.get(url)
    assert response.status_code == 200


def test_the_same_page_makes_the_same_number_of_queries_at_10_and_200(analyst_client):
    """A direct comparison (40 then 240 statements by the same actors), so a per-row
    query cannot hide under the maximum."""
    topic = strike_topic()
    counts = {}
    people = bulk_statements(topic, 40, actors=5)
    first_article = Statement.objects.order_by("id").values_list("article_id", flat=True).first()
    analyst_client.get(reverse("positions:home"))
    small = {}
    for name, url in urls(people, first_article).items():
        cache.clear()  # count the queries that build the page, not a cached copy
        with CaptureQueriesContext(connection) as ctx:
            analyst_client.get(url)
        small[name] = len(ctx.captured_queries)
    more = bulk_statements(topic, 200, actors=5)
    # The same actors say much more: move the new statements to them.
    for old, new in zip(people, more, strict=True):
        Statement.objects.filter(actor=new).update(actor=old)
    for name, url in urls(people, first_article).items():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            analyst_client.get(url)
        counts[name] = len(ctx.captured_queries)
    assert counts == small
