"""Every analyst page: who may see it, and that it renders for each role."""

import pytest
from django.urls import reverse

from tests.positions.analyst_fixtures import blinken_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return blinken_story()


def page_urls(story):
    first = story["statements"][0]
    return [
        reverse("positions:home"),
        reverse("positions:topic", args=["strike-restrictions"]),
        reverse("positions:actors"),
        reverse("positions:actor", args=["antony-blinken"]) + "?topic=strike-restrictions",
        reverse("positions:shifts"),
        reverse("positions:compare") + "?actor=antony-blinken&actor=dmitry-peskov",
        reverse("positions:search") + "?q=red+line",
        reverse("positions:article", args=[first.article_id]),
    ]


def test_every_page_renders_for_an_analyst(analyst_client, story):
    for url in page_urls(story):
        response = analyst_client.get(url)
        assert response.status_code == 200, url
        assert b"Antony Blinken" in response.content or b"Dmitry Peskov" in response.content, url


@pytest.mark.parametrize("client_fixture", ["editor_client", "admin_client"])
def test_editors_and_admins_see_every_page(request, client_fixture, story):
    client = request.getfixturevalue(client_fixture)
    for url in page_urls(story):
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_login_page(client, story):
    for url in page_urls(story):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_it_refuses_a_user_without_a_role(client, django_user_model, story):
    user = django_user_model.objects.create_user("nobody", password="x-long-password-1")
    client.force_login(user)
    for url in page_urls(story):
        assert client.get(url).status_code == 403, url


def test_pages_only_answer_get(analyst_client, story):
    for url in page_urls(story):
        assert analyst_client.post(url).status_code == 405, url


def test_pages_vary_on_the_htmx_header(analyst_client, story):
    for url in page_urls(story):
        assert "HX-Request" in analyst_client.get(url)["Vary"], url


def test_the_nav_links_to_every_analyst_page(analyst_client, story):
    html = analyst_client.get(reverse("positions:home")).content.decode()
    for name in ("positions:actors", "positions:shifts", "positions:compare", "positions:search"):
        assert f'href="{reverse(name)}"' in html


def test_pages_carry_no_inline_script_or_style(analyst_client, story):
    for url in page_urls(story):
        html = analyst_client.get(url).content.decode()
        assert "<script>" not in html, url
        assert " style=" not in html, url
        assert " onclick=" not in html and " onload=" not in html, url


def test_a_history_restore_request_gets_the_whole_page(analyst_client, story):
    """Back after an htmx-pushed URL: htmx asks again and swaps the whole body."""
    for url in page_urls(story):
        response = analyst_client.get(
            url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
        )
        assert b"<html" in response.content, url
