"""Walk every URL the project serves: anonymous users reach only the login page (and the
few token-authenticated or health URLs), and a logged-in user with no role reaches nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

OPEN_TO_ANONYMOUS = {"/accounts/login/", "/healthz"}
SAMPLE = {"int": "1", "slug": "some-slug", "str": "something", "path": "some/path"}


def _paths(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _sample_path(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (admin internals) are covered by admin's own checks
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    return "/" + path


PATHS = sorted(
    {
        p
        for p in (_sample_path(r) for r in _paths(get_resolver().url_patterns))
        if p and not p.startswith("/admin/")
    }
)


@pytest.mark.parametrize("path", PATHS)
def test_anonymous_users_are_turned_away(path):
    response = Client().get(path)
    if path in OPEN_TO_ANONYMOUS:
        return
    if path.endswith(".atom"):  # private Atom feeds: the token in the URL is the credential
        assert response.status_code == 404
        return
    # 404: the API's root, which serves nothing (its docs page is switched off).
    assert response.status_code in (302, 401, 403, 404, 405), (path, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/"), path


@pytest.mark.parametrize("path", PATHS)
def test_a_user_without_a_role_reaches_nothing(path, django_user_model):
    if path in OPEN_TO_ANONYMOUS or path.endswith(".atom") or path == "/accounts/logout/":
        return
    user = django_user_model.objects.create_user("no-role", password="pw")
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code in (401, 403, 404, 405), (path, response.status_code)
