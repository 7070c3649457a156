from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from api.models import ApiToken
from api.services import api_token_authenticate, api_token_create, hash_token

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/topics",
    "/api/topics/strike-restrictions",
    "/api/actors",
    "/api/actors/antony-blinken",
    "/api/actors/antony-blinken/timeline?topic=strike-restrictions",
    "/api/statements",
    "/api/statements/1",
    "/api/shifts",
    "/api/openapi.json",
]


@pytest.fixture
def plain_user(db):
    return get_user_model().objects.create_user("no-role", password="x" * 20)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_it_refuses_anonymous_with_401(client, topic, blinken, url):
    response = client.get(url)

    assert response.status_code == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_it_refuses_a_user_without_a_role_with_403(plain_user, topic, blinken, url):
    client = Client()
    client.force_login(plain_user)

    response = client.get(url)

    assert response.status_code == 403


def test_it_refuses_a_token_of_a_user_without_a_role(plain_user, topic):
    _, raw = api_token_create(user=plain_user)

    response = Client().get("/api/topics", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 403


def test_it_accepts_an_analyst_session(analyst_client, topic):
    response = analyst_client.get("/api/topics")

    assert response.status_code == 200
    assert response.json()[0]["slug"] == "strike-restrictions"


def test_it_accepts_an_analyst_token(analyst, topic):
    _, raw = api_token_create(user=analyst, name="notebook")

    response = Client().get("/api/topics", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_it_refuses_a_wrong_token(analyst, topic):
    api_token_create(user=analyst)

    response = Client().get("/api/topics", HTTP_AUTHORIZATION="Bearer st_not-a-real-token")

    assert response.status_code == 401


def test_it_refuses_a_token_of_an_inactive_user(analyst, topic):
    _, raw = api_token_create(user=analyst)
    analyst.is_active = False
    analyst.save()

    response = Client().get("/api/topics", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 401


def test_the_token_is_stored_hashed(analyst):
    token, raw = api_token_create(user=analyst)

    assert raw.startswith("st_")
    assert token.token_hash == hash_token(raw)
    assert raw not in token.token_hash
    assert api_token_authenticate(raw=raw) == analyst
    assert api_token_authenticate(raw="") is None


def test_the_schema_is_served_to_a_token(analyst):
    _, raw = api_token_create(user=analyst)

    response = Client().get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/statements" in paths
    assert "/api/actors/{slug}/timeline" in paths


def test_create_api_token_prints_a_working_token(analyst, topic, capsys):
    call_command("create_api_token", analyst.username, name="cli")

    raw = capsys.readouterr().out.strip()
    response = Client().get("/api/topics", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert ApiToken.objects.get().name == "cli"


def test_create_api_token_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody")


def test_the_api_does_not_allow_writes(analyst_client, topic):
    response = analyst_client.post("/api/topics", {})

    assert response.status_code == 405
