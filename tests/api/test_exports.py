from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from api.exports import csv_rows
from api.queries import EXPORT_FIELDS
from positions.models import Stance, Statement
from tests.api.conftest import make_statements
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_urls_have_names():
    assert reverse("api:export_csv") == "/export/statements.csv"
    assert reverse("api:export_json") == "/export/statements.json"


def test_csv_export_streams_every_filtered_statement(analyst_client, topic, blinken):
    made = make_statements(3, topic=topic, actor=blinken)
    make_statements(1, topic=topic, actor=ActorFactory(slug="someone-else"))

    response = analyst_client.get("/export/statements.csv?actor=antony-blinken")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_body(response).lstrip("\ufeff"))))
    assert [int(r["id"]) for r in rows] == [s.pk for s in made]  # oldest first
    assert list(rows[0]) == EXPORT_FIELDS
    assert rows[0]["actor"] == "Antony Blinken"
    assert rows[0]["quote"] == made[0].quote


def test_json_export_is_one_array(analyst_client, topic, blinken):
    made = make_statements(2, topic=topic, actor=blinken, start=dt.date(2024, 3, 1))
    make_statements(1, topic=topic, actor=blinken, stance=Stance.SUPPORT)

    response = analyst_client.get("/export/statements.json?stance=oppose&date_from=2024-01-01")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(_body(response))
    assert [row["id"] for row in data] == [s.pk for s in made]
    assert data[0]["topic"] == "strike-restrictions"


def test_json_export_of_nothing_is_an_empty_array(analyst_client, topic):
    assert json.loads(_body(analyst_client.get("/export/statements.json"))) == []


def test_exports_follow_the_text_search(analyst_client, topic, blinken):
    make_statements(2, topic=topic, actor=blinken)

    hits = json.loads(_body(analyst_client.get("/export/statements.json?q=course")))
    misses = json.loads(_body(analyst_client.get("/export/statements.json?q=zebra")))

    assert len(hits) == 2
    assert misses == []


def test_csv_export_defuses_formulas(analyst_client, topic, blinken):
    s = make_statements(1, topic=topic, actor=blinken)[0]
    Statement.objects.filter(pk=s.pk).update(speaker_mention="=HYPERLINK(1)")

    rows = list(
        csv.DictReader(
            io.StringIO(_body(analyst_client.get("/export/statements.csv")).lstrip("\ufeff"))
        )
    )

    assert rows[0]["speaker_mention"] == "'=HYPERLINK(1)"


def test_csv_rows_do_not_load_everything_at_once(topic, blinken, django_assert_max_num_queries):
    make_statements(5, topic=topic, actor=blinken)
    from api.queries import filtered_statements

    rows = csv_rows(filtered_statements({}).order_by("id"))
    assert next(rows).startswith("\ufeffid,")
    with django_assert_max_num_queries(1):
        assert len(list(rows)) == 5


@pytest.mark.parametrize("url", ["/export/statements.csv", "/export/statements.json"])
def test_exports_need_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", ["/export/statements.csv", "/export/statements.json"])
def test_exports_refuse_a_user_without_a_role(db, url):
    client = Client()
    client.force_login(get_user_model().objects.create_user("plain", password="x" * 20))

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("n", [10, 200])
def test_export_query_count_does_not_grow(
    analyst_client, topic, blinken, n, django_assert_max_num_queries
):
    make_statements(n, topic=topic, actor=blinken)

    with django_assert_max_num_queries(4):
        body = _body(analyst_client.get("/export/statements.json"))
    assert len(json.loads(body)) == n
