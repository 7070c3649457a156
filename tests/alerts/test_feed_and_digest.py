from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from alerts.models import Alert
from alerts.services import alert_settings_for, alerts_compute, digests_send, follow_create
from tests.alerts.conftest import make_statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerted(mailed_analyst, topic, blinken):
    follow_create(user=mailed_analyst, actor=blinken)
    statements = make_statements(2, topic=topic, actor=blinken)
    alerts_compute(statement_ids=[s.pk for s in statements])
    return statements


def test_the_feed_works_without_login_with_the_token(mailed_analyst, alerted):
    token = alert_settings_for(mailed_analyst).feed_token

    response = Client().get(f"/alerts/feed/{token}.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 2
    assert "Antony Blinken on Strike restrictions" in body


def test_the_feed_refuses_a_wrong_token(alerted):
    assert Client().get("/alerts/feed/not-the-token.atom").status_code == 404


def test_the_feed_stops_when_the_user_loses_the_role(mailed_analyst, alerted):
    token = alert_settings_for(mailed_analyst).feed_token
    mailed_analyst.groups.clear()

    assert Client().get(f"/alerts/feed/{token}.atom").status_code == 404


def test_a_reset_token_revokes_the_old_feed(mailed_analyst, alerted):
    from alerts.services import feed_token_reset

    old = alert_settings_for(mailed_analyst).feed_token
    feed_token_reset(user=mailed_analyst)

    assert Client().get(f"/alerts/feed/{old}.atom").status_code == 404


def test_the_digest_mails_each_alert_once(mailed_analyst, alerted, topic, blinken):
    assert digests_send() == 1
    assert digests_send() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert "2 new alerts" in message.subject
    assert alerted[0].quote in message.body
    assert not Alert.objects.filter(emailed_at__isnull=True).exists()

    later = make_statements(1, topic=topic, actor=blinken)[0]
    alerts_compute(statement_ids=[later.pk])
    assert digests_send() == 1
    assert "1 new alert" in mail.outbox[1].subject


def test_no_digest_without_email_or_when_turned_off(analyst, topic, blinken):
    follow_create(user=analyst, actor=blinken)
    alerts_compute(statement_ids=[make_statements(1, topic=topic, actor=blinken)[0].pk])

    assert digests_send() == 0  # no address
    analyst.email = "a@example.org"
    analyst.save()
    row = alert_settings_for(analyst)
    row.email_digest = False
    row.save()
    assert digests_send() == 0
    assert mail.outbox == []


def test_a_failed_mail_releases_the_alerts(mailed_analyst, alerted, monkeypatch):
    import alerts.services

    def broken(**kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(alerts.services, "send_mail", broken)
    assert digests_send() == 0
    assert Alert.objects.filter(emailed_at__isnull=True).count() == 2


def test_send_digests_command_and_task(alerted, capsys):
    from alerts.tasks import send_digests

    call_command("send_digests")
    assert "1 digest(s) sent" in capsys.readouterr().out
    send_digests.delay()
    assert len(mail.outbox) == 1


def test_the_digest_is_scheduled(settings):
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "alerts.tasks.send_digests" in entries
