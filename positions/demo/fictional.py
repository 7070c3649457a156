"""The fictional demo topic, its outlets and its actors (all invented for the product).

Veloria is an invented country. Its third city, Port Calder, wants a weekday congestion toll
on the Kestrel Bridge; the national transport ministry must approve it. The demo corpus in
`corpus/` (DESIGN §5 format, with gold labels) follows the dispute from January 2023 to
December 2024, with several actors changing their position on the way:

- Mirela Dragan, the transport minister: oppose (2023) → neutral (2024-01..06) → support (2024-09);
- the transport ministry: oppose (2023) → support (2024-11);
- Ilario Vance, the prime minister, and the government: neutral → support (2024-09/11);
- Lise Marand and the Chamber of Commerce: support (2023) → oppose (2024).

`load_fictional()` is idempotent: it finds everything by slug and only fills in what is
missing, so running it twice leaves the same rows.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from articles.models import Outlet
from positions.models import Actor, Topic
from positions.services import actor_add_alias, unique_actor_slug

TOPIC = {
    "slug": "kestrel-bridge-toll",
    "title": "Kestrel Bridge congestion toll",
    "question": "Should Port Calder introduce a congestion toll on the Kestrel Bridge?",
    "description": (
        "Port Calder, Veloria's third city, has asked the national government for permission to "
        "charge drivers who cross the Kestrel Bridge on weekdays, and to spend the money on a tram "
        "line for the Eastbank. Support: favours introducing, approving or keeping the toll. "
        "Oppose: wants it refused, scrapped or repealed, or warns against it. Neutral: explicitly "
        "undecided, waiting for a review, deferring to others. (A fictional topic for the demo.)"
    ),
    # Bare "toll" only as a weak cue: "death toll" and "took a toll" are everywhere in other
    # topics' news.
    "cue_phrases": [
        "Kestrel Bridge",
        "Port Calder",
        "congestion charge",
        "congestion toll",
        "bridge toll",
        "charge drivers",
        "bridge tax",
        "pilot toll",
        "toll revenue",
        "pay to cross",
        # Weak: they name the topic only in an article that already does ("death toll").
        {"phrase": "toll", "weak": True},
        {"phrase": "tolls", "weak": True},
        {"phrase": "the charge", "weak": True},
    ],
    # Phrases marked generic lean a statement already about the toll; they do not name it
    # ("not now" or "a tax on" turn up in any news).
    "support_cues": [
        "approve the toll",
        "introduce a toll",
        "in favour of the toll",
        "backed the toll",
        "backs the toll",
        "support the toll",
        {"phrase": "the right thing to do", "generic": True},
        {"phrase": "cannot come soon enough", "generic": True},
        {"phrase": "will happen", "generic": True},
        {"phrase": "pays for itself", "generic": True},
        "pay for the trams",
        {"phrase": "clear mandate", "generic": True},
        {"phrase": "proud to sign", "generic": True},
        "urged the government to let",
        {"phrase": "approved", "generic": True},
        # The case for it: congestion and dirty air.
        "gridlock",
        "queues",
        "fumes",
        "breathe",
        "clean the air",
        {"phrase": "best news", "generic": True},
    ],
    "oppose_cues": [
        "bridge tax",
        "against the toll",
        "against any toll",
        "scrap the toll",
        {"phrase": "repeal", "generic": True},
        {"phrase": "abolish", "generic": True},
        {"phrase": "vote it down", "generic": True},
        {"phrase": "reject it", "generic": True},
        {"phrase": "turned against", "generic": True},
        {"phrase": "will not approve", "generic": True},
        {"phrase": "not sign off", "generic": True},
        "should not be made to pay",
        "punish commuters",
        "taxed off",
        "fight the toll",
        "no toll",
        {"phrase": "not now", "generic": True},
        {"phrase": "more harm than good", "generic": True},
        # The case against it: cost and fairness.
        {"phrase": "unfair", "generic": True},
        {"phrase": "a tax on", "generic": True},
        {"phrase": "pay twice", "generic": True},
        {"phrase": "send the bill", "generic": True},
        {"phrase": "blunt instrument", "generic": True},
        {"phrase": "U-turn", "generic": True},
        {"phrase": "go-slow", "generic": True},
    ],
    "neutral_cues": [
        "no decision",
        "not yet made up",
        "open mind",
        "taken no decision",
        "wait for the review",
        "review is under way",
        "decide by the autumn",
        "in due course",
        "both sides",
        "not going to tell you",
        "listening to every side",
        "still studying",
    ],
}

OUTLETS = [
    {"name": "The Calder Courier", "slug": "calder-courier", "domain": "caldercourier.example"},
    {"name": "Velorian Press Agency", "slug": "velorian-press-agency", "domain": "vpa.example"},
    {"name": "Northgate Herald", "slug": "northgate-herald", "domain": "northgateherald.example"},
    {"name": "Radio Veloria", "slug": "radio-veloria", "domain": "radioveloria.example"},
    {"name": "The Eastbank Ledger", "slug": "eastbank-ledger", "domain": "eastbankledger.example"},
]

P, ORG, G, GR = (
    Actor.Kind.PERSON,
    Actor.Kind.ORGANISATION,
    Actor.Kind.GOVERNMENT,
    Actor.Kind.GROUP,
)

# Aliases are the surface forms articles use. Bare descriptions that could mean anyone
# ("the minister", "the government", "the union") are left to in-article resolution so that
# the demo actors do not capture speakers in other topics' articles.
ACTORS = [
    {
        "slug": "mirela-dragan",
        "name": "Mirela Dragan",
        "kind": P,
        "role": "Minister of Transport",
        "affiliation": "Government of Veloria",
        "aliases": [
            "Dragan",
            "Transport Minister Mirela Dragan",
            "Minister Dragan",
            "the transport minister",
            "Veloria's transport minister",
        ],
    },
    {
        "slug": "anselm-roker",
        "name": "Anselm Roker",
        "kind": P,
        "role": "Mayor of Port Calder",
        "affiliation": "Port Calder City Council",
        "aliases": ["Roker", "Mayor Anselm Roker", "Mayor Roker", "the mayor of Port Calder"],
    },
    {
        "slug": "ilario-vance",
        "name": "Ilario Vance",
        "kind": P,
        "role": "Prime Minister of Veloria",
        "affiliation": "Government of Veloria",
        "aliases": ["Vance", "Prime Minister Ilario Vance", "the Velorian prime minister"],
    },
    {
        "slug": "osric-bellamy",
        "name": "Osric Bellamy",
        "kind": P,
        "role": "Minister of Finance",
        "affiliation": "Government of Veloria",
        "aliases": ["Bellamy", "Finance Minister Osric Bellamy", "the finance minister"],
    },
    {
        "slug": "gerda-holm",
        "name": "Gerda Holm",
        "kind": P,
        "role": "Leader of the opposition",
        "affiliation": "Civic Renewal Party",
        "aliases": ["Holm", "opposition leader Gerda Holm", "the opposition leader"],
    },
    {
        "slug": "bruno-kessel",
        "name": "Bruno Kessel",
        "kind": P,
        "role": "General secretary",
        "affiliation": "Velorian Hauliers' and Drivers' Union",
        "aliases": ["Kessel"],
    },
    {
        "slug": "lise-marand",
        "name": "Lise Marand",
        "kind": P,
        "role": "President",
        "affiliation": "Port Calder Chamber of Commerce",
        "aliases": ["Marand"],
    },
    {
        "slug": "oona-fairweather",
        "name": "Oona Fairweather",
        "kind": P,
        "role": "Chair",
        "affiliation": "Eastbank Residents' Association",
        "aliases": ["Fairweather"],
    },
    {
        "slug": "priya-halloran",
        "name": "Priya Halloran",
        "kind": P,
        "role": "Transport economist",
        "affiliation": "University of Port Calder",
        "aliases": ["Halloran", "Dr Priya Halloran"],
    },
    {
        "slug": "velorian-ministry-of-transport",
        "name": "Velorian Ministry of Transport",
        "kind": G,
        "role": "Ministry",
        "affiliation": "Government of Veloria",
        "aliases": [
            "Ministry of Transport",
            "the transport ministry",
            "Veloria's transport ministry",
            "the Velorian transport ministry",
        ],
    },
    {
        "slug": "velorian-government",
        "name": "Velorian Government",
        "kind": G,
        "role": "National government",
        "affiliation": "",
        "aliases": ["Government of Veloria", "the Velorian government", "Veloria's government"],
    },
    {
        "slug": "civic-renewal-party",
        "name": "Civic Renewal Party",
        "kind": ORG,
        "role": "Opposition party",
        "affiliation": "",
        "aliases": ["Civic Renewal", "the opposition Civic Renewal Party"],
    },
    {
        "slug": "port-calder-city-council",
        "name": "Port Calder City Council",
        "kind": G,
        "role": "City council",
        "affiliation": "",
        "aliases": ["the city council", "Port Calder council"],
    },
    {
        "slug": "bridge-caucus",
        "name": "Bridge Caucus",
        "kind": GR,
        "role": "Cross-party group of 23 deputies",
        "affiliation": "Parliament of Veloria",
        "aliases": ["the Bridge Caucus", "the caucus"],
    },
    {
        "slug": "velorian-hauliers-and-drivers-union",
        "name": "Velorian Hauliers' and Drivers' Union",
        "kind": ORG,
        "role": "Trade union",
        "affiliation": "",
        "aliases": ["Hauliers' and Drivers' Union", "the hauliers' union", "VHDU"],
    },
    {
        "slug": "port-calder-chamber-of-commerce",
        "name": "Port Calder Chamber of Commerce",
        "kind": ORG,
        "role": "Business association",
        "affiliation": "",
        "aliases": ["the Port Calder Chamber of Commerce", "the Chamber of Commerce"],
    },
]
COUNTRY = "Veloria"


def demo_corpus_dir() -> Path:
    """The demo corpus (DESIGN §5 format: `articles/*.txt` and `gold.jsonl`)."""
    return Path(__file__).resolve().parent / "corpus"


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load_fictional(*, stdout=None) -> dict[str, int]:
    """Create or update the demo topic, outlets and actors. Safe to run any number of times.

    Returns how many of each were created on this run.
    """
    created = {"topics": 0, "outlets": 0, "actors": 0, "aliases": 0}

    topic_fields = {k: v for k, v in TOPIC.items() if k != "slug"}
    topic, was_created = Topic.objects.get_or_create(slug=TOPIC["slug"], defaults=topic_fields)
    if was_created:
        created["topics"] += 1
    else:
        # Fill in what is missing; an admin's edits to the topic stay.
        changed = [k for k in topic_fields if not getattr(topic, k)]
        for k in changed:
            setattr(topic, k, topic_fields[k])
        if changed:
            topic.save()

    for spec in OUTLETS:
        outlet = (
            Outlet.objects.filter(slug=spec["slug"]).first()
            or Outlet.objects.filter(name__iexact=spec["name"]).first()
        )
        if outlet is None:
            Outlet.objects.create(country=COUNTRY, **spec)
            created["outlets"] += 1
        elif not outlet.domain:
            outlet.domain = spec["domain"]
            outlet.save(update_fields=["domain"])

    for spec in ACTORS:
        fields = {
            "name": spec["name"],
            "kind": spec["kind"],
            "role": spec["role"],
            "affiliation": spec["affiliation"],
            "country": COUNTRY,
        }
        actor = Actor.objects.filter(slug=spec["slug"]).first()
        if actor is None:
            # An actor of that name may already have been created from an article's text.
            actor = Actor.objects.active().filter(name__iexact=spec["name"]).first()
        if actor is None:
            slug = spec["slug"]
            if Actor.objects.filter(slug=slug).exists():  # pragma: no cover - defensive
                slug = unique_actor_slug(spec["name"])
            actor = Actor.objects.create(slug=slug, **fields)
            created["actors"] += 1
        else:
            # Fill in what is missing; never overwrite what an editor changed.
            missing = [k for k, v in fields.items() if v and not getattr(actor, k)]
            for k in missing:
                setattr(actor, k, fields[k])
            if missing:
                actor.save()
        before = actor.aliases.count()
        for surface in [spec["name"], *spec["aliases"]]:
            actor_add_alias(actor=actor, surface=surface)
        created["aliases"] += actor.aliases.count() - before

    _say(
        stdout,
        f"Fictional topic '{TOPIC['slug']}': {created['topics']} topic, "
        f"{created['outlets']} outlets, {created['actors']} actors, "
        f"{created['aliases']} aliases created "
        f"({len(ACTORS)} actors, {len(OUTLETS)} outlets in all).",
    )
    return created
