from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, StatementFactory


@pytest.fixture
def statement(db):
    return StatementFactory(confidence=0.4, needs_review=True)


@pytest.fixture
def article(db):
    return ArticleFactory(
        text=(
            "Kyiv, 3 June. The minister told reporters: “We will not stand in the way.” "
            "Moscow warned that such strikes would be an escalation. Ελληνικά 😀 end."
        )
    )


HX = {"HTTP_HX_REQUEST": "true"}
