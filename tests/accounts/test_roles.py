import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.roles import Role, has_role, user_role

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login_page():
    response = Client().get(reverse("positions:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_is_open():
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in" in response.content


def test_login_with_password_works(analyst):
    client = Client()
    response = client.post(
        reverse("login"), {"username": analyst.username, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert client.get(reverse("positions:home")).status_code == 200


def test_roles_nest(analyst, editor, admin_user):
    assert user_role(analyst) == Role.ANALYST
    assert has_role(editor, Role.ANALYST) and not has_role(editor, Role.ADMIN)
    assert has_role(admin_user, Role.EDITOR)
    assert not has_role(analyst, Role.EDITOR)


def test_a_user_without_a_role_is_refused(django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    client = Client()
    client.force_login(nobody)
    assert client.get(reverse("positions:home")).status_code == 403


def test_analyst_cannot_reach_django_admin(analyst_client):
    response = analyst_client.get("/admin/")
    assert response.status_code == 302  # admin's own login, not a page


def test_admin_reaches_django_admin(admin_client):
    assert admin_client.get("/admin/").status_code == 200


def test_createuser_sets_the_role(django_user_model, capsys):
    call_command("createuser", "carol", "--role", "editor", "--password", "pw-for-tests-123")
    carol = django_user_model.objects.get(username="carol")
    assert user_role(carol) == Role.EDITOR
    assert carol.check_password("pw-for-tests-123")

    call_command("createuser", "carol", "--role", "analyst")
    assert user_role(django_user_model.objects.get(username="carol")) == Role.ANALYST
    assert "password:" in capsys.readouterr().out
