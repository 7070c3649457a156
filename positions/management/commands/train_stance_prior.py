"""`manage.py train_stance_prior`: rebuild a topic's shipped stance prior from our corpora.

The prior is trained from the gold statements of our own labelled corpora (never the
held-out corpus or the seed, which measure the product) and written to
positions/demo/models/<topic>-prior.joblib, to be committed with the code.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from positions import classifier


class Command(BaseCommand):
    help = "Train the shipped stance prior of a topic from our labelled corpora."

    def add_arguments(self, parser):
        parser.add_argument("--topic", default="strike-restrictions")
        parser.add_argument(
            "corpora",
            nargs="*",
            help="Corpus folders (default: the prior's training list in positions.classifier).",
        )
        parser.add_argument("--out-dir", help="Write here instead of positions/demo/models/.")

    def handle(self, *args, topic, corpora, out_dir=None, **options):
        import sklearn

        base = Path(settings.BASE_DIR)
        chosen = corpora or list(classifier.PRIOR_TRAINING_CORPORA)
        for corpus in chosen:
            if not (base / corpus / "gold.jsonl").is_file():
                raise CommandError(f"{corpus} is not a corpus (no gold.jsonl)")
        try:
            path, labels = classifier.train_prior(
                topic, chosen, folder=Path(out_dir) if out_dir else None, base=base
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        manifest = {
            "topic": topic,
            "file": path.name,
            "labels": labels,
            "corpora": [str(c) for c in chosen],
            "sklearn_version": sklearn.__version__,
            "blend_weight": classifier.PRIOR_WEIGHT,
        }
        path.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n")
        self.stdout.write(
            f"{topic}: prior from {labels} labels -> {path} ({path.stat().st_size} bytes)"
        )
