"""Word lists the finder and the attribution share: speech verbs, titles, heads of noun phrases."""

from __future__ import annotations


def _regular(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"
    return {lemma, third, past, stem + "ing"}


# Verbs that report speech or a stated position. Irregular forms are spelled out.
_REGULAR_SPEECH = """warn suggest argue urge insist stress note add claim state announce indicate
hint signal declare maintain acknowledge admit emphasise emphasize reiterate reject threaten
caution pledge promise predict assert contend deny confirm explain post tweet press appeal demand
ask accuse criticise criticize condemn denounce complain concede repeat reply respond comment
remark propose recommend advocate welcome praise dismiss voice express underline underscore
highlight reaffirm echo allege lament question agree disagree counter observe recall describe
insinuate vow lobby plead""".split()

SPEECH_FORMS: dict[str, str] = {}
for _lemma in _REGULAR_SPEECH:
    for _form in _regular(_lemma):
        SPEECH_FORMS[_form] = _lemma
SPEECH_FORMS.update(
    {
        "say": "say", "says": "say", "said": "say", "saying": "say",
        "tell": "tell", "tells": "tell", "told": "tell", "telling": "tell",
        "write": "write", "writes": "write", "wrote": "write", "written": "write",
        "writing": "write",
        "vowed": "vow", "vows": "vow", "vowing": "vow",
        "spoke": "speak", "speaks": "speak", "speaking": "speak", "speak": "speak",
        "reiterated": "reiterate", "pleaded": "plead",
    }
)
# Words that are also common nouns: accepted as verbs only in these forms.
_NOUN_LIKE = {
    "state", "states", "post", "posts", "note", "notes", "claims", "demand", "demands", "comment",
    "comments", "remark", "remarks", "reply", "replies", "press", "appeal", "appeals", "voice",
    "voices", "echo", "question", "questions", "welcome", "counter", "promise", "promises",
    "pledge", "pledges", "signal", "signals", "hint", "hints", "lobby", "speak", "speaks",
    "speaking", "post", "tweet", "tweets", "describe", "recall", "express", "observe",
    "highlight", "highlights",
}
for _form in _NOUN_LIKE:
    SPEECH_FORMS.pop(_form, None)

# Verbs that need a particle to report speech: "called for", "ruled out", "made clear".
PARTICLE_VERBS: dict[str, tuple[tuple[str, ...], ...]] = {
    "call": (("for",), ("on",)),
    "push": (("for",),),
    "press": (("for",),),
    "make": (("clear",), ("it", "clear")),
    "point": (("out",),),
    "rule": (("out",),),
    "spell": (("out",),),
    "speak": (("out",), ("of",), ("about",)),
    "signal": (("that",),),
}
PARTICLE_FORMS: dict[str, str] = {}
for _lemma in PARTICLE_VERBS:
    for _form in _regular(_lemma):
        PARTICLE_FORMS[_form] = _lemma
PARTICLE_FORMS.update(
    {"made": "make", "makes": "make", "making": "make", "spelt": "spell", "spoke": "speak",
     "speaks": "speak", "speaking": "speak", "signalled": "signal", "signaled": "signal"}
)

WARNING_LEMMAS = frozenset(
    {"warn", "threaten", "caution", "condemn", "denounce", "criticise", "criticize", "accuse"}
)
# Verbs after which a quotation is being attributed ("'...,' she said").
ATTRIBUTION_FORMS = frozenset(SPEECH_FORMS) | frozenset(
    {"posted", "tweeted", "noted", "stated", "replied", "remarked", "commented", "recalled",
     "observed", "countered", "echoed", "questioned", "demanded", "pleaded", "said"}
)

# Words between a subject and its speech verb: "has also repeatedly warned".
AUXILIARIES = frozenset(
    """has have had is was are were be been being will would could might may should can did
    does do also repeatedly previously earlier again publicly reportedly already recently once
    long further then now later separately privately openly explicitly clearly firmly strongly
    bluntly flatly initially first ultimately increasingly consistently frequently often just
    even still keen quick eager careful went sought wanted appeared seemed continued tried
    moved has's yesterday today only personally directly specifically""".split()
)
TIME_WORDS = frozenset(
    """on monday tuesday wednesday thursday friday saturday sunday last this week month
    earlier""".split()
)
BE_FORMS = frozenset({"is", "was", "are", "were", "be", "been", "being"})
PASSIVE_PARTICIPLES = frozenset(
    {"said", "told", "asked", "warned", "urged", "pressed", "called", "criticised", "criticized",
     "accused", "described", "reported", "expected", "believed", "understood", "known"}
)

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "organisation"}

# Words that may appear inside a speaker's noun phrase in lower case.
ROLE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople minister ministry secretary president
    official officials government administration lawmakers lawmaker senators senator diplomats
    diplomat adviser advisor advisers advisors chief head leader leaders envoy ambassador general
    commander chancellor foreign defence defense deputy prime national security council office
    department press state military army sources source members member representatives
    representative legislators legislator congressmen congresswoman congressman ministers
    authorities agency committee commission chairman chairwoman chair director spokesmen
    embassy mission staff cabinet parliament parliamentarians mps mp alliance party group
    coalition services service intelligence affairs presidential prime-minister republicans
    democrats republican democratic bipartisan senior top high-ranking former acting interim
    western european american russian ukrainian british german french polish us u.s. uk eu
    allied administration's ministry's government's white house speaker caucus delegation
    counterpart counterparts aide aides analysts experts pm premier chief-of-staff""".split()
)
NP_LINKS = frozenset({"of", "for", "within", "in", "at", "from", "on", "and", "'s", "’s", "de",
                      "von", "van", "der", "al", "bin", "la", "le", "du", "da", "del"})
# Links allowed only right after a role word: "officials within", "spokesman for".
ROLE_LINKS = frozenset({"for", "within", "in", "at", "from", "on", "and"})
DETERMINERS = frozenset(
    {"the", "a", "an", "some", "several", "two", "three", "four", "five", "many", "other",
     "most", "few", "dozens", "group", "one", "another", "its", "his", "her", "their"}
)
# Capitalised words that open a sentence or clause but never a speaker's name.
CAP_STOP = frozenset(
    """But And However Meanwhile Yet So Still Also Then Now Earlier Later On In At After Before
    While When Last This That These Those There Here It Its If As Since Until Though Although
    Asked Speaking Instead Indeed Moreover Furthermore Separately Elsewhere Today Yesterday
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Why What How Who Where Both Neither
    Nor Not No Even Only Just Such Like With Without From For By To Of Under Over During
    Despite Among Because Although Whether Once We I You He She They His Her Their Our My
    Your""".split()
)
GROUP_HEADS = frozenset(
    """officials lawmakers senators diplomats sources members leaders ministers republicans
    democrats legislators congressmen representatives allies parliamentarians mps aides
    analysts experts counterparts spokespeople spokesmen advisers advisors""".split()
)
ORG_HEADS = frozenset(
    """ministry department office council agency committee commission service services
    alliance party pentagon nato embassy mission command military army staff parliament
    congress senate bundestag duma rada caucus delegation coalition intelligence un eu""".split()
)
GOV_HEADS = frozenset({"government", "administration", "kremlin", "cabinet", "house", "élysée",
                       "elysee", "downing"})
CAPITALS = frozenset(
    """moscow kyiv kiev washington berlin london paris brussels warsaw beijing tallinn riga
    vilnius minsk tehran ankara rome madrid ottawa canberra tokyo prague budapest""".split()
)
COUNTRIES = frozenset(
    """russia ukraine germany france britain poland china iran turkey belarus italy spain
    canada japan estonia latvia lithuania finland sweden norway denmark netherlands belgium
    hungary slovakia romania moldova georgia""".split()
)
# Capitalised words that are titles or institutions, not parts of a person's name.
TITLE_WORDS = frozenset(
    w.lower()
    for w in """President Secretary General Minister Chancellor Spokesman Spokeswoman
    Spokesperson State Foreign Defence Defense Prime Deputy Vice Senator Sen Rep Representative
    Ambassador Envoy Chief Head Leader Adviser Advisor Director Commander Chairman Chairwoman
    Speaker Mr Mrs Ms Dr Lord Lady Sir Dame Security National Council House Senate NATO U.S. US
    UK EU UN White Kremlin Pentagon Ministry Department Office Affairs Russian Ukrainian American
    British German French Polish Italian European Western Republican Democratic Democrat
    Republicans Democrats Congress Congressman Congresswoman Army Navy Air Force Armed Forces
    Staff Joint Committee Parliament Parliamentary Assembly Administration Government Foreign
    Interior Justice Commission Commissioner High Representative Presidential Press Service
    Intelligence Military Federation Federal Majority Minority Whip Gov Governor Mayor Pope King
    Queen Prince Former Acting Top Senior Ukraine Russia Germany France Britain Poland Moscow
    Kyiv Kiev Washington Berlin London Paris Brussels Lt Col Gen
    Adm Maj Capt Sgt Officials Lawmakers Members Member Group United States Kingdom Union
    Nations MP MPs Rada Duma Bundestag Élysée Elysee Downing Street Allied Ally""".split()
)
# Rulers whose surname names their administration: "Biden administration officials".
NAME_ADMIN_WORDS = frozenset({"administration", "government", "cabinet", "campaign", "team"})
