"""Indexes in the orders the analyst pages read (PostgreSQL only: SQLite cannot index
NULLS FIRST/LAST). An actor's evidence list newest first, and the overview's sorts over the
stored summaries (as selectors._summary_order writes them)."""

from django.db import migrations

INDEXES = [
    (
        "stmt_topic_actor_newest",
        "positions_statement",
        '("topic_id", "actor_id", "statement_date" DESC NULLS LAST, "id" DESC)',
    ),
    (
        "summary_topic_last_desc",
        "positions_actortopicsummary",
        '("topic_id", "last_date" DESC NULLS LAST)',
    ),
    (
        "summary_topic_first_asc",
        "positions_actortopicsummary",
        '("topic_id", "first_date" ASC NULLS FIRST)',
    ),
    (
        "summary_topic_shift_desc",
        "positions_actortopicsummary",
        '("topic_id", "latest_shift_date" DESC NULLS LAST)',
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0003_search_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="actortopicsummary",
            name="summary_topic_last",
        ),
        migrations.RemoveIndex(
            model_name="actortopicsummary",
            name="summary_topic_first",
        ),
        migrations.RemoveIndex(
            model_name="actortopicsummary",
            name="summary_topic_shift",
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
