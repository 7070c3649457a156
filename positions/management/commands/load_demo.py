"""`manage.py load_demo`: topics, actors, demo users and demo articles, idempotently.

Run it twice and the database holds the same rows: topics, outlets and actors are found by
slug, users by name, articles by content hash (and URL), and statements are extracted only
for articles that have none yet (`--reextract` runs extraction again, which replaces only
machine statements no editor touched).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import Role
from accounts.services import user_set_role
from articles import dedupe
from articles import services as article_services
from articles.extraction import extract_text
from articles.models import Article, Outlet
from positions import services as positions_services
from positions.demo.fictional import demo_corpus_dir, load_fictional
from positions.demo.founding import load_founding
from positions.models import Actor, ActorAlias, Statement, Topic

# Development only: printed on purpose, refused when DEBUG is off unless --with-users.
DEMO_USERS = [
    ("analyst", Role.ANALYST, "analyst-demo-pass"),
    ("editor", Role.EDITOR, "editor-demo-pass"),
    ("admin", Role.ADMIN, "admin-demo-pass"),
]


def seed_corpus_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "corpus" / "seed"


def store_corpus_file(path: Path) -> tuple[Article, bool]:
    """The steps an ingestion job runs for a pasted text (extract, dedupe, store), without
    the job row, so a second run finds the article again and adds nothing."""
    extracted = extract_text(path.read_bytes(), declared_charset="utf-8")
    canonical = dedupe.canonicalise_url(extracted.canonical_url or extracted.url)
    content_hash = dedupe.text_hash(extracted.text)
    existing = article_services.article_find_duplicate(
        canonical_url=canonical, content_hash=content_hash
    )
    if existing is not None:
        return existing, False
    return article_services.article_create(
        extracted=extracted, canonical_url=canonical, content_hash=content_hash
    )


def ingest_corpus_file(path: Path, *, reextract: bool = False) -> tuple[Article, bool, int]:
    """Store one corpus-format file and find its statements. Returns (article, created, n)."""
    with transaction.atomic():
        article, created = store_corpus_file(path)
    if created or reextract or not article.statements.exists():
        positions_services.extract_statements(article=article)
    return article, created, article.statements.count()


class Command(BaseCommand):
    help = (
        "Load demo data: the founding topic and its actors, the fictional "
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
        load_founding(stdout=self.stdout)

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
