"""A real Celery worker process for the integration tests.

The worker talks to the same broker as the tests (CELERY_BROKER_URL, Redis in CI) and to
the test database pytest-django created. It is started once per session and stopped
before the test database is dropped. Without PostgreSQL and a Redis broker the tests skip,
unless REQUIRE_INTEGRATION=1 (set by .ci/run), where that is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "test-artifacts" / "celery-worker.log"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/integration/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.integration)


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_INTEGRATION") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        _unavailable("integration tests need CELERY_BROKER_URL=redis://… (see .ci/run)")
    with django_db_blocker.unblock():
        vendor = connection.vendor
        database_url = _database_url() if vendor == "postgresql" else ""
    if vendor != "postgresql":
        _unavailable("integration tests need DATABASE_URL=postgres://… (see .ci/run)")

    celery_app.control.purge()
    name = f"ci-{uuid.uuid4().hex[:8]}@localhost"
    env = dict(os.environ, DATABASE_URL=database_url, DATABASE_CONN_MAX_AGE="0")
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = LOG.open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--hostname",
            name,
            "--queues",
            "default,ingest",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[name], timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Celery worker did not start; see {LOG}")
        yield name
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()


def wait_for(predicate, *, timeout: float = 60.0, interval: float = 0.2):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout:.0f}s; worker log: {LOG}")
