"""`manage.py evaluate CORPUS_DIR`: score statement extraction against gold (DESIGN §5).

Everything happens inside a transaction that is rolled back: the shipped demo topics and
actors are (re)loaded, the corpus articles stored, the same extraction the ingestion task
runs is applied, and nothing of it stays. Actor matching is limited to the shipped actors
(and those the run itself creates), so the user's own data cannot help or hurt the score.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article
from positions import classifier
from positions.evaluation import SystemStatement, read_corpus, score
from positions.extraction import ActorResolver, extract_article
from positions.models import Actor, Stance, Topic

# Modules that ship demo knowledge: (module, loader function).
SHIPPED = (
    ("positions.demo.founding", "load_founding"),
    ("positions.demo.fictional", "load_fictional"),
)
ROWS = (
    "statement_precision",
    "statement_recall",
    "statement_f1",
    "speaker_accuracy",
    "stance_accuracy",
    "stance_macro_f1",
    "date_accuracy",
    "pair_f1",
)


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Score statement extraction on a corpus folder (articles/*.txt + gold.jsonl)."

    def add_arguments(self, parser):
        parser.add_argument("corpus", type=Path)
        parser.add_argument(
            "--topic",
            help="The topic the corpus is about (slug); by default the shipped topic most of "
            "the system's statements on it are about.",
        )
        parser.add_argument("--json", dest="json_file", type=Path, help="Write the figures here.")
        parser.add_argument("--dump", type=Path, help="Write every system statement (JSONL).")
        parser.add_argument("--explain", action="store_true", help="Print each mismatch.")
        parser.add_argument(
            "--with-models",
            action="store_true",
            help="Also use the learned stance models (editors' knowledge).",
        )

    def handle(
        self,
        *args,
        corpus: Path,
        topic=None,
        json_file=None,
        dump=None,
        explain=False,
        with_models=False,
        **options,
    ):
        if not (corpus / "articles").is_dir():
            raise CommandError(f"{corpus} has no articles/ folder.")
        articles, gold = read_corpus(corpus)
        missing = [g for g in gold if g.start < 0]
        for g in missing:
            self.stderr.write(f"gold quote not found in {g.article}: {g.quote[:60]!r}")
        stored_rows: list[list[SystemStatement]] = []
        try:
            with transaction.atomic():
                topics, scope = self._load_shipped(topic)
                resolver = ActorResolver(scope=scope)
                for item in articles:
                    article = Article.objects.create(
                        url=item.meta.get("url", "")[:2000],
                        title=item.meta.get("title", "")[:500],
                        published_date=item.published,
                        text=item.body,
                        content_hash=hashlib.sha256(
                            f"evaluate\0{item.name}\0{item.body}".encode()
                        ).hexdigest(),
                    )
                    if with_models:
                        stored = extract_article(article, topics=topics, resolver=resolver)
                    else:
                        with classifier.models_disabled():
                            stored = extract_article(article, topics=topics, resolver=resolver)
                    stored_rows.append(_system_rows(item.name, stored))
                raise _Rollback
        except _Rollback:
            pass
        # Ingestion classifies every statement on every topic; the gold covers one topic, so
        # statements on the others are not counted (they are `unrelated` to this one).
        scored = topic or _main_topic(stored_rows)
        system = [
            row if row.topic == scored else _unrelated(row)
            for rows in stored_rows
            for row in _one_per_span(rows, scored)
        ]
        self.stdout.write(f"Topic {scored or '(none)'}")
        result = score(system, gold)
        self._print_table(corpus, result)
        if explain:
            self._explain(result, system, gold)
        if json_file:
            json_file.write_text(json.dumps({**result.figures, **result.counts}, indent=2) + "\n")
        if dump:
            with dump.open("w", encoding="utf-8") as fh:
                for row in system:
                    fh.write(json.dumps(row.as_json(), ensure_ascii=False) + "\n")

    def _load_shipped(self, topic_slug: str | None) -> tuple[list[Topic], set[int]]:
        topic_slugs: list[str] = []
        actor_slugs: set[str] = set()
        for module_name, loader in SHIPPED:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            load = getattr(module, loader)
            if module_name.endswith("founding"):
                load(overwrite=True)
            else:
                load()
            spec = getattr(module, "TOPIC", None)
            if spec:
                topic_slugs.append(spec["slug"])
                # Score what the product ships, not an admin's later edits.
                Topic.objects.filter(slug=spec["slug"]).update(
                    **{k: v for k, v in spec.items() if k != "slug"}, is_active=True
                )
            actor_slugs |= _actor_slugs(getattr(module, "ACTORS", []))
        if topic_slug and topic_slug not in topic_slugs:
            raise CommandError(f"Unknown shipped topic {topic_slug!r}; have {topic_slugs}.")
        topics = list(Topic.objects.filter(slug__in=topic_slugs))
        scope = set(Actor.objects.filter(slug__in=actor_slugs).values_list("pk", flat=True))
        return topics, scope

    def _print_table(self, corpus: Path, result) -> None:
        self.stdout.write(f"Corpus {corpus}")
        for key in ROWS:
            self.stdout.write(f"  {key:<22} {result.figures[key]:.3f}")
        counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
        self.stdout.write(f"  ({counts})")

    def _explain(self, result, system, gold) -> None:
        from positions.evaluation import date_matches, speaker_matches

        w = self.stdout.write
        w("\nMatched with a difference:")
        for s, g in sorted(result.matches, key=lambda p: (p[1].article, p[1].start)):
            problems = []
            if not speaker_matches(s, g.speaker):
                problems.append(f"speaker {s.speaker!r} != {g.speaker!r}")
            if s.stance != g.stance:
                problems.append(f"stance {s.stance} != {g.stance}")
            if g.statement_date not in ("", "unknown") and not date_matches(
                s.statement_date, g.statement_date
            ):
                problems.append(f"date {s.statement_date} != {g.statement_date}")
            if problems:
                w(f"  {g.article} [{g.start}] {g.quote[:70]!r}\n      " + "; ".join(problems))
        w("\nMissed gold statements:")
        for g in result.missed:
            near = [
                s for s in system if s.article == g.article and s.start < g.end and g.start < s.end
            ]
            hint = "; ".join(
                f"system has {s.stance} by {s.speaker!r} [{s.start}-{s.end}]" for s in near
            )
            w(
                f"  {g.article} [{g.start}] {g.speaker}: {g.quote[:80]!r}\n"
                f"      {hint or 'nothing found there'}"
            )
        w("\nSystem statements with no gold:")
        for s in result.extra:
            w(f"  {s.article} [{s.start}-{s.end}] {s.stance} by {s.speaker!r}: {s.quote[:80]!r}")


def _actor_slugs(actors) -> set[str]:
    from django.utils.text import slugify

    slugs = set()
    for spec in actors:
        if isinstance(spec, dict):
            slugs.add(spec.get("slug") or slugify(spec.get("name", "")))
        elif isinstance(spec, (tuple, list)) and spec:
            slugs.add(slugify(spec[0]))
    return slugs


def _system_rows(name: str, statements) -> list[SystemStatement]:
    """One row per stored statement (a span on two topics is two rows)."""
    rows = []
    for st in statements:
        aliases = list(st.actor.aliases.values_list("surface", flat=True)) if st.actor else []
        rows.append(
            SystemStatement(
                article=name,
                start=st.start,
                end=st.end,
                quote=st.quote,
                speaker=st.actor.name if st.actor else st.speaker_mention,
                speaker_aliases=aliases,
                stance=st.stance if st.topic_id else Stance.UNRELATED,
                statement_date=st.statement_date.isoformat() if st.statement_date else None,
                confidence=st.confidence,
                topic=st.topic.slug if st.topic_id else "",
            )
        )
    return rows


def _main_topic(row_lists) -> str:
    """The topic most statements that take a stance are on (ties: the first in name order)."""
    counts = Counter(
        row.topic for rows in row_lists for row in rows if row.stance != Stance.UNRELATED
    )
    if not counts:
        return ""
    return min(counts, key=lambda slug: (-counts[slug], slug))


def _one_per_span(rows: list[SystemStatement], topic: str) -> list[SystemStatement]:
    """One row per span: the one on `topic` when there is one."""
    by_span: dict[tuple[int, int], SystemStatement] = {}
    for row in rows:
        key = (row.start, row.end)
        if key not in by_span or row.topic == topic:
            by_span[key] = row
    return sorted(by_span.values(), key=lambda r: r.start)


def _unrelated(row: SystemStatement) -> SystemStatement:
    return replace(row, stance=Stance.UNRELATED)
