"""Server time of the analyst pages against the raw SQL that fetches the same rows.

Measures, through Django's test Client with a logged-in analyst (in process: URL routing,
middleware, view, queries, template rendering; no network or HTTP server):

- the actor timeline page (/actors/<slug>/?topic=<slug>) of the busiest actor on the
  busiest topic, and of a typical (median) actor;
- the topic overview page (/topics/<slug>/) of the busiest topic;

each many times, and the raw SQL query that fetches the rows the page is built from
(psycopg cursor, fetchall) as many times. Prints p50/p95 and their ratio against the
targets of issue 5: page p95 <= 50 ms and <= 3x the raw SQL time.

Expects PostgreSQL filled by seed_scale (see benchmarks/README.md):

    createdb -h 127.0.0.1 -U postgres stance_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/stance_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_scale --actors 20000 --articles 200000 --statements 1000000
    .venv/bin/python benchmarks/run.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
TARGET_P95_MS = 50.0
TARGET_RATIO = 3.0


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


@dataclass
class Result:
    name: str
    url: str
    rows: int
    requests: int
    p50_ms: float
    p95_ms: float
    raw_p50_ms: float
    raw_p95_ms: float
    cold_p50_ms: float
    cold_p95_ms: float

    @property
    def ratio_p50(self) -> float:
        return self.p50_ms / self.raw_p50_ms if self.raw_p50_ms else float("inf")

    @property
    def ratio_p95(self) -> float:
        return self.p95_ms / self.raw_p95_ms if self.raw_p95_ms else float("inf")

    @property
    def ok(self) -> bool:
        return self.p95_ms <= TARGET_P95_MS and self.ratio_p95 <= TARGET_RATIO


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def measure(
    fn: Callable[[], object], *, requests: int, warmup: int, budget_s: float
) -> list[float]:
    """Milliseconds per call; stops early when the time budget is spent (at least 5 calls).
    A call that returns a float has timed itself (seconds): that is used instead."""
    for _ in range(warmup):
        fn()
    times: list[float] = []
    started = time.perf_counter()
    for _ in range(requests):
        t0 = time.perf_counter()
        result = fn()
        elapsed = result if isinstance(result, float) else time.perf_counter() - t0
        times.append(elapsed * 1000)
        if len(times) >= 5 and time.perf_counter() - started > budget_s:
            break
    return times


# The rows each page is built from, as plain SQL (counted statements: not rejected, not in
# a near-duplicate article; stance-taking).
COUNTED = (
    "s.review_state <> 'rejected' AND a.near_duplicate_of_id IS NULL AND s.stance <> 'unrelated'"
)


def timeline_sql(tables: dict, *, aggregated: bool, compare: bool = False) -> list[str]:
    """The rows the actor timeline page reads: the stored summary, the chart (one row per
    statement, or per month and stance when aggregated), the position points (short
    histories) or the stored shifts with both statements (long ones), and one page of
    evidence with its context."""
    summary = f"""
        SELECT * FROM {tables["summary"]} WHERE actor_id = %(actor)s AND topic_id = %(topic)s
    """
    evidence = f"""
        SELECT s.id, s.statement_date, s.stance, s.stance_score, s.quote, s.is_direct,
               s.review_state, s.article_id, a.title, o.name,
               substr(a.text, CASE WHEN s.start > 240 THEN s.start - 239 ELSE 1 END,
                      CASE WHEN s.start > 240 THEN 240 ELSE s.start END),
               substr(a.text, s."end" + 1, 240)
        FROM {tables["statement"]} s
        JOIN {tables["article"]} a ON a.id = s.article_id
        LEFT JOIN {tables["outlet"]} o ON o.id = a.outlet_id
        WHERE s.actor_id = %(actor)s AND s.topic_id = %(topic)s AND {COUNTED}
        ORDER BY s.statement_date DESC NULLS LAST, s.id DESC
        LIMIT 26
    """
    if aggregated:
        # Unfiltered and long: the page draws the stored months (ActorTopicMonth).
        chart = f"""
            SELECT m.month, m.stance, m.actor_id, m.statement_count, m.score_sum,
                   m.last_statement_id, m.last_date
            FROM {tables["month"]} m
            WHERE m.actor_id = %(actor)s AND m.topic_id = %(topic)s
        """
        shifts = f"""
            SELECT sh.*, b.quote, b.statement_date, ab.title, ob.name,
                   f.quote, f.statement_date, af.title, of.name
            FROM {tables["shift"]} sh
            JOIN {tables["statement"]} b ON b.id = sh.before_statement_id
            JOIN {tables["article"]} ab ON ab.id = b.article_id
            LEFT JOIN {tables["outlet"]} ob ON ob.id = ab.outlet_id
            JOIN {tables["statement"]} f ON f.id = sh.after_statement_id
            JOIN {tables["article"]} af ON af.id = f.article_id
            LEFT JOIN {tables["outlet"]} of ON of.id = af.outlet_id
            WHERE sh.actor_id = %(actor)s AND sh.topic_id = %(topic)s
            ORDER BY sh.after_date DESC, sh.after_statement_id DESC
        """
        # The page reads every shift of the pair bare (the step line, the count), and the
        # newest three with both statements (the ones it shows).
        bare = f"""
            SELECT sh.*, ac.name FROM {tables["shift"]} sh
            JOIN {tables["actor"]} ac ON ac.id = sh.actor_id
            WHERE sh.actor_id = %(actor)s AND sh.topic_id = %(topic)s
            ORDER BY sh.after_date DESC, sh.after_statement_id DESC
        """
        if compare:
            # Every shift bare (the step lines), the newest twelve with both statements.
            return [summary, chart, bare, shifts + " LIMIT 12", evidence]
        return [summary, chart, bare, shifts + " LIMIT 3", evidence]
    chart = f"""
        SELECT s.id, s.statement_date, s.stance, s.stance_score, s.quote, s.is_direct,
               s.actor_id, s.article_id, o.name
        FROM {tables["statement"]} s
        JOIN {tables["article"]} a ON a.id = s.article_id
        LEFT JOIN {tables["outlet"]} o ON o.id = a.outlet_id
        WHERE s.actor_id = %(actor)s AND s.topic_id = %(topic)s AND {COUNTED}
        ORDER BY s.statement_date, s.id
    """
    points = f"""
        SELECT s.actor_id, s.id, s.statement_date, s.stance, s.stance_score
        FROM {tables["statement"]} s
        JOIN {tables["article"]} a ON a.id = s.article_id
        WHERE s.actor_id = %(actor)s AND s.topic_id = %(topic)s
          AND s.statement_date IS NOT NULL AND {COUNTED}
    """
    return [summary, chart, points, evidence]


def topics_sql(tables: dict) -> str:
    """Every page shows the active topics (the topic picker), with their versions."""
    return f"""
        SELECT id, slug, title, question, description, is_active, created_at, data_version
        FROM {tables["topic"]} WHERE is_active ORDER BY title
    """


def actor_sql(tables: dict) -> str:
    """A timeline shows its actor (heading, aliases), found by the slug in its URL."""
    return f"""
        SELECT ac.*, al.surface FROM {tables["actor"]} ac
        LEFT JOIN {tables["alias"]} al ON al.actor_id = ac.id
        WHERE ac.slug = %(slug)s
    """


def overview_sql(tables: dict) -> list[str]:
    """The rows the overview reads from the stored summaries: actors per position, the
    first page of 50 actors (most statements first) with their latest shift, and the 8
    most recent shifts with both statements."""
    return [
        f"""
        SELECT position, count(*) FROM {tables["summary"]} WHERE topic_id = %(topic)s
        GROUP BY position
        """,
        f"""
        SELECT su.*, ac.name, ac.slug, ac.kind, ac.country, ac.affiliation,
               sh.from_position, sh.to_position, sh.after_date
        FROM {tables["summary"]} su
        JOIN {tables["actor"]} ac ON ac.id = su.actor_id
        LEFT JOIN {tables["shift"]} sh ON sh.id = su.latest_shift_id
        WHERE su.topic_id = %(topic)s
        ORDER BY su.statement_count DESC, lower(ac.name), su.actor_id
        LIMIT 50
        """,
        f"""
        SELECT sh.*, ac.name, ac.slug, b.quote, b.statement_date, f.quote, f.statement_date
        FROM {tables["shift"]} sh
        JOIN {tables["actor"]} ac ON ac.id = sh.actor_id
        JOIN {tables["statement"]} b ON b.id = sh.before_statement_id
        JOIN {tables["statement"]} f ON f.id = sh.after_statement_id
        WHERE sh.topic_id = %(topic)s
        ORDER BY sh.after_date DESC, sh.after_statement_id DESC
        LIMIT 8
        """,
    ]


def run(*, requests: int, warmup: int, budget_s: float, out=print) -> list[Result]:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from accounts.roles import Role
    from accounts.services import user_set_role
    from articles.models import Article, Outlet
    from positions.models import (
        Actor,
        ActorAlias,
        ActorTopicMonth,
        ActorTopicSummary,
        Shift,
        Statement,
        Topic,
    )
    from positions.selectors import CHART_POINTS_MAX

    # Measure as production runs: no query log, no debug toolbar-like overhead.
    settings.DEBUG = False

    total = Statement.objects.count()
    out(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}, {total} statements")
    if connection.vendor != "postgresql":
        out("warning: the targets are for PostgreSQL; these figures are only indicative")
    if total == 0:
        out("no statements: fill the database first, e.g.")
        out("  manage.py seed_scale --actors 20000 --articles 200000 --statements 1000000")
        return []

    tables = {
        "statement": connection.ops.quote_name(Statement._meta.db_table),
        "article": connection.ops.quote_name(Article._meta.db_table),
        "outlet": connection.ops.quote_name(Outlet._meta.db_table),
        "actor": connection.ops.quote_name(Actor._meta.db_table),
        "summary": connection.ops.quote_name(ActorTopicSummary._meta.db_table),
        "shift": connection.ops.quote_name(Shift._meta.db_table),
        "month": connection.ops.quote_name(ActorTopicMonth._meta.db_table),
        "topic": connection.ops.quote_name(Topic._meta.db_table),
        "alias": connection.ops.quote_name(ActorAlias._meta.db_table),
    }
    busiest_topic = (
        Statement.objects.counted()
        .with_stance()
        .filter(topic__isnull=False)
        .values("topic_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    topic = Topic.objects.get(pk=busiest_topic["topic_id"])
    per_actor = list(
        Statement.objects.counted()
        .with_stance()
        .filter(topic=topic, actor__isnull=False)
        .values("actor_id")
        .annotate(n=Count("id"))
        .order_by("-n", "actor_id")
    )
    busiest = Actor.objects.get(pk=per_actor[0]["actor_id"])
    median = Actor.objects.get(pk=per_actor[len(per_actor) // 2]["actor_id"])
    out(
        f"topic {topic.slug}: {busiest_topic['n']} statements by {len(per_actor)} actors; "
        f"busiest actor {per_actor[0]['n']}, median actor {per_actor[len(per_actor) // 2]['n']}"
    )

    user = user_set_role(username="bench-analyst", role=Role.ANALYST)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    def page(url: str) -> Callable[[], object]:
        def fetch():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return response

        return fetch

    def cold(fetch: Callable[[], object]) -> Callable[[], object]:
        """The same request with an empty page cache: what the first analyst to open the
        page after a change waits for (clearing is not timed)."""

        def fetch_cold():
            cache.clear()
            timed_fetch = time.perf_counter()
            fetch()
            return time.perf_counter() - timed_fetch

        return fetch_cold

    def raw(sqls: list[str], params: dict) -> Callable[[], int]:
        def fetch() -> int:
            rows = 0
            with connection.cursor() as cursor:
                for sql in sqls:
                    cursor.execute(sql, params)
                    rows += len(cursor.fetchall())
            return rows

        return fetch

    cases = []
    for label, actor, n in (
        ("busiest actor", busiest, per_actor[0]["n"]),
        ("median actor", median, per_actor[len(per_actor) // 2]["n"]),
    ):
        url = f"{reverse('positions:actor', args=[actor.slug])}?topic={topic.slug}"
        sqls = [
            topics_sql(tables),
            actor_sql(tables),
            *timeline_sql(tables, aggregated=n > CHART_POINTS_MAX),
        ]
        cases.append(
            (
                f"actor timeline ({label})",
                url,
                sqls,
                {"actor": actor.pk, "topic": topic.pk, "slug": actor.slug},
            )
        )
    cases.append(
        (
            "topic overview",
            reverse("positions:topic", args=[topic.slug]),
            [topics_sql(tables), *overview_sql(tables)],
            {"topic": topic.pk},
        )
    )
    # Not in the targets' table of issue 5, measured all the same: shifts and compare.
    top = [Actor.objects.get(pk=row["actor_id"]).slug for row in per_actor[:3]]
    cases.append(
        (
            "shifts (busiest topic)",
            f"{reverse('positions:shifts')}?topic={topic.slug}",
            [
                topics_sql(tables),
                f"""SELECT count(*) FROM {tables["shift"]} WHERE topic_id = %(topic)s""",
                overview_sql(tables)[2].replace("LIMIT 8", "LIMIT 25"),
            ],
            {"topic": topic.pk},
        )
    )
    compare_ids = [row["actor_id"] for row in per_actor[:3]]
    in_ids = "(" + ", ".join(str(int(i)) for i in compare_ids) + ")"
    compare_sql = timeline_sql(
        tables, aggregated=sum(row["n"] for row in per_actor[:3]) > CHART_POINTS_MAX, compare=True
    )
    cases.append(
        (
            "compare (3 busiest actors)",
            f"{reverse('positions:compare')}?topic={topic.slug}&"
            + "&".join(f"actor={slug}" for slug in top),
            [
                topics_sql(tables),
                f"""SELECT su.*, ac.name FROM {tables["summary"]} su
                    JOIN {tables["actor"]} ac ON ac.id = su.actor_id
                    WHERE su.topic_id = %(topic)s ORDER BY su.statement_count DESC LIMIT 200""",
                *(
                    sql.replace("actor_id = %(actor)s", f"actor_id IN {in_ids}")
                    for sql in compare_sql[1:4]
                ),
            ],
            {"topic": topic.pk},
        )
    )

    results = []
    for name, url, sqls, params in cases:
        try:
            page(url)()
        except Exception as exc:  # a broken page must not hide the other figures
            out(f"{name}: {url} failed: {exc}")
            continue
        page_times = measure(page(url), requests=requests, warmup=warmup, budget_s=budget_s)
        cold_times = measure(
            cold(page(url)), requests=len(page_times), warmup=warmup, budget_s=budget_s
        )
        rows = raw(sqls, params)()
        raw_times = measure(
            raw(sqls, params), requests=len(page_times), warmup=warmup, budget_s=budget_s
        )
        results.append(
            Result(
                name=name,
                url=url,
                rows=rows,
                requests=len(page_times),
                p50_ms=round(statistics.median(page_times), 2),
                p95_ms=round(percentile(page_times, 95), 2),
                raw_p50_ms=round(statistics.median(raw_times), 2),
                raw_p95_ms=round(percentile(raw_times, 95), 2),
                cold_p50_ms=round(statistics.median(cold_times), 2),
                cold_p95_ms=round(percentile(cold_times, 95), 2),
            )
        )
    print_table(results, out=out)
    return results


def print_table(results: list[Result], out=print) -> None:
    header = (
        f"{'page':<30} {'rows':>7} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'raw p50':>8} {'raw p95':>8} {'x p50':>6} {'x p95':>6}  {'target':<7}"
        f"{'cold p50':>9} {'cold p95':>9}"
    )
    out(header)
    out("-" * len(header))
    for r in results:
        verdict = "ok" if r.ok else "MISSED"
        out(
            f"{r.name:<30} {r.rows:>7} {r.requests:>4} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} "
            f"{r.raw_p50_ms:>8.1f} {r.raw_p95_ms:>8.1f} {r.ratio_p50:>6.1f} {r.ratio_p95:>6.1f}"
            f"  {verdict:<7}{r.cold_p50_ms:>9.1f} {r.cold_p95_ms:>9.1f}"
        )
    out(
        f"targets: page p95 <= {TARGET_P95_MS:.0f} ms and <= {TARGET_RATIO:.0f}x raw SQL p95 "
        "(x = page time / raw SQL time)"
    )
    out(
        "cold: the same page with an empty page cache (the first view after the data of its "
        "topic changed); the targets are for the repeated view"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per page (50)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per measurement at most (60)"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    setup_django()
    results = run(requests=args.requests, warmup=args.warmup, budget_s=args.budget)
    if args.json:
        payload = [
            {**asdict(r), "ratio_p50": r.ratio_p50, "ratio_p95": r.ratio_p95, "ok": r.ok}
            for r in results
        ]
        Path(args.json).write_text(json.dumps(payload, indent=2))
    if args.strict and (not results or not all(r.ok for r in results)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
