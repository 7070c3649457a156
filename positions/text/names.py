"""Name normalisation shared by alias matching and evaluation scoring."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Titles and honorifics dropped before names are compared ("President Vladimir Putin").
LEADING_TITLES = (
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "minister",
    "secretary",
    "secretary of state",
    "secretary general",
    "general",
    "gen",
    "admiral",
    "senator",
    "sen",
    "rep",
    "representative",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "king",
    "queen",
    "the",
    "vice president",
    "foreign minister",
    "defence minister",
    "defense minister",
    "defense secretary",
    "defence secretary",
    "national security adviser",
    "national security advisor",
    "pope",
)
_TITLE_RE = re.compile(
    r"^(?:(?:"
    + "|".join(sorted((re.escape(t) for t in LEADING_TITLES), key=len, reverse=True))
    + r")\s+)+"
)
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")


# Letters that carry their accent in the letter itself, so decomposing leaves them as they
# are: "Radosław" is "Radoslaw" in English-language copy, "Støre" is "Store".
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
        "þ": "th",
        "Þ": "Th",
    }
)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case, strip accents, turn punctuation into spaces and squeeze whitespace."""
    if text.isascii():  # the common case, and decomposing is the slow part
        no_accents = text
    else:
        decomposed = unicodedata.normalize("NFKD", text).translate(_UNDECOMPOSED)
        no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    no_punct = _PUNCT_RE.sub(" ", no_accents.lower().replace("'s ", " ").replace("’s ", " "))
    return _SPACE_RE.sub(" ", no_punct).strip()


def normalize_name(text: str) -> str:
    """fold() and drop leading titles: 'U.S. Secretary of State Antony Blinken' stays
    comparable with 'Antony Blinken' only through aliases, but 'President Putin' and
    'Putin' compare equal."""
    folded = fold(text)
    stripped = _TITLE_RE.sub("", folded).strip()
    return stripped or folded


# One first name, several romanisations: news copy spells Russian, Belarusian and Ukrainian
# names each its own way ("Aleksandr" in state media, "Alexander" on the wires).
_FIRST_NAME_SPELLINGS = (
    ("Alexander", "Aleksandr", "Alexandr"),
    ("Alexei", "Alexey", "Aleksei", "Aleksey"),
    ("Sergei", "Sergey"),
    ("Serhiy", "Serhii", "Sergiy"),
    ("Dmitry", "Dmitri", "Dmitriy"),
    ("Dmytro", "Dmitro"),
    ("Yuri", "Yury", "Yuriy"),
    ("Andrei", "Andrey"),
    ("Andriy", "Andrii"),
    ("Nikolai", "Nikolay"),
    ("Yevgeny", "Evgeny", "Yevgeniy", "Evgeniy"),
    ("Anatoly", "Anatoliy"),
    ("Vasily", "Vasiliy", "Vassily"),
    ("Grigory", "Grigoriy"),
    ("Georgy", "Georgiy"),
    ("Valery", "Valeriy"),
    ("Vitaly", "Vitaliy", "Vitalii"),
    ("Oleksiy", "Oleksii"),
    ("Mykhailo", "Mykhaylo"),
    ("Maria", "Mariya"),
    ("Natalia", "Natalya"),
)
_SPELLINGS_OF = {name: group for group in _FIRST_NAME_SPELLINGS for name in group}
# "Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi": one surname ending, four spellings.
_SKY_ENDING_RE = re.compile(r"(?<=[a-z])(?:skyy|skyi|skiy|skii|sky)$")
_SKY_ENDINGS = ("sky", "skyy", "skiy", "skyi")


def romanisations(name: str) -> list[str]:
    """Other spellings of a person's name as news copy romanises it, `name` not included."""
    words = name.split()
    if len(words) < 2:
        return []
    firsts = _SPELLINGS_OF.get(words[0], (words[0],))
    surname = words[-1]
    ending = _SKY_ENDING_RE.search(surname)
    lasts = tuple(surname[: ending.start()] + e for e in _SKY_ENDINGS) if ending else (surname,)
    middle = words[1:-1]
    spelled = [" ".join([first, *middle, last]) for first in firsts for last in lasts]
    return [s for s in dict.fromkeys(spelled) if s != name]
