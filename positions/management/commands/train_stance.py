"""`manage.py train_stance`: (re)train the per-topic stance models from editors' labels."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from positions import classifier, services


class Command(BaseCommand):
    help = "Train each topic's stance model from editor labels; --rollback restores a version."

    def add_arguments(self, parser):
        parser.add_argument("--topic", help="Only this topic (slug).")
        parser.add_argument(
            "--force", action="store_true", help="Train even if labels did not change."
        )
        parser.add_argument(
            "--rollback",
            nargs="?",
            const="previous",
            metavar="VERSION",
            help="Point --topic back at VERSION (default: the previous one) instead of training.",
        )

    def handle(self, *args, topic=None, force=False, rollback=None, **options):
        if rollback is not None:
            if not topic:
                raise CommandError("--rollback needs --topic.")
            wanted = None if rollback == "previous" else int(rollback)
            version = classifier.rollback(topic, wanted)
            if version is None:
                raise CommandError(f"No version to roll back to for {topic}.")
            self.stdout.write(f"{topic}: now using version {version}.")
            return
        results = services.stance_models_train(topic_slug=topic, force=force)
        if not results:
            self.stdout.write("No active topic.")
        for r in results:
            version = f"v{r.version}" if r.version else "no model"
            self.stdout.write(f"{r.topic}: {r.status}; {version}; {r.labels} labels.")
