"""fold() now turns letters that keep their accent inside them ("ł", "ø", "ß") into plain
ones, so "Radosław" and "Radoslaw" meet: refold the stored aliases that have such letters."""

from django.db import migrations

from positions.text.names import fold


def refold(apps, schema_editor):
    ActorAlias = apps.get_model("positions", "ActorAlias")
    for alias in ActorAlias.objects.all().iterator():
        if alias.surface.isascii():
            continue
        folded = fold(alias.surface)
        if not folded or folded == alias.normalized:
            continue
        twin = ActorAlias.objects.filter(actor_id=alias.actor_id, normalized=folded)
        if twin.exists():
            alias.delete()  # the same name, already stored the other way round
        else:
            alias.normalized = folded
            alias.save(update_fields=["normalized"])


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0008_review_queue_order_index"),
    ]

    operations = [
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
