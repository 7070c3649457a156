"""The whole text pipeline: find statements, attribute, date, and classify per topic."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .stance import (
    OPPOSE,
    SUPPORT,
    UNRELATED,
    StanceResult,
    TopicCues,
    classify,
    has_position_cue,
    relevance,
    weak_relevance,
)
from .statements import FoundStatement, find_statements, same_speaker
from .transcripts import asks_on_from_before

# A statement that does not name the topic can still be about it:
# - it goes straight on from the same speaker's statement on the topic (a continued quote,
#   "..., he added"), and then, lacking cues of its own, it keeps that statement's stance;
# - or it carries a position cue and the same speaker spoke on the topic shortly before;
# - or it carries a specific position cue and the article is about the topic (this many
#   statements name it outright).
_CARRY_PARAGRAPHS = 3
_CARRY_RELEVANCE = 0.5
_ARTICLE_ON_TOPIC = 2
_BEFORE_ONLY = 0.6  # relevance when only the sentence before names the topic


def _relevance(topics: list[TopicCues], st: FoundStatement, text: str) -> dict[str, float]:
    """1.0: the statement names the topic; 0.7: its sentence does; 0.6: the one before."""
    sentence = text[st.sentence_start : st.context_end] if st.sentence_start >= 0 else ""
    before = text[st.context_start : st.sentence_start] if st.sentence_start >= 0 else ""
    out: dict[str, float] = {}
    for topic in topics:
        rel = relevance(topic, st.text, sentence)
        if rel == 0.0 and before and relevance(topic, "", before) > 0.0:
            rel = _BEFORE_ONLY
        out[topic.slug] = rel
    return out


@dataclass(frozen=True)
class AnalysedStatement:
    found: FoundStatement
    stances: dict[str, StanceResult]  # topic slug -> stance (UNRELATED ones included)

    @property
    def related(self) -> dict[str, StanceResult]:
        return {slug: r for slug, r in self.stances.items() if r.stance != UNRELATED}


def analyse(
    text: str, published: dt.date | None, topics: list[TopicCues], title: str = ""
) -> list[AnalysedStatement]:
    found = find_statements(text, published, title)
    contexts = [text[st.context_start : st.context_end] for st in found]
    direct_relevance = [_relevance(topics, st, text) for st in found]
    article_on = {
        topic.slug: any(rel[topic.slug] >= 1.0 for rel in direct_relevance)
        or sum(1 for rel in direct_relevance if rel[topic.slug] >= 0.7) >= _ARTICLE_ON_TOPIC
        for topic in topics
    }
    # In an article on the topic, its weak words name it too ("the toll", "the strikes").
    for st, rels in zip(found, direct_relevance, strict=True):
        sentence = text[st.sentence_start : st.context_end] if st.sentence_start >= 0 else ""
        for topic in topics:
            if article_on[topic.slug] and rels[topic.slug] < 1.0:
                weak = weak_relevance(topic, st.text, sentence)
                rels[topic.slug] = max(rels[topic.slug], weak)
    results: list[AnalysedStatement] = []
    # (speaker name, topic slug) -> paragraph and stance of their last statement on the topic
    last_on_topic: dict[tuple[str, str], int] = {}
    last_stance: dict[tuple[str, str], StanceResult] = {}
    previous: AnalysedStatement | None = None
    asides: set[int] | None = None  # side remarks ("X also announced ..."), if needed
    for index, (statement, context, rels) in enumerate(
        zip(found, contexts, direct_relevance, strict=True)
    ):
        key = statement.speaker.name if statement.speaker else ""
        stances: dict[str, StanceResult] = {}
        for topic in topics:
            rel = rels[topic.slug]
            inherited: StanceResult | None = None
            cue = has_position_cue(topic, statement.text)
            seen = last_on_topic.get((key, topic.slug)) if key else None
            # What the statement goes on from: the same speaker's statement just before
            # ("..., he added"), or for a direct quote, their statement on the topic in the
            # same or the previous paragraph.
            continues = _continues(previous, statement, topic.slug) if key else None
            if (
                continues is None
                and statement.direct
                and not statement.turn
                and seen is not None
                and (
                    statement.paragraph - seen <= 1
                    # "He said this in a commentary." between: a paragraph with no statement
                    or (
                        statement.paragraph - seen == 2
                        and previous is not None
                        and previous.found.paragraph == seen
                    )
                )
                and not _turned_away(previous, statement, topic.slug)
            ):
                continues = last_stance[(key, topic.slug)]
            if statement.turn and not cue and 0.0 < rel <= _BEFORE_ONLY:
                # An answer with no side of its own, to a question that does not name the
                # topic ("And the ferry timetable?"): about what it was asked, not the
                # topic the exchange began with.
                asked = _question_before(text, statement)
                if asked and relevance(topic, "", asked) == 0.0:
                    rel, continues = 0.0, None
            if rel < 1.0 and not cue:
                # Only the words around it name the topic, if any: a statement that goes on
                # from the speaker's statement keeps its stance; a new reported remark whose
                # topic words are only in the sentence before is about something else.
                if continues is not None:
                    inherited = continues
                    rel = max(rel, _CARRY_RELEVANCE)
                elif rel <= _BEFORE_ONLY and not statement.direct:
                    rel = 0.0
            elif rel == 0.0 and key and not statement.turn:
                near = seen is not None and statement.paragraph - seen <= _CARRY_PARAGRAPHS
                specific = article_on[topic.slug] and has_position_cue(
                    topic, statement.text, specific=True
                )
                if continues is not None or near or specific:
                    if asides is None:
                        asides = _asides_of(found, text)
                    if continues is not None or index not in asides:
                        rel = _CARRY_RELEVANCE
            if 0.0 < rel <= _BEFORE_ONLY and inherited is None and continues is None:
                # Only the sentence before names the topic: not for a side remark.
                if asides is None:
                    asides = _asides_of(found, text)
                if index in asides:
                    rel = 0.0
            if inherited is not None:
                result = replace(
                    inherited,
                    confidence=round(inherited.confidence * 0.8, 3),
                    relevance=rel,
                    evidence=["same as the speaker's previous statement"],
                )
            else:
                result = classify(
                    topic, statement.text, context=context, cue_verb=statement.cue_verb, related=rel
                )
            stances[topic.slug] = result
            if result.stance != UNRELATED and key:
                last_on_topic[(key, topic.slug)] = statement.paragraph
                last_stance[(key, topic.slug)] = result
        current = AnalysedStatement(statement, stances)
        results.append(current)
        previous = current
    results = _same_speaker_elsewhere(results, topics, article_on, text)
    results = _answering_the_previous(results, topics)
    results = _backing_the_act(_article_context(results, topics, text), topics, text)
    return _drop_borrowed_off_subject(_speaker_consistency(results, topics), text)


# A stance borrowed from the speaker's other statements (or carried into a remark that does
# not name the topic) is not given to a remark that, in its own words, speaks of another
# concrete subject (troops, air defence, ground taken, casualties, peace talks, elections,
# the economy), nor to a bare report of a military event or a delivery ("said its forces
# had shot down five drones", "had begun supplying ...") with no word of judgement, duty
# or permission in it.
_CONCRETE_OTHER_RE = re.compile(
    r"\b(?:ground\s+troops|troops\s+(?:on|to|in)\b|patriots?\b|air\s+defen[cs]es?"
    r"|settlements|square\s+kilomet|villages|casualties|death\s+toll|peace\s+talks"
    r"|negotiations|cease-?\s?fire|mobili[sz]ation|conscripts?|elections?|economy|power\s+plants?"
    r"|fighter\s+jets|F-16s?|Gaza|Syria|Middle\s+East|hostages)",
    re.I,
)
# The next five patterns hold lower-case words only and are searched in the lower-cased
# text: with re.I an alternation runs several times slower in `re`.
_EVENT_REPORT_RE = re.compile(
    r"\b(?:struck|shot\s+down|launched|fired|captured|seized|downed|intercepted|destroyed"
    r"|killed|repelled|repulsed|pushed\s+back|eliminated|controll?ed"
    # ...not "the sites from which it is attacked": an act, not a state
    r"|(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bwas\s)(?<!\bbeen\s)(?<!\bbeing\s)"
    r"(?:attacked|targeted)"
    r"|(?:been|was|were)\s+(?:briefed|informed|notified)|(?:minutes|hours|days)['’]?\s+notice)\b"
    r"|\b(?:had|has|have)\s+(?:\w+\s+)?(?:delivered|been\s+delivered|begun\s+(?:supplying"
    r"|delivering|sending)|started\s+(?:supplying|delivering|sending))\b"
    r"|\bnow\s+controll?(?:ed|s)\b"
    r"|\bdeliver(?:y|ies)\s+of\b|\b(?:supply|supplying|supplied)\s+(?:\w+\s+){0,2}with\b"
    # "announcing a new presidential drawdown package for Ukraine valued at ...".
    r"|\b(?:announc|confirm|approv|unveil)\w*\s+(?:a|an|the|its)\s+(?:new\s+)?(?:[$€£][\d.,]+"
    r"\s*(?:million|billion|bn|m)\s+)?(?:\w+\s+){0,2}(?:package|tranche)\b"
    # "announce £600 million in extra funding"
    r"|\b(?:announc|pledg|unveil|commit)\w*\s+(?:a\s+|an\s+|another\s+)?(?:new\s+|further\s+"
    r"|extra\s+|additional\s+)?[$€£][\d.,]+\s*(?:million|billion|bn|m)\b"
    # "had not been given advance notice of the operation"
    r"|\b(?:advance|prior)\s+notice\b",
)
_JUDGEMENT_RE = re.compile(
    r"\b(?:would|should|must|could|might|may|can|cannot|can't|will|allow\w*|permi\w*"
    r"|right|entitled|need\w*|want\w*|urge\w*|call\w*\s+for|answer|(?<!\bin\s)response|warn\w*"
    r"|red\s+lines?|escalat\w*|legitimate|restrict\w*|limit\w*"
    # a policy option kept or dropped: "strikes deep into Russia remained off the table"
    r"|(?:off|on)\s+the\s+table|rul(?:e|es|ed|ing)\s+out|in\s+place"
    r"|(?:is|are|was|were)\s+(?:not\s+)?to\s+be)\b",
)


_WARNING = frozenset({"warn", "threaten", "caution"})


def _question_before(text: str, st: FoundStatement) -> str:
    """The question a transcript answer replies to, when it is the paragraph just before."""
    if st.sentence_start < 0:
        return ""
    paragraph_start = text.rfind("\n", 0, st.start) + 1  # (before the speaker's label)
    before = text[st.context_start : paragraph_start].rstrip()
    last = before[before.rfind("\n") + 1 :]
    asks = last.rstrip('"”’» ').endswith("?")
    return last if asks and not asks_on_from_before(last) else ""


def _borrowed(res: StanceResult) -> bool:
    return bool(res.evidence) and (
        res.evidence[0].startswith("same as") or res.relevance <= _CARRY_RELEVANCE
    )


# A refusal to say ("declined to say who launched ...") is left to the other rules.
_REFUSAL_RE = re.compile(
    r"\b(?:declin\w*|refus\w*|would\s+not|wouldn't|did\s+not|didn't)\s+(?:to\s+)?"
    r"(?:say|comment|confirm|discuss|speculate|elaborate)\b",
)


def event_report(text: str) -> bool:
    """A bare report of a military event or a delivery, with no judgement in it."""
    low = text.lower()
    return (
        bool(_EVENT_REPORT_RE.search(low))
        and not _JUDGEMENT_RE.search(low)
        and not _REFUSAL_RE.search(low)
    )


# Sending the weapons, or what they do at the front ("a game changer", "will change
# nothing", "significantly strengthen the army") ...
_SUPPLY_OR_EFFECT_RE = re.compile(
    r"game[- ]changer|\bchange\s+(?:nothing|the\s+outcome)|proven\s+themselves"
    r"|proved\s+(?:their|its)\s+worth|strengthen|make\s+a\s+(?:real\s+)?difference"
    r"|at\s+the\s+front\b|on\s+the\s+battlefield|\boutcome"
    r"|\b(?:deliver(?:y|ies|ed|ing)?|supply|supplying|supplied|sending|sent|send)\b",
)
# ... and not where or how they may be used: the question itself.
_USE_WORDS_RE = re.compile(
    r"allow|permi|restrict|limit|condition|terms\b|\bdecide|\bdecisions?\b|\bwhere\b|\bwhether\b"
    r"|territor|soil\b|beyond|border|target|strik|\bhit\b|\bfire|firing|\bused?\b|\breach"
    r"|red\s+lines?|escalat|party\s+to|participa|respon[ds]|retaliat"
    r"|launchers|bases\b|airfields|depots"
    # ("sending missiles deep into Russia": where they go, not only that they are sent)
    r"|\b(?:into|inside)\s+russia|\boutside\s+(?:of\s+)?ukraine",
)


def supply_or_effect_only(text: str) -> bool:
    """The remark speaks only of sending the weapons or of their effect at the front."""
    low = text.lower()
    return bool(_SUPPLY_OR_EFFECT_RE.search(low)) and not _USE_WORDS_RE.search(low)


def off_subject(text: str) -> bool:
    """The remark speaks of another concrete subject, or barely reports an event."""
    return bool(_CONCRETE_OTHER_RE.search(text)) or event_report(text)


# "Asked about the cease-fire talks, he said ...": the question names what the answer is on.
_ASKED_RE = re.compile(r"\s*Asked\s+(?:about|whether|if|on|how|why|what|when)\b[^,]*,")


def _asked_about(st: FoundStatement, text: str) -> str:
    if st.sentence_start < 0 or not text:
        return ""
    asked = _ASKED_RE.match(text, st.sentence_start, st.start)
    return asked.group() if asked else ""


# "declined to comment on the reports", "refused to confirm the strikes": a refusal that
# says nothing more takes no position (DESIGN §3's neutral is a stance stated, not withheld).
_BARE_REFUSAL_RE = re.compile(
    r"(?:(?:(?:has|had|have)\s+)?(?:again\s+|also\s+)?(?:declined|refused)\s+(?:on\s+\w+\s+)?"
    r"to\s+|(?:would|will|did|does|could)?\s*not\s+)"
    r"(?:comment|say|confirm|discuss|speculate|elaborate|go\s+into|get\s+into)\b"
    r"(?!.*\b(?:saying|but|adding)\b)"
    # "said last night, declining to go into the conditions ...": the refusal is all it says
    r"|said\s+(?:[\w,]+\s+){0,3}?declining\s+to\s+(?:comment|say|go\s+into|get\s+into|discuss)\b",
    re.I,
)


# "asked Foreign Minister X to comment": a request for comment, not a statement.
_ASKED_TO_COMMENT_RE = re.compile(
    r"(?:asked|invited|urged)\s+[^.;:]{0,60}?\bto\s+(?:comment|respond|explain|clarify)\b", re.I
)


# "I'm not going to get ahead of the President.", "Nothing to announce today.": an answer
# that is only a refusal, in the speaker's own words, and says nothing else.
_SPOKEN_REFUSAL_RE = re.compile(
    r"\s*(?:(?:look|well|again|so),?\s+)?(?:"
    r"(?:i|we)(?:['’]m|['’]re|\s+am|\s+are)\s+not\s+going\s+to|(?:i|we)\s+(?:won['’]t|will\s+not)"
    r")\s+(?:get\s+(?:into|ahead\s+of)|comment|speculate|go\s+(?:into|beyond)|discuss|preview"
    r"|talk\s+about|characteri[sz]e)\b[^.!?;]*"
    r"|\s*(?:i\s+(?:have|don['’]t\s+have|do\s+not\s+have)\s+)?nothing\s+(?:more\s+)?to\s+"
    r"(?:announce|add|share|say)\b[^.!?;]*"
    r"|\s*(?:i['’]m|i\s+am)\s+going\s+to\s+let\s+[^.!?;]{1,40}\s+stand\b[^.!?;]*",
    re.I,
)


def bare_refusal(text: str) -> bool:
    return bool(
        _BARE_REFUSAL_RE.match(text)
        or _ASKED_TO_COMMENT_RE.match(text)
        or (
            _SPOKEN_REFUSAL_RE.fullmatch(text.rstrip(" .!,'\"’”»")) is not None
            and _GOES_ON_RE.search(text) is None
        )
    )


_GOES_ON_RE = re.compile(r"\b(?:but|though|although|however|except)\b", re.I)


def _drop_borrowed_off_subject(
    results: list[AnalysedStatement], text: str = ""
) -> list[AnalysedStatement]:
    out = list(results)
    for i, r in enumerate(results):
        changed = {
            slug: replace(res, stance=UNRELATED, relevance=0.0, evidence=["off subject"])
            for slug, res in r.stances.items()
            if res.stance != UNRELATED
            and (
                # ...unless it names the question it will not answer ("declined to say
                # whether it would allow ..."): undecided, out loud.
                (bare_refusal(r.found.text) and res.relevance < 1.0)
                or (_borrowed(res) and off_subject(f"{_asked_about(r.found, text)} {r.found.text}"))
                # A reporter's paraphrase names what it is about: one that neither names the
                # topic nor takes a side of its own is about something else, whatever the
                # speaker said elsewhere ("X said the missiles would help Kyiv push back").
                or (
                    not r.found.direct
                    and res.relevance < 1.0
                    and bool(res.evidence)
                    and res.evidence[0].startswith("same as")
                )
                # Only its verb takes a side ("accused Washington of complicity") and only
                # the words around it name the topic: what it is about is not said.
                or (
                    res.relevance < 1.0
                    and bool(res.evidence)
                    and all(":verb " in e for e in res.evidence)
                    and r.found.cue_verb not in _WARNING  # a warning is a side taken
                )
                # Nothing of its own to say which way it cuts, or only the words around
                # it name the topic, and only an event told ("said drones had attacked
                # the airfields").
                or (
                    (res.evidence == ["no cue"] or res.relevance < 1.0)
                    and event_report(r.found.text)
                )
                # No side of its own, and only the weapons' delivery or their effect at the
                # front: not the question of where they may be used.
                or (
                    (res.evidence == ["no cue"] or _borrowed(res))
                    and supply_or_effect_only(r.found.text)
                )
            )
        }
        if changed:
            out[i] = AnalysedStatement(r.found, {**r.stances, **changed})
    return out


_ELSEWHERE_CONFIDENCE = 0.5  # borrowed stances go to review (extraction.STANCE_REVIEW_BELOW)
_ALSO_RE = re.compile(r"\balso\b", re.I)
_OWN_ALSO_RE = re.compile(r"(?:I|We)\s+(?:have\s+|had\s+|will\s+)?also\b")
_ALSO_SAID_RE = re.compile(
    r"\balso\s+(?:said|told|announced|confirmed|noted|stressed|spoke|discussed|mentioned)\b", re.I
)


def _asides(results: list[AnalysedStatement], text: str) -> set[int]:
    return _asides_of([r.found for r in results], text)


def _asides_of(found: list[FoundStatement], text: str) -> set[int]:
    """Statements brought in with "also" ("X also announced ...", "X also said that ...
    and that ..."), and the quote of the same speaker that goes straight on from one."""
    out: set[int] = set()
    for i, st in enumerate(found):
        # A reporter's "X also said ..."; or "I also spoke today about ...", in their own words.
        own_aside = st.direct and bool(_OWN_ALSO_RE.match(st.text))
        lead = st.text[:16] if own_aside else ("" if st.direct else st.text[:12])
        before = text[max(0, st.start - 40) : st.start] if text else ""
        # "X also said that ... and that Y would ...": the rest of the sentence too.
        sentence = text[st.sentence_start : st.start] if text and st.sentence_start >= 0 else ""
        if (
            _ALSO_RE.search(lead)
            or (st.cue_verb and _ALSO_RE.search(before.split(".")[-1][-25:]))
            or _ALSO_SAID_RE.search(sentence)
        ):
            out.add(i)
        elif i - 1 in out and st.speaker is not None:
            prev = found[i - 1]
            goes_on = st.cue_verb in ("", "add") or (
                st.direct and st.paragraph - prev.paragraph <= 1
            )
            if goes_on and prev.speaker is not None and prev.speaker.name == st.speaker.name:
                out.add(i)
    return out


def _same_speaker_elsewhere(
    results: list[AnalysedStatement],
    topics: list[TopicCues],
    article_on: dict[str, bool],
    text: str = "",
) -> list[AnalysedStatement]:
    """In an article on the topic, a speaker's other remarks are on it too.

    A statement found unrelated, whose speaker speaks on the topic again further down the
    same article, is read as part of that speaker's case: classified on its own cues if it
    has any, else given the stance of the speaker's nearest statement on the topic, with
    lower confidence. Remarks after a speaker's last word on the topic are left alone:
    news copy turns to side issues at the end ("X also announced ..."), and a remark
    brought in with "also" (with the quote that goes on from it) is such a side issue.
    """
    out = list(results)
    aside: set[int] | None = None  # worked out only if needed
    for topic in topics:
        if not article_on.get(topic.slug):
            continue
        on_topic: dict[str, list[int]] = {}
        for i, r in enumerate(results):
            if r.found.speaker is not None and r.stances[topic.slug].stance != UNRELATED:
                on_topic.setdefault(r.found.speaker.name, []).append(i)
        for i, r in enumerate(results):
            speaker = r.found.speaker
            if speaker is None or r.found.turn or r.stances[topic.slug].stance != UNRELATED:
                continue
            others = on_topic.get(speaker.name)
            if not others or others[-1] < i:
                continue
            if aside is None:
                aside = _asides(results, text)
            if i in aside:
                continue
            nearest = min(others, key=lambda j: (abs(j - i), j))
            st = r.found
            cued = has_position_cue(topic, st.text)
            if not cued and _leads_in(results, i, topic.slug):
                continue
            if cued:
                result = classify(topic, st.text, cue_verb=st.cue_verb, related=_CARRY_RELEVANCE)
            else:
                model = results[nearest].stances[topic.slug]
                result = replace(
                    model,
                    confidence=round(model.confidence * _ELSEWHERE_CONFIDENCE, 3),
                    relevance=_CARRY_RELEVANCE,
                    evidence=["same as the speaker's nearest statement on the topic"],
                )
            out[i] = AnalysedStatement(st, {**out[i].stances, topic.slug: result})
    return _speaker_consistency(out, topics)


def _turned_away(previous: AnalysedStatement | None, statement: FoundStatement, slug: str) -> bool:
    """The speaker's remark just before is on another subject ("X also commented on the
    grain deal. '...,' she said."): a quote after it goes on from that, not from the topic."""
    return (
        previous is not None
        and same_speaker(previous.found, statement)
        and statement.paragraph - previous.found.paragraph <= 1
        and previous.stances[slug].stance == UNRELATED
    )


def _leads_in(results: list[AnalysedStatement], i: int, slug: str) -> bool:
    """A reported remark that the same speaker's quote right after it spells out ("X said
    the government had noted the comments. '...,' X said."): the quote is the statement."""
    st = results[i].found
    # From its verb on ("said the ..."): a sentence of content before its attribution
    # ("The decision ... is dangerous, X said.") is a statement of its own.
    if st.direct or i + 1 >= len(results) or not st.text[:1].islower():
        return False
    after = results[i + 1]
    return (
        after.found.direct
        and same_speaker(after.found, st)
        and after.found.paragraph - st.paragraph <= 1
        and after.stances[slug].stance != UNRELATED
    )


def _speaker_consistency(
    results: list[AnalysedStatement], topics: list[TopicCues]
) -> list[AnalysedStatement]:
    """A statement on the topic without a single cue of its own ("We have waited forty
    years,") says nothing undecided: it takes the stance of the same speaker's nearest
    statement in the article that does carry cues, with lower confidence. ("My position has
    not changed" is a cue, and neutral: DESIGN §3's bare "no change to our policy".)"""
    out = list(results)
    for topic in topics:
        cued: dict[str, list[int]] = {}
        for i, r in enumerate(results):
            res = r.stances[topic.slug]
            if (
                r.found.speaker is not None
                and res.stance != UNRELATED
                and res.evidence
                and res.evidence != ["no cue"]
                and not res.evidence[0].startswith("same as")
            ):
                cued.setdefault(r.found.speaker.name, []).append(i)
        for i, r in enumerate(results):
            res = r.stances[topic.slug]
            if r.found.speaker is None or res.evidence != ["no cue"]:
                continue
            others = cued.get(r.found.speaker.name)
            if not others:
                continue
            model = results[min(others, key=lambda j: (abs(j - i), j))].stances[topic.slug]
            result = replace(
                model,
                confidence=round(model.confidence * _ELSEWHERE_CONFIDENCE, 3),
                relevance=res.relevance,
                evidence=["same as the speaker's nearest statement with cues"],
            )
            out[i] = AnalysedStatement(r.found, {**out[i].stances, topic.slug: result})
    return out


# An article about the topic (this many statements on it) carries its paraphrases: a
# remark next to a statement on the topic (same or adjacent paragraph), or one that refers
# back to the act under debate ("the decision", "such strikes"), is on the topic too
# unless it speaks of another subject in its own words.
_ARTICLE_CLEARLY_ON = 2
_SHORT_QUOTE_WORDS = 8
_REFERS_BACK_RE = re.compile(
    # "the chancellor's view", "Washington's guidance": a possessor for the determiner.
    r"\b(?:(?i:the|this|that|such|these|those|its|our|their|his|her|the\s+\w+(?:'s|’s))"
    r"|[A-Z]\w+(?:'s|’s))\s+"
    r"(?i:decision|permission|step|move|policy|position|question|strikes?|attacks?|weapons?"
    r"|missiles?|operation|incursion|restrictions?|arrangements?|view|guidance|limits"
    # ...or at what was said about it ("such words from London", "the remarks").
    r"|words|remarks|comments)\b",
)
_OTHER_SUBJECT_RE = re.compile(
    r"\b(?:grain|power grid|electricity|energy|election|campaign|migration|tariffs?|cabinet"
    r"|economy|inflation|budget|trade|vaccines?|climate|repairs?|prisoners?|humanitarian"
    r"|refugees?|sanctions?)\b",
    re.I,
)


def _article_context(
    results: list[AnalysedStatement], topics: list[TopicCues], text: str
) -> list[AnalysedStatement]:
    out = list(results)
    aside: set[int] | None = None
    for topic in topics:
        on = [i for i, r in enumerate(results) if r.stances[topic.slug].stance != UNRELATED]
        if len(on) < _ARTICLE_CLEARLY_ON:
            continue
        paragraphs = {results[i].found.paragraph for i in on}
        last = on[-1]
        for i, r in enumerate(results):
            st = r.found
            if st.speaker is None or st.turn or r.stances[topic.slug].stance != UNRELATED:
                continue
            sentence = text[st.sentence_start : st.context_end] if st.sentence_start >= 0 else ""
            if _OTHER_SUBJECT_RE.search(sentence or st.text):
                continue
            near = bool(paragraphs & {st.paragraph - 1, st.paragraph, st.paragraph + 1})
            refers = bool(_REFERS_BACK_RE.search(st.text))
            if not (refers or (near and i < last + 2)):
                continue
            if aside is None:
                aside = _asides(results, text)
            if i in aside:
                continue
            context = text[st.context_start : st.context_end]
            result = classify(
                topic, st.text, context=context, cue_verb=st.cue_verb, related=_CARRY_RELEVANCE
            )
            # A reported remark with no cue of its own and no word pointing back at the
            # act is narrative ("said its forces had routed the attackers").
            if result.evidence == ["no cue"] and not refers and not st.direct:
                continue
            if result.evidence == ["no cue"] and _leads_in(results, i, topic.slug):
                continue
            if (
                result.evidence == ["no cue"]
                and not refers
                and _words_said(st, text) < _SHORT_QUOTE_WORDS
            ):
                continue  # "Tunnels take time,": too short to carry a case on its own
            if result.evidence == ["no cue"]:
                # No cue of its own: the words around it may say which way it cuts.
                # Its own sentence only: the one before may be someone else's.
                around = classify(topic, sentence, cue_verb=st.cue_verb, related=_CARRY_RELEVANCE)
                if around.evidence != ["no cue"]:
                    result = replace(
                        around,
                        confidence=round(around.confidence * _ELSEWHERE_CONFIDENCE, 3),
                        evidence=["from the sentence around it", *around.evidence],
                    )
            out[i] = AnalysedStatement(st, {**out[i].stances, topic.slug: result})
            paragraphs.add(st.paragraph)  # and what joins it carries the next one
    return out


def _words_said(st: FoundStatement, text: str) -> int:
    """Words of the statement; for a quoted fragment inside a clause ("Every supplier
    « sets its own rules », he said"), of the clause up to the end of the quote."""
    if st.direct and st.sentence_start >= 0:
        lead_in = text[st.sentence_start : st.start].strip(" \"“”‘’'«»„")
        if len(lead_in.split()) >= 3 and not lead_in.endswith((":", ",")):
            return len(text[st.sentence_start : st.end].split())
    return len(st.text.split())


# Standing by or against "the decision" the article has named: the stance is the act's.
_BACKING_RE = re.compile(
    r"\b(?:(?P<back>(?:stood|stands?|standing)\s+by|defend(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|"
    r"prais(?:e|es|ed|ing)|back(?:s|ed|ing)?|hail(?:s|ed)?)"
    r"|(?P<against>disagree(?:s|d)?\s+with|criticis(?:e|es|ed)|criticiz(?:e|es|ed)|"
    r"condemn(?:s|ed)?|den(?:y|ies|ounced?)|regret(?:s|ted)?))\s+"
    r"(?:the|its|his|her|their|this|that|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:'s|’s))\s+"
    r"(?:decision|move|step|permission|ruling)\b"
)
_ACT_RE = re.compile(r"\b(?:decision|move|permission|step)\s+to\s+[^.;:!?]{5,160}")


def _backing_the_act(
    results: list[AnalysedStatement], topics: list[TopicCues], text: str
) -> list[AnalysedStatement]:
    """ "X stood by its decision", "Y criticised the move": the act is the one the article
    names ("the decision to let Kyiv ..."); backing it takes its side, and criticising it
    the other."""
    out = list(results)
    for i, r in enumerate(results):
        m = _BACKING_RE.search(r.found.text)
        if m is None:
            continue
        act = _ACT_RE.search(text, 0, r.found.start + m.end() + 200)
        if act is None:
            continue
        for topic in topics:
            res = r.stances[topic.slug]
            if res.stance == UNRELATED:
                continue
            named = classify(topic, act.group(0), related=1.0)
            if named.stance not in (SUPPORT, OPPOSE):
                continue
            side = named.stance
            if m.group("against"):
                side = OPPOSE if side == SUPPORT else SUPPORT
            if side == res.stance:
                continue
            result = replace(
                res,
                stance=side,
                confidence=round(named.confidence * _ELSEWHERE_CONFIDENCE, 3),
                evidence=[f"{side}:{m.group(0)}", *named.evidence],
            )
            out[i] = AnalysedStatement(r.found, {**out[i].stances, topic.slug: result})
    return out


# Answering the case just made: "Y rejected that reasoning" takes the other side of the
# statement before it; "Y echoed that view" the same side.
_ANSWER_RE = re.compile(
    r"\b(?:(?P<against>reject(?:s|ed)?|dismiss(?:es|ed)?|disput(?:es|ed)|contest(?:s|ed)?|"
    r"contradict(?:s|ed)?|rebut(?:s|ted)?)|(?P<with>echo(?:es|ed)?|shar(?:es|ed)|"
    r"endors(?:es|ed)|second(?:s|ed)?))\s+(?:that|this|the|such|his|her|their|its)\s+"
    r"(?:reasoning|argument|arguments|logic|view|views|position|line|assessment|stance|claim)\b"
)  # (case-sensitive: a reported clause starts at its verb, in lower case; and it is faster)


def _answering_the_previous(
    results: list[AnalysedStatement], topics: list[TopicCues]
) -> list[AnalysedStatement]:
    out = list(results)
    for i, r in enumerate(results):
        m = _ANSWER_RE.search(r.found.text)
        if m is None or r.found.speaker is None or i == 0:
            continue
        for topic in topics:
            # The latest statement on the topic by someone else, with a side.
            answered = next(
                (
                    p.stances[topic.slug]
                    for p in reversed(out[:i])
                    if p.found.speaker is not None
                    and p.found.speaker.name != r.found.speaker.name
                    and p.stances[topic.slug].stance in (SUPPORT, OPPOSE)
                ),
                None,
            )
            if answered is None:
                continue
            side = answered.stance
            if m.group("against"):
                side = OPPOSE if side == SUPPORT else SUPPORT
            res = r.stances[topic.slug]
            result = replace(
                res,
                stance=side,
                confidence=round(answered.confidence * _ELSEWHERE_CONFIDENCE, 3),
                relevance=max(res.relevance, _CARRY_RELEVANCE),
                evidence=[f"{side}:{m.group(0)}"],
            )
            out[i] = AnalysedStatement(r.found, {**out[i].stances, topic.slug: result})
            # The quotation that goes on to make the case ("..., she told ARD") is on the
            # same side, unless it takes one of its own.
            last = r.found
            for j in range(i + 1, len(out)):
                nxt = out[j].found
                if (
                    nxt.speaker is None
                    or nxt.speaker.name != r.found.speaker.name
                    or not nxt.direct
                    or nxt.paragraph - last.paragraph > 1
                ):
                    break
                own = out[j].stances[topic.slug]
                if own.stance != UNRELATED and own.evidence != ["no cue"]:
                    break
                carried = replace(
                    result,
                    confidence=round(result.confidence * 0.8, 3),
                    evidence=["same as the speaker's previous statement"],
                )
                out[j] = AnalysedStatement(nxt, {**out[j].stances, topic.slug: carried})
                last = nxt
    return out


def _continues(
    previous: AnalysedStatement | None, statement: FoundStatement, slug: str
) -> StanceResult | None:
    """The previous statement's stance when `statement` goes straight on from it."""
    if previous is None or not same_speaker(previous.found, statement):
        return None
    if statement.cue_verb not in ("", "add"):
        return None  # a new "X said ..." may well be about something else
    if statement.paragraph - previous.found.paragraph > 1:
        return None
    result = previous.stances.get(slug)
    return result if result is not None and result.stance != UNRELATED else None
