"""Fill the database with synthetic data for benchmarks (DESIGN §6)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from positions.scale import seed_scale


class Command(BaseCommand):
    help = (
        "Add synthetic actors, articles and statements (skewed, spread over years, with "
        "drifting stances). Uses COPY on PostgreSQL. Example: seed_scale --actors 20000 "
        "--articles 200000 --statements 1000000"
    )

    def add_arguments(self, parser):
        parser.add_argument("--actors", type=int, default=1000)
        parser.add_argument("--articles", type=int, default=10000)
        parser.add_argument("--statements", type=int, default=50000)
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42).")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, actors, articles, statements, seed, batch_size, **options):
        try:
            report = seed_scale(
                actors=actors,
                articles=articles,
                statements=statements,
                seed=seed,
                batch_size=batch_size,
                log=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.actors} actors, {report.articles} articles, "
                f"{report.statements} statements ({report.method}); timings: {report.seconds}"
            )
        )
