"""Score extracted statements against a gold corpus (DESIGN §5).

Pure functions over plain records, so the scoring can be tested without a database and
checked against the `--dump` output independently.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .text.names import normalize_name

HEADER_KEYS = ("url", "outlet", "published", "title", "byline", "language")
STANCES = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class CorpusArticle:
    name: str
    meta: dict[str, str]
    body: str

    @property
    def published(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.meta.get("published", ""))
        except ValueError:
            return None


@dataclass
class GoldStatement:
    article: str
    speaker: str
    quote: str
    stance: str
    statement_date: str
    direct: bool
    start: int = -1
    end: int = -1
    notes: str = ""


@dataclass
class SystemStatement:
    article: str
    start: int
    end: int
    quote: str
    speaker: str
    speaker_aliases: list[str]
    stance: str
    statement_date: str | None
    confidence: float
    topic: str = ""

    def as_json(self) -> dict:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "speaker": self.speaker,
            "speaker_aliases": self.speaker_aliases,
            "stance": self.stance,
            "statement_date": self.statement_date,
            "confidence": self.confidence,
            "topic": self.topic,
        }


@dataclass
class Scores:
    figures: dict[str, float]
    counts: dict[str, int]
    matches: list[tuple[SystemStatement, GoldStatement]] = field(default_factory=list)
    missed: list[GoldStatement] = field(default_factory=list)
    extra: list[SystemStatement] = field(default_factory=list)


def read_article(path: Path) -> CorpusArticle:
    """`key: value` header lines, one blank line, then the body, kept byte for byte."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return CorpusArticle(path.name, meta, body)


def read_corpus(folder: Path) -> tuple[list[CorpusArticle], list[GoldStatement]]:
    articles = [read_article(p) for p in sorted((folder / "articles").glob("*.txt"))]
    bodies = {a.name: a.body for a in articles}
    gold: list[GoldStatement] = []
    gold_path = folder / "gold.jsonl"
    lines = gold_path.read_text(encoding="utf-8").splitlines() if gold_path.exists() else []
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        item = GoldStatement(
            article=row["article"],
            speaker=row.get("speaker", ""),
            quote=row["quote"],
            stance=row.get("stance", ""),
            statement_date=str(row.get("statement_date", "unknown")),
            direct=bool(row.get("direct", False)),
            notes=row.get("notes", ""),
        )
        # The gold span is the first occurrence of the quote in the body.
        at = bodies.get(item.article, "").find(item.quote)
        if at >= 0:
            item.start, item.end = at, at + len(item.quote)
        gold.append(item)
    return articles, gold


def _overlap(a: SystemStatement, g: GoldStatement) -> int:
    if g.start < 0:
        return 0
    inter = min(a.end, g.end) - max(a.start, g.start)
    shorter = min(a.end - a.start, g.end - g.start)
    return inter if inter > 0 and inter >= 0.5 * shorter else 0


def speaker_matches(system: SystemStatement, gold_speaker: str) -> bool:
    wanted = normalize_name(gold_speaker)
    return any(normalize_name(n) == wanted for n in [system.speaker, *system.speaker_aliases] if n)


def date_matches(system_date: str | None, gold_date: str) -> bool:
    if not system_date:
        return False
    if len(gold_date) == 7:  # YYYY-MM: any day of that month
        return system_date[:7] == gold_date
    return system_date == gold_date


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(system: list[SystemStatement], gold: list[GoldStatement]) -> Scores:
    counted = [s for s in system if s.stance != "unrelated"]
    pairs = []
    for si, s in enumerate(counted):
        for gi, g in enumerate(gold):
            if s.article == g.article:
                ov = _overlap(s, g)
                if ov:
                    pairs.append((ov, si, gi))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_s: set[int] = set()
    used_g: set[int] = set()
    matches: list[tuple[SystemStatement, GoldStatement]] = []
    for _, si, gi in pairs:
        if si in used_s or gi in used_g:
            continue
        used_s.add(si)
        used_g.add(gi)
        matches.append((counted[si], gold[gi]))
    n_match = len(matches)
    precision = n_match / len(counted) if counted else 0.0
    recall = n_match / len(gold) if gold else 0.0
    speaker_ok = sum(speaker_matches(s, g.speaker) for s, g in matches)
    stance_ok = sum(s.stance == g.stance for s, g in matches)
    dated = [(s, g) for s, g in matches if g.statement_date not in ("", "unknown")]
    date_ok = sum(date_matches(s.statement_date, g.statement_date) for s, g in dated)
    figures = {
        "statement_precision": precision,
        "statement_recall": recall,
        "statement_f1": _f1(precision, recall),
        "speaker_accuracy": speaker_ok / n_match if n_match else 0.0,
        "stance_accuracy": stance_ok / n_match if n_match else 0.0,
        "stance_macro_f1": _macro_f1([(s.stance, g.stance) for s, g in matches]),
        "date_accuracy": date_ok / len(dated) if dated else 0.0,
        "pair_f1": _pair_f1(counted, gold),
    }
    counts = {
        "articles": len({g.article for g in gold} | {s.article for s in system}),
        "gold": len(gold),
        "system": len(counted),
        "matched": n_match,
    }
    missed = [g for gi, g in enumerate(gold) if gi not in used_g]
    extra = [s for si, s in enumerate(counted) if si not in used_s]
    return Scores({k: round(v, 4) for k, v in figures.items()}, counts, matches, missed, extra)


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = [c for c in STANCES if any(c in p for p in pairs)]
    if not labels:
        return 0.0
    total = 0.0
    for c in labels:
        tp = sum(1 for s, g in pairs if s == c and g == c)
        fp = sum(1 for s, g in pairs if s == c and g != c)
        fn = sum(1 for s, g in pairs if s != c and g == c)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        total += _f1(p, r)
    return total / len(labels)


def _pair_f1(system: list[SystemStatement], gold: list[GoldStatement]) -> float:
    tp = n_sys = n_gold = 0
    for article in {g.article for g in gold} | {s.article for s in system}:
        gold_pairs = {(normalize_name(g.speaker), g.stance) for g in gold if g.article == article}
        gold_speakers = {sp for sp, _ in gold_pairs}
        sys_pairs = set()
        for s in system:
            if s.article != article:
                continue
            names = [normalize_name(n) for n in [s.speaker, *s.speaker_aliases] if n]
            # The actor counts under the gold name when one of its names is that name.
            name = next((n for n in names if n in gold_speakers), names[0] if names else "")
            sys_pairs.add((name, s.stance))
        tp += len(sys_pairs & gold_pairs)
        n_sys += len(sys_pairs)
        n_gold += len(gold_pairs)
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return _f1(p, r)
