"""`manage.py train_statement_filter`: rebuild a topic's shipped statement filter.

It runs the text rules on our own labelled corpora (never the held-out ones or the seed),
labels each statement they find on the topic kept or not by the gold, and writes
positions/demo/models/<topic>-filter.joblib, to be committed with the code. With
--cross-validate it first prints precision, recall and F1 per pair of thresholds (for a
statement with no side of its own, and for one with), leaving one corpus out at a time:
how the thresholds in positions.statement_filter were chosen.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from positions import classifier, statement_filter
from positions.extraction import topic_cues
from positions.models import Topic

THRESHOLDS = [0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]


class Command(BaseCommand):
    help = "Train the shipped statement filter of a topic from our labelled corpora."

    def add_arguments(self, parser):
        parser.add_argument("--topic", default="strike-restrictions")
        parser.add_argument(
            "corpora",
            nargs="*",
            help="Corpus folders (default: the stance prior's training list).",
        )
        parser.add_argument("--out-dir", help="Write here instead of positions/demo/models/.")
        parser.add_argument(
            "--cross-validate",
            action="store_true",
            help="Print leave-one-corpus-out figures per threshold before training.",
        )

    def handle(self, *args, topic, corpora, out_dir=None, cross_validate=False, **options):
        import sklearn

        cues = self._cues(topic)
        base = Path(settings.BASE_DIR)
        chosen = corpora or list(classifier.PRIOR_TRAINING_CORPORA)
        examples: list[statement_filter.Example] = []
        gold_counts: dict[str, int] = {}
        for corpus in chosen:
            folder = base / corpus
            if not (folder / "gold.jsonl").is_file():
                raise CommandError(f"{corpus} is not a corpus (no gold.jsonl)")
            try:
                found, gold_counts[folder.name] = statement_filter.corpus_examples(folder, cues)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            examples.extend(found)
        if cross_validate:
            table = statement_filter.cross_validate(examples, gold_counts, THRESHOLDS)
            self.stdout.write("threshold  own side  precision  recall  F1  (leave one corpus out)")
            for (threshold, own), (precision, recall, f1) in table.items():
                self.stdout.write(
                    f"{threshold:9.2f}  {own:8.2f}  {precision:9.3f}  {recall:6.3f}  {f1:.3f}"
                )
        try:
            path = statement_filter.train(
                topic, examples, [str(c) for c in chosen], Path(out_dir) if out_dir else None
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        kept = sum(e.kept for e in examples)
        manifest = {
            "topic": topic,
            "file": path.name,
            "examples": len(examples),
            "kept": kept,
            "threshold": statement_filter.THRESHOLD,
            "threshold_own_side": statement_filter.THRESHOLD_OWN_SIDE,
            "corpora": [str(c) for c in chosen],
            "sklearn_version": sklearn.__version__,
        }
        path.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n")
        self.stdout.write(
            f"{topic}: statement filter from {len(examples)} statements ({kept} kept) -> "
            f"{path} ({path.stat().st_size} bytes)"
        )

    def _cues(self, slug: str):
        """The topic as the product ships it (demo data), else as stored."""
        from positions.demo import fictional, founding

        for module in (founding, fictional):
            if module.TOPIC["slug"] == slug:
                return topic_cues(Topic(**module.TOPIC))
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise CommandError(f"Unknown topic {slug!r}")
        return topic_cues(topic)
