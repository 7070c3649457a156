"""PostgreSQL-only search indexes (issue 5): full text over statement quotes and article
title + text, and trigram indexes on actor names and alias surfaces.

Kept out of the models' Meta (SQLite cannot build them): created here on PostgreSQL only,
with the exact expressions the selectors' SearchVector / Upper(...) produce, so the planner
uses them. On other databases this migration does nothing."""

from django.db import migrations

INDEXES = [
    (
        "stmt_quote_fts",
        "positions_statement",
        "USING gin (to_tsvector('english'::regconfig, COALESCE(quote, '')))",
    ),
    (
        "article_fts",
        "articles_article",
        "USING gin (to_tsvector('english'::regconfig,"
        " COALESCE(title, '') || ' ' || COALESCE(text, '')))",
    ),
    ("actor_name_trgm", "positions_actor", "USING gin (UPPER(name) gin_trgm_ops)"),
    ("alias_surface_trgm", "positions_actoralias", "USING gin (UPPER(surface) gin_trgm_ops)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, using in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {using}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _using in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0002_actor_topic_summaries"),
        ("articles", "0002_feed_entries_minhash_bands"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
