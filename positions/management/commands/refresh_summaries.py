"""Recompute the stored actor/topic summaries and shifts the analyst pages read."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from positions import services
from positions.models import Actor, ActorTopicSummary, Statement, Topic


class Command(BaseCommand):
    help = (
        "Recompute stored summaries and shifts: --all for everything, or --actor/--topic "
        "(slugs) for the pairs they cover."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Rebuild every summary.")
        parser.add_argument("--actor", action="append", default=[], help="Actor slug.")
        parser.add_argument("--topic", action="append", default=[], help="Topic slug.")

    def handle(self, *args, all=False, actor=(), topic=(), **options):
        if all or not (actor or topic):
            n = services.summaries_rebuild_all()
            self.stdout.write(self.style.SUCCESS(f"Rebuilt {n} actor/topic summaries."))
            return
        qs = Statement.objects.filter(actor__isnull=False, topic__isnull=False)
        stored = ActorTopicSummary.objects.all()
        if actor:
            ids = list(Actor.objects.filter(slug__in=actor).values_list("pk", flat=True))
            if len(ids) != len(set(actor)):
                raise CommandError("Unknown actor slug.")
            qs = qs.filter(actor_id__in=ids)
            stored = stored.filter(actor_id__in=ids)
        if topic:
            ids = list(Topic.objects.filter(slug__in=topic).values_list("pk", flat=True))
            if len(ids) != len(set(topic)):
                raise CommandError("Unknown topic slug.")
            qs = qs.filter(topic_id__in=ids)
            stored = stored.filter(topic_id__in=ids)
        # The pairs with statements now, and those with a summary (which may have none left).
        pairs = set(qs.order_by().values_list("actor_id", "topic_id").distinct())
        pairs |= set(stored.values_list("actor_id", "topic_id"))
        n = services.summaries_refresh(pairs=pairs)
        self.stdout.write(self.style.SUCCESS(f"Refreshed {len(pairs)} pairs ({n} summaries)."))
