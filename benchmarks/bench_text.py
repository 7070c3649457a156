"""Throughput of the pure text pipeline: finder + attribution + dating + cue stance.

`python benchmarks/bench_text.py [--mb 3] [--rounds 3]`. It repeats varied fictional
paragraphs into a few MB of articles and prints MB of text per second on one core. The
target is at least 1 MB/s (issue 4), on a machine where pySBD alone runs at about 0.5 MB/s.

Machines differ, and a shared virtual machine's speed drifts from minute to minute, so
pySBD (a dev dependency) segments each article right after the pipeline reads it: the
ratio of the two is what carries from one machine to another, and each set's second line
gives the pipeline's speed scaled to the issue's reference machine. It runs on the
generated articles and on the labelled corpora under tests/corpus (news-shaped text).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from positions.text.pipeline import analyse  # noqa: E402
from positions.text.stance import TopicCues  # noqa: E402

# Invented people and places; sentences written for this benchmark.
PARAGRAPHS = [
    "Defence Minister Halla Brekke said on Monday that Ukraine should be allowed to strike "
    "military targets inside Russia with the missiles her country supplies.",
    "'We will not lift the restrictions while the risk of escalation is this high,' "
    "Chancellor Otto Grimsrud told reporters in Varnholm.",
    "“Nobody wants a wider war,” said Foreign Ministry spokeswoman Irina Volkan. “But those who "
    "hand over long-range weapons must know what follows.”",
    "The Foreign Ministry of Estavia has warned that any strike on Russian soil would make the "
    "supplying countries a direct party to the conflict.",
    "According to officials in the Varnholm government, no decision has been made yet.",
    "«Мы не позволим» — the phrase, the ministry said, was a «serious warning» to the West.",
    "A group of opposition lawmakers urged the prime minister to give Ukraine permission to "
    "use the weapons as it sees fit.",
    "Brekke, who visited Kyiv last week, added: „Ukraine has the right to defend itself, and "
    "that includes the bases from which it is attacked.“",
    "Share",
    "Sign up for our daily newsletter",
    "Soldiers unload crates of ammunition at a depot near the front, earlier this month",
    "The talks will continue in Brussels on Wednesday, where ministers are expected to discuss "
    "air defence and the winter energy supply.",
    "He said the policy 'has not changed, and will not change without our partners'.",
    "It is time to end the debate, Grimsrud said on Friday, adding that the cabinet would meet "
    "again next week.",
    # Narrative, as most of a news story is: no quotation and no speech verb.
    "The convoy crossed the border before dawn, carrying generators, medical supplies and "
    "spare parts for the air-defence batteries that protect the eastern cities.",
    "Estavia's economy has slowed for three quarters in a row, and the central bank raised its "
    "main rate again in March to defend the currency against further falls.",
    "More than two hundred drones were launched overnight against energy sites in the south, "
    "and repair crews worked through the weekend to restore heating in Dolmar.",
    "The parliament in Varnholm approved a new aid package of 1.2 billion crowns in April after "
    "months of delay that had left several brigades short of artillery shells.",
    "Talks between the two foreign ministries broke off in the autumn, and the embassy in "
    "Rostava has been run by a chargé d'affaires since the ambassador was recalled.",
    "Grain exports through the northern corridor reached their highest level since the war "
    "began, with ships leaving Port Alden almost every day in September.",
    "The alliance's summit in Tarrow next month is expected to focus on air defence, ammunition "
    "production and the long-term financing of Ukraine's armed forces.",
    "Rail traffic between the two capitals resumed on a reduced timetable after engineers "
    "replaced a bridge that had been damaged by a missile in the spring.",
    "Opinion polls show a narrow majority of voters in favour of continued military aid, though "
    "support has fallen among younger voters since the start of the year.",
    "The defence budget for next year rises by eleven per cent, most of it for munitions, "
    "and the finance committee is due to vote on the figures before Christmas.",
    "Refugee arrivals at the western border crossings have slowed since the summer, according "
    "to figures published by the interior ministry.",
    "Shipyards in the north have doubled their output of patrol boats, and two new dry docks "
    "are due to open in Port Alden before the end of the decade.",
]


# Issue 4: "pySBD alone runs at about 0.5 MB/s here".
REFERENCE_PYSBD_MB_S = 0.5


def build_corpus(megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    articles: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        paragraphs = rng.sample(PARAGRAPHS, k=rng.randint(6, len(PARAGRAPHS)))
        article = "\n\n".join(paragraphs)
        articles.append(article)
        size += len(article.encode())
    return articles


def corpus_articles(root: Path) -> list[tuple[str, dt.date | None]]:
    """Every article body of the labelled corpora, with its publication date."""
    from positions.evaluation import read_article

    articles = []
    for path in sorted(root.glob("*/articles/*.txt")):
        article = read_article(path)
        try:
            published = dt.date.fromisoformat(article.meta.get("published", ""))
        except ValueError:
            published = None
        articles.append((article.body, published))
    return articles


def measure(
    name: str,
    articles: list[tuple[str, dt.date | None]],
    topic: TopicCues,
    rounds: int,
    segmenter,
) -> None:
    # A worker stays up for many articles: the first one's one-off costs (regular
    # expressions compiled, tables built) are paid before the clock starts.
    analyse(articles[0][0], articles[0][1], [topic])
    total = sum(len(body.encode()) for body, _ in articles)
    pipeline_best = reference_best = float("inf")
    statements = 0
    clock = time.process_time  # one core's work, whatever else the machine is doing
    for _ in range(rounds):
        pipeline = reference = 0.0
        statements = 0
        for body, published in articles:
            started = clock()
            statements += len(analyse(body, published, [topic]))
            pipeline += clock() - started
            if segmenter is not None:
                # Article by article, right after the pipeline: the machine's speed drifts
                # over seconds, and both then see the same drift.
                started = clock()
                segmenter.segment(body)
                reference += clock() - started
        pipeline_best = min(pipeline_best, pipeline)
        reference_best = min(reference_best, reference) if segmenter is not None else 0.0
    mb = total / 1_000_000
    print(
        f"{name}: {mb:.2f} MB, {len(articles)} articles, {statements} statements: text pipeline "
        f"{mb / pipeline_best:.2f} MB/s on one core ({pipeline_best:.2f} s CPU, fastest of "
        f"{rounds} rounds)"
    )
    if segmenter is not None:
        ratio = reference_best / pipeline_best
        print(
            f"  pySBD on the same articles: {mb / reference_best:.2f} MB/s; the pipeline is "
            f"{ratio:.2f} times as fast, {ratio * REFERENCE_PYSBD_MB_S:.2f} MB/s scaled to the "
            f"issue's reference (pySBD {REFERENCE_PYSBD_MB_S} MB/s; target 1.00)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=3.0, help="MB of generated text")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the fastest is kept")
    parser.add_argument(
        "--no-reference", action="store_true", help="time the pipeline alone, without pySBD"
    )
    parser.add_argument(
        "--no-corpus", action="store_true", help="skip the labelled corpora's articles"
    )
    args = parser.parse_args()
    # The founding topic's real cue lists (a few hundred phrases), as the product runs them.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from positions.demo.founding import TOPIC

    topic = TopicCues.build(
        TOPIC["slug"],
        TOPIC["cue_phrases"],
        TOPIC["support_cues"],
        TOPIC["oppose_cues"],
        TOPIC["neutral_cues"],
    )
    segmenter = None
    if not args.no_reference:
        try:
            import pysbd

            segmenter = pysbd.Segmenter(language="en", clean=False)
        except ImportError:  # a production install: no reference to compare with
            print("pySBD is not installed (pip install -e '.[dev]'): no reference figure")
    rounds = max(1, args.rounds)
    generated = [(article, dt.date(2024, 5, 29)) for article in build_corpus(args.mb)]
    measure("generated paragraphs", generated, topic, rounds, segmenter)
    corpora = Path(__file__).resolve().parent.parent / "tests" / "corpus"
    if not args.no_corpus and corpora.is_dir():
        measure(
            "labelled corpora (news-shaped)", corpus_articles(corpora), topic, rounds, segmenter
        )


if __name__ == "__main__":
    main()
