from __future__ import annotations

import pytest

from tests.api.conftest import blinken, make_statements, topic  # noqa: F401 - shared fixtures

__all__ = ["make_statements"]


@pytest.fixture
def mailed_analyst(analyst):
    analyst.email = "alice@example.org"
    analyst.save()
    return analyst
