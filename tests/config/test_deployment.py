"""The deployment files stay true: docker-compose.yml (no Docker engine runs here, so we
check it by reading it), the Dockerfile, and `check --deploy` in production mode."""

from __future__ import annotations

import importlib
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = (ROOT / "config" / "settings.py").read_text()
# Variables the settings module reads, by any of its env helpers or os.environ.
SETTINGS_VARIABLES = set(
    re.findall(r"""env_\w+\(\s*["']([A-Z0-9_]+)["']""", SETTINGS_SOURCE)
) | set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z0-9_]+)["']""", SETTINGS_SOURCE))


def _command_words(service: dict) -> list[str]:
    command = service.get("command", [])
    return command if isinstance(command, list) else command.split()


def test_compose_runs_the_five_services():
    assert set(COMPOSE["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_postgres_is_16_or_newer_with_a_healthcheck():
    postgres = COMPOSE["services"]["postgres"]
    assert int(postgres["image"].split(":")[1].split(".")[0]) >= 16
    assert "healthcheck" in postgres and "healthcheck" in COMPOSE["services"]["redis"]


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_app_services_wait_for_healthy_backends(name):
    depends = COMPOSE["services"][name]["depends_on"]
    assert depends == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_every_environment_variable_is_read_by_the_settings(name):
    environment = COMPOSE["services"][name]["environment"]
    unknown = set(environment) - SETTINGS_VARIABLES
    assert not unknown, f"{name} sets variables the settings never read: {sorted(unknown)}"


def test_every_module_a_service_names_exists():
    for name, service in COMPOSE["services"].items():
        words = " ".join(_command_words(service)).replace("&&", " ").split()
        for word in words:
            if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+:[a-z_]+", word):  # module:attribute (gunicorn)
                module, attribute = word.split(":")
                assert hasattr(importlib.import_module(module), attribute), (name, word)
        if "-A" in words:
            app_module = words[words.index("-A") + 1]
            assert importlib.import_module(app_module).celery_app, (name, app_module)


def test_every_manage_py_command_a_service_runs_exists():
    commands = get_commands()
    for service in COMPOSE["services"].values():
        words = " ".join(_command_words(service)).replace("&&", " ").split()
        for index, word in enumerate(words):
            if word == "manage.py":
                assert words[index + 1] in commands


def test_every_celery_queue_a_worker_consumes_is_routed():
    from django.conf import settings

    worker = _command_words(COMPOSE["services"]["worker"])
    queues = set(worker[worker.index("--queues") + 1].split(","))
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= queues


def test_the_dockerfile_copies_files_that_exist():
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY ") and not line.startswith("COPY . "):
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), source


def test_check_deploy_passes_in_production_mode():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "stance.example.org",
        "STANCE_VAR_DIR": "/tmp/stance-deploy-check",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
