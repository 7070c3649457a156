from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import Client, RequestFactory

from alerts.models import Alert, Follow
from alerts.services import alerts_compute, follow_create
from tests.alerts.conftest import make_statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerted(analyst, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    statements = make_statements(2, topic=topic, actor=blinken)
    alerts_compute(statement_ids=[s.pk for s in statements])
    return statements


def test_whats_new_lists_alerts(analyst_client, alerted):
    response = analyst_client.get("/alerts/")

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('data-alert-kind="new_statement"') == 2
    assert "2 unread" in body
    assert "Antony Blinken" in body
    assert "/alerts/feed/" in body


def test_whats_new_is_in_the_nav(analyst_client, db):
    assert b'href="/alerts/"' in analyst_client.get("/alerts/").content


def test_whats_new_needs_login_and_role(client, db):
    assert client.get("/alerts/").status_code == 302
    plain = Client()
    plain.force_login(get_user_model().objects.create_user("plain"))
    assert plain.get("/alerts/").status_code == 403


@pytest.mark.parametrize("n", [10, 200])
def test_whats_new_query_count_does_not_grow(
    analyst, analyst_client, topic, blinken, n, django_assert_max_num_queries
):
    follow_create(user=analyst, actor=blinken)
    alerts_compute(statement_ids=[s.pk for s in make_statements(n, topic=topic, actor=blinken)])

    with django_assert_max_num_queries(12):
        response = analyst_client.get("/alerts/")
    assert response.status_code == 200


def test_mark_read(analyst_client, alerted):
    response = analyst_client.post("/alerts/read/")

    assert response.status_code == 302
    assert not Alert.objects.filter(read_at__isnull=True).exists()


def test_mark_read_refuses_get(analyst_client, alerted):
    assert analyst_client.get("/alerts/read/").status_code == 405


def test_follow_and_unfollow_an_actor_with_htmx(analyst, analyst_client, blinken):
    response = analyst_client.post("/alerts/follow/", {"actor": blinken.pk}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "Following" in response.content.decode()
    assert 'hx-post="/alerts/unfollow/"' in response.content.decode()
    assert Follow.objects.filter(user=analyst, actor=blinken).exists()

    response = analyst_client.post(
        "/alerts/unfollow/", {"actor": blinken.pk}, HTTP_HX_REQUEST="true"
    )

    assert 'hx-post="/alerts/follow/"' in response.content.decode()
    assert not Follow.objects.exists()


def test_follow_a_topic_without_htmx_redirects_back(analyst_client, topic):
    response = analyst_client.post("/alerts/follow/", {"topic": topic.pk, "next": "/actors/"})

    assert response.status_code == 302
    assert response["Location"] == "/actors/"
    assert Follow.objects.filter(topic=topic).exists()


def test_follow_does_not_redirect_off_site(analyst_client, topic):
    response = analyst_client.post(
        "/alerts/follow/", {"topic": topic.pk, "next": "https://evil.example/"}
    )

    assert response["Location"] == "/alerts/"


def test_follow_a_saved_search(analyst, analyst_client):
    analyst_client.post(
        "/alerts/follow/", {"query": "?q=red+line&stance=oppose", "label": "Red lines"}
    )

    follow = Follow.objects.get(user=analyst)
    assert (follow.query, follow.label) == ("q=red+line&stance=oppose", "Red lines")


def test_follow_needs_exactly_one_target(analyst_client, topic, blinken):
    assert analyst_client.post("/alerts/follow/", {}).status_code == 400
    both = {"topic": topic.pk, "actor": blinken.pk}
    assert analyst_client.post("/alerts/follow/", both).status_code == 400
    assert analyst_client.post("/alerts/follow/", {"actor": 99999}).status_code == 404


def test_follow_refuses_get_and_users_without_a_role(blinken, analyst_client):
    assert analyst_client.get("/alerts/follow/").status_code == 405
    plain = Client()
    plain.force_login(get_user_model().objects.create_user("plain"))
    assert plain.post("/alerts/follow/", {"actor": blinken.pk}).status_code == 403


def test_the_follow_button_include_shows_the_state(analyst, blinken, topic):
    request = RequestFactory().get("/actors/antony-blinken/")
    request.user = analyst
    template = Template('{% include "alerts/follow_button.html" with actor=actor %}')

    before = template.render(Context({"request": request, "actor": blinken}))
    follow_create(user=analyst, actor=blinken)
    after = template.render(Context({"request": request, "actor": blinken}))
    topic_button = Template('{% include "alerts/follow_button.html" with topic=topic %}').render(
        Context({"request": request, "topic": topic})
    )

    assert "+ Follow" in before and 'hx-post="/alerts/follow/"' in before
    assert "✓ Following" in after and 'hx-post="/alerts/unfollow/"' in after
    assert f'name="topic" value="{topic.pk}"' in topic_button


def test_reset_feed_token(analyst, analyst_client):
    from alerts.services import alert_settings_for

    old = alert_settings_for(analyst).feed_token
    analyst_client.post("/alerts/feed/reset/")

    assert alert_settings_for(analyst).feed_token != old


def test_whats_new_shows_a_shift_with_both_stances(analyst, analyst_client, topic, blinken):
    import datetime as dt

    from positions.models import Stance

    follow_create(user=analyst, topic=topic)
    before = make_statements(2, topic=topic, actor=blinken, start=dt.date(2023, 1, 1))
    after = make_statements(
        1, topic=topic, actor=blinken, start=dt.date(2024, 6, 1), stance=Stance.SUPPORT
    )
    alerts_compute(statement_ids=[s.pk for s in before + after])

    body = analyst_client.get("/alerts/").content.decode()

    assert body.count('data-alert-kind="shift"') == 1
    assert 'href="/actors/antony-blinken/"' in body
    assert f'href="/articles/{after[0].article_id}/"' in body
    feed = Client().get(f"/alerts/feed/{analyst.alert_settings.feed_token}.atom").content.decode()
    assert "Shift: Antony Blinken on Strike restrictions: oppose → support" in feed
