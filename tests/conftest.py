"""Shared fixtures: users for each role, logged-in clients, and no network.

Tests may reach only this machine (a local test HTTP server, PostgreSQL, Redis); any
other connection fails loudly, so no test depends on the internet.
"""

from __future__ import annotations

import ipaddress
import socket

import pytest
from django.test import Client

from accounts.roles import Role
from accounts.services import user_set_role
from config.celery import app as celery_app

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if not isinstance(address, tuple):
        return True  # Unix sockets
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if not _is_local(address):
        raise OSError(f"Network access to {address!r} is blocked in tests")
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if not _is_local(address):
        raise OSError(f"Network access to {address!r} is blocked in tests")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _block_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The page cache is keyed on database ids and versions, which tests reuse after a
    rollback: each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _celery_eager(request, tmp_path, settings):
    """Unit tests run tasks in-process; integration tests talk to the real worker."""
    settings.STANCE_MODEL_DIR = tmp_path / "models"
    if request.node.get_closest_marker("integration"):
        yield
        return
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


PASSWORD = "correct-horse-battery-staple"


def _user(username: str, role: Role):
    return user_set_role(username=username, role=role, password=PASSWORD)


@pytest.fixture
def analyst(db):
    return _user("alice-analyst", Role.ANALYST)


@pytest.fixture
def editor(db):
    return _user("eddie-editor", Role.EDITOR)


@pytest.fixture
def admin_user(db):
    return _user("ada-admin", Role.ADMIN)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def analyst_client(analyst):
    return _client_for(analyst)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def admin_client(admin_user):
    return _client_for(admin_user)
