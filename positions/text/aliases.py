"""Other names a body or a group goes by, so that one actor collects them all.

"Poland's foreign ministry", "the Polish Ministry of Foreign Affairs" and "the foreign
ministry in Warsaw" are one actor; so are "a group of Tory backbenchers" and "Conservative
MPs", or "a senior British official" and "British officials". The variants are offered as
candidates: the resolver matches an existing actor through any of them, and a new actor
keeps them as aliases.
"""

from __future__ import annotations

import re
from functools import lru_cache

# country (as written after "of" or before "'s") -> its adjective
_DEMONYMS = {
    "russia": "Russian",
    "russian federation": "Russian",
    "united states": "U.S.",
    "ukraine": "Ukrainian",
    "germany": "German",
    "france": "French",
    "britain": "British",
    "united kingdom": "British",
    "uk": "British",
    "poland": "Polish",
    "italy": "Italian",
    "spain": "Spanish",
    "china": "Chinese",
    "iran": "Iranian",
    "turkey": "Turkish",
    "belarus": "Belarusian",
    "canada": "Canadian",
    "japan": "Japanese",
    "estonia": "Estonian",
    "latvia": "Latvian",
    "lithuania": "Lithuanian",
    "finland": "Finnish",
    "sweden": "Swedish",
    "norway": "Norwegian",
    "denmark": "Danish",
    "netherlands": "Dutch",
    "belgium": "Belgian",
    "hungary": "Hungarian",
    "slovakia": "Slovak",
    "czech republic": "Czech",
    "romania": "Romanian",
    "moldova": "Moldovan",
    "georgia": "Georgian",
    "austria": "Austrian",
    "australia": "Australian",
}
_CAPITAL_COUNTRY = {
    "moscow": "russia",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "berlin": "germany",
    "paris": "france",
    "london": "britain",
    "whitehall": "britain",
    "warsaw": "poland",
    "rome": "italy",
    "madrid": "spain",
    "beijing": "china",
    "tehran": "iran",
    "ankara": "turkey",
    "minsk": "belarus",
    "ottawa": "canada",
    "tokyo": "japan",
    "tallinn": "estonia",
    "riga": "latvia",
    "vilnius": "lithuania",
    "helsinki": "finland",
    "stockholm": "sweden",
    "oslo": "norway",
    "copenhagen": "denmark",
    "budapest": "hungary",
    "bratislava": "slovakia",
    "prague": "czech republic",
    "bucharest": "romania",
    "chisinau": "moldova",
    "vienna": "austria",
    "canberra": "australia",
}
_COUNTRY_OF = {adj.lower(): country for country, adj in _DEMONYMS.items()}
_COUNTRY_NAMES = {
    "britain": "the United Kingdom",
    "uk": "the United Kingdom",
    "united kingdom": "the United Kingdom",
    "russian federation": "Russia",
    "united states": "the United States",
    "czech republic": "the Czech Republic",
    "netherlands": "the Netherlands",
}

# How the press writes the two ministries the debate quotes.
_FOREIGN_MINISTRY = r"foreign\s+ministry|ministry\s+of\s+foreign\s+affairs"
_DEFENCE_MINISTRY = r"defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e"
_ANY_MINISTRY = rf"{_FOREIGN_MINISTRY}|{_DEFENCE_MINISTRY}"
# the ways of writing a ministry: canonical short form, then the long forms
_MINISTRIES = {
    "foreign": (
        "Foreign Ministry",
        "Ministry of Foreign Affairs",
        re.compile(rf"{_FOREIGN_MINISTRY}|foreign\s+office", re.I),
    ),
    "defence": ("Defence Ministry", "Ministry of Defence", re.compile(_DEFENCE_MINISTRY, re.I)),
}
_GOVERNMENT_RE = re.compile(r"government", re.I)


def country_of(word: str) -> str:
    """The country a word names ("Poland", "Polish", "Warsaw"), or ""."""
    key = word.lower().strip(".")
    key = key[4:] if key.startswith("the ") else key
    if key in _DEMONYMS:
        return key
    return _COUNTRY_OF.get(key) or _CAPITAL_COUNTRY.get(key, "")


def _body_kind(body: str) -> str:
    for kind, (_, _, pattern) in _MINISTRIES.items():
        if pattern.fullmatch(body.strip()):
            return kind
    return "government" if _GOVERNMENT_RE.fullmatch(body.strip()) else ""


def _owner_and_body(mention: str) -> tuple[str, str]:
    """ "Poland's foreign ministry", "the Ministry of Foreign Affairs of Lithuania", "the
    foreign ministry in Warsaw", "United Kingdom government": (country, kind of body)."""
    words = mention.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in (1, 2)]
    for i in range(len(words) - 1, 0, -1):
        if words[i] in ("of", "in"):
            splits.append((" ".join(words[i + 1 :]), " ".join(words[:i])))
            break
    for owner, body in splits:
        owner = re.sub(r"['’]s$", "", re.sub(r"^the\s+", "", owner))
        country, kind = country_of(owner), _body_kind(body)
        if country and kind and owner[:1].isupper():
            return country, kind
    return "", ""


def body_variants(mention: str) -> list[str]:
    """The usual names of a country's ministry or government named in `mention`."""
    country, kind = _owner_and_body(mention.strip())
    if not country:
        return []
    adjective = _DEMONYMS[country]
    name = _COUNTRY_NAMES.get(country, country.title())
    owner = [] if name.startswith("the ") else [name]  # "Poland's", not "the United States's"
    if kind == "government":
        return [
            f"Government of {name}",
            f"{adjective} government",
            *(f"{n}'s government" for n in owner),
        ]
    short, long, _ = _MINISTRIES[kind]
    return [
        f"{adjective} {short}",
        f"{adjective} {long}",
        f"{long} of {name}",
        *(f"{n}'s {short}" for n in owner),
    ]


# "a senior British official", "two German officials", "officials in Whitehall"
_UNNAMED_RE = re.compile(
    r"^(?:(?:a|an|the|two|three|several|some|many|other)\s+)?(?:(?:senior|top|high-ranking"
    r"|unnamed|anonymous|government)\s+)*(?P<owner>[A-Z][\w.]*)\s+(?:government\s+)?"
    r"(?P<head>officials?|diplomats?|sources?)$"
    r"|^(?P<head2>officials|diplomats|sources)\s+in\s+(?P<owner2>[A-Z]\w+)$"
)


def unnamed_variants(mention: str) -> list[str]:
    """ "a senior British official" -> "British officials": how a group of them is named."""
    match = _UNNAMED_RE.match(mention.strip())
    if not match:
        return []
    owner = match.group("owner") or match.group("owner2")
    head = (match.group("head") or match.group("head2")).lower()
    country = country_of(owner)
    if not country:
        return []
    plural = head if head.endswith("s") else f"{head}s"
    return [f"{_DEMONYMS[country]} {plural}"]


# Parties' other names, and the words for a party's members in a parliament.
_PARTY_SYNONYMS = (
    (re.compile(r"\bTor(?:y|ies)\b"), "Conservative"),
    (re.compile(r"\bGOP\b"), "Republican"),
    (re.compile(r"\bLib Dems?\b"), "Liberal Democrat"),
)
_MEMBERS_RE = re.compile(
    r"^(?P<party>Conservative|Labour|Republican|Democratic|Democrat|Liberal Democrat|Green)s?\s+"
    r"(?P<members>MPs|backbenchers|lawmakers|senators|congressmen|legislators|deputies"
    r"|members of Congress|members of parliament)$"
)


def group_variants(name: str) -> list[str]:
    """ "Tory backbenchers" -> "Conservative backbenchers", "Conservative MPs"."""
    out: list[str] = []
    plain = name
    for pattern, replacement in _PARTY_SYNONYMS:
        plain = pattern.sub(replacement, plain)
    if plain != name:
        out.append(plain)
    match = _MEMBERS_RE.match(plain)
    if match:
        party = "Democratic" if match.group("party") == "Democrat" else match.group("party")
        members = match.group("members")
        if members in ("backbenchers", "members of parliament"):
            out.append(f"{party} MPs")
        if members != "lawmakers":
            out.append(f"{party} lawmakers")
    return out


# Words without which a candidate has no other name here (a cheap test before the rest).
_HINT_RE = re.compile(
    r"ministry|affairs|defen[cs]e|government|foreign|officials?|diplomats?|sources?|Tor(?:y|ies)"
    r"|GOP|Lib Dem|MPs|backbenchers|lawmakers|senators|congressmen|legislators|deputies|members",
    re.I,
)


@lru_cache(maxsize=4096)
def _variants_of(candidate: str) -> tuple[str, ...]:
    if not _HINT_RE.search(candidate):
        return ()
    return (*body_variants(candidate), *unnamed_variants(candidate), *group_variants(candidate))


def variants(candidates: list[str]) -> list[str]:
    """Every other name of the bodies and groups among `candidates`, in order, new ones only."""
    seen = set(candidates)
    out: list[str] = []
    for candidate in candidates:
        for variant in _variants_of(candidate):
            if variant not in seen:
                seen.add(variant)
                out.append(variant)
    return out


_BARE_BODY_RE = re.compile(rf"^(?:the\s+)?(?:{_ANY_MINISTRY})$", re.I)
_OWNED_BODY_RE = re.compile(
    rf"\b(?P<owner>[A-Z][\w.]*)(?:['’]s)?\s+(?P<body>(?i:{_ANY_MINISTRY}))\b"
    rf"|\b(?P<body2>(?i:{_ANY_MINISTRY}))\s+(?:of|in)\s+(?P<owner2>[A-Z]\w+)"
)


def bare_body(mention: str) -> bool:
    """ "the foreign ministry": a ministry whose country the mention does not say."""
    return bool(_BARE_BODY_RE.match(mention.strip()))


def owned_body_before(text: str, mention: str) -> list[str]:
    """The names of the same kind of ministry as `mention` last named with its country in
    `text` ("Russia's foreign ministry summoned the ambassador ... the ministry said")."""
    kind = _body_kind(re.sub(r"^the\s+", "", mention.strip(), flags=re.I))
    for match in reversed(list(_OWNED_BODY_RE.finditer(text))):
        body = match.group("body") or match.group("body2")
        owner = match.group("owner") or match.group("owner2")
        if _body_kind(body) == kind and country_of(owner):
            return body_variants(f"{owner} {body}")
    return []
