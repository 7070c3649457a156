"""Throughput of the pure text pipeline: finder + attribution + dating + cue stance.

A plain script (no Django): `python benchmarks/bench_text.py [--mb 3]`. It repeats varied
fictional paragraphs into a few MB of articles and prints MB of text per second on one
core. The target is at least 1 MB/s (issue 4).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=3.0, help="MB of text to process")
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
    articles = build_corpus(args.mb)
    total = sum(len(a.encode()) for a in articles)
    published = dt.date(2024, 5, 29)
    # A worker stays up for many articles: the first one's one-off costs (regular
    # expressions compiled, tables built) are paid before the clock starts.
    analyse(articles[0], published, [topic])
    # CPU time of this process: one core's work, whatever else the machine is doing.
    started, wall_started = time.process_time(), time.perf_counter()
    statements = 0
    for article in articles:
        statements += len(analyse(article, published, [topic]))
    elapsed = time.process_time() - started
    wall = time.perf_counter() - wall_started
    mb = total / 1_000_000
    print(
        f"text pipeline: {mb:.2f} MB, {len(articles)} articles, {statements} statements: "
        f"{mb / elapsed:.2f} MB/s on one core ({elapsed:.2f} s CPU, {wall:.2f} s wall)"
    )


if __name__ == "__main__":
    main()
