"""`manage.py load_demo`: topics, actors, demo users and demo articles, idempotently.

Run it twice and the database holds the same rows: topics, outlets and actors are found by
slug, users by name, articles by content hash (and URL), and statements are extracted only
for articles that have none yet (`--reextract` runs extraction again, which replaces only
machine statements no editor touched).
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import Role
from accounts.services import user_set_role
from articles.models import Article, Outlet
from positions import services as positions_services
from positions.demo.fictional import demo_corpus_dir, load_fictional
from positions.models import Actor, ActorAlias, Statement, Topic

# Development only: printed on purpose, refused when DEBUG is off unless --with-users.
DEMO_USERS = [
    ("analyst", Role.ANALYST, "analyst-demo-pass"),
    ("editor", Role.EDITOR, "editor-demo-pass"),
    ("admin", Role.ADMIN, "admin-demo-pass"),
]
HEADER_KEYS = ("url", "outlet", "published", "title", "byline", "language")


def seed_corpus_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "corpus" / "seed"


def _parse_corpus_file(text: str) -> tuple[dict[str, str], str]:
    """DESIGN §5: `key: value` header lines, one blank line, then the body (kept exactly)."""
    meta: dict[str, str] = {}
    head, sep, body = text.partition("\n\n")
    if not sep:
        return {}, text
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in HEADER_KEYS:
            return {}, text
        meta[key.strip()] = value.strip()
    return meta, body


def _fallback_article(path: Path) -> tuple[Article, bool]:
    """Create an Article straight from a corpus file when articles.services cannot."""
    import datetime as dt

    from django.utils.text import slugify

    meta, body = _parse_corpus_file(path.read_text(encoding="utf-8"))
    content_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
    outlet = None
    if meta.get("outlet"):
        outlet = Outlet.objects.filter(name__iexact=meta["outlet"]).first()
        if outlet is None:
            outlet, _ = Outlet.objects.get_or_create(
                slug=slugify(meta["outlet"])[:180] or "outlet", defaults={"name": meta["outlet"]}
            )
    try:
        published = dt.date.fromisoformat(meta.get("published", "")[:10])
    except ValueError:
        published = None
    url = meta.get("url", "")
    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing is None and url:
        existing = Article.objects.filter(canonical_url=url).first()
    if existing is not None:
        return existing, False
    article = Article.objects.create(
        content_hash=content_hash,
        url=url,
        canonical_url=url,
        outlet=outlet,
        title=meta.get("title", "")[:500],
        byline=meta.get("byline", "")[:500],
        published_date=published,
        text=body,
        raw_sanitised=path.read_text(encoding="utf-8"),
    )
    return article, True


def _service_article(path: Path) -> tuple[Article, bool] | None:
    """Store the file through the ingestion code (articles.services) when it offers the steps
    the ingestion job uses; None when it does not (yet)."""
    try:
        services = importlib.import_module("articles.services")
        dedupe = importlib.import_module("articles.dedupe")
        extraction = importlib.import_module("articles.extraction")
    except ImportError:
        return None
    # The same steps an ingestion job runs for a pasted text (extract, dedupe, store),
    # without the job row, so a second run finds the article again and adds nothing.
    needed = [
        getattr(extraction, "extract_text", None),
        getattr(dedupe, "canonicalise_url", None),
        getattr(dedupe, "text_hash", None),
        getattr(services, "article_find_duplicate", None),
        getattr(services, "article_create", None),
    ]
    if not all(callable(f) for f in needed):
        return None
    extract_text, canonicalise_url, text_hash, find_duplicate, article_create = needed
    extracted = extract_text(path.read_bytes(), declared_charset="utf-8")
    canonical = canonicalise_url(extracted.canonical_url or extracted.url)
    content_hash = text_hash(extracted.text)
    existing = find_duplicate(canonical_url=canonical, content_hash=content_hash)
    if existing is not None:
        return existing, False
    return article_create(extracted=extracted, canonical_url=canonical, content_hash=content_hash)


def ingest_corpus_file(path: Path, *, reextract: bool = False) -> tuple[Article, bool, int]:
    """Store one corpus-format file and find its statements. Returns (article, created, n)."""
    with transaction.atomic():
        stored = _service_article(path)
        article, created = stored if stored is not None else _fallback_article(path)
    if created or reextract or not article.statements.exists():
        positions_services.extract_statements(article=article)
    return article, created, article.statements.count()


class Command(BaseCommand):
    help = (
        "Load demo data: the founding topic and actors (if available), the fictional "
        "Kestrel Bridge toll topic with its actors and outlets, demo users for each role "
        "(development only) and the demo articles, run through statement extraction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-articles", action="store_true", help="Load only topics, actors and users."
        )
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Create the demo users even when DEBUG is off (they have known passwords).",
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Run statement extraction again on demo articles that already have statements.",
        )

    def handle(self, *args, no_articles=False, with_users=False, reextract=False, **options):
        self.verbosity = options.get("verbosity", 1)
        self._load_founding()
        load_fictional(stdout=self.stdout)
        self._load_users(with_users=with_users)
        if no_articles:
            self.stdout.write("Articles skipped (--no-articles).")
        else:
            self._load_articles(reextract=reextract)
        self._summary()

    # --- steps -------------------------------------------------------------------------

    def _load_founding(self) -> None:
        try:
            founding = importlib.import_module("positions.demo.founding")
        except ImportError as exc:
            if exc.name not in ("positions.demo.founding", "positions.demo"):
                raise
            self.stdout.write("Founding topic skipped: positions.demo.founding is not available.")
            return
        founding.load_founding(stdout=self.stdout)

    def _load_users(self, *, with_users: bool) -> None:
        if not settings.DEBUG and not with_users:
            self.stdout.write(
                self.style.WARNING(
                    "Demo users skipped: DEBUG is off. Pass --with-users to create them anyway "
                    "(their passwords are public)."
                )
            )
            return
        User = get_user_model()
        self.stdout.write("Demo users (development only):")
        for username, role, password in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"  {username:8} ({role.group_name}) exists; left unchanged")
                continue
            user_set_role(username=username, role=role, password=password)
            self.stdout.write(f"  {username:8} ({role.group_name}) password: {password}")

    def _load_articles(self, *, reextract: bool) -> None:
        files = sorted((demo_corpus_dir() / "articles").glob("*.txt"))
        seed = seed_corpus_dir() / "articles"
        if seed.is_dir():
            files += sorted(seed.glob("*.txt"))
        else:
            self.stdout.write(f"Founding article skipped: {seed} not found.")
        new = 0
        for path in files:
            article, created, count = ingest_corpus_file(path, reextract=reextract)
            new += created
            if self.verbosity >= 2:
                state = "new" if created else "exists"
                self.stdout.write(
                    f"  {path.name}: article {article.pk} ({state}), {count} statements"
                )
        self.stdout.write(f"Articles: {len(files)} demo files, {new} stored on this run.")

    def _summary(self) -> None:
        counts = {
            "topics": Topic.objects.count(),
            "outlets": Outlet.objects.count(),
            "actors": Actor.objects.count(),
            "aliases": ActorAlias.objects.count(),
            "articles": Article.objects.count(),
            "statements": Statement.objects.count(),
            "on topic": Statement.objects.with_stance().count(),
            "users": get_user_model().objects.count(),
        }
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items())
            )
        )
