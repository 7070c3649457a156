"""Speaker noun phrases: who a mention names, what kind of actor it is, and who a pronoun
or a bare surname points back to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .aliases import bare_body, country_of, owned_body_before, variants
from .lexicon import (
    CAP_STOP,
    CAPITALS,
    COUNTRIES,
    DETERMINERS,
    GOV_HEADS,
    GROUP_HEADS,
    NP_LINKS,
    ORG_HEADS,
    PRONOUNS,
    ROLE_HELD_AT,
    ROLE_LINKS,
    ROLE_WORDS,
    TITLE_WORDS,
)
from .names import fold
from .tokens import Token

PERSON = "person"
ORGANISATION = "organisation"
GOVERNMENT = "government"
COUNTRY = "country"
GROUP = "group"

_NAME_PARTICLES = frozenset({"von", "van", "der", "de", "al", "bin", "la", "le", "du", "da", "del"})
_INNER_LINKS = frozenset({"within", "in", "of", "from", "at", "for"})
_SPOKES = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "representative",
        "source",
        "aide",
        "adviser",
        "advisor",
        "officials",
        "sources",
    }
)
_NOT_QUALIFIERS = frozenset(
    {
        "senior",
        "top",
        "unnamed",
        "anonymous",
        "former",
        "deputy",
        "press",
        "high-ranking",
        "one",
        "another",
        "'s",
        "’s",
    }
)
DOCUMENTS = frozenset(
    {
        "letter",
        "statement",
        "communique",
        "communiqué",
        "declaration",
        "memo",
        "report",
        "message",
        "note",
        "post",
        "petition",
        "resolution",
    }
)


@dataclass(frozen=True)
class Speaker:
    mention: str  # as written: "U.S. Secretary of State Antony Blinken", "He"
    start: int
    end: int
    name: str  # what the text says the actor is called: "Antony Blinken"
    role: str = ""  # "U.S. Secretary of State"
    kind: str = PERSON
    # Names to look the actor up by, most specific first.
    candidates: tuple[str, ...] = ()
    pronoun: bool = False
    confidence: float = 0.95
    definite: bool = False  # "the minister": points back to someone already named


# "He" and "she" go to the latest person of that sex. The text tells it by a title or a
# role word ("Mrs", "spokeswoman"), else by a common first name; a name it cannot tell
# (most surnames, rare first names) fits either pronoun. The name lists are plain text,
# one word per name, split once at import.
_FEMALE_WORDS = frozenset(
    {
        "mrs",
        "ms",
        "miss",
        "madam",
        "madame",
        "dame",
        "lady",
        "baroness",
        "queen",
        "princess",
        "duchess",
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "businesswoman",
        "councilwoman",
        "stateswoman",
    }
)
_MALE_WORDS = frozenset(
    {
        "mr",
        "sir",
        "lord",
        "baron",
        "king",
        "prince",
        "duke",
        "spokesman",
        "chairman",
        "congressman",
        "businessman",
        "councilman",
        "statesman",
    }
)
_FEMALE_NAMES = frozenset(
    """alice angela anna anne annalena antje beata brigitte catherine christine claudia dana
    elena elisabeth elizabeth elise ellen emily eva evelyn giorgia hanna hannah helen
    hillary ingrid irina iryna jacinda jane janet jennifer jill julia julie kaja kamala
    karen karine kate katarina kateryna kathleen kirsten kristen laura linda liz louise lucy
    margaret margrethe maria marie marine marta mary melinda mette michelle natalia natalya
    nancy nikki olena olga penny petra priti rachel sabrina sahra sandra sanna sarah sophie
    suella susan svetlana tatiana tatyana theresa ulla ursula valentina victoria viktoria
    virginia yulia agnieszka alexandra amy beate ewa halyna jessica katja kemi kristalina
    lisa natalie oksana olha roberta sabine samantha simone tamara ulrike yvette""".split()  # noqa: SIM905
)
_MALE_NAMES = frozenset(
    """aleksandr alexander alexei andrei andrew andrii andriy antony anthony ben benjamin bill
    boris charles chris christian dan daniel david denys dmitry dmytro donald emmanuel frank
    friedrich gabriel george grant hakeem herman igor ivan jake james jean jeff jens jim joe
    john jonathan josep joseph keir keith kevin kurt lars lloyd mark matthew michael mike
    mikhail mitch mykhailo mykola nikolai nikita olaf oleksandr oleksii oleg pedro peter
    rishi robert rolf ruslan sergei sergey sergiy stephen steffen steve thomas tim tom
    valery vasily viktor vladimir volodymyr wolfgang yuri andrzej anton antonio chuck
    dmitri fumio jd marco mateusz pete radoslaw ramzan recep rustem vitali vitaliy
    yevgeny""".split()  # noqa: SIM905
)
FEMALE = "f"
MALE = "m"
_FIRST_NAMES = _FEMALE_NAMES | _MALE_NAMES
# Party members, not nationalities, though they end like one ("the Louisiana Republican").
_PARTIES = frozenset({"republican", "republicans", "democrat", "democratic", "democrats"})


def gender_of(speaker: Speaker) -> str:
    """FEMALE, MALE or "" (cannot tell) for a person the text has named."""
    words = fold(f"{speaker.role} {speaker.mention}").split()
    if any(w in _FEMALE_WORDS for w in words):
        return FEMALE
    if any(w in _MALE_WORDS for w in words):
        return MALE
    name = fold(speaker.name).split()
    if len(name) >= 2:
        if name[0] in _FEMALE_NAMES:
            return FEMALE
        if name[0] in _MALE_NAMES:
            return MALE
    return ""


def _pronoun_gender(word: str) -> str:
    return {"she": FEMALE, "her": FEMALE, "he": MALE, "his": MALE, "him": MALE}.get(
        word.lower(), ""
    )


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and word not in CAP_STOP


_NATIONALITY_RE = re.compile(r"[A-Z][a-z]+(?:ian|an|ese|ish|ic|i)$|French|Dutch|Swiss|Greek|Czech")


def _common_head(word: str) -> bool:
    """A common noun that heads a description ("the ministry", "officials"), even when
    capitalised at the start of a sentence."""
    w = word.lower()
    return w in DETERMINERS or w in GROUP_HEADS or w in ORG_HEADS or w in GOV_HEADS


def _role_word(word: str) -> bool:
    """Part of a description, not a name: "the Velorian leader", "the Russian president"."""
    return (
        not _is_cap(word)
        or word.lower() in TITLE_WORDS
        or bool(_NATIONALITY_RE.match(word))
        or word.endswith(("'s", "’s"))  # "Poland's Minister": whose, not who
    )


# Unions the noun-phrase readers test against, made once (rebuilding them per token showed
# in the benchmark's profile).
_ROLE_OR_GROUP = ROLE_WORDS | GROUP_HEADS
_HEADS = ROLE_WORDS | ORG_HEADS | GOV_HEADS | GROUP_HEADS
_LEADING_DETERMINERS = DETERMINERS | {"the", "a", "an", "same"}
_GOV_OR_ORG = GOV_HEADS | ORG_HEADS


def _take_plural_possessor(tokens: list[Token], k: int) -> bool:
    """ "the hauliers' union": the mark at k is a plural possessive, so the noun goes too."""
    return tokens[k - 1].lower.isalpha()


def np_backward(tokens: list[Token], end: int, lo: int = 0) -> int:
    """Index where the speaker noun phrase ending at tokens[end - 1] begins (== end: none)."""
    k = end - 1
    begin = end
    while k >= lo:
        tok = tokens[k]
        if tok.quote is not None:
            break
        word, low = tok.text, tok.lower
        if low in ("'s", "’s"):
            ok = begin < end
        elif low in ROLE_LINKS and low not in ("of",):
            ok = (
                begin < end
                and k > lo
                and (
                    tokens[k - 1].lower in _ROLE_OR_GROUP
                    # "the Institute for the Study of War"
                    or (tokens[k - 1].lower in _INSTITUTIONS and _is_cap(tokens[k - 1].text))
                )
            )
        elif low in NP_LINKS:
            ok = begin < end
        elif low == "same":
            ok = begin < end and k > lo and tokens[k - 1].lower == "the"  # "the same official"
        elif (
            _is_cap(word)
            or low in ROLE_WORDS
            or low in DETERMINERS
            or low in GROUP_HEADS
            or (word.isdigit() and begin < end)  # "a group of 12 senators"
            or (low in DOCUMENTS and begin == end)  # "the letter said"
            or (
                low in ("'", "’")
                and begin < end
                and k > lo
                and tokens[k - 1].lower.endswith("s")
                and _take_plural_possessor(tokens, k)
            )
            or (word[:1].isupper() and low in ("the", "a", "an"))
        ):
            ok = True
        else:
            ok = False
        if not ok:
            break
        begin = k
        k -= 1
        if low in ("'", "’"):  # the plural noun before a possessive mark belongs too
            begin = k
            k -= 1
    while begin < end and (tokens[begin].lower in NP_LINKS or tokens[begin].lower in ("'s", "’s")):
        begin += 1
    # "Dolmar's harbour master Mara Quist", "Veloria's transport ministry", "the transport
    # minister": plain words that qualify a name or a role, after a possessor or "the".
    heads = _HEADS
    if begin < end and (_is_cap(tokens[begin].text) or tokens[begin].lower in heads):
        k = begin - 1
        while k >= lo and begin - k <= 3 and tokens[k].lower.isalpha() and tokens[k].text.islower():
            k -= 1
        if (
            k < begin - 1
            and k - 1 >= lo
            and tokens[k].lower in ("'s", "’s")
            and _is_cap(tokens[k - 1].text)
        ):
            begin = k - 1
        elif (
            k < begin - 1
            and k >= lo
            and tokens[k].lower in ("the", "a", "an")
            and (begin - k <= 3 and tokens[end - 1].lower in heads)
        ):
            begin = k
    return begin


def np_forward(tokens: list[Token], start: int, hi: int | None = None) -> int:
    """Index one past the speaker noun phrase that starts at tokens[start]."""
    hi = len(tokens) if hi is None else hi
    k = start
    while k < hi:
        tok = tokens[k]
        if tok.quote is not None:
            break
        word, low = tok.text, tok.lower
        if low in ("'s", "’s"):
            ok = k > start
        elif low in NP_LINKS:
            ok = k > start and (low not in ROLE_LINKS or tokens[k - 1].lower in _ROLE_OR_GROUP)
        elif _is_cap(word) or low in ROLE_WORDS or low in GROUP_HEADS:
            ok = True
        elif low in _QUANTITY_OF:  # "a handful of House Republicans"
            ok = k + 1 < hi and tokens[k + 1].lower == "of"
        elif low in DETERMINERS or low in ("the", "a", "an"):
            ok = k == start or tokens[k - 1].lower in NP_LINKS
        elif low == "same":
            ok = k > start and tokens[k - 1].lower == "the"  # "the same official"
        else:
            ok = False
        if not ok:
            break
        k += 1
    while k > start and (tokens[k - 1].lower in NP_LINKS or tokens[k - 1].lower in DETERMINERS):
        k -= 1
    return k


_QUANTITY_OF = frozenset({"group", "number", "dozens", "hundreds", "scores", "handful", "couple"})
_NUMBER_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
    | {"dozen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)


def _counted_group(toks: list[Token]) -> int:
    """How many words count a named group before its members: "group of 12" in "group of
    12 Lib Dem MPs", "more than 40" in "more than 40 Conservative MPs"; 0 otherwise."""
    k = 0
    while k < len(toks) - 1:
        low, nxt = toks[k].lower, toks[k + 1].lower
        if (low in _QUANTITY_OF and nxt == "of") or (low, nxt) in (
            ("more", "than"),
            ("at", "least"),
            ("fewer", "than"),
        ):
            k += 2
        elif low.isdigit() or low in _NUMBER_WORDS or (k and low in ("a", "an")) or low == "of":
            k += 1
        else:
            break
    rest = toks[k:]
    if not k or not rest or rest[-1].lower not in GROUP_HEADS:
        return 0
    return k if any(_is_cap(t.text) for t in rest) else 0


def _holds_another_role(mentioned: list[str], role: str) -> bool:
    """ "Union chancellor candidate Friedrich Merz" does not hold the role "chancellor": a
    role word ("candidate", "adviser", "spokesman") or "hopeful" after it makes another."""
    if role not in mentioned:
        return False
    after = mentioned[mentioned.index(role) + 1 : mentioned.index(role) + 2]
    return bool(after) and (after[0] in ROLE_WORDS or after[0] == "hopeful")


def pronoun_speaker(tok: Token, kind: str) -> Speaker:
    """ "he", "their" as a speaker still to be resolved to whom it points back to."""
    return Speaker(tok.text, tok.start, tok.end, tok.text, kind=kind, pronoun=True, confidence=0.75)


def speaker_from_tokens(text: str, toks: list[Token]) -> Speaker | None:
    """Read a noun phrase as a speaker, or None when it cannot be one."""
    if not toks:
        return None
    if len(toks) == 2 and toks[0].lower == "the" and toks[1].lower in DOCUMENTS:
        # "the letter said", "the statement added": whoever wrote it, named just before.
        tok = toks[1]
        return Speaker(
            text[toks[0].start : tok.end],
            toks[0].start,
            tok.end,
            tok.text,
            kind="any",
            pronoun=True,
            confidence=0.7,
        )
    if len(toks) == 1 and toks[0].lower in PRONOUNS:
        return pronoun_speaker(toks[0], PRONOUNS[toks[0].lower])
    if len(toks) > 2 and toks[0].lower in ("one", "some", "none") and toks[1].lower == "of":
        toks = toks[2:]  # "one of the officials": of the officials the article named
    definite = toks[0].lower == "the"
    while toks and toks[0].lower in _LEADING_DETERMINERS:
        toks = toks[1:]
    toks = toks[_counted_group(toks) :]
    if not toks:
        return None
    last = toks[-1]
    low = last.lower
    if (
        low in NP_LINKS
        or low in ("'s", "’s")
        or (last.text[:1].isupper() and last.text in CAP_STOP)
    ):
        return None
    has_cap = any(_is_cap(t.text) and t.lower not in DETERMINERS for t in toks)
    is_head = low in ROLE_WORDS or low in GROUP_HEADS or low in ORG_HEADS or low in GOV_HEADS
    if not has_cap and not is_head:
        return None
    mention = text[toks[0].start : toks[-1].end]
    # "Bruno Kessel of the hauliers' union": a named person, with where they work as role.
    for i, tok in enumerate(toks[2:], start=2):
        if tok.lower in ("of", "from", "at"):
            person = speaker_from_tokens(text, toks[:i])
            if (
                person is not None
                and person.kind == PERSON
                and len(person.name.split()) >= 2
                and all(w[:1].isupper() for w in person.name.split())
                and not role_only(person.name)  # "Deputy Minister of ... Sergei Ryabkov"
            ):
                return replace(
                    person,
                    mention=mention,
                    end=toks[-1].end,
                    role=text[tok.start : toks[-1].end],
                    candidates=tuple(dict.fromkeys((*person.candidates, mention))),
                )
            break
    # A person's name: the run of capitalised non-title words at the end.
    name_start = len(toks)
    if not is_head:
        while name_start > 0:
            t = toks[name_start - 1]
            if t.lower in _NAME_PARTICLES and name_start < len(toks):
                name_start -= 1
                continue
            if not _is_cap(t.text) or t.lower in TITLE_WORDS or t.lower.rstrip(".") in TITLE_WORDS:
                break
            if t.lower[-1:] == "s" and t.lower[:-1] in TITLE_WORDS:
                break  # "Senators Ann Roe and Jim Lake": a plural title
            if "-" in t.lower and any(p in TITLE_WORDS for p in t.lower.split("-")):
                break  # "President-elect", "Vice-Chancellor": a title, hyphenated
            name_start -= 1
        while name_start < len(toks) and toks[name_start].lower in _NAME_PARTICLES:
            name_start += 1
    # "President of Estonia Alar Karis": the country where the role is held, then the name.
    if (
        len(toks) - name_start >= 3
        and name_start >= 2
        and toks[name_start - 1].lower in ROLE_HELD_AT
        and country_of(toks[name_start].text)
    ):
        name_start += 1
    name_toks = toks[name_start:]
    core = fold(mention)
    inner_group = any(
        t.lower in GROUP_HEADS and i + 1 < len(toks) and toks[i + 1].lower in _INNER_LINKS
        for i, t in enumerate(toks)
    )
    # "a group of Conservative MPs on the Commons defence committee": the MPs, as a group.
    group_of = any(
        t.lower == "group" and toks[i + 1].lower == "of" for i, t in enumerate(toks[:3][:-1])
    )
    if low in GROUP_HEADS or inner_group or group_of:
        kind = GROUP
    elif low in GOV_HEADS or (len(toks) == 1 and low in CAPITALS):
        kind = GOVERNMENT
    elif low in ORG_HEADS or core in ("nato", "pentagon"):
        kind = ORGANISATION
    elif len(toks) == 1 and low in COUNTRIES:
        kind = COUNTRY
    elif name_toks and len(name_toks) <= 4 or low in ROLE_WORDS:
        kind = PERSON
    else:
        kind = ORGANISATION
    if toks[0].text[:1].isupper() and (
        (toks[0].lower in _INSTITUTIONS and len(toks) > 2 and toks[1].lower in ("of", "for"))
        or (low in _INSTITUTIONS and all(_is_cap(t.text) for t in toks))
    ):
        # "the Institute for the Study of War", "the Royal United Services Institute": a
        # body, not a person named "War".
        kind, name_toks = ORGANISATION, []
    held = _role_held_at(toks)
    if held and (
        kind == ORGANISATION or (kind == PERSON and name_start > held and len(name_toks) == 1)
    ):
        # "the ambassador in Berlin", "the President of the Republic", "the secretary general
        # of NATO": a role and where it is held, not a body nor a person named "Republic".
        kind, name_toks = PERSON, []
    if kind == PERSON and name_toks and len(name_toks) <= 4:
        name = text[name_toks[0].start : name_toks[-1].end]
        role = text[toks[0].start : toks[name_start - 1].end] if name_start > 0 else ""
    else:
        name, role = mention, ""
    candidates = [mention]
    if name != mention:
        candidates.append(name)
    if kind == PERSON and _MIDDLE_INITIAL_RE.search(name):
        candidates.append(_MIDDLE_INITIAL_RE.sub(" ", name))  # "Michael R. Turner"
    if kind == GROUP:
        candidates.extend(_group_candidates(text, toks))
        # "CDU lawmakers in the Bundestag": the group before where it sits.
        lowered = [t.lower for t in toks]
        where = next((i for i, w in enumerate(lowered) if w in ("in", "at", "from", "on")), 0)
        if where >= 2:
            candidates.append(text[toks[0].start : toks[where - 1].end])
        # "a group of Conservative MPs on the Commons defence committee": "Conservative MPs".
        candidates.extend(
            cut.group(1)
            for candidate in list(candidates)
            if (cut := _WHERE_CUT_RE.match(candidate)) and len(cut.group(1).split()) >= 2
        )
        # "more than 30 Conservative MPs", "21 lawmakers": the group without its count.
        head = mention.split()[-1]
        candidates.extend(
            uncounted
            for candidate in list(candidates)
            if (uncounted := _COUNT_RE.sub("", candidate)) != candidate
            and uncounted.endswith(head)
            and len(uncounted.split()) >= 2
        )
    if toks[0].lower in _SPOKES and len(toks) > 2 and toks[1].lower in ("for", "of", "at"):
        # "the spokesperson for the Valdorian government" speaks for the government.
        body = [t for t in toks[2:] if t.lower not in ("the", "a", "an")] or toks[2:]
        name = text[body[0].start : body[-1].end]
        candidates.append(name)
    if kind == PERSON and name == mention and low in _SPOKES and len(toks) > 1:
        # "a Pentagon spokesman", "a government spokesperson": unnamed, they speak for
        # the body that qualifies them.
        qualifier = [t for t in toks[:-1] if t.lower not in _NOT_QUALIFIERS]
        if qualifier:
            candidates.append(text[qualifier[0].start : qualifier[-1].end])
    candidates.extend(variants(candidates))
    return Speaker(
        mention,
        toks[0].start,
        toks[-1].end,
        name,
        role.strip(" ,"),
        kind,
        tuple(dict.fromkeys(candidates)),
        definite=definite,
    )


_INSTITUTIONS = frozenset(
    """institute center centre council ministry foundation commission office agency
    department bureau academy university fund bank service court assembly organisation
    organization""".split()  # noqa: SIM905
)
_BODY_HEADS = (
    GROUP_HEADS
    | ORG_HEADS
    | GOV_HEADS
    | {"group", "committee", "delegation", "caucus", "coalition", "bloc", "faction", "party"}
    | {"council", "panel", "board", "commission"}
)


def _role_held_at(toks: list[Token]) -> int:
    """Index of the preposition after a role ("ambassador in", "leader of"), or 0."""
    for i, tok in enumerate(toks[1:], start=1):
        if tok.lower in ROLE_HELD_AT:
            head = toks[i - 1].lower
            return i if head in ROLE_WORDS and head not in _BODY_HEADS else 0
    return 0


def _described(speaker: Speaker) -> bool:
    """ "the Louisiana Republican", "the CDU chairman": a person described by where they
    are from or their party, and their role; not named."""
    words = speaker.name.split()
    return (
        speaker.definite
        and 2 <= len(words) <= 3
        and (words[-1].lower() in ROLE_WORDS or words[-1].lower() in _PARTIES)
        and words[-1].lower() not in _BODY_HEADS  # "the CDU/CSU group" is a body
        and not any(w.lower() in _FIRST_NAMES for w in words)
    )


def role_only(name: str) -> bool:
    """A description, not a name: "the Russian president", "ambassador in Berlin"."""
    words = name.split()
    return all(_role_word(w) for w in words[: _held_index(words)])


_HEAD_OF = {
    "head of state": frozenset({"president", "king", "queen", "monarch", "emir"}),
    "head of government": frozenset({"prime", "premier", "chancellor"}),
}


def _held_index(words: list[str]) -> int:
    """Where "of/in/for/at" follows the role ("ambassador in Berlin"), else the length."""
    return next((i for i, w in enumerate(words) if i and w.lower() in ROLE_HELD_AT), len(words))


_WHERE_CUT_RE = re.compile(r"(.+?)\s+(?:on|in|at|from)\s+the\s+\S")
_MIDDLE_INITIAL_RE = re.compile(r"(?<=\w)\s+[A-Z]\.\s+(?=[A-Z])")
_COUNT_RE = re.compile(
    r"^(?:(?:a\s+)?group\s+of\s+)?(?:(?:more|fewer)\s+than\s+|at\s+least\s+|about\s+"
    r"|nearly\s+|almost\s+|some\s+|over\s+)?(?:\d+|dozens|scores|hundreds)\s+(?:of\s+)?",
    re.I,
)


def _group_candidates(text: str, toks: list[Token]) -> list[str]:
    """Who a group speaks for: "officials within the X administration" -> the X administration."""
    out: list[str] = []
    for i, tok in enumerate(toks):
        if tok.lower in _INNER_LINKS and i + 1 < len(toks):
            rest = toks[i + 1 :]
            while rest and rest[0].lower in ("the", "a", "an"):
                rest = rest[1:]
            if rest:
                out.append(text[rest[0].start : rest[-1].end])
            break
    # "a bipartisan group of 21 lawmakers": also "group of 21 lawmakers", "21 lawmakers".
    words = [t.text for t in toks]
    lowered = [w.lower() for w in words]
    # "the Bridge Caucus of deputies": the named body before "of" and its members.
    if "of" in lowered:
        head = [t for t in toks[: lowered.index("of")] if t.lower not in DETERMINERS]
        if head and all(_is_cap(t.text) for t in head):
            out.append(text[head[0].start : head[-1].end])
    if "group" in lowered:
        g = lowered.index("group")
        out.append(" ".join(words[g:]))
        if g + 1 < len(words) and lowered[g + 1] == "of":
            out.append(" ".join(words[g + 2 :]))
    # "Biden administration officials", "Pentagon officials": the qualifier names the body.
    qualifier = [
        t
        for t in toks[:-1]
        if t.lower not in DETERMINERS
        and t.lower
        not in (
            "senior",
            "top",
            "high-ranking",
            "former",
            "other",
            "several",
            "some",
            "many",
            "two",
            "three",
            "unnamed",
            "anonymous",
        )
    ]
    if qualifier and qualifier[-1].lower not in _INNER_LINKS:
        out.append(text[qualifier[0].start : qualifier[-1].end])
    return out


def as_mentioned(entity: Speaker, speaker: Speaker, **changes) -> Speaker:
    """`entity`, as `speaker` mentions it here ("he", "the spokesman", "Kirby")."""
    return replace(entity, mention=speaker.mention, start=speaker.start, end=speaker.end, **changes)


@dataclass
class SpeakerTracker:
    """Remembers who the article has mentioned, to resolve "he", "the ministry", "Blinken"."""

    entities: list[Speaker] = field(default_factory=list)
    # Every full personal name seen, speaker or not, so a later bare surname finds it.
    names: list[Speaker] = field(default_factory=list)
    text: str = ""  # the article, for a body last named in passing ("Russia's foreign ministry")

    def note(self, speaker: Speaker) -> None:
        if not speaker.pronoun:
            self.entities.append(speaker)

    def note_name(self, speaker: Speaker) -> None:
        self.names.append(speaker)

    def _named_body(self, speaker: Speaker) -> Speaker | None:
        for candidate in speaker.candidates[1:]:
            words = fold(candidate).split()
            if not words or not all(_common_head(w) or not _is_cap(w) for w in candidate.split()):
                continue
            for entity in reversed(self.entities[-12:]):
                if entity.kind != PERSON and words[-1] in fold(entity.mention).split():
                    # Still a person in the text: "he said" goes on from them.
                    return as_mentioned(
                        entity, speaker, kind=PERSON, role=speaker.name, confidence=0.75
                    )
        return None

    def _head_of(self, titles: frozenset[str]) -> Speaker | None:
        """The latest person named with one of `titles`, or named bare, with no other post
        ("Kremlin spokesman Dmitry Peskov" is not "the head of state")."""
        for entity in reversed(self.entities[-12:]):
            if entity.kind != PERSON:
                continue
            mentioned = fold(f"{entity.mention} {entity.role}").split()
            if not titles.isdisjoint(mentioned):
                return entity
            if not any(w in ROLE_WORDS for w in mentioned):
                return entity
        # Named in passing ("President Oren Falk's warning ..."), not as a speaker.
        for entity in reversed(self.names[-12:]):
            if entity.kind == PERSON and not titles.isdisjoint(
                fold(f"{entity.mention} {entity.role}").split()
            ):
                return entity
        return None

    def resolve(self, speaker: Speaker) -> Speaker | None:
        if speaker.pronoun:
            wanted = {
                PERSON: (PERSON,),
                GROUP: (GROUP, GOVERNMENT, ORGANISATION, COUNTRY),
                ORGANISATION: (ORGANISATION, GOVERNMENT, COUNTRY),
                "any": (PERSON, GROUP, ORGANISATION, GOVERNMENT, COUNTRY),
            }[speaker.kind]
            sex = _pronoun_gender(speaker.mention)
            fallback: Speaker | None = None
            for entity in reversed(self.entities[-12:]):
                if entity.kind not in wanted:
                    continue
                if sex and entity.kind == PERSON and gender_of(entity) not in ("", sex):
                    # "she" after "Mr Lutz": someone named before him, if anyone fits.
                    fallback = fallback or entity
                    continue
                return as_mentioned(entity, speaker, pronoun=True, confidence=0.75)
            if sex:
                # "..., with Maria Zakharova, the spokeswoman, taking to the podium. '...,'
                # she said": named in passing, but the only one the pronoun fits.
                for entity in reversed(self.names[-6:]):
                    if entity.kind == PERSON and gender_of(entity) == sex:
                        return as_mentioned(entity, speaker, pronoun=True, confidence=0.65)
            if fallback is not None:
                return as_mentioned(fallback, speaker, pronoun=True, confidence=0.6)
            return None
        if speaker.kind == PERSON:
            words = fold(speaker.name).split()
            if len(words) == 1:
                # "Sir Keir", "Dame Priti": a knight goes by the first name.
                by_first = fold(speaker.mention).split()[:1] in (["sir"], ["dame"])
                family_first: Speaker | None = None
                for entity in [*reversed(self.entities), *reversed(self.names)]:
                    names = fold(entity.name).split()
                    if entity.kind != PERSON:
                        continue
                    if names[-1:] == words or (by_first and len(names) >= 2 and names[:1] == words):
                        return as_mentioned(
                            entity,
                            speaker,
                            candidates=tuple(dict.fromkeys((*entity.candidates, speaker.mention))),
                            confidence=0.9,
                        )
                    if family_first is None and len(names) == 2 and names[:1] == words:
                        family_first = entity
                if family_first is not None:
                    # "Mao Ning ... Mao said": a family name written first, when no one
                    # else goes by the word.
                    return as_mentioned(
                        family_first,
                        speaker,
                        candidates=tuple(
                            dict.fromkeys((*family_first.candidates, speaker.mention))
                        ),
                        confidence=0.8,
                    )
            if role_only(speaker.name) or _described(speaker):
                # "the spokesman", "the Russian leader": the latest speaker in that role,
                # else the latest person named with it ("welcomed NATO Secretary General
                # Mark Rutte ... The Secretary General stressed ...").
                words = fold(speaker.name).split()
                held = _held_index(words)
                head = words[held - 1 : held]
                # "the head of state": whoever the article calls president, or king.
                titles = _HEAD_OF.get(" ".join(words[-3:]), frozenset())
                if titles:
                    holder = self._head_of(titles)
                    if holder is not None:
                        return as_mentioned(holder, speaker, confidence=0.8)
                named = [n for n in self.names[-12:] if n.role]
                # "a Downing Street spokesperson" is not "Kremlin spokesperson X": the body
                # they speak for must be the same.
                bodies = [w for w in words[: held - 1] if w in _GOV_OR_ORG]
                for entity in [*reversed(self.entities[-12:]), *reversed(named)]:
                    mentioned = fold(entity.mention).split()
                    # ("the same official" after "one of the officials")
                    if head and (head[0] in mentioned or f"{head[0]}s" in mentioned):
                        if _holds_another_role(mentioned, head[0]):
                            continue  # "the chancellor" is not the "chancellor candidate"
                        if bodies and not set(bodies) <= {
                            *mentioned,
                            *fold(entity.role).split(),
                        }:
                            continue
                        return as_mentioned(entity, speaker, confidence=0.8)
                # "a government spokesperson", "a spokesperson for the ministry", unnamed:
                # they speak for the body the article has already named.
                body = self._named_body(speaker)
                if body is not None:
                    return body
                # (Of the role, not of where it is held: "the President of the Republic".)
                nationality = [
                    fold(w)
                    for w in speaker.name.split()[:held]
                    if _NATIONALITY_RE.match(w) and w.lower() not in _PARTIES
                ]
                # (A spokesman or an aide speaks for someone else: not the last person
                # named, "the Prime Minister's official spokesman" after "the Foreign
                # Secretary".)
                if speaker.definite and not (head and head[0] in _SPOKES):
                    # "the head of state added": the person last named; "the Russian
                    # leader", the last one named as Russian.
                    # With no one named as a speaker or subject yet, the last person named
                    # at all ("It is at Meseberg that Emmanuel Macron chose to take the step.
                    # '...', declared the President of the Republic").
                    fallback = (
                        []
                        if self.entities
                        else [n for n in reversed(self.names[-4:]) if n.start < speaker.start]
                    )
                    for entity in [*reversed(self.entities[-4:]), *fallback]:
                        if entity.kind == PERSON and (
                            not nationality
                            or nationality[0] in fold(f"{entity.mention} {entity.role}").split()
                        ):
                            return as_mentioned(entity, speaker, confidence=0.7)
        elif not any(
            _is_cap(w) and not _common_head(w) for w in speaker.mention.split()
        ):  # "Officials at the ministry", "Ministry officials": capitalised only as the
            # sentence's first word
            head = fold(speaker.mention).split()[-1:]
            for entity in reversed(self.entities[-12:]):
                if head and entity.kind == speaker.kind and head[0] in fold(entity.mention).split():
                    return as_mentioned(entity, speaker, confidence=0.8)
            if speaker.kind == GROUP:
                # "officials at the ministry": the ministry the article has already named.
                inner = [
                    c
                    for c in speaker.candidates[1:]
                    if c and (c[0].islower() or all(_common_head(w) for w in c.split()))
                ]
                for candidate in inner:
                    inner_head = fold(candidate).split()[-1:]
                    for entity in reversed(self.entities[-12:]):
                        if (
                            entity.kind != GROUP
                            and inner_head
                            and (inner_head[0] in fold(entity.mention).split())
                        ):
                            return replace(
                                speaker,
                                candidates=(*speaker.candidates, *entity.candidates),
                                name=entity.name,
                                kind=entity.kind,
                            )
        if speaker.kind == ORGANISATION and bare_body(speaker.mention):
            # "the foreign ministry said": the one named with its country before, even if
            # not as a speaker ("Russia's foreign ministry summoned the ambassador").
            owned = owned_body_before(self.text[: speaker.start], speaker.mention)
            if owned:
                return replace(speaker, name=owned[0], candidates=(speaker.mention, *owned))
        return speaker
