"""`load_demo` is idempotent, and every evaluation corpus we ship or test with is well-formed
(DESIGN §5): headers, bodies, and gold lines whose quotes are exact substrings of the body."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Outlet
from positions.demo.fictional import ACTORS, TOPIC, demo_corpus_dir, load_fictional
from positions.models import Actor, ActorAlias, Statement, Topic
from positions.text.names import fold

TESTS_CORPUS_ROOT = Path(__file__).resolve().parent.parent / "corpus"
SEED_CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "seed"


def _corpora() -> list:
    dirs = [demo_corpus_dir()]
    dirs += sorted(p.parent for p in TESTS_CORPUS_ROOT.glob("*/gold.jsonl"))
    params = [pytest.param(d, id=d.name if d != demo_corpus_dir() else "demo") for d in dirs]
    params.append(
        pytest.param(
            SEED_CORPUS,
            id="shared-seed",
            marks=pytest.mark.skipif(not SEED_CORPUS.is_dir(), reason="../shared absent"),
        )
    )
    return params


def _counts() -> dict[str, int]:
    return {
        "topics": Topic.objects.count(),
        "actors": Actor.objects.count(),
        "aliases": ActorAlias.objects.count(),
        "outlets": Outlet.objects.count(),
        "articles": Article.objects.count(),
        "statements": Statement.objects.count(),
        "users": get_user_model().objects.count(),
    }


# --- load_demo ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_rows():
    out = StringIO()
    call_command("load_demo", "--with-users", stdout=out)
    first = _counts()
    call_command("load_demo", "--with-users", stdout=StringIO())
    assert _counts() == first
    demo_articles = len(list((demo_corpus_dir() / "articles").glob("*.txt")))
    assert first["articles"] >= demo_articles
    assert first["actors"] >= len(ACTORS)
    assert Topic.objects.filter(slug=TOPIC["slug"]).exists()
    assert "Demo data loaded" in out.getvalue()
    assert "admin-demo-pass" in out.getvalue()


@pytest.mark.django_db
def test_load_demo_no_articles_and_no_users_without_debug(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", "--no-articles", stdout=out)
    assert Article.objects.count() == 0
    assert not get_user_model().objects.filter(username__in=["analyst", "editor", "admin"]).exists()
    assert "Demo users skipped" in out.getvalue()
    assert Actor.objects.filter(slug="mirela-dragan").exists()


@pytest.mark.django_db
def test_load_demo_users_have_their_roles():
    call_command("load_demo", "--no-articles", "--with-users", stdout=StringIO())
    User = get_user_model()
    for name in ("analyst", "editor", "admin"):
        user = User.objects.get(username=name)
        assert user.groups.filter(name=name).exists()
        assert user.check_password(f"{name}-demo-pass")
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_load_fictional_is_idempotent_and_keeps_editor_changes():
    load_fictional()
    dragan = Actor.objects.get(slug="mirela-dragan")
    dragan.role = "Minister of Transport and Infrastructure"
    dragan.save()
    first = _counts()
    load_fictional()
    assert _counts() == first
    assert (
        Actor.objects.get(slug="mirela-dragan").role == "Minister of Transport and Infrastructure"
    )
    topic = Topic.objects.get(slug=TOPIC["slug"])
    assert topic.question.endswith("?")
    assert topic.cue_phrases and topic.support_cues and topic.oppose_cues and topic.neutral_cues


@pytest.mark.django_db
def test_demo_gold_speakers_are_shipped_actors():
    """Every speaker in the demo corpus's gold is a demo actor's name or alias."""
    load_fictional()
    known = {fold(s) for s in ActorAlias.objects.values_list("surface", flat=True)}
    known |= {fold(n) for n in Actor.objects.values_list("name", flat=True)}
    speakers = {row["speaker"] for row in _gold(demo_corpus_dir())}
    assert {s for s in speakers if fold(s) not in known} == set()


# --- corpus format (DESIGN §5) ------------------------------------------------------------

HEADER_RE = re.compile(r"^([a-z_]+): ?(.*)$")
REQUIRED_HEADERS = {"url", "outlet", "published", "title"}
GOLD_KEYS = {
    "article",
    "speaker",
    "speaker_mention",
    "quote",
    "direct",
    "stance",
    "statement_date",
    "notes",
}


def _split(path: Path) -> tuple[dict[str, str], str]:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    assert sep, f"{path.name}: no blank line after the header"
    meta = {}
    for line in head.split("\n"):
        match = HEADER_RE.match(line)
        assert match, f"{path.name}: bad header line {line!r}"
        meta[match.group(1)] = match.group(2)
    return meta, body


def _gold(corpus: Path) -> list[dict]:
    rows = []
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                row = json.loads(line)
                row["_line"] = n
                rows.append(row)
    return rows


def _valid_date(value: str) -> bool:
    if value == "unknown":
        return True
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dt.date.fromisoformat(value)
            return True
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(value + "-01")
            return True
    except ValueError:
        return False
    return False


@pytest.mark.parametrize("corpus", _corpora())
def test_corpus_articles_have_headers_and_bodies(corpus):
    files = sorted((corpus / "articles").glob("*.txt"))
    assert files, f"{corpus}: no articles"
    for path in files:
        meta, body = _split(path)
        missing = REQUIRED_HEADERS - set(meta)
        assert not missing, f"{path.name}: missing headers {sorted(missing)}"
        assert meta["published"] == "unknown" or re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", meta["published"]
        ), f"{path.name}: bad published date"
        if meta["published"] != "unknown":
            dt.date.fromisoformat(meta["published"])
        assert body.strip(), f"{path.name}: empty body"


@pytest.mark.parametrize("corpus", _corpora())
def test_corpus_gold_is_valid(corpus):
    articles = {p.name: _split(p)[1] for p in (corpus / "articles").glob("*.txt")}
    rows = _gold(corpus)
    assert rows, f"{corpus}: empty gold"
    seen = set()
    for row in rows:
        where = f"{corpus.name}/gold.jsonl:{row['_line']}"
        assert set(row) >= GOLD_KEYS, f"{where}: missing {sorted(GOLD_KEYS - set(row))}"
        assert row["article"] in articles, f"{where}: no article {row['article']!r}"
        assert row["quote"] and row["quote"] in articles[row["article"]], (
            f"{where}: quote is not an exact substring of the body: {row['quote']!r}"
        )
        assert row["stance"] in {"support", "oppose", "neutral"}, f"{where}: stance"
        assert isinstance(row["direct"], bool), f"{where}: direct must be a bool"
        assert row["speaker"].strip() and isinstance(row["speaker_mention"], str), where
        assert _valid_date(row["statement_date"]), f"{where}: bad date {row['statement_date']!r}"
        key = (row["article"], row["quote"])
        assert key not in seen, f"{where}: duplicate gold statement"
        seen.add(key)


def test_demo_corpus_spans_two_years_and_shows_shifts():
    """The demo corpus is what timelines and shift detection show: keep it rich enough."""
    corpus = demo_corpus_dir()
    published = sorted(_split(p)[0]["published"] for p in (corpus / "articles").glob("*.txt"))
    assert 20 <= len(published) <= 24
    assert published[0] < "2023-03" and published[-1] > "2024-10"
    outlets = {_split(p)[0]["outlet"] for p in (corpus / "articles").glob("*.txt")}
    assert len(outlets) >= 4
    stances_by_speaker: dict[str, list[str]] = {}
    for row in sorted(_gold(corpus), key=lambda r: r["statement_date"]):
        stances_by_speaker.setdefault(row["speaker"], []).append(row["stance"])
    shifting = [s for s, stances in stances_by_speaker.items() if len(set(stances)) > 1]
    assert len(shifting) >= 3, shifting
