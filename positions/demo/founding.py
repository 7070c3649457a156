"""The founding topic and the real actors of its debate (2022–2024), as plain data.

Actors and their usual surface forms are facts about the world, not about any article:
they are what the product ships so that "Blinken", "the secretary of state" and "U.S.
Secretary of State Antony Blinken" resolve to one actor. `load_founding()` is idempotent:
it finds the topic and actors by slug, updates their fields and adds missing aliases.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from positions.models import Actor, Topic
from positions.services import actor_add_alias

TOPIC = {
    "slug": "strike-restrictions",
    "title": "Western weapons and strikes inside Russia",
    "question": (
        "Should Ukraine be allowed to strike targets inside Russia with Western-supplied weapons?"
    ),
    "description": (
        "Whether the countries that arm Ukraine should let it use their weapons — long-range "
        "missiles such as ATACMS, Storm Shadow or Taurus among them — against military targets "
        "on Russian territory. Support: favours lifting the restrictions. Oppose: favours keeping "
        "them (\"we do not encourage nor enable such attacks\"), or warns against or condemns "
        "such strikes. Neutral: explicitly undecided, no change yet, or deferring to others."
    ),
    # What shows that a passage is about the question at all.
    "cue_phrases": [
        "strike inside Russia", "strikes inside Russia", "strike Russia", "strikes on Russia",
        "targets inside Russia", "targets in Russia", "targets on Russian territory",
        "Russian territory", "Russian soil", "inside Russia", "deep into Russia",
        "deep inside Russia", "deep strikes", "long-range missiles", "long-range weapons",
        "longer-range missiles", "longer-range weapons", "long-range strikes", "ATACMS",
        "Storm Shadow", "SCALP", "Taurus", "HIMARS", "Western weapons", "Western-supplied weapons",
        "American-supplied weapons", "US-supplied weapons", "U.S. weapons", "British weapons",
        "German weapons", "weapons we supply", "weapons supplied", "restrictions on the use",
        "restrictions on weapons", "use of Western weapons", "lift restrictions",
        "lift the restrictions", "restrictions", "red line", "red lines", "direct party",
        "party to the conflict", "military targets in Russia", "strike back at Russia",
        "hit targets in Russia", "cross-border strikes", "permission to strike",
    ],
    "support_cues": [
        "lift the restrictions", "lift restrictions", "lifting restrictions", "remove restrictions",
        "ease restrictions", "loosen restrictions", "lift the ban", "no restrictions",
        "without restrictions", "allow Ukraine to strike", "allow Ukraine to use",
        "allow Kyiv to strike", "let Ukraine strike", "let Ukraine use", "permit",
        "permission to strike", "give Ukraine permission", "green light", "should be allowed",
        "must be allowed", "should be able to strike", "must be able to strike",
        "right to strike", "right to defend itself", "legitimate targets",
        "legitimate military targets", "strike back", "hit back",
        {"phrase": "time has come", "weight": 2.0}, {"phrase": "ties one hand", "weight": 2.5},
        {"phrase": "hands tied", "weight": 2.5}, {"phrase": "tied behind", "weight": 2.5},
        {"phrase": "hard for them to defend", "weight": 2.0},
        {"phrase": "very hard for them to conduct defense", "weight": 2.0},
        "fight with one hand", "urge partners to allow", "self-defence", "self-defense",
        "international law allows", "in line with international law", "should be free to",
        "use them as they see fit", "as it sees fit",
    ],
    "oppose_cues": [
        {"phrase": "red line", "weight": 2.0}, {"phrase": "direct party", "weight": 2.0},
        "party to the conflict", "escalation", "escalate", "escalatory", "world war",
        "global conflict", "global war", "nuclear", "provocation", "dangerous",
        {"phrase": "not encourage nor enable", "weight": 3.0},
        {"phrase": "neither encourage nor enable", "weight": 3.0},
        {"phrase": "do not encourage", "weight": 2.0}, {"phrase": "not enable", "weight": 2.0},
        "will not allow", "not allowed", "not permitted", "keep the restrictions",
        "keep restrictions", "maintain the restrictions", "restrictions remain",
        "remain in place", "irresponsible", "reckless", "retaliation", "retaliate",
        "serious consequences", "consequences", "condemn", "threat", "rule out", "ruled out",
        "only on Ukrainian territory", "within Ukraine", "inside Ukraine", "not going to send",
        "terrorist", "aggression against Russia", "will respond", "response",
    ],
    "neutral_cues": [
        "no decision", "decision has not been made", "shift in policy is being considered",
        "is being considered", "under consideration", "considering", "contemplating",
        "weighing", "no change to our policy", "our policy has not changed",
        "make its own decisions", "for Ukraine to decide", "sovereign decision", "case by case",
        "consult with allies", "in close consultation", "not going to get ahead",
    ],
}

PERSON = Actor.Kind.PERSON
ORG = Actor.Kind.ORGANISATION
GOV = Actor.Kind.GOVERNMENT

# name, kind, role, affiliation, country, aliases
ACTORS: list[tuple[str, str, str, str, str, list[str]]] = [
    ("Antony Blinken", PERSON, "U.S. Secretary of State", "U.S. State Department", "United States",
     ["Blinken", "Tony Blinken", "Secretary Blinken", "Secretary of State Antony Blinken",
      "U.S. Secretary of State Antony Blinken", "US Secretary of State Antony Blinken"]),
    ("Joe Biden", PERSON, "President of the United States", "White House", "United States",
     ["Biden", "President Biden", "President Joe Biden", "U.S. President Joe Biden"]),
    ("Lloyd Austin", PERSON, "U.S. Secretary of Defense", "Pentagon", "United States",
     ["Austin", "Defense Secretary Lloyd Austin", "Secretary Austin"]),
    ("Jake Sullivan", PERSON, "U.S. National Security Adviser", "White House", "United States",
     ["Sullivan", "National Security Adviser Jake Sullivan"]),
    ("John Kirby", PERSON, "National Security Council spokesman", "White House", "United States",
     ["Kirby", "National Security Council spokesman John Kirby"]),
    ("Matthew Miller", PERSON, "State Department spokesman", "U.S. State Department",
     "United States", ["Matthew Miller", "State Department spokesman Matthew Miller"]),
    ("Karine Jean-Pierre", PERSON, "White House press secretary", "White House", "United States",
     ["Jean-Pierre"]),
    ("Jens Stoltenberg", PERSON, "NATO Secretary General", "NATO", "Norway",
     ["Stoltenberg", "NATO Secretary General Jens Stoltenberg", "NATO chief Jens Stoltenberg"]),
    ("Mark Rutte", PERSON, "NATO Secretary General", "NATO", "Netherlands",
     ["Rutte", "NATO Secretary General Mark Rutte"]),
    ("Volodymyr Zelensky", PERSON, "President of Ukraine", "Government of Ukraine", "Ukraine",
     ["Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyy",
      "President Zelensky", "Ukrainian President Volodymyr Zelensky"]),
    ("Dmytro Kuleba", PERSON, "Foreign Minister of Ukraine", "Government of Ukraine", "Ukraine",
     ["Kuleba", "Dmitro Kuleba"]),
    ("Andriy Yermak", PERSON, "Head of the Office of the President of Ukraine",
     "Government of Ukraine", "Ukraine", ["Yermak", "Andrii Yermak"]),
    ("Rustem Umerov", PERSON, "Defence Minister of Ukraine", "Government of Ukraine", "Ukraine",
     ["Umerov"]),
    ("Andrii Sybiha", PERSON, "Foreign Minister of Ukraine", "Government of Ukraine", "Ukraine",
     ["Sybiha", "Andriy Sybiha"]),
    ("Vladimir Putin", PERSON, "President of Russia", "Kremlin", "Russia",
     ["Putin", "President Putin", "Russian President Vladimir Putin"]),
    ("Dmitry Peskov", PERSON, "Kremlin spokesman", "Kremlin", "Russia",
     ["Peskov", "Dmitri Peskov", "Kremlin spokesman Dmitry Peskov"]),
    ("Sergei Lavrov", PERSON, "Foreign Minister of Russia", "Russian Foreign Ministry", "Russia",
     ["Lavrov", "Sergey Lavrov"]),
    ("Maria Zakharova", PERSON, "Russian Foreign Ministry spokeswoman", "Russian Foreign Ministry",
     "Russia", ["Zakharova"]),
    ("Dmitry Medvedev", PERSON, "Deputy Chairman of the Security Council of Russia",
     "Security Council of Russia", "Russia", ["Medvedev", "Dmitri Medvedev"]),
    ("Sergei Ryabkov", PERSON, "Deputy Foreign Minister of Russia", "Russian Foreign Ministry",
     "Russia", ["Ryabkov", "Sergey Ryabkov"]),
    ("Vasily Nebenzya", PERSON, "Russian Ambassador to the UN", "Russian Foreign Ministry",
     "Russia", ["Nebenzya", "Vassily Nebenzia", "Nebenzia"]),
    ("Russian Foreign Ministry", ORG, "", "Government of Russia", "Russia",
     ["Russia's foreign ministry", "Russian foreign ministry", "Russian Ministry of Foreign Affairs",
      "Ministry of Foreign Affairs of Russia", "Russia's Ministry of Foreign Affairs",
      "the Russian Foreign Ministry", "Russian MFA"]),
    ("Kremlin", GOV, "", "Government of Russia", "Russia",
     ["the Kremlin", "Moscow", "Russian government", "Russia's government", "Government of Russia",
      "Russia", "Russian officials", "Kremlin officials"]),
    ("Russian Ministry of Defence", ORG, "", "Government of Russia", "Russia",
     ["Russian Defence Ministry", "Russian Defense Ministry", "Russia's defence ministry",
      "Russia's defense ministry", "Russian Ministry of Defense", "Russian military"]),
    ("Pentagon", ORG, "U.S. Department of Defense", "U.S. government", "United States",
     ["the Pentagon", "U.S. Department of Defense", "Department of Defense", "Pentagon officials",
      "Defense Department"]),
    ("Biden administration", GOV, "", "U.S. government", "United States",
     ["the Biden administration", "U.S. administration", "US administration",
      "U.S. government", "US government", "United States government", "Washington",
      "U.S. officials", "US officials", "American officials", "Biden administration officials",
      "administration officials", "United States", "the United States", "U.S.", "US"]),
    ("White House", GOV, "", "U.S. government", "United States",
     ["the White House", "White House officials"]),
    ("State Department", ORG, "U.S. Department of State", "U.S. government", "United States",
     ["the State Department", "U.S. State Department", "US State Department",
      "Department of State"]),
    ("Government of Ukraine", GOV, "", "", "Ukraine",
     ["Ukraine's government", "Ukrainian government", "Kyiv", "Kiev", "Ukraine",
      "Ukrainian officials", "Ukrainian authorities", "Kyiv's government", "Ukrainian leaders"]),
    ("Emmanuel Macron", PERSON, "President of France", "Élysée", "France",
     ["Macron", "French President Emmanuel Macron"]),
    ("Olaf Scholz", PERSON, "Chancellor of Germany", "German government", "Germany",
     ["Scholz", "Chancellor Olaf Scholz", "German Chancellor Olaf Scholz"]),
    ("Boris Pistorius", PERSON, "Defence Minister of Germany", "German government", "Germany",
     ["Pistorius"]),
    ("Annalena Baerbock", PERSON, "Foreign Minister of Germany", "German government", "Germany",
     ["Baerbock"]),
    ("German government", GOV, "", "", "Germany",
     ["Germany's government", "Berlin", "Germany", "Government of Germany"]),
    ("Rishi Sunak", PERSON, "Prime Minister of the United Kingdom", "UK government",
     "United Kingdom", ["Sunak"]),
    ("Keir Starmer", PERSON, "Prime Minister of the United Kingdom", "UK government",
     "United Kingdom", ["Starmer", "Sir Keir Starmer"]),
    ("David Cameron", PERSON, "UK Foreign Secretary", "UK government", "United Kingdom",
     ["Cameron", "Lord Cameron", "Foreign Secretary David Cameron"]),
    ("David Lammy", PERSON, "UK Foreign Secretary", "UK government", "United Kingdom",
     ["Lammy"]),
    ("Grant Shapps", PERSON, "UK Defence Secretary", "UK government", "United Kingdom",
     ["Shapps"]),
    ("John Healey", PERSON, "UK Defence Secretary", "UK government", "United Kingdom",
     ["Healey"]),
    ("UK government", GOV, "", "", "United Kingdom",
     ["British government", "London", "Britain", "United Kingdom", "Downing Street",
      "Government of the United Kingdom", "UK Ministry of Defence", "British officials"]),
    ("Josep Borrell", PERSON, "EU High Representative for Foreign Affairs", "European Union",
     "Spain", ["Borrell"]),
    ("Ursula von der Leyen", PERSON, "President of the European Commission", "European Union",
     "Germany", ["von der Leyen"]),
    ("Kaja Kallas", PERSON, "Prime Minister of Estonia, later EU High Representative", "", "Estonia",
     ["Kallas"]),
    ("Donald Trump", PERSON, "Former and President-elect of the United States", "Republican Party",
     "United States", ["Trump", "President-elect Donald Trump", "President-elect Trump"]),
    ("J.D. Vance", PERSON, "U.S. Senator, Vice President-elect", "Republican Party",
     "United States", ["JD Vance", "Vance"]),
    ("Mike Johnson", PERSON, "Speaker of the U.S. House of Representatives", "Republican Party",
     "United States", ["Speaker Mike Johnson", "House Speaker Mike Johnson"]),
    ("Michael McCaul", PERSON, "Chairman of the House Foreign Affairs Committee",
     "Republican Party", "United States", ["McCaul", "Rep. Michael McCaul", "Mike McCaul"]),
    ("Andrzej Duda", PERSON, "President of Poland", "", "Poland", ["Duda"]),
    ("Radoslaw Sikorski", PERSON, "Foreign Minister of Poland", "", "Poland",
     ["Sikorski", "Radosław Sikorski"]),
    ("Giorgia Meloni", PERSON, "Prime Minister of Italy", "", "Italy", ["Meloni"]),
    ("Viktor Orban", PERSON, "Prime Minister of Hungary", "", "Hungary", ["Orban", "Viktor Orbán"]),
]


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load_founding(*, stdout=None) -> dict[str, int]:
    """Create or update the founding topic and its actors; safe to run any number of times."""
    topic, created = Topic.objects.get_or_create(
        slug=TOPIC["slug"], defaults={k: v for k, v in TOPIC.items() if k != "slug"}
    )
    if not created:
        changed = [k for k, v in TOPIC.items() if getattr(topic, k) != v]
        for key in changed:
            setattr(topic, key, TOPIC[key])
        if changed:
            topic.save()
    actors_created = 0
    for name, kind, role, affiliation, country, aliases in ACTORS:
        actor, made = Actor.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "kind": kind, "role": role, "affiliation": affiliation,
                      "country": country},
        )
        actors_created += int(made)
        if actor.merged_into_id:
            continue  # an editor merged it away; leave their decision alone
        for surface in [name, *aliases]:
            actor_add_alias(actor=actor, surface=surface)
    _say(stdout, f"Founding topic {topic.slug}: {len(ACTORS)} actors ({actors_created} new).")
    return {"topics": int(created), "actors": actors_created}
