"""Cold-start stance: a topic's cue phrases, negation, hedging and who is warning whom.

Used until editors have labelled enough statements for a learned model (classifier.py),
and blended with it afterwards.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .lexicon import REJECTING_LEMMAS, URGING_LEMMAS, WARNING_LEMMAS
from .names import fold

SUPPORT = "support"
OPPOSE = "oppose"
NEUTRAL = "neutral"
UNRELATED = "unrelated"

_WORD_RE = re.compile(r"[a-z0-9]+")
_MAX_GAP = 3  # words allowed between the words of a cue phrase ("lift some of the restrictions")
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "t",
        "cannot",
        "without",
        "refus",
        "refusal",
        "reject",
    }
)
# Standing against what follows ("opposed to lifting", "opposes letting"): turns a
# support cue round, and only a support cue ("opposed to escalation" still fears it).
_OPPOSING = frozenset({"oppos"})
# Disapproving of the step it names ("disagreed with the decision to let ...", "condemned
# the move to allow ..."): the same turn, with the object phrase in between.
_CONDEMNING = frozenset(
    {"disagre", "condemn", "criticiz", "criticis", "denounc", "decri", "deplor", "slam"}
)
_CONDEMN_REACH = 8
# Hedges turn what follows into an open question: "contemplating allowing ...".
_HEDGES = (
    "consider",
    "contemplat",
    "weigh",
    "discuss",
    "explor",
    "review",
    "mull",
    "assess",
    "debat",
    "look at",
    "examin",
    "evaluat",
    "could",
    "might",
    # An open question put in so many words: "no decision on letting ...", "whether to ...".
    "no decision",
    "not yet decided",
    "undecided",
    "whether",
    "decision on",
    "question of",
)
# ...unless the speaker is pressing for it: "the time has come to consider ...".
_PRESSING = ("should", "must", "need", "time has come", "urge", "call for", "call on")
# Language of the explicitly undecided or deferring, whatever the topic (DESIGN §3).
# Taking a side in so many words, whatever the question (weighed like any other cue).
GENERIC_SUPPORT = (
    "in favour of",
    "in favor of",
    "came out in favour",
    "the right decision",
    # Working for it ("argued for the change", "campaigning for the plan").
    "campaigning for",
    "campaign for",
    "argued for",
    "pressed for",
    "pushing for",
    "lobbied for",
    "lobbying for",
)
GENERIC_OPPOSE = (
    "opposed to",
    "still opposed",
    "still opposes",
    "we say no",
    # "against" as a preposition ("weapons against the bases") negates nothing; against
    # doing something is opposing it.
    "against allowing",
    "against letting",
    "against lifting",
    "argued against",
    "voted against",
    "disagree with",
    "disagrees with",
    "disagreed with",
)
GENERIC_NEUTRAL = (
    "no decision",
    "decision has not yet been made",
    "not yet decided",
    "no final decision",
    "no change to our policy",
    "no change in policy",
    "no change in position",
    "no change to position",
    "policy has not changed",
    # ...whatever it is called: "no change in our approach to long-range strikes".
    "no change in our approach",
    "no change to our approach",
    "no change to our view",
    "no change in our view",
    "no change to our position",
    "no change in our position",
    "no change to the policy",
    "no change in the policy",
    "no change to us policy",
    "nothing has changed about our policy",
    "nothing has changed in our policy",
    "approach has not changed",
    "view has not changed",
    "our policy remains",
    "not going to speculate",
    "hypothetical",
    "hypotheticals",
    "not going to get into",
    "won't get into",
    "not going to telegraph",
    "won't preview",
    "won't speculate",
    "declined to comment",
    "declined to say",
    "would not say whether",
    "its own decisions",
    "their own decisions",
    "up to them to decide",
    "case by case",
    "get ahead of",
    "nothing to announce",
    # Nothing beyond what is known: "nothing to add to it", "nothing new to report".
    "nothing to add",
    "nothing new to report",
    "nothing new to say",
    "not ruling out",
    "adapt",
    "adjust",
    "evolve",
    "still discussing",
    "under review",
    "keep options open",
)


# Auxiliaries in any tense read alike: "his position had not changed" ~ "has not changed".
_IRREGULAR = {
    "has": "have",
    "had": "have",
    "have": "have",
    "having": "have",
    "is": "be",
    "was": "be",
    "are": "be",
    "were": "be",
    "been": "be",
    "be": "be",
    "being": "be",
    "would": "will",
    "will": "will",
    "won": "will",
    # Not "could" -> "can": "could" hedges ("could allow"), "can" does not ("he can attack").
    "can": "can",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stemmer that maps "strikes", "striking", "strike" to one form."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:
        return word
    for suffix in ("ies", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "permitted" -> "permit"
    return word


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    # Cached: relevance, position cues and stance all read the same statement.
    return tuple(stem(w) for w in _WORD_RE.findall(fold(text)))


# Judging the thing a mistake turns a support cue around.
_BAD_OUTCOME = frozenset(
    stem(w)
    for w in (
        "mistake",
        "error",
        "disaster",
        "folly",
        "wrong",
        "dangerous",
        "reckless",
        "catastrophe",
        "catastrophic",
        "irresponsible",
    )
)


# Dismissing a danger ("fears of escalation are overblown") argues for the step.
_DISMISSED = frozenset(
    stem(w)
    for w in (
        "overblown",
        "exaggerated",
        "overstated",
        "unfounded",
        "baseless",
        "bluff",
        "bluffing",
        "illusion",
        "illusory",
        "myth",
        "fiction",
        "imaginary",
    )
)


_SO_CALLED = [stem("so"), stem("called")]


_MISTAKE = frozenset(stem(w) for w in ("mistake", "error", "wrong", "folly", "blunder"))


# "must not become a wider war", "does not lead to escalation": negating the verb that
# leads to a danger keeps the warning against it.
_BECOMING = frozenset(
    stem(w) for w in ("become", "becomes", "lead", "leads", "turn", "spiral", "spill", "drag")
)


# Warnings of what will follow ("will not go unanswered", "a world war"): whoever says
# them warns against the step, and the step they name ("allowing such strikes") is the
# condition of the warning, not something they favour (DESIGN §3).
_THREAT_WORDS = frozenset(
    stem(w)
    for w in (
        "retaliation",
        "retaliate",
        "retaliatory",
        "unanswered",
        "consequences",
        "response",
        "respond",
        "nuclear",
        "abyss",
        "participants",
        "participation",
        "responsibility",
    )
)
_THREAT_PHRASES = frozenset(
    tuple(words(p))
    for p in (
        "world war",
        "global war",
        "global conflict",
        "wider war",
        "wider conflict",
        "global dimension",
        "war bigger",
        "bigger war",
        "party to the conflict",
        "party to the war",
        "parties to the fight",
        "party to the fight",
        "live with what follows",
        "direct party",
        "act of war",
        "at war with",
        "war with",
        "playing with fire",
        "drag into",
        "dragged into",
        "legitimate targets for",
        "treated as legitimate targets",
        "regarded as legitimate targets",
        "considered legitimate targets",
        "fighting Russia",
    )
)
# Granting leave to act: these describe the step itself, which a threat makes its condition.
_ENABLING_WORDS = frozenset(
    stem(w)
    for w in (
        "allow",
        "allowing",
        "let",
        "letting",
        "permit",
        "permission",
        "lift",
        "lifting",
        "authorise",
        "authorize",
        "green",
        "greenlight",
        "approve",
    )
)


# Words of topic cues that name nothing by themselves.
_FUNCTION_WORDS = frozenset(
    stem(w)
    for w in [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "into",
        "to",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "not",
        "no",
        "its",
        "it",
        "their",
        "such",
        "this",
        "that",
        "these",
        "those",
        "how",
        "far",
        "own",
        "over",
        "across",
        "beyond",
        "back",
        "just",
        "off",
        "use",
    ]
)


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    weight: float
    phrase: str
    vocabulary: frozenset[str] = frozenset()  # its words as a set, for a quick subset test
    generic: bool = False  # shipped for every topic: says nothing about which topic
    weak: bool = False  # names the topic only in an article already about it ("the toll")
    threat: bool = False  # a warning of consequences ("retaliation", "world war")
    enabling: bool = False  # granting leave to act ("allow", "let", "lift", "permission")
    # A position cue that shares a content word with the topic's own cues ("lift the
    # restrictions") names the topic; one that does not ("ruled out", "a tax on") only leans.
    topical: bool = True


def make_cues(entries: list, *, generic: bool = False) -> list[Cue]:
    """Cue entries are strings, or {"phrase": ..., "weight": ..., "weak": ..., "generic":
    ...}: longer phrases weigh more; a weak topic cue counts only in an article that is on
    the topic; a generic position cue ("not now", "unfair") leans a statement already on
    the topic but does not by itself put a statement on it."""
    cues: list[Cue] = []
    for entry in entries or []:
        weak = False
        is_generic = generic
        if isinstance(entry, dict):
            phrase, weight = str(entry.get("phrase", "")), entry.get("weight")
            weak = bool(entry.get("weak", False))
            is_generic = bool(entry.get("generic", generic))
        else:
            phrase, weight = str(entry), None
        ws = tuple(words(phrase))
        if not ws:
            continue
        if weight is None:
            weight = min(1.0 + 0.5 * (len(ws) - 1), 2.5)
        vocabulary = frozenset(ws)
        threat = bool(vocabulary & _THREAT_WORDS) or ws in _THREAT_PHRASES
        enabling = bool(vocabulary & _ENABLING_WORDS)
        cues.append(Cue(ws, float(weight), phrase, vocabulary, is_generic, weak, threat, enabling))
    return cues


@dataclass(frozen=True)
class TopicCues:
    slug: str
    topic_cues: list[Cue]
    support: list[Cue]
    oppose: list[Cue]
    neutral: list[Cue]
    # Topic words too common elsewhere to name the topic alone ("toll": "death toll"):
    # they count in an article that names the topic outright.
    weak_cues: list[Cue] = field(default_factory=list)
    # For each list above, its cues by first word: matching looks up the statement's words
    # instead of trying a few hundred cues one by one.
    first: dict[str, dict[str, list[Cue]]] = field(default_factory=dict)
    # _present's answers for recent statements (a cache, not part of the value).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("topic_cues", "support", "oppose", "neutral", "weak_cues"):
            by_word: dict[str, list[Cue]] = {}
            for cue in getattr(self, name):
                by_word.setdefault(cue.words[0], []).append(cue)
            self.first[name] = by_word

    @classmethod
    def build(
        cls, slug: str, cue_phrases: list, support: list, oppose: list, neutral: list
    ) -> TopicCues:
        topic_cues = make_cues(cue_phrases)
        vocabulary = {w for c in topic_cues if not c.weak for w in c.words} - _FUNCTION_WORDS

        def marked(cues: list[Cue]) -> list[Cue]:
            return [c if c.vocabulary & vocabulary else replace(c, topical=False) for c in cues]

        return cls(
            slug,
            [c for c in topic_cues if not c.weak],
            marked(make_cues(support)) + make_cues(list(GENERIC_SUPPORT), generic=True),
            marked(make_cues(oppose)) + make_cues(list(GENERIC_OPPOSE), generic=True),
            make_cues(neutral) + make_cues(list(GENERIC_NEUTRAL), generic=True),
            [c for c in topic_cues if c.weak],
        )


@dataclass(frozen=True)
class StanceResult:
    stance: str
    score: float  # -1 oppose ... +1 support
    confidence: float
    relevance: float  # 0 unrelated ... 1 the statement itself names the topic
    evidence: list[str] = field(default_factory=list)


def _find(cue: Cue, ws: list[str], index: dict[str, list[int]]) -> list[tuple[int, int]]:
    """(start, end) word positions where the cue occurs, gaps allowed between its words."""
    hits: list[tuple[int, int]] = []
    for w in cue.words:
        if w not in index:  # the common case, checked cheaply
            return hits
    for first in index[cue.words[0]]:
        pos, ok = first, True
        for w in cue.words[1:]:
            nxt = next((p for p in index.get(w, ()) if pos < p <= pos + 1 + _MAX_GAP), None)
            if nxt is None:
                ok = False
                break
            pos = nxt
        if ok:
            hits.append((first, pos + 1))
    return hits


def _index(ws: list[str]) -> dict[str, list[int]]:
    return _index_of(tuple(ws))


@lru_cache(maxsize=4096)
def _index_of(ws: tuple[str, ...]) -> dict[str, list[int]]:
    # Cached like _words: callers only read it.
    index: dict[str, list[int]] = {}
    for i, w in enumerate(ws):
        index.setdefault(w, []).append(i)
    return index


def relevance(topic: TopicCues, text: str, context: str) -> float:
    """How clearly a statement is about the topic: 1 its own words, 0.7 its sentence."""
    ws = words(text)
    index = _index(ws)
    for cue in _present(topic, ("topic_cues",), index):
        if _find(cue, ws, index):
            return 1.0
    for cue in _present(topic, ("support", "oppose"), index):
        if len(cue.words) >= 2 and cue.topical and not cue.generic and _find(cue, ws, index):
            return 1.0
    cws = words(context)
    cindex = _index(cws)
    for cue in _present(topic, ("topic_cues",), cindex):
        if _find(cue, cws, cindex):
            return 0.7
    return 0.0


def weak_relevance(topic: TopicCues, text: str, context: str) -> float:
    """Like `relevance`, from the topic's weak cues only (for an article on the topic)."""
    if not topic.weak_cues:
        return 0.0
    for source, score in ((text, 1.0), (context, 0.7)):
        ws = words(source)
        index = _index(ws)
        for cue in _present(topic, ("weak_cues",), index):
            if _find(cue, ws, index):
                return score
    return 0.0


def _present(topic: TopicCues, names: tuple[str, ...], index: dict[str, list[int]]) -> list[Cue]:
    """Cues of the named lists whose words all occur in the text (before matching positions)."""
    if len(names) == 1:
        return _present_in_list(topic, names[0], index)
    found: list[Cue] = []
    for name in names:
        found.extend(_present_in_list(topic, name, index))
    return found


def _present_in_list(topic: TopicCues, name: str, index: dict[str, list[int]]) -> list[Cue]:
    # Relevance, position cues and stance ask about the same statement's words, list by
    # list: remembered per list and index (kept alive in the entry, so its id cannot be
    # reused while remembered). Callers only read the list returned.
    key = (name, id(index))
    memo = topic.memo
    entry = memo.get(key)
    if entry is not None and entry[0] is index:
        return entry[1]
    found: list[Cue] = []
    by_word = topic.first[name]
    keys = index.keys()
    # In the text's word order, not a set's: the order the cues are weighed in must not
    # change with Python's string hashing from one run to the next.
    for word in index:
        for cue in by_word.get(word, ()):
            if keys >= cue.vocabulary:  # a set comparison, done in C
                found.append(cue)
    if len(memo) >= 8192:
        memo.clear()
    memo[key] = (index, found)
    return found


def has_position_cue(topic: TopicCues, text: str, *, specific: bool = False) -> bool:
    """Whether `text` leans any way on the topic; `specific` asks for phrases of two or
    more words (or undecided language), which single generic words like "threat" are not."""
    ws = words(text)
    index = _index(ws)
    cues = _present(topic, ("neutral", "support", "oppose"), index)
    # Generic support/oppose phrases ("pushing for") name no question: not specific.
    return any(
        _find(c, ws, index)
        for c in cues
        if not specific or (len(c.words) >= 2 and not c.generic) or c in topic.neutral
    )


# Russia as the one who would strike: the right it claims is a threat to the West.
_STRIKER_RUSSIA = frozenset({"russia", "moscow", "kremlin"})


def classify(
    topic: TopicCues,
    text: str,
    *,
    context: str = "",
    cue_verb: str = "",
    related: float | None = None,
) -> StanceResult:
    """Stance of `text` (the statement) on `topic`; `context` is the sentence around it."""
    rel = relevance(topic, text, context) if related is None else related
    if rel <= 0.0:
        return StanceResult(UNRELATED, 0.0, 0.9, 0.0)
    ws = words(text)
    index = _index(ws)
    support = oppose = neutral = 0.0
    evidence: list[str] = []
    warning = cue_verb in WARNING_LEMMAS or cue_verb in REJECTING_LEMMAS
    # (label, weight, start, end, cue, polarity, negated) for every cue occurrence
    hits: list[tuple[str, float, int, int, Cue, str, bool]] = []
    threatened = False  # Russia claims the right to strike back
    for polarity, name in ((SUPPORT, "support"), (OPPOSE, "oppose")):
        for cue in _present(topic, (name,), index):
            for start, end in _find(cue, ws, index):
                if (
                    cue.threat
                    and end - start == 1
                    and ws[start - 1 : start] == ["in"]
                    and ws[end : end + 1] == ["to"]
                ):
                    continue  # "in response to a question" threatens nothing
                if (
                    end - start > len(cue.words)
                    and "for" in ws[start:end]
                    and "for" not in cue.vocabulary
                ):
                    continue  # "troops to fight for Russia" is not "fighting Russia"
                # Leave is given to someone ("has not given Kyiv the green light"): the
                # negator may stand before the verb and its object.
                reach = 5 if cue.enabling and polarity == SUPPORT else 3
                if reach == 5 and {"or", "nor"} & set(ws[max(0, start - 4) : start]):
                    reach = 8  # "has not given Kyiv the means or the green light"
                # Negation reaches no further back than the clause ("there will be no
                # reprisal, and we will allow ...").
                clause = _clause_start(text, start)
                negated = not (set(cue.words) & _NEGATORS) and bool(
                    set(ws[max(0, start - reach, clause) : start]) & _NEGATORS
                )
                if (
                    negated
                    and polarity == OPPOSE
                    and set(ws[max(0, start - 3) : start]) & _BECOMING
                ):
                    negated = False  # "must not become a wider war" still warns of one
                if (
                    polarity == SUPPORT
                    and not negated
                    and set(ws[max(0, start - 3, clause) : start]) & _OPPOSING
                ):
                    negated = True  # "opposed to lifting ...", "against letting ..."
                if (
                    polarity == SUPPORT
                    and not negated
                    and set(ws[max(0, start - 4, clause) : start]) & _STRIKER_RUSSIA
                ):
                    negated = True  # "Russia has the right to strike ...": Moscow's threat
                    threatened = True
                if (
                    polarity == SUPPORT
                    and not negated
                    and cue.enabling
                    and set(ws[max(0, start - _CONDEMN_REACH, clause) : start]) & _CONDEMNING
                ):
                    negated = True  # "disagreed with the decision to let ..."
                if negated and cue.words[0] == "any":
                    negated = False  # "did not believe any one weapon ...": "any" wants a "not"
                if negated and ws[_sentence_start(text, start) : start][:1] == ["why"]:
                    negated = False  # "Why should they not be allowed to ...?" asks for it
                if negated and cue.threat and cue.words[0].startswith("un"):
                    negated = False  # "will not go unanswered" doubles the threat
                if polarity == SUPPORT and set(ws[end : end + 10]) & _BAD_OUTCOME:
                    # "opening the border now would be a grave mistake"; and "refusing to
                    # open it was a mistake" judges the refusal.
                    negated = not negated
                elif (
                    start >= 2
                    and ws[start - 1] == "to"
                    and set(ws[max(0, start - 5) : start - 1]) & _MISTAKE
                ):
                    # "it would be a mistake to let ...", "a mistake to keep the ban": the
                    # step after "mistake to" is the one judged wrong.
                    if polarity == SUPPORT:
                        negated = not negated
                    elif not negated:
                        polarity = SUPPORT
                if (
                    polarity == OPPOSE
                    and not negated
                    and (
                        (
                            set(ws[end : end + 8]) & _DISMISSED
                            and not set(ws[end : end + 8]) & _NEGATORS
                        )
                        or ws[max(0, start - 2) : start] == _SO_CALLED
                    )
                ):
                    # the danger is waved away ("red lines are a bluff", "so-called red lines")
                    polarity, negated = SUPPORT, False
                hedged = (
                    _hedged(ws, start, clause)
                    and not warning
                    # "could shorten the war by letting ...": the means of an outcome
                    and ws[start - 1 : start] != ["by"]
                    # "could be used only inside ...": a limit, not an open question
                    and "only" not in ws[max(0, start - 3) : end]
                )
                label = polarity
                if negated:
                    label = OPPOSE if polarity == SUPPORT else ""
                if hedged and label:
                    label = NEUTRAL
                if warning and label == SUPPORT:
                    label = OPPOSE  # what one warns against is what one opposes
                weight = cue.weight * (0.5 if polarity == OPPOSE and negated else 1.0)
                hits.append((label, weight, start, end, cue, polarity, negated))
    hits = _drop_covered(hits)
    # A warning of consequences ("our response", "a world war") makes the step it names
    # ("should they allow ...", "letting Kyiv fire ...") its condition, not a wish.
    if threatened or any(h[0] == OPPOSE and h[4].threat and not h[6] for h in hits):
        hits = [h for h in hits if not (h[0] == SUPPORT and h[4].enabling)]
    for label, weight, _start, _end, cue, _polarity, _negated in hits:
        if label == SUPPORT:
            support += weight
        elif label == OPPOSE:
            oppose += weight
        elif label == NEUTRAL:
            neutral += weight
        if label:
            evidence.append(f"{label}:{cue.phrase}")
    for cue in _present(topic, ("neutral",), index):
        for n_start, n_end in _find(cue, ws, index):
            if any(
                h[0] == SUPPORT and h[2] < n_end and n_start < h[3] and h[3] > n_end for h in hits
            ):
                # "for Ukraine to decide how to use ...": deferring, then saying what they
                # may do — the longer reach of a side's cue says what is meant.
                continue
            neutral += cue.weight
            evidence.append(f"neutral:{cue.phrase}")
    if support == 0.0 and oppose == 0.0 and neutral == 0.0:
        # No cue takes a side, but the step itself is denied in its clause ("not to strike
        # at Russia", "we are not talking about going deep inside Russia"): restating the
        # restriction.
        denied = _denied_topic(topic, text, ws, index)
        if denied:
            oppose += 1.0
            evidence.append(f"oppose:not {denied}")
    if cue_verb in WARNING_LEMMAS:
        oppose += 2.0
        evidence.append(f"oppose:verb {cue_verb}")
    elif cue_verb in REJECTING_LEMMAS:
        oppose += 1.0
        evidence.append(f"oppose:verb {cue_verb}")
    elif cue_verb in URGING_LEMMAS and oppose == 0.0:
        # Pressing for something on the question is pressing for it, unless what is
        # pressed for is itself restraint (an oppose cue).
        support += 1.0
        evidence.append(f"support:verb {cue_verb}")
    total = support + oppose + neutral
    if total == 0.0:
        return StanceResult(NEUTRAL, 0.0, 0.35 * rel, rel, ["no cue"])
    ranked = sorted(((support, SUPPORT), (oppose, OPPOSE), (neutral, NEUTRAL)), reverse=True)
    (top, label), (second, _) = ranked[0], ranked[1]
    if top == second:
        label = NEUTRAL
    score = max(-1.0, min(1.0, (support - oppose) / (total + 1.0)))
    confidence = (0.5 + 0.5 * (top - second) / (top + second + 1.0)) * (0.6 + 0.4 * rel)
    return StanceResult(label, round(score, 3), round(min(confidence, 0.99), 3), rel, evidence)


def _drop_covered(
    hits: list[tuple[str, float, int, int, Cue, str, bool]],
) -> list[tuple[str, float, int, int, Cue, str, bool]]:
    """Drop a cue found inside a longer cue of the other side: the longer phrase says what
    is meant ("treated as legitimate targets" is a threat, not "legitimate targets")."""
    if len(hits) < 2:
        return hits
    kept = []
    for h in hits:
        covered = any(
            o[5] != h[5] and o[2] <= h[2] and h[3] <= o[3] and (o[3] - o[2]) > (h[3] - h[2])
            for o in hits
        )
        if not covered:
            kept.append(h)
    return kept


_CLAUSE_END_RE = re.compile(r"[,;:.!?\u2014]\s|\s[\u2013-]\s")
_ACTION_WORDS = frozenset(
    stem(w)
    for w in (
        "strike",
        "strikes",
        "striking",
        "hit",
        "hitting",
        "target",
        "targets",
        "attack",
        "attacks",
        "fire",
        "firing",
        "going",
        "use",
        "using",
        "used",
        "deep",
        "inside",
        "into",
        # Acts of any topic's question ("not to enter the harbour", "not to send them").
        "enter",
        "open",
        "send",
        "cross",
        "deploy",
    )
)


def _denied_topic(topic: TopicCues, text: str, ws: list[str], index: dict[str, list[int]]) -> str:
    """The phrase of a topic cue naming the act (striking, targets inside ...) with a
    negator before it in the same clause, or ""."""
    if not (index.keys() & _NEGATORS):
        return ""
    for cue in _present(topic, ("topic_cues",), index):
        acts = bool(cue.vocabulary & _ACTION_WORDS)
        for start, _end in _find(cue, ws, index):
            lo = max(0, start - 15, _clause_start(text, start))
            before = ws[lo:start]
            negator = next((i for i, w in enumerate(before) if w in _NEGATORS), -1)
            # The act named by the cue ("not to strike inside Russia") or between the
            # negator and the cue ("would not be used on Russian territory").
            if negator >= 0 and (acts or set(before[negator:]) & _ACTION_WORDS):
                return cue.phrase
    return ""


def _clause_start(text: str, word: int) -> int:
    """Index of the first word of the clause (split at commas, dashes, colons) of `word`."""
    return _start_of(_piece_starts(text, _CLAUSE_END_RE), word)


def _start_of(starts: tuple[int, ...], word: int) -> int:
    return starts[bisect_right(starts, word) - 1]


@lru_cache(maxsize=1024)
def _piece_starts(text: str, boundary: re.Pattern[str]) -> tuple[int, ...]:
    """Word index at which each piece of `text` between boundaries starts (cached: every
    cue found in a statement asks for the same text)."""
    starts = [0]
    if not boundary.search(text):
        return tuple(starts)
    count = 0
    for piece in boundary.split(text):
        count += len(_WORD_RE.findall(fold(piece)))
        starts.append(count)
    return tuple(starts)


_HEDGE_STEMS = tuple(" ".join(words(h)) for h in _HEDGES)
# Whether any hedge occurs at all, in one search: most windows hold none.
_ANY_HEDGE_RE = re.compile(" (?:" + "|".join(re.escape(h) for h in _HEDGE_STEMS) + ")")
_PRESSING_STEMS = tuple(" ".join(words(p)) for p in _PRESSING)


_SENTENCE_END_RE = re.compile(r"[.!?;]\s")


def _sentence_start(text: str, word: int) -> int:
    """Index of the first word of the sentence (within `text`) that holds word `word`."""
    return _start_of(_piece_starts(text, _SENTENCE_END_RE), word)


def _hedged(ws: list[str], start: int, sentence_start: int = 0) -> bool:
    """A hedge word shortly before the cue, in its sentence ("... behind a review. We say
    no." is not hedged), not itself pressed for ("time has come to ...")."""
    window_lo = max(0, start - 8, sentence_start)
    window = " " + " ".join(ws[window_lo:start]) + " "
    if not _ANY_HEDGE_RE.search(window):
        return False
    for hedge in _HEDGE_STEMS:
        at = window.find(" " + hedge)
        if at >= 0 and window.startswith(" not ", at + len(hedge) + 1):
            continue  # "could not defend": not able, not undecided
        if (
            at >= 0
            and hedge == "could"
            and window.endswith(" could ")
            and " that " in window[max(0, at - 30) : at + 1]
        ):
            continue  # "said that Kyiv could strike ...": reported "can", not a maybe
        if at >= 0:
            # Pressing for the hedge itself ("should consider", "the time has come to
            # weigh"): the few words right before it, not a "should" of another verb ("the
            # changes should be read as a signal to those weighing whether to ...").
            before = " " + " ".join(ws[max(0, window_lo - 6) : window_lo]) + window[:at] + " "
            near = " " + " ".join(before.split()[-5:]) + " "
            if not any(" " + p in near for p in _PRESSING_STEMS):
                return True
    return False
