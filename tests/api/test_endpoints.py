from __future__ import annotations

import datetime as dt

import pytest

from positions.models import Actor, Stance, Statement
from tests.api.conftest import make_statements
from tests.factories import ActorAliasFactory, ActorFactory, OutletFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_topics_lists_active_topics(analyst_client, topic):
    TopicFactory(slug="old", is_active=False)

    data = analyst_client.get("/api/topics").json()

    assert [t["slug"] for t in data] == ["strike-restrictions"]
    assert set(data[0]) == {"slug", "title", "question", "description"}


def test_topic_detail_and_404(analyst_client, topic):
    assert analyst_client.get("/api/topics/strike-restrictions").json()["title"] == (
        "Strike restrictions"
    )
    assert analyst_client.get("/api/topics/nope").status_code == 404


def test_actors_lists_active_actors_with_aliases(analyst_client, blinken):
    ActorAliasFactory(actor=blinken, surface="Blinken")
    merged = ActorFactory(name="Merged Away")
    merged.merged_into = blinken
    merged.save()

    data = analyst_client.get("/api/actors").json()

    assert [a["slug"] for a in data["items"]] == ["antony-blinken"]
    assert data["items"][0]["aliases"] == ["Blinken"]
    assert data["next_cursor"] is None


def test_actors_filters_by_name_and_kind(analyst_client, blinken):
    ActorFactory(name="Kremlin", slug="kremlin", kind=Actor.Kind.GOVERNMENT)

    by_name = analyst_client.get("/api/actors?q=blink").json()["items"]
    by_kind = analyst_client.get("/api/actors?kind=government").json()["items"]

    assert [a["slug"] for a in by_name] == ["antony-blinken"]
    assert [a["slug"] for a in by_kind] == ["kremlin"]


def test_actors_pages_with_a_cursor(analyst_client, db):
    for i in range(7):
        ActorFactory(name=f"Same Name {i % 2}", slug=f"same-{i}")

    seen = []
    url = "/api/actors?limit=3"
    while url:
        data = analyst_client.get(url).json()
        seen.extend(a["slug"] for a in data["items"])
        url = f"/api/actors?limit=3&cursor={data['next_cursor']}" if data["next_cursor"] else None

    assert sorted(seen) == sorted(f"same-{i}" for i in range(7))
    assert len(seen) == 7


def test_actor_detail_and_404(analyst_client, blinken):
    assert analyst_client.get("/api/actors/antony-blinken").json()["name"] == "Antony Blinken"
    assert analyst_client.get("/api/actors/nobody").status_code == 404


def test_statements_list_in_id_order_by_default(analyst_client, topic, blinken):
    made = make_statements(3, topic=topic, actor=blinken)

    data = analyst_client.get("/api/statements").json()

    assert [s["id"] for s in data["items"]] == [s.pk for s in made]
    first = data["items"][0]
    assert first["actor_slug"] == "antony-blinken"
    assert first["topic"] == "strike-restrictions"
    assert first["quote"] == made[0].quote
    assert first["statement_date"] == made[0].statement_date.isoformat()


def test_statements_list_newest_date_first(analyst_client, topic, blinken):
    late = make_statements(1, topic=topic, actor=blinken, start=dt.date(2024, 1, 1))[0]
    early = make_statements(1, topic=topic, actor=blinken, start=dt.date(2020, 1, 1))[0]

    data = analyst_client.get("/api/statements?order=-date").json()

    assert [s["id"] for s in data["items"]] == [late.pk, early.pk]
    assert analyst_client.get("/api/statements?order=name").status_code == 422


def test_statements_leave_out_rejected_and_unrelated(analyst_client, topic, blinken):
    kept = make_statements(1, topic=topic, actor=blinken)[0]
    make_statements(1, topic=topic, actor=blinken, review_state=Statement.ReviewState.REJECTED)
    unrelated = make_statements(1, topic=topic, actor=blinken, stance=Stance.UNRELATED)[0]

    ids = [s["id"] for s in analyst_client.get("/api/statements").json()["items"]]
    unrelated_ids = [
        s["id"] for s in analyst_client.get("/api/statements?stance=unrelated").json()["items"]
    ]

    assert ids == [kept.pk]
    assert unrelated_ids == [unrelated.pk]


def test_statements_filter_by_topic_actor_stance_speech_and_dates(analyst_client, topic, blinken):
    other_topic = TopicFactory(slug="sanctions")
    other_actor = ActorFactory(name="Olaf Scholz", slug="olaf-scholz")
    a = make_statements(1, topic=topic, actor=blinken, start=dt.date(2022, 1, 1))[0]
    b = make_statements(
        1, topic=other_topic, actor=blinken, start=dt.date(2023, 1, 1), stance=Stance.SUPPORT
    )[0]
    c = make_statements(
        1, topic=topic, actor=other_actor, start=dt.date(2024, 1, 1), is_direct=False
    )[0]

    def ids(query):
        return {s["id"] for s in analyst_client.get(f"/api/statements?{query}").json()["items"]}

    assert ids("topic=strike-restrictions") == {a.pk, c.pk}
    assert ids("actor=antony-blinken") == {a.pk, b.pk}
    assert ids("actor=antony-blinken&actor=olaf-scholz") == {a.pk, b.pk, c.pk}
    assert ids("stance=support") == {b.pk}
    assert ids("speech=reported") == {c.pk}
    assert ids("speech=direct") == {a.pk, b.pk}
    assert ids("date_from=2022-06-01&date_to=2023-12-31") == {b.pk}


def test_statements_filter_confirmed_outlet_and_text(analyst_client, topic, blinken):
    a = make_statements(1, topic=topic, actor=blinken)[0]
    b = make_statements(1, topic=topic, actor=blinken, start=dt.date(2023, 2, 1))[0]
    b.review_state = Statement.ReviewState.CONFIRMED
    b.save()
    outlet = OutletFactory(name="The Daily", slug="the-daily")
    a.article.outlet = outlet
    a.article.save()

    def ids(query):
        return {s["id"] for s in analyst_client.get(f"/api/statements?{query}").json()["items"]}

    assert ids("confirmed=1") == {b.pk}
    assert ids("outlet=the-daily") == {a.pk}
    assert ids("q=change+course") == {a.pk, b.pk}
    assert ids("q=zebra") == set()


def test_statements_reject_a_bad_date(analyst_client, topic):
    assert analyst_client.get("/api/statements?date_from=yesterday").status_code == 422


@pytest.mark.parametrize("order", ["id", "-date"])
def test_statements_page_through_every_row_once(analyst_client, topic, blinken, order):
    made = make_statements(7, topic=topic, actor=blinken)
    # Two statements on one date, and one without a date, to test the cursor's ties.
    extra = make_statements(2, topic=topic, actor=blinken, start=dt.date(2023, 1, 3))
    undated = make_statements(1, topic=topic, actor=blinken)[0]
    Statement.objects.filter(pk=undated.pk).update(statement_date=None)
    expected = {s.pk for s in made + extra + [undated]}

    seen = []
    cursor = ""
    for _ in range(10):
        data = analyst_client.get(f"/api/statements?order={order}&limit=3&cursor={cursor}").json()
        seen.extend(s["id"] for s in data["items"])
        cursor = data["next_cursor"]
        if not cursor:
            break

    assert len(seen) == len(expected)
    assert set(seen) == expected
    assert seen[-1] == undated.pk  # undated last in date order; last made in id order


def test_an_id_cursor_later_returns_only_new_statements(analyst_client, topic, blinken):
    make_statements(2, topic=topic, actor=blinken)
    first = analyst_client.get("/api/statements?limit=1").json()
    rest = analyst_client.get(f"/api/statements?limit=1&cursor={first['next_cursor']}").json()
    assert rest["next_cursor"] is None

    newer = make_statements(1, topic=topic, actor=blinken, start=dt.date(2020, 1, 1))[0]
    last_cursor = analyst_client.get(
        f"/api/statements?limit=1&cursor={first['next_cursor']}"
    ).json()["next_cursor"]
    later = analyst_client.get(f"/api/statements?cursor={last_cursor}").json()

    assert [s["id"] for s in later["items"]] == [newer.pk]


def test_statements_refuse_a_bad_cursor(analyst_client, topic):
    assert analyst_client.get("/api/statements?cursor=!!!").status_code == 400
    id_cursor = "eyJvIjoiaWQiLCJpIjoxfQ"  # {"o":"id","i":1}
    assert analyst_client.get(f"/api/statements?cursor={id_cursor}").status_code == 200
    assert analyst_client.get(f"/api/statements?order=-date&cursor={id_cursor}").status_code == 400
    assert analyst_client.get("/api/actors?cursor=e30").status_code == 400


def test_statements_limit_is_capped(analyst_client, topic, blinken):
    make_statements(3, topic=topic, actor=blinken)

    assert len(analyst_client.get("/api/statements?limit=0").json()["items"]) == 1
    assert len(analyst_client.get("/api/statements?limit=100000").json()["items"]) == 3


def test_statement_detail_and_404(analyst_client, topic, blinken):
    s = make_statements(1, topic=topic, actor=blinken)[0]

    assert analyst_client.get(f"/api/statements/{s.pk}").json()["id"] == s.pk
    assert analyst_client.get("/api/statements/999999").status_code == 404


def test_timeline_has_points_steps_and_the_shift(analyst_client, shifting):
    before, after = shifting

    data = analyst_client.get(
        "/api/actors/antony-blinken/timeline?topic=strike-restrictions"
    ).json()

    assert data["actor"]["slug"] == "antony-blinken"
    assert data["topic"]["slug"] == "strike-restrictions"
    assert data["position"] == "support"
    assert [p["statement_id"] for p in data["points"]] == [s.pk for s in before + after]
    assert data["steps"][0]["position"] == "oppose"
    assert len(data["shifts"]) == 1
    shift = data["shifts"][0]
    assert (shift["from_position"], shift["to_position"]) == ("oppose", "support")
    assert shift["before"]["id"] == before[-1].pk
    assert shift["after"]["id"] == after[0].pk


def test_timeline_needs_a_known_topic(analyst_client, shifting):
    assert analyst_client.get("/api/actors/antony-blinken/timeline").status_code == 422
    assert analyst_client.get("/api/actors/antony-blinken/timeline?topic=x").status_code == 404


def test_timeline_date_from_limits_points(analyst_client, shifting):
    _, after = shifting

    data = analyst_client.get(
        "/api/actors/antony-blinken/timeline?topic=strike-restrictions&date_from=2024-01-01"
    ).json()

    assert [p["statement_id"] for p in data["points"]] == [s.pk for s in after]


def test_shifts_lists_shifts_by_topic_and_actor(analyst_client, shifting, topic):
    TopicFactory(slug="empty")
    ActorFactory(name="Quiet One", slug="quiet-one")

    everything = analyst_client.get("/api/shifts").json()
    on_topic = analyst_client.get("/api/shifts?topic=strike-restrictions").json()
    other_topic = analyst_client.get("/api/shifts?topic=empty").json()
    quiet = analyst_client.get("/api/shifts?actor=quiet-one").json()

    assert len(everything) == len(on_topic) == 1
    assert everything[0]["actor_slug"] == "antony-blinken"
    assert everything[0]["to_position"] == "support"
    assert other_topic == quiet == []
    assert analyst_client.get("/api/shifts?topic=missing").status_code == 404
    assert analyst_client.get("/api/shifts?date_from=2025-01-01").json() == []
