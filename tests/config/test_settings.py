import pytest
from django.core.exceptions import ImproperlyConfigured

from config import settings as config_settings


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("STANCE_TEST_FLAG", "Yes")
    assert config_settings.env_bool("STANCE_TEST_FLAG", False) is True
    monkeypatch.setenv("STANCE_TEST_FLAG", "0")
    assert config_settings.env_bool("STANCE_TEST_FLAG", True) is False


def test_env_bool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("STANCE_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="STANCE_TEST_FLAG"):
        config_settings.env_bool("STANCE_TEST_FLAG", False)


def test_env_int_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("STANCE_TEST_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="STANCE_TEST_NUMBER"):
        config_settings.env_int("STANCE_TEST_NUMBER", 1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("STANCE_TEST_LIST", " a.example, b.example ,,")
    assert config_settings.env_list("STANCE_TEST_LIST") == ["a.example", "b.example"]


def test_the_embedded_broker_needs_no_server(settings):
    # The default configuration: kombu's filesystem transport under the var directory.
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"].endswith("out")


def test_celery_is_configured_for_at_least_once_delivery(settings):
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_TIME_LIMIT > settings.CELERY_TASK_SOFT_TIME_LIMIT > 0


def test_the_cache_is_chosen_by_url():
    assert config_settings.cache_config("")["BACKEND"].endswith("LocMemCache")
    redis = config_settings.cache_config("redis://127.0.0.1:6379/1")
    assert redis["BACKEND"].endswith("RedisCache")
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert config_settings.cache_config("dummy://")["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        config_settings.cache_config("memcached://somewhere")
