"""Find statements in an article body: direct quotes and reported speech, each attributed.

Spans follow the evaluation contract: a direct quote is the text inside its marks; reported
speech is the clause from the speech verb (with its auxiliaries: "has warned of ...",
"was keen to make clear ...") to the end of the clause.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .aliases import country_of
from .dates import DAY, StatementDate, resolve_date
from .lexicon import (
    ATTRIBUTION_FORMS,
    AUXILIARIES,
    BE_FORMS,
    DETERMINERS,
    PARTICLE_FORMS,
    PARTICLE_VERBS,
    PASSIVE_PARTICIPLES,
    PRONOUNS,
    ROLE_HELD_AT,
    ROLE_WORDS,
    SPEECH_FORMS,
    TIME_WORDS,
    TITLE_WORDS,
    URGING_LEMMAS,
)
from .names import fold
from .quotes import QUOTE_MARKS, Quote, find_quotes
from .segment import Paragraph, split_paragraphs, split_sentences
from .speakers import (
    GOVERNMENT,
    GROUP,
    ORGANISATION,
    Speaker,
    SpeakerTracker,
    as_mentioned,
    np_backward,
    np_forward,
    pronoun_speaker,
    role_only,
    speaker_from_tokens,
)
from .tokens import Token, tokenize
from .transcripts import (
    FOLLOW_UP_RE,
    INITIAL_LABEL_RE,
    Turn,
    address_heading,
    answer_label,
    office_label,
    surname_label,
    transcript_turns,
)


@dataclass(frozen=True)
class FoundStatement:
    start: int
    end: int
    text: str
    direct: bool
    speaker: Speaker | None
    cue_verb: str  # lemma of the speech verb ("warn"), "" for a continued quote
    attribution_confidence: float
    date: StatementDate
    # The sentence around the statement and the one before: what stance reads as context.
    context_start: int
    context_end: int
    paragraph: int
    sentence_start: int = -1  # the statement's own sentence (context_start may reach back)
    # A transcript turn: it answers its own question, so it borrows no other statement's
    # topic; its context is the question it answers.
    turn: bool = False


def same_speaker(a: FoundStatement, b: FoundStatement) -> bool:
    return a.speaker is not None and b.speaker is not None and a.speaker.name == b.speaker.name


# Fewer words than this in quotation marks inside the reporter's own sentence are a
# phrase borrowed from the speaker, not a statement of their own.
_QUOTED_PHRASE_WORDS = 6


_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})


def _name_end(tokens: list[Token], end: int) -> int:
    """Where the speaker's noun phrase ends, before `end`: past a reflexive ("Scholz
    himself") and a short bracket ("Senator Jo Marr (D-Vt.)", "Ola Dahl (CDU)")."""
    if end >= 2 and tokens[end - 1].lower in _REFLEXIVES:
        end -= 1
    if end >= 3 and tokens[end - 1].lower == ")":
        opening = next(
            (j for j in range(end - 2, max(-1, end - 8), -1) if tokens[j].lower == "("), -1
        )
        if opening > 0:
            end = opening
    # "Sen. Jo Marr, D-Vt., said": the party and state between commas, as AP writes them.
    tag = end - 1 if end >= 3 and tokens[end - 1].lower == "." else end
    if tag >= 3 and tokens[tag - 2].lower == "," and _PARTY_TAG_RE.fullmatch(tokens[tag - 1].text):
        end = tag - 2
    return end


_PARTY_TAG_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{1,14}")


# What ties a subject to someone named after it: "Republicans aligned with Donald Trump".
_MODIFIER_LINKS = frozenset(
    {
        ("aligned", "with"),
        ("allied", "with"),
        ("allied", "to"),
        ("close", "to"),
        ("loyal", "to"),
        ("linked", "to"),
        ("backed", "by"),
        ("led", "by"),
    }
)


# "said this in a commentary", "said so on Monday": a note on where earlier words were said.
_SOURCE_NOTE_NEXT = frozenset(
    {
        "in",
        "at",
        "during",
        "on",
        "to",
        "while",
        "after",
        "before",
        "when",
        "from",
        "via",
        "through",
        "yesterday",
        "today",
        "tonight",
        "last",
        "earlier",
        ",",
    }
)


# A reporter's question that goes on from the one before: the answer is read with both.
_SHORT_QUESTION_WORDS = 12
_NEW_SUBJECT_RE = re.compile(
    r"\W*(?:and\s+)?(?:on|regarding|about|turning|switching|separately|another|what\s+about"
    r"|how\s+about|one\s+more\s+on|a\s+different)\b",
    re.I,
)
_GOES_ON_FROM_RE = re.compile(r"\W*(?:and|or|but|so|then)\b", re.I)
_BACK_REFERENCES = frozenset({"it", "this", "that", "these", "those", "they", "them", "there"})


def _short_follow_up(question: str) -> bool:
    """ "And Russia proper?", "Has the policy changed?", "Is it under consideration?": a
    short question that goes on with the subject of the one before; not "On the new ferry,
    when does it sail?" or "What about the grain deal?", which open another."""
    words = question.split()
    if len(words) > _SHORT_QUESTION_WORDS or _NEW_SUBJECT_RE.match(question):
        return False
    if _GOES_ON_FROM_RE.match(question):
        return True
    plain = [w.strip("?.,!:;\"'“”‘’") for w in words]
    return any(w.lower() in _BACK_REFERENCES for w in plain) or not any(
        w[:1].isupper() and w != "I" for w in plain[1:]
    )


# What joins a speaker's second reported clause to the first: ", adding", "and warned".
_COORDINATED_RE = re.compile(r",|,?\s*(?:and|but)")

# "said that «A» and that «B»", "«A» and warned that «B»": the second quote goes on
# with the first.
_CHAINED_RE = re.compile(r",?\s*(?:and|but)\s+(?:also\s+)?(?:[a-z]+\s+)?that")

# A statement this long whose words all stand in an earlier one repeats it.
_REPEAT_MIN_CHARS = 24


@dataclass(slots=True)
class _Verb:
    index: int  # token index of the verb
    end: int  # token index one past the verb and its particle
    lemma: str
    chain: int  # token index where auxiliaries and time words before it begin (subject ends)
    span: int  # token index where a reported clause begins (time words left out)
    participle: bool = False  # ", adding that ...": the speaker is the sentence's speaker


_ANTECEDENTS = frozenset(
    {
        "something",
        "which",
        "what",
        "move",
        "step",
        "idea",
        "request",
        "demand",
        "policy",
        "decision",
        "option",
        "proposal",
        "position",
        "change",
        "call",
        "plea",
    }
)
_MIN_QUOTE_WORDS = 3
# "..., Belarus President X believes.": state media's way of attributing a view, after the
# view and a comma, and with nothing after it but the end of the sentence.
_VIEW_FORMS = frozenset({"believes", "believed", "thinks", "feels"})
# Any word that might start a speech verb: a cheap test before tokenising a sentence.
_SPEECH_WORDS = frozenset(
    {*SPEECH_FORMS, *PARTICLE_FORMS, *_VIEW_FORMS, "according", "According", "defend"}
    | {"defends", "defended"}
    | {"call", "calls", "called"}
    # (capitalised where a sentence opens with them: "Asked by reporters whether ...")
    | {"Asked", "Speaking", "Writing", "Answering", "Responding"}
)
_LOWER_WORD_RE = re.compile(r"[a-z]+|[A-Z][a-z]+")


def _has_speech_word(text: str, start: int, end: int) -> bool:
    return not _SPEECH_WORDS.isdisjoint(_LOWER_WORD_RE.findall(text, start, end))


_WORDS_OWNERS = {"his": "person", "her": "person", "their": "group", "its": "organisation"}
_NAME_PAIR_RE = re.compile(r"[A-Z][\w’'-]+ (?:(?:von|van|de|der|al|bin) )*[A-Z][\w’'-]+")
# Searched in lower case: a case-insensitive alternation is several times slower in `re`.
_DATE_HINT_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|week|month|"
    r"year|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|day\s+before|day\s+earlier"
    r"|previous\s+day|last\s+night)\b",
)


def _date_hint(text: str) -> bool:
    """Whether `text` names a day, a month or a year ("on Monday", "last week")."""
    return bool(_DATE_HINT_RE.search(text.lower()))


# "HALVIK, Jan 26 (NWS) - ", "KYIV (Reuters) — ", "MOSCOW, May 29. /TASS/. ": wire datelines.
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’ /-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\.?)?\s*"
    r"(?:(?:\((?:[A-Za-z .-]{2,30})\))?\s*[-–—:]|/[A-Z-]{2,12}/\.?)\s+"
)
# The sentence after a statement, and one that says where it was spoken.
_NEXT_SENTENCE_RE = re.compile(r"[\s\W]{0,4}([A-Z][^.!?]{0,200}[.!?])")
# "X was speaking ... yesterday", "He said this yesterday during ...", "She made the
# remarks on Friday": the sentence after a statement that dates it.
_SPEAKING_RE = re.compile(
    r"\b(?:(?:was|were)\s+speaking|said\s+(?:this|so)"
    r"|made\s+the\s+(?:remarks?|comments?|statements?))\b"
)
# Phrases that date a statement by the occasion named before: "the same day".
_SAME_DAY_RE = re.compile(r"\b(?:the same day|that same day|later that day|that day)\b", re.I)
# "At the same summit, X told reporters ...": the occasion the story dated before.
_SAME_OCCASION_RE = re.compile(
    r"\b(?:at|during|in)\s+the\s+same\s+(?P<noun>summit|meeting|event|(?:news\s+|press\s+)?"
    r"conference|session|address|speech|interview|briefing|talks|hearing|forum|gathering)\b",
    re.I,
)
# "... met on Friday, a day after Putin warned that ...": the day before the one named.
_DAY_AFTER_RE = re.compile(r"\b(?:a|one)\s+day\s+after\s+[^,;.]{0,80}$", re.I)
_QUESTION_WORD_RE = re.compile(r"\b(?:whether|if|why|how|what|when|where)\b")
_WHO_RE = re.compile(r", who\b")
_SENTENCE_CUT_RE = re.compile(r"(?<=[.!?])\s+|\n+")  # (no sentence runs on past its paragraph)
# "Simi Valley, California (CNN) — ", "Meseberg (Germany) (AFP) – ": a dateline in mixed
# case, known by the agency.
_AGENCY_DATELINE_RE = re.compile(
    r"^[A-Z][\w.'’ /-]{1,40}(?:,\s*(?:[A-Z][\w.'’ -]{1,30}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"(?:\s*\([A-Za-z .-]{2,30}\)){1,2}"
    r"\s*[-–—:]\s+"
)
_META_RE = re.compile(
    r"^\W*(?:it'?s|it is|it was|this is|this was|that is|marks?)\s+the first time\b", re.I
)
_TO_OK = frozenset(
    {
        "declined",
        "refused",
        "keen",
        "quick",
        "eager",
        "careful",
        "sought",
        "wanted",
        "appeared",
        "seemed",
        "continued",
        "tried",
        "moved",
        "went",
        "on",
        "able",
        "ready",
        "willing",
        "going",
        "set",
        "expected",
        "likely",
    }
)
# Words that open a fronted place or time ("In Rome, ...", "On Thursday, ...").
_FRONTED_STARTS = frozenset(
    {
        "in",
        "at",
        "on",
        "from",
        "during",
        "after",
        "before",
        "speaking",
        "asked",
        "later",
        # Fronted adverbs of time or sequence ("Earlier, X said ...").
        "earlier",
        "meanwhile",
        "separately",
        "yesterday",
        "today",
        "elsewhere",
        "however",
        # Beside the last speaker: "Beside him, X avoided any commitment."
        "beside",
        "alongside",
        "abroad",
        "instead",
        # In a former role: "As Dutch prime minister, X said in May that ..."
        "as",
    }
)
_ADJUNCT_STARTS = frozenset(
    {
        "on",
        "in",
        "at",
        "during",
        "after",
        "before",
        "while",
        "when",
        "to",
        "last",
        "this",
        "earlier",
        "yesterday",
        "today",
        "late",
        "told",
        "according",
        "speaking",
        "via",
        "from",
        "through",
        "ahead",
        "following",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "recently",
        "previously",
        "also",
        "again",
        "publicly",
        "separately",
        "as",  # "..., X said as he opened the meeting"
    }
)


_BESIDE_RE = re.compile(
    r"\b(?:standing|speaking|sitting|appearing)\s+(?:beside|alongside|next\s+to|with)\s+"
    r"(?:him|her)\b|,\s+alongside\s+(?:him|her)\b",
    re.I,
)
_ROLE_BODY_RE = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)+")


def _body_in_lead(role: str, lead: str) -> bool:
    """The body a speaker speaks for ("White House press secretary"), when the lead says
    that body spoke on its day ("The White House insisted on Tuesday ...")."""
    if not role:
        return False
    return any(
        re.search(rf"\b{re.escape(fold(m.group(0)))}\b", lead) for m in _ROLE_BODY_RE.finditer(role)
    )


_WORD_RE = re.compile(r"[\w'’-]+")
_SOURCE_LABEL_RE = re.compile(r"Source:\s+")
_COLON_SUBJECT_WORDS = 16
# A paragraph that introduces the next one as someone's words: "... has posted on X:".
_INTRODUCES_RE = re.compile(
    r"\b(?:said|says|wrote|writes|posted|tweeted|added|stated)\b[^.!?:]{0,50}:\s*$"
)
_STAGE_DIRECTION_RE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])[.\s]*")
# "The ministry issued the following statement:": the paragraphs after it are its words.
_ISSUED_STATEMENT_RE = re.compile(
    r"\b(?:issued|released|published|made|read\s+out)\s+the\s+following\s+"
    r"(?:statement|declaration|comment)s?\b[^.!?:]{0,50}:\s*$"
)
_QUOTE_LABEL_RE = re.compile(r"Quote:\s+")
# Words of someone speaking for themselves, or to the room: not a reporter's.
_SPEAKING_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})


def find_statements(
    text: str, published: dt.date | None = None, title: str = ""
) -> list[FoundStatement]:
    """Every statement in `text`, in order, each once. The page's `title` only names whom
    a transcript labels by office ("Remarks by President X ..." over "THE PRESIDENT: ...")."""
    finder = _Finder(text, published, title)
    return finder.run()


class _Finder:
    def __init__(self, text: str, published: dt.date | None, title: str = "") -> None:
        self.text = text
        self.title = title
        self.published = published
        self.tracker = SpeakerTracker(text=text)
        self.out: list[FoundStatement] = []
        self.last_speaker: Speaker | None = None
        self.last_speaker_paragraph = -10
        self.last_sentence_start = -1
        self.sentence_now = -1  # start of the sentence being read
        # The person a sentence is about, and where that sentence starts: "X set out his
        # reasoning." makes X the speaker of a bare quotation right after it.
        self.last_subject: tuple[Speaker, int] | None = None
        self.subject_sentences: set[int] = set()  # sentences that open with a person
        self.speakers_read: dict[tuple[int, int, int], Speaker | None] = {}

    def _speaker_of(self, toks: list[Token]) -> Speaker | None:
        """speaker_from_tokens, once per noun phrase: a sentence's subject is read again
        when its verbs, its names and the next sentence look back at it."""
        if not toks:
            return None
        # Tokens of one span are the same unless a quotation is folded into one token,
        # and then there are fewer of them.
        key = (toks[0].start, toks[-1].end, len(toks))
        try:
            return self.speakers_read[key]
        except KeyError:
            speaker = self.speakers_read[key] = speaker_from_tokens(self.text, toks)
            return speaker

    def run(self) -> list[FoundStatement]:
        paragraphs = split_paragraphs(self.text)
        kept = [p for p in paragraphs if p.kept or address_heading(p.text)]
        run_on: FoundStatement | None = None
        turns = {turn.paragraph: turn for turn in transcript_turns(kept)}
        # In a transcript, who has the floor: a speaker, a questioner (None), or nobody
        # yet (the page's introduction, read as news copy).
        floor: Speaker | None = None
        in_transcript = False
        asked = -1  # where the words the current answer goes on from begin
        question_at = -1  # where the question the last question followed up begins
        # Who issued the statement printed below "X issued the following statement:", while
        # its paragraphs run on.
        issuer: Speaker | None = None
        for number, paragraph in enumerate(kept):
            turn = turns.get(number)
            if turn is not None:
                in_transcript = True
                floor = None if turn.question else self._turn_speaker(turn)
            if in_transcript and turn is None and _STAGE_DIRECTION_RE.fullmatch(paragraph.text):
                continue  # "(Applause from the SPD)", "[Interruption]": the room, not a speech
            if in_transcript and turn is None and self._narration(paragraph):
                # "Not everyone agreed. Italy's deputy prime minister shot back that ...":
                # the news story goes on after the exchange it printed.
                in_transcript, floor = False, None
            if in_transcript:
                start = turn.content_start if turn is not None else paragraph.start
                if floor is not None:
                    self._turn(paragraph, number, floor, start, asked)

                # The question, or the answer's paragraph before, is what the next
                # paragraph of the answer goes on from; a follow-up question ("But does
                # ... over that?") goes on from the question it follows.
                follow_up = turn is not None and turn.question and question_at >= 0
                if follow_up and (
                    FOLLOW_UP_RE.match(self.text, start)
                    or _short_follow_up(self.text[start : paragraph.end])
                ):
                    asked = question_at
                elif turn is not None or asked < 0:
                    asked = start
                # (A later paragraph of an answer goes on from its first paragraph.)
                if turn is not None and turn.question:
                    question_at = asked
                run_on = None
                continue
            if number and _QUOTE_LABEL_RE.match(paragraph.text):
                self._source_line(kept[number - 1], number - 1)
            quotes = find_quotes(self.text, paragraph.start, paragraph.end)
            poster = self._poster(kept[number - 1]) if number and not quotes else None
            if poster is None and number and not quotes:
                if issuer is not None and not (
                    self.text[kept[number - 1].end : paragraph.start].strip()
                    or not any(ch.isalnum() for ch in kept[number - 1].text)  # "***"
                    or self._narration(paragraph)
                ):
                    poster = issuer  # the statement goes on, with no clutter between
                else:
                    poster = issuer = self._statement_issuer(kept[number - 1])
            else:
                issuer = None
            if poster is not None:
                # "X has posted on X:", then the post itself, without quotation marks.
                self._turn(paragraph, number, poster, paragraph.start, -1)
                run_on = None
                continue
            before = len(self.out)
            if run_on is not None and quotes and quotes[0].open_at == paragraph.start:
                run_on = self._continue_run_on(run_on, quotes[0], number)
                quotes = quotes[1:]
                if quotes and quotes[0].open_at < paragraph.end:
                    pass
            self._paragraph(paragraph, number, quotes)
            new = self.out[before:]
            run_on = (
                new[-1]
                if new
                and new[-1].direct
                and self.text[new[-1].end : paragraph.end].strip() == ""
                and not self._closed_at(new[-1])
                else None
            )
        undated = any(st.speaker is not None and not st.date.phrase for st in self.out)
        self._share_dates(self._lead_date(kept) if undated else None)
        self._name_the_roles()
        return self._deduplicated()

    def _narration(self, paragraph: Paragraph) -> bool:
        """A reporter's paragraph: someone named said something, told in the third person
        (no "I", "we" or "you" outside quotation marks)."""
        spans = [
            (q.open_at, q.close_end) for q in find_quotes(self.text, paragraph.start, paragraph.end)
        ]
        outside, i = [], paragraph.start
        for a, b in spans:
            outside.append(self.text[i:a])
            i = b
        outside.append(self.text[i : paragraph.end])
        words = _WORD_RE.findall(" ".join(outside))
        lowered = [w.lower() for w in words]
        if any(re.split(r"['’]", w)[0] in _SPEAKING_PERSON for w in lowered):  # "I've"
            return False
        return any(w in SPEECH_FORMS for w in lowered) and any(w[:1].isupper() for w in words[1:])

    def _name_the_roles(self) -> None:
        """ "The President of the Republic indicated ...", and only later "..., declared the
        President of the Republic, Emmanuel Macron": the role speaks with the name the
        article gives it, when it gives it to one person only."""
        # role (without its country) -> name -> (the person, the role's country)
        named: dict[str, dict[str, tuple[Speaker, str]]] = {}
        for st in self.out:
            sp = st.speaker
            if sp is not None and sp.kind == "person" and sp.role and _full_name(sp.name):
                role, country = _role_and_country(sp.role)
                named.setdefault(role, {}).setdefault(sp.name, (sp, country))
        if not named:
            return
        for i, st in enumerate(self.out):
            sp = st.speaker
            if sp is None or sp.kind != "person" or not role_only(sp.name):
                continue
            role, country = _role_and_country(sp.name)
            # "the foreign minister", "Ukraine's foreign minister": one person in the post.
            if not (sp.definite or country):
                continue
            # (The same country, or none on either side: "the Russian president" is not
            # the "President Volodymyr Zelensky" named elsewhere.)
            people = [
                person for person, held_in in named.get(role, {}).values() if held_in == country
            ]
            if len(people) == 1:
                self.out[i] = replace(st, speaker=as_mentioned(people[0], sp))

    def _office_holder_in_title(self, role: Speaker) -> Speaker:
        """ "Remarks by President Biden Before ...": who holds the office the label names."""
        named = re.search(
            rf"\b{re.escape(role.name)}\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", self.title
        )
        if named is None:
            return role
        words = named.group(1).split()
        if len(words) == 2 and words[1].lower() in _TITLE_STOPS:
            words = words[:1]  # "President Biden Before Marine One Departure"
        name = " ".join(words)
        return replace(role, name=name, candidates=(f"{role.name} {name}", name), confidence=0.8)

    def _turn_speaker(self, turn: Turn) -> Speaker:
        end = turn.label_start + len(turn.label)
        if answer_label(turn.label):
            # "A: ...": the person the interview is with, the one the page last named.
            people = [
                entity
                for entity in [*self.tracker.entities, *self.tracker.names]
                if entity.kind == "person" and _full_name(entity.name)
            ]
            if people:
                person = max(people, key=lambda entity: entity.start)
                return replace(person, mention=turn.label, start=turn.label_start, end=end)
        if office_label(turn.label):
            # "THE PRESIDENT": the president the page names, if it does; else the office,
            # for an editor to name (a transcript's page title names them, not its text).
            office = " ".join(w.capitalize() for w in turn.label.split()[1:])
            role = Speaker(
                turn.label,
                turn.label_start,
                end,
                office,
                role=office,
                candidates=(office,),
                confidence=0.5,
                definite=True,
            )
            speaker = self.tracker.resolve(role) or role
            if speaker is role:
                speaker = self._office_holder_in_title(role)
            self._remember(speaker, -1)
            return speaker
        initialled = INITIAL_LABEL_RE.fullmatch(turn.label)
        name: str | None = None  # the name the label itself gives
        if initialled:
            # "V.Putin": the Vladimir Putin the page names, else "Putin".
            surname = initialled.group("surname")
            named = re.search(
                rf"\b({initialled.group('initial')}[a-z]+\s+{re.escape(surname)})\b", self.text
            )
            name = " ".join(named.group(1).split()) if named else surname
        elif turn.capitals:
            name = surname_label(turn.label)
        if name is not None:
            label = Speaker(
                turn.label, turn.label_start, end, name, candidates=(name,), confidence=0.9
            )
        else:
            # "Harbour Master of Dolmar, Mara Quist": the name after the title.
            comma = turn.label.rfind(", ")
            named_from = turn.label_start + comma + 2 if comma > 0 else turn.label_start
            tokens = tokenize(self.text, named_from, end, [])
            label = self._speaker_of(tokens) or Speaker(
                turn.label, turn.label_start, end, turn.label, confidence=0.8
            )
            if comma > 0:
                label = replace(
                    label,
                    mention=turn.label,
                    start=turn.label_start,
                    role=turn.label[:comma],
                    candidates=(*label.candidates, turn.label),
                )
        # "MR. KIRBY": the John Kirby the page introduced.
        speaker = self.tracker.resolve(label) or label
        if speaker is label and " " not in speaker.name:
            named = re.search(
                # (first names hyphenated or not in ASCII: "Marie-Agnes", "Władysław")
                rf"(?<![\w-])([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?(?:\s+[A-Z]\.)?\s+"
                rf"{re.escape(speaker.name)})\b",
                self.text,
            )
            if named:
                full = " ".join(named.group(1).split())
                speaker = replace(label, name=full, candidates=(full, label.name))
        self._remember(speaker, -1)
        return speaker

    def _turn(
        self, paragraph: Paragraph, number: int, speaker: Speaker, start: int, asked: int
    ) -> None:
        """A transcript paragraph: the speaker's own words, as a quotation is."""
        while start < paragraph.end and self.text[start].isspace():
            start += 1
        words = self.text[start : paragraph.end]
        if len(words.split()) < _MIN_QUOTE_WORDS:
            return
        self.out.append(
            FoundStatement(
                start,
                paragraph.end,
                words,
                True,
                speaker,
                "say",
                speaker.confidence,
                resolve_date("", self.published),
                asked if 0 <= asked < start else start,
                paragraph.end,
                number,
                start,
                turn=True,
            )
        )
        self._remember(speaker, number)
        self.last_sentence_start = start

    def _lead_date(self, kept: list) -> tuple[StatementDate, str, int] | None:
        """The day a news story's lead sets ("X said on Tuesday", "met on Tuesday"): the
        occasion of the story, when it is a day of the week before publication; with the
        lead's text, which names who took part in it, and its paragraph number."""
        if self.published is None:
            return None
        for number, paragraph in enumerate(kept):
            body = self.text[paragraph.start : paragraph.end]
            if len(body.split()) < 12:
                continue  # bylines, "Share", a caption
            # The first day the lead names ("... did last month. In an interview published
            # Thursday, ...": Thursday).
            opening, at = body[:400], 0
            while (date := resolve_date(opening[at:], self.published)).phrase:
                if date.precision == DAY:
                    if date.date is not None and 0 < (self.published - date.date).days <= 6:
                        return date, fold(body), number
                    return None
                at = opening.find(date.phrase, at) + len(date.phrase)
            return None
        return None

    def _share_dates(self, lead: tuple[StatementDate, str, int] | None = None) -> None:
        """Undated statements take the date of the same speaker's neighbouring statement.

        A quote right after the speaker's dated statement belongs to the same occasion
        ("X said on Tuesday ... / '...,' X told reporters"); and a wire story's opening
        summary ("X has called on allies to ...") is dated by the quote just below it
        ("..., X said on Tuesday"). What is still undated, said by someone the lead
        names, belongs to the occasion the lead dates ("X and Y met on Tuesday").
        """
        out = sorted(self.out, key=lambda st: st.start)
        lead_undated = lead is not None and any(
            st.paragraph == lead[2] and not st.date.phrase for st in out
        )
        for i, statement in enumerate(out):
            if statement.date.phrase or statement.speaker is None or statement.turn:
                continue  # (a briefing's turns are all spoken the day it was given)
            name = statement.speaker.name
            if i > 0 and statement.direct:
                prev = out[i - 1]
                if (
                    prev.speaker is not None
                    and prev.speaker.name == name
                    and prev.date.phrase
                    and (
                        statement.paragraph - prev.paragraph <= 1
                        or (
                            statement.paragraph - prev.paragraph == 2
                            and self._speaking_note(prev) is not None
                        )
                    )
                ):
                    out[i] = statement = replace(statement, date=prev.date)
                    continue
            if not statement.direct and statement.paragraph <= 1:
                for nxt in out[i + 1 :]:
                    if nxt.paragraph > statement.paragraph + 1:
                        break
                    same = nxt.speaker is not None and nxt.speaker.name == name
                    if same and nxt.date.phrase:
                        out[i] = statement = replace(statement, date=nxt.date)
                        break
            if i > 0 and not statement.date.phrase and statement.sentence_start >= 0:
                # "Y, standing beside him, said ...": the occasion of the statement before.
                prev = out[i - 1]
                opening = self.text[statement.sentence_start : statement.start]
                surname = fold(name).split()[-1:]
                before = self.text[statement.context_start : statement.sentence_start]
                if surname and surname[0] in fold(before).split():
                    # "Y, standing beside him, was more guarded. He said ...".
                    opening = before + " " + opening
                if prev.date.phrase and _BESIDE_RE.search(opening):
                    out[i] = statement = replace(statement, date=prev.date)
                    continue
            if statement.sentence_start >= 0:
                # "X said the same day that ...": the day the story last named.
                own = self.text[statement.sentence_start : statement.context_end]
                occasion = _SAME_OCCASION_RE.search(own) if "same" in own else None
                if ("day" in own and _SAME_DAY_RE.search(own)) or occasion:
                    earlier = self._date_before(
                        statement.sentence_start, occasion.group("noun") if occasion else ""
                    )
                    if earlier is not None:
                        out[i] = statement = replace(statement, date=earlier)
                        continue
            if statement.sentence_start >= 0 and self.published is not None:
                # "X, who visited Kyiv on Wednesday, said ...": with no date of its own, the
                # statement was made on the visit, if that was in the past week.
                opening = self.text[statement.sentence_start : statement.start]
                if _WHO_RE.search(opening) and _date_hint(opening):
                    visit = resolve_date(opening, self.published)
                    if (
                        visit.phrase
                        and visit.precision == DAY
                        and visit.date is not None
                        and 0 < (self.published - visit.date).days <= 7
                    ):
                        out[i] = statement = replace(statement, date=visit)
                        continue
            if statement.sentence_start > statement.context_start >= 0:
                # "X had laid out his refusal in Berlin last Monday. '...,' X said.": the
                # sentence before names the speaker and the occasion; its date is theirs.
                # (The sentence itself: not the captions between paragraphs.)
                stop = self.text.find("\n", statement.context_start, statement.sentence_start)
                before = self.text[statement.context_start : stop if stop > 0 else None]
                before = before[: statement.sentence_start - statement.context_start]
                occasion = self._occasion_date(before, statement.context_start, statement.speaker)
                if occasion is not None:
                    out[i] = statement = replace(statement, date=occasion)
                    continue
            after = self._speaking_after(statement)
            if after is not None:
                out[i] = statement = replace(statement, date=after)
                continue
            if lead is not None and not statement.date.phrase:
                surname = fold(name).split()[-1:]
                if (
                    (surname and re.search(rf"\b{re.escape(surname[0])}\b", lead[1]))
                    or _body_in_lead(statement.speaker.role, lead[1])
                    # The quotation right below a lead that sets the scene ("Hundreds of
                    # lorries crossed the bridge on Saturday ...") was spoken there.
                    # (Not when the lead reports speech undated: "X struck Y on Tuesday,
                    # Moscow said" dates the strike, not the saying.)
                    or (
                        statement.direct and statement.paragraph == lead[2] + 1 and not lead_undated
                    )
                ):
                    out[i] = replace(statement, date=lead[0])
        self.out = out

    def _occasion_date(self, sentence: str, at: int, speaker: Speaker) -> StatementDate | None:
        """The date in `sentence` when the sentence names `speaker` (their surname)."""
        words = fold(speaker.name).split()
        if speaker.definite and speaker.kind == "person" and at in self.subject_sentences:
            # "Zelensky took his plan to parliament on Wednesday. Presenting it, the
            # Ukrainian president said ...": the person the sentence before is about.
            date = resolve_date(sentence, self.published)
            return date if date.phrase and _date_hint(sentence) else None
        # A plain substring test first: this runs for every undated statement.
        if not words or (speaker.name.isascii() and words[-1] not in sentence.lower()):
            return None
        same_day = "day" in sentence and bool(_SAME_DAY_RE.search(sentence))
        if not same_day and not _date_hint(sentence):
            return None
        if not re.search(rf"\b{re.escape(words[-1])}\b", fold(sentence)):
            return None
        if same_day:  # "Speaking the same day, X restated ..."
            return self._date_before(at)
        date = resolve_date(sentence, self.published)
        return date if date.phrase else None

    def _speaking_after(self, statement: FoundStatement) -> StatementDate | None:
        """ "X has said that ... . X was speaking during a visit to Kyiv yesterday": the
        sentence after the statement dates the occasion it was made on."""
        if statement.speaker is None or self.published is None:
            return None
        note = self._speaking_note(statement)
        if note is None:
            return None
        date = resolve_date(note, self.published)
        return date if date.phrase else None

    def _speaking_note(self, statement: FoundStatement) -> str | None:
        """The sentence after the statement when it only says where and when its speaker
        said it ("He said this on Sunday during a visit to ...")."""
        nxt = _NEXT_SENTENCE_RE.match(self.text, statement.context_end)
        if nxt is None or statement.speaker is None or not _SPEAKING_RE.search(nxt.group(1)):
            return None
        opening = fold(nxt.group(1)[:60]).split()
        surname = fold(statement.speaker.name).split()[-1:]
        # "The Head of State said this ...": a title for the speaker just quoted.
        if not (set(opening[:4]) & {"he", "she", "they", *surname}) and opening[:1] != ["the"]:
            return None
        return nxt.group(1)

    def _date_before(self, position: int, occasion: str = "") -> StatementDate | None:
        """The last date the story named before `position`, within a few sentences; with an
        occasion ("summit"), the date of the sentence that names it."""
        if position <= 0:
            return None
        window = self.text[max(0, position - 1500) : position]
        for sentence in reversed(_SENTENCE_CUT_RE.split(window)[-6:]):
            if _SAME_DAY_RE.search(sentence) or not _date_hint(sentence):
                continue
            if occasion and occasion.split()[-1] not in sentence.lower():
                continue
            date = resolve_date(sentence, self.published)
            # The occasion of a news story is recent: not the date of an event to come
            # ("the elections, from June 6 to 9") read back into last year.
            if (
                date.phrase
                and date.date is not None
                and self.published is not None
                and 0 <= (self.published - date.date).days <= 31
            ):
                return date
        return None

    def _closed_at(self, statement: FoundStatement) -> bool:
        return statement.end < len(self.text) and self.text[statement.end] in "\"”’'»“›‘"

    def _continue_run_on(
        self, statement: FoundStatement, quote: Quote, number: int
    ) -> FoundStatement:
        """A quote left open at a paragraph's end goes on in the next one, same speaker."""
        merged = replace(
            statement,
            end=quote.end,
            text=self.text[statement.start : quote.end],
            context_end=quote.close_end,
        )
        self.out[self.out.index(statement)] = merged
        self._remember(merged.speaker, number)
        return merged

    # --- one paragraph -------------------------------------------------------------------

    def _paragraph(self, paragraph: Paragraph, number: int, quotes: list[Quote]) -> None:
        start = paragraph.start
        dateline = _DATELINE_RE.match(paragraph.text)
        if dateline is None and "(" in paragraph.text[:80]:
            dateline = _AGENCY_DATELINE_RE.match(paragraph.text)
        if dateline:
            start += dateline.end()
        sentences = split_sentences(self.text, start, paragraph.end, quotes)
        # Context reaches back one sentence, into the previous paragraph if need be.
        previous_start = self.last_sentence_start if self.last_sentence_start >= 0 else start
        # One cheap look at the whole paragraph before any sentence is tokenised.
        speech_here = _has_speech_word(self.text, start, paragraph.end)
        # (A paragraph of one sentence needs no second look.)
        whole = len(sentences) == 1
        for sentence in sentences:
            self.sentence_now = sentence.start
            if (
                speech_here and (whole or _has_speech_word(self.text, sentence.start, sentence.end))
            ) or any(sentence.start <= q.open_at < sentence.end for q in quotes):
                tokens = tokenize(self.text, sentence.start, sentence.end, quotes)
                if tokens:
                    self._sentence(tokens, sentence.start, sentence.end, number, previous_start)
            else:
                # No quote and no speech verb: only who it names matters (for "he", "Blinken").
                # Tokenise only its opening and the full names in it: tokens are the cost.
                head_end = min(sentence.end, sentence.start + 120)
                tokens = tokenize(self.text, sentence.start, head_end, quotes)
                if tokens:
                    self._note_subject(tokens, names=False)
                head_named = False
                for m in _NAME_PAIR_RE.finditer(self.text, sentence.start, sentence.end):
                    if m.end() < head_end:
                        # (the opening's tokens hold it already)
                        if not head_named and tokens:
                            self._note_names(tokens)
                            head_named = True
                        continue
                    window = tokenize(self.text, max(sentence.start, m.start() - 60), m.end(), [])
                    self._note_names(window)
                self._note_agent(sentence.start, sentence.end)
            previous_start = sentence.start
            self.last_sentence_start = sentence.start

    def _sentence(
        self, tokens: list[Token], s_start: int, s_end: int, number: int, previous_start: int
    ) -> None:
        verbs = _speech_verbs(tokens)
        used: set[int] = set()
        absorbed: set[int] = set()  # quote tokens inside a reported clause
        found: list[FoundStatement] = []
        self._note_subject(tokens)
        meta = bool(_META_RE.match(self.text[s_start:s_end]))

        # Reported clauses first: a quote that is only a fragment of one belongs to it.
        reported: list[tuple[_Verb, Speaker | None, int, int]] = []
        for verb in verbs:
            if verb.participle:
                reported.append((verb, None, verb.index, verb.span))
                continue
            subject = self._subject(tokens, verb)
            if subject is None:
                continue
            speaker, subj_begin = subject
            embedded = (
                subj_begin > 0
                and tokens[subj_begin - 1].lower == "that"
                and any(other.index < subj_begin for other in verbs)
            )
            # "X, who had ruled it out in 2023, said on Monday ...": the relative clause is
            # background to the statement the main verb brings, not a statement of its own.
            relative = (
                verb.chain >= 2
                and tokens[verb.chain - 1].lower == "who"
                and tokens[verb.chain - 2].lower == ","
                and any(other.index > verb.index and not other.participle for other in verbs)
            )
            if meta or embedded or relative or _narrative(tokens, verb, speaker, subj_begin):
                used.add(verb.index)
                continue
            reported.append((verb, speaker, subj_begin, verb.span))

        for i, tok in enumerate(tokens):
            if tok.quote is None:
                continue
            attribution = self._quote_attribution(tokens, i, verbs, used)
            if attribution is None:
                continue
            speaker, verb = attribution
            if verb is not None:
                used.add(verb.index)
            absorbed.add(i)
            statement = self._direct(
                tok.quote,
                speaker,
                verb.lemma if verb else "",
                s_start,
                s_end,
                number,
                previous_start,
                tokens,
            )
            if statement is not None:
                found.append(statement)

        for verb, speaker, subj_begin, chain in reported:
            if verb.index in used or speaker is None:
                continue
            statements = self._reported(
                tokens,
                verb,
                speaker,
                subj_begin,
                chain,
                reported,
                s_start,
                s_end,
                number,
                previous_start,
                absorbed,
            )
            used.add(verb.index)
            found.extend(statements)

        for verb, speaker, _, chain in reported:
            # ", adding that ...": a further statement by whoever spoke before it.
            before = [st for st in found if st.start < tokens[verb.index].start and st.speaker]
            leads = (
                speaker is None
                and not before
                and verb.index not in used
                and tokens[verb.index].lower in _LEAD_PARTICIPLES
            )
            subject = self.last_subject
            if leads and (subject is None or subject[1] != s_start):
                # "A group of senators went further, warning ...": a body or a group.
                body = self._opening_body(tokens)
                subject = (body, s_start) if body is not None else subject
            if leads and subject is not None and subject[1] == s_start:
                # "X went further, saying ...": the person the sentence is about.
                used.add(verb.index)
                found.extend(
                    self._reported(
                        tokens,
                        verb,
                        subject[0],
                        verb.index,
                        chain,
                        reported,
                        s_start,
                        s_end,
                        number,
                        previous_start,
                        absorbed,
                        postposed=False,
                    )
                )
                continue
            if speaker is None and before and verb.index not in used:
                used.add(verb.index)
                added = self._reported(
                    tokens,
                    verb,
                    before[-1].speaker,
                    verb.index,
                    chain,
                    reported,
                    s_start,
                    s_end,
                    number,
                    previous_start,
                    absorbed,
                    postposed=False,
                )
                # ", adding that ...", with no date of its own: said with what it adds to.
                own = self.text[
                    tokens[verb.index].start : tokens[min(verb.end + 3, len(tokens) - 1)].end
                ]
                if not _date_hint(own):
                    added = [replace(st, date=before[-1].date) for st in added]
                main = before[-1]
                if (
                    len(added) == 1
                    and not added[0].direct
                    and not main.direct
                    and main.cue_verb
                    and self.text[main.end : tokens[verb.index].start].strip() == ","
                ):
                    # "X said that A, adding that B": one clause from the verb on, as the
                    # reported speech it is.
                    found[found.index(main)] = self._joined(main, added[0])
                    continue
                found.extend(added)
        if not found:
            found.extend(self._according_to(tokens, s_start, s_end, number, previous_start))
        found.sort(key=lambda st: st.start)
        found = self._coordinated(found)
        for statement in found:
            if statement.speaker is not None:
                self._remember(statement.speaker, number)
        # Quotes with no attribution in their sentence: a quote-only sentence continues
        # the previous speaker (the next paragraph of a speech, or "'...' / he said").
        for i, tok in enumerate(tokens):
            if tok.quote is None or i in absorbed:
                continue
            if any(st.start <= tok.quote.start < st.end for st in found):
                continue
            # "'If ...,' X told a news conference, 'the rest ...'": the quote goes on after
            # an attribution that interrupts it, however long the attribution.
            opened = [st for st in found if st.direct and st.end <= tok.quote.start]
            if (
                opened
                and opened[-1].speaker is not None
                and not any(
                    t.quote is not None and opened[-1].end < t.start < tok.start for t in tokens[:i]
                )
            ):
                statement = self._direct(
                    tok.quote,
                    opened[-1].speaker,
                    "",
                    s_start,
                    s_end,
                    number,
                    previous_start,
                    tokens,
                )
                first = opened[-1]
                # The words between the two quotations, without their marks.
                joint = (
                    self.text[first.end : statement.start].strip(QUOTE_MARKS + " ")
                    if statement
                    else ""
                )
                interrupted = joint.endswith(",")
                if (
                    statement is not None
                    and not interrupted
                    and len(statement.text.split()) < _QUOTED_PHRASE_WORDS
                    and not re.search(r"(?:\bthat|:)$", joint)
                ):
                    # "..., speaking of the war as having «a global character»": a phrase
                    # the reporter quotes inside their own sentence, not a statement.
                    continue
                if statement is not None and (
                    (statement.text[:1].islower() and interrupted)
                    or _CHAINED_RE.fullmatch(joint)
                    # "'If the restrictions are lifted,' X said, 'NATO will ...'": a clause
                    # that cannot stand alone goes on in the second part.
                    or (interrupted and _SUBORDINATE_OPENING_RE.match(first.text))
                ):
                    # "'A,' he said, 'and B.'": one sentence, one statement, from its
                    # first word to its last.
                    found[found.index(first)] = self._joined(first, statement)
                    continue
                if statement is not None:
                    found.append(statement)
                    continue
            speaker = None
            if not found and i >= 3 and tokens[i - 1].lower == ":" and i + 2 >= len(tokens):
                # "Zelensky was coy in his nightly address: “...”": the quotation ends the
                # sentence of the person it opens with.
                speaker = self._colon_subject(tokens[: i - 1])
            if speaker is None:
                outside = sum(len(t.text) for t in tokens if t.quote is None and t.lower.isalnum())
                if outside > 12:
                    continue
                speaker = self.last_speaker
                if number - self.last_speaker_paragraph > 1:
                    speaker = None
                subject = self.last_subject
                if (
                    subject is not None
                    and subject[1] == previous_start
                    and subject[1] != s_start
                    and (speaker is None or speaker.name != subject[0].name)
                ):
                    # "Mr Vale, for his part, set out his reasoning. '...'": the person the
                    # sentence before is about, rather than whoever spoke before that.
                    speaker = subject[0]
                if speaker is None:
                    continue
            if speaker is not self.last_speaker:
                self._remember(speaker, number)  # the next bare quotation is theirs too
            statement = self._direct(
                tok.quote,
                speaker,
                "",
                s_start,
                s_end,
                number,
                previous_start,
                tokens,
                confidence=0.7,
            )
            if statement is not None:
                found.append(statement)
        found.sort(key=lambda st: st.start)
        self.out.extend(found)

    def _joined(self, first: FoundStatement, last: FoundStatement, **changes) -> FoundStatement:
        """`first` stretched to the end of `last`: one statement over both."""
        return replace(
            first,
            end=last.end,
            text=self.text[first.start : last.end],
            context_end=max(first.context_end, last.context_end),
            **changes,
        )

    def _coordinated(self, found: list[FoundStatement]) -> list[FoundStatement]:
        """ "X said A and demanded B", "X warned A, but said B": one speaker's clauses
        joined in one sentence are one statement, from the first verb to the last word."""
        out: list[FoundStatement] = []
        for st in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and not prev.direct
                and not st.direct
                and prev.cue_verb
                and st.cue_verb
                and same_speaker(prev, st)
                and st.text[:1].islower()
                and prev.end <= st.start
                and _COORDINATED_RE.fullmatch(self.text[prev.end : st.start].strip())
            ):
                out[-1] = self._joined(
                    prev, st, date=prev.date if prev.date.phrase or not st.date.phrase else st.date
                )
                continue
            out.append(st)
        return out

    def _poster(self, paragraph: Paragraph) -> Speaker | None:
        """Who the paragraph before introduces as writing or saying what follows ("Kuleba
        has posted on X:", "In a statement, the ministry said:"), if it opens with them."""
        # (It ends with its colon: a cheap test first.)
        if not paragraph.text.rstrip().endswith(":") or not _INTRODUCES_RE.search(paragraph.text):
            return None
        tokens = tokenize(self.text, paragraph.start, paragraph.end, [])
        verbs = _speech_verbs(tokens)
        if not verbs or len(tokens) > 2 * _COLON_SUBJECT_WORDS:
            return None
        found = self._subject(tokens, verbs[0])
        return found[0] if found is not None else None

    def _statement_issuer(self, paragraph: Paragraph) -> Speaker | None:
        """Who "issued the following statement:" in the paragraph before, if it opens
        with them."""
        if not paragraph.text.rstrip().endswith(":") or not _ISSUED_STATEMENT_RE.search(
            paragraph.text
        ):
            return None
        issuer = self._opening_subject(tokenize(self.text, paragraph.start, paragraph.end, []))
        return None if issuer is None else self.tracker.resolve(issuer) or issuer

    def _colon_subject(self, tokens: list[Token]) -> Speaker | None:
        """The person or body a sentence before a colon opens with, when it is short and
        says something of them ("X was blunt", "The ministry went further"), with or
        without a description between commas ("X, the liberal who chairs ..., was blunt")."""
        if any(t.quote is not None or t.lower == ":" for t in tokens):
            return None  # ("Photo caption: X in the Bundestag: «...»")
        end = np_forward(tokens, 0)
        described = end
        if 0 < end < len(tokens) - 2 and tokens[end].lower == ",":
            close = next(
                (j for j in range(end + 2, min(len(tokens), end + 20)) if tokens[j].lower == ","),
                0,
            )
            if close and tokens[close + 1 : close + 2] and tokens[close + 1].text.islower():
                tokens = tokens[:end] + tokens[close + 1 :]
                described = close
        if len(tokens) > _COLON_SUBJECT_WORDS:
            return None
        if end == 0 or end >= len(tokens) - 1 or tokens[end].lower in (",", "'s", "’s"):
            return None
        speaker = self._speaker_of(tokens[:end])
        if speaker is None or speaker.kind == "any":
            return None
        if described != end and not (speaker.kind == "person" and _full_name(speaker.name)):
            return None  # (a description only after someone's full name)
        resolved = self.tracker.resolve(speaker)
        if resolved is None or not any(w[:1].isupper() for w in resolved.name.split()):
            return None  # a pronoun no one answers to; "the message was clear"
        return resolved

    def _source_line(self, paragraph: Paragraph, number: int) -> None:
        """ "Source: Zelensky's evening address", then "Quote: «...»": the quotation is
        the words of whom the source line names (as Ukrainian news sites print them)."""
        label = _SOURCE_LABEL_RE.match(paragraph.text)
        if label is None:
            return
        tokens = tokenize(self.text, paragraph.start + label.end(), paragraph.end, [])
        end = np_forward(tokens, 0)
        speaker = self._speaker_of(tokens[:end])
        if speaker is not None:
            self._remember(self.tracker.resolve(speaker) or speaker, number)

    def _remember(self, speaker: Speaker | None, number: int) -> None:
        if speaker is None:
            return
        self.last_speaker = speaker
        self.last_speaker_paragraph = number
        self.tracker.note(speaker)

    def _note_agent(self, start: int, end: int) -> None:
        """ "The debate was opened by Jens Stoltenberg.": the one who acted, as a subject."""
        if self.text.find(" by ", start, end) < 0:
            return
        agent = _BY_AGENT_RE.search(self.text, start, end)
        if agent is None:
            return
        named = self.tracker.resolve(
            Speaker(agent.group(1), agent.start(1), agent.end(1), agent.group(1))
        )
        if named is not None and named.kind == "person":
            self._note_person(named)

    def _opening_body(self, tokens: list[Token]) -> Speaker | None:
        """The group, body or government a sentence opens with, as its subject; or the
        one "he", "she" or "they" opening it points back to."""
        if len(tokens) > 1 and tokens[0].lower in PRONOUNS and tokens[1].text.islower():
            return self.tracker.resolve(self._speaker_of(tokens[:1]))
        body = self._opening_subject(tokens)
        if body is None or body.kind not in (GROUP, ORGANISATION, GOVERNMENT):
            return None
        return self.tracker.resolve(body) or body

    def _opening_subject(self, tokens: list[Token]) -> Speaker | None:
        """The noun phrase a sentence opens with, when a lower-case word (its verb or an
        adjunct: "The Kremlin on Monday seized ...") follows it and it is not a pronoun."""
        end = np_forward(tokens, 0)
        if end == 0 or end >= len(tokens) or not tokens[end].text.islower():
            return None
        subject = self._speaker_of(tokens[:end])
        return None if subject is None or subject.pronoun else subject

    def _note_person(self, speaker: Speaker) -> None:
        self.tracker.note(speaker)
        self.last_subject = (speaker, self.sentence_now)
        self.subject_sentences.add(self.sentence_now)

    def _note_names(self, tokens: list[Token]) -> None:
        if not _NAME_PAIR_RE.search(self.text, tokens[0].start, tokens[-1].end):
            return
        k = 0
        while k < len(tokens):
            end = np_forward(tokens, k) if tokens[k].text[:1].isupper() else k
            if end > k + 1:
                named = self._speaker_of(tokens[k:end])
                if named is not None and named.kind == "person":
                    if _full_name(named.name):
                        self.tracker.note_name(named)
                    elif _titled(named) and self.tracker.resolve(named) is named:
                        # "President Biden", when the article has not named him in full.
                        self.tracker.note_name(named)
            k = max(end, k + 1)

    def _note_subject(self, tokens: list[Token], names: bool = True) -> None:
        """A sentence that opens with a person's name makes them "he" or "she" next; any
        full name ("President Tomas Erling") lets a later bare surname find it."""
        if names:
            self._note_names(tokens)
        if tokens and tokens[0].lower == "according":
            return  # "According to the diplomat, ...": the source, handled as a statement
        while tokens and tokens[0].lower in _OPENING_CONJUNCTIONS:
            tokens = tokens[2:] if tokens[1:2] and tokens[1].lower == "," else tokens[1:]
        if len(tokens) > 5 and tokens[0].lower == "the" and tokens[2].lower == "of":
            # "The reaction of Matteo Salvini was immediate.": what follows is theirs.
            end = np_forward(tokens, 3)
            named = self._speaker_of(tokens[3:end]) if end > 3 else None
            if (
                named is not None
                and named.kind == "person"
                and _full_name(named.name)
                and tokens[1].text.islower()
                and end < len(tokens)
                and tokens[end].text.islower()
            ):
                self._note_person(named)
                return
        opening = tokens[0].lower if tokens else ""
        if (opening in _FRONTED_STARTS and opening != "however") or (
            # "Standing next to X, Y set out ...", "Pressed on the point, Y ...".
            opening.endswith(("ing", "ed")) and tokens[0].text[:1].isupper()
        ):
            # "At a meeting in Brussels on Wednesday, NATO's Mark Rutte was asked ...": the
            # subject comes after the fronted place or time.
            # ("Asked by reporters whether ... differently, X was blunt.": a participle
            # clause can run long.)
            reach = 30 if opening.endswith(("ing", "ed")) else 16
            comma = next(
                (j for j in range(1, min(len(tokens), reach)) if tokens[j].lower == ","), 0
            )
            if (
                comma
                and tokens[comma + 1 : comma + 2]
                and (
                    tokens[comma + 1].text[:1].isupper()
                    or tokens[comma + 1].lower == "the"
                    # "In Kyiv, presidential adviser Mykhailo Podolyak struck ..."
                    or tokens[comma + 1].lower in ROLE_WORDS
                )
            ):
                if not names:
                    self._note_names(tokens[:comma])  # "Standing next to Olaf Scholz, ..."
                self._note_subject(tokens[comma + 1 :], names=False)
                return
        end = np_forward(tokens, 0)
        comma = next((j for j in range(end, min(len(tokens), 14)) if tokens[j].lower == ","), -1)
        if (
            end < comma < len(tokens) - 2
            and all(t.quote is None for t in tokens[:comma])
            # (a description, not a clause: "the ministry said that if ..., Moscow ...")
            and not any(
                t.lower in SPEECH_FORMS or t.lower in ("that", "if", "which", "who")
                for t in tokens[end:comma]
            )
            and any(t.lower in ROLE_WORDS for t in tokens[end:comma])
            and tokens[comma + 1].text[:1].isupper()
        ):
            # "The bloc's new foreign policy chief, Kaja Kallas, struck ...": a longer
            # description before the name in apposition.
            end = comma
        if 0 < end < len(tokens) - 2 and tokens[end].lower == ",":
            # "The chief of the defence staff, General Piet Aldous, went further."
            inner = np_forward(tokens, end + 1)
            appositive = self._speaker_of(tokens[end + 1 : inner])
            if appositive is not None and appositive.kind == "person" and inner < len(tokens):
                if (
                    len(appositive.name.split()) >= 2
                    and all(w[:1].isupper() for w in appositive.name.split())
                    and tokens[inner].lower == ","
                    # "Lindsey Graham, the South Carolina Republican, ...": a description
                    # with "the", not a name.
                    and not appositive.definite
                ):
                    self._note_person(appositive)
                    return
                # "Petra Sollie, the defence minister, ...": the name comes first.
                first = self._speaker_of(tokens[:end])
                if first is not None and first.kind == "person" and len(first.name.split()) >= 2:
                    self._note_person(replace(first, role=appositive.mention))
                    return
        if end == 0 or end >= len(tokens):
            return
        if end == 1 and tokens[0].lower.endswith(("ed", "ing")):
            return  # "Pressed by reporters, he ...": a participle, not a name
        if (
            not (tokens[end].text[:1].islower() and tokens[end].lower.isalpha())
            and tokens[end].lower != ","
        ):
            return
        speaker = self._speaker_of(tokens[:end])
        if (
            speaker is not None
            and not speaker.pronoun
            and speaker.kind == "person"
            and speaker.role == ""
            and len(speaker.name.split()) <= 3
        ):
            resolved = self.tracker.resolve(speaker)
            # A lone capitalised word ("Nordland is reviewing ...") is a person only if
            # it is the surname of someone already named, or if the sentence goes on with
            # "his" or "her" ("Kessler had set out his conditions on Monday.").
            if (
                resolved is not None
                and (
                    resolved is not speaker
                    or len(speaker.name.split()) > 1
                    # (not "the Spaniard": a description)
                    or (not speaker.definite and _personal_predicate(tokens[end : end + 6]))
                )
            ):
                self._note_person(resolved)
        elif speaker is not None and not speaker.pronoun and speaker.kind == "person":
            # "President Erling was asked ...": the person already named in full, if any.
            self._note_person(self.tracker.resolve(speaker) or speaker)
        elif (
            speaker is not None
            and not speaker.pronoun
            and speaker.kind in ("organisation", "government", "group")
            and sum(1 for w in speaker.mention.split() if w[:1].isupper()) >= 2
        ):
            # "The opposition Civic Renewal Party launched ...": a body named in full, so
            # that "the party said" later is this party.
            self.tracker.note(speaker)

    # --- subjects and attribution --------------------------------------------------------

    def _subject(self, tokens: list[Token], verb: _Verb) -> tuple[Speaker, int] | None:
        """The speaker before a speech verb, and the token index where it begins."""
        c = verb.chain
        if c == 0:
            return None
        prev = tokens[c - 1]
        if prev.lower in PRONOUNS:
            speaker = self._speaker_of([prev])
            resolved = self.tracker.resolve(speaker) if speaker else None
            return (resolved, c - 1) if resolved else None
        if (
            prev.lower == "them"
            and c >= 3
            and tokens[c - 2].lower == "of"
            and tokens[c - 3].lower in _ONE_OF_THEM
        ):
            # "One of them said ...": of the group last named.
            resolved = self.tracker.resolve(pronoun_speaker(prev, GROUP))
            return (resolved, c - 3) if resolved else None
        if prev.lower in ("and", "but"):
            # "X chose his words carefully and was keen to make clear ...": X speaks; also
            # after a fronted time or place ("Before the talks, X was asked ... and said").
            first = 0
            if tokens[0].lower in _FRONTED_STARTS:
                comma = next((j for j in range(1, min(c - 1, 10)) if tokens[j].lower == ","), 0)
                first = comma + 1 if comma else 0
            # "..., as Moscow blamed Kyiv and hinted at ...": the subject of the clause the
            # verb is joined in.
            for j in range(c - 2, first, -1):
                if tokens[j].lower in _SUBORDINATORS and tokens[j - 1].lower in (",", "—"):
                    first = j + 1
                    break
            end = np_forward(tokens, first, c - 1)
            speaker = self._speaker_of(tokens[first:end]) if end > first else None
            if speaker is None or speaker.kind == "any":
                return None
            # "The Russian president, Vladimir Putin, warned ... and said ...": the name in
            # the apposition.
            close = next(
                (j for j in range(end + 1, min(end + 6, c - 1)) if tokens[j].lower == ","), 0
            )
            if (
                end < c - 1
                and tokens[end].lower == ","
                and close
                # (not a description: "Michael McCaul, a Texas Republican, ...")
                and tokens[end + 1].lower not in ("a", "an")
            ):
                named = self._speaker_of(tokens[end + 1 : close])
                if named is not None and named.kind == "person" and _full_name(named.name):
                    speaker = named
            resolved = self.tracker.resolve(speaker)
            return (replace(resolved, confidence=0.8), c - 1) if resolved else None
        end = c
        relative = False  # the verb is in a relative clause about the noun before ", who"
        if prev.lower == "who" and c >= 2 and tokens[c - 2].lower == ",":
            end, relative = c - 2, True
        elif (who := _who_then_adjunct(tokens, c)) > 0:
            # "X, who in an interview on Friday urged ...": the relative clause's subject.
            end, relative = who - 1, True
        elif prev.lower == "," and (who := _relative_before(tokens, c - 1)) > 0:
            # "X, who visited Kyiv with Y, the US envoy, said": the relative clause (and any
            # name inside it) is about X, who speaks.
            end = who - 1
        elif prev.lower == ",":
            # "Dmitry Peskov, the Kremlin spokesman, said": skip the apposition.
            k = c - 2
            while k >= 0 and c - k < 26 and tokens[k].lower != "," and tokens[k].quote is None:
                k -= 1
            if k <= 0 or tokens[k].lower != ",":
                return None
            # A long apposition only when it is a participle phrase ("X, speaking at ...
            # after a meeting of ..., said"), a relative clause ("The group, which on
            # Thursday will put a motion to the vote ..., accused"), or a role with its
            # offices ("X, the FDP's defence spokeswoman and chair of the committee, said").
            opener = tokens[k + 1].lower
            if c - k >= 14 and not (
                opener.endswith("ing")
                or opener in ("asked", "writing", "which", "who", "whose")
                or (
                    opener in ("the", "a", "an")
                    and (tokens[k + 2].lower in ROLE_WORDS or tokens[k + 2].lower == "'s")
                )
                or (
                    opener in ("the", "a", "an")
                    and any(t.lower in ROLE_WORDS for t in tokens[k + 2 : k + 6])
                    and not any(t.lower in SPEECH_FORMS for t in tokens[k + 1 : c - 1])
                )
            ):
                return None
            # "Scholz himself, questioned by ...", "Senator Jo Marr (D-Vt.), asked about ..."
            end = _name_end(tokens, k)
            # "His spokesman, Rolf Tamm, said": the name is in the apposition.
            # ...but not a place in a participle or prepositional phrase ("X, during a
            # visit to Port Alden, said").
            named = (
                self._speaker_of(tokens[k + 1 : c - 1])
                if tokens[k + 1].lower not in _FRONTED_STARTS
                and tokens[k + 1].lower not in _ADJUNCT_STARTS
                else None
            )
            head_begin = np_backward(tokens, end)
            held = next(
                (j for j in range(end - 1, max(1, end - 6), -1) if tokens[j].lower in ROLE_HELD_AT),
                0,
            )
            if held and tokens[held - 1].lower in ROLE_WORDS and held <= head_begin:
                # "the spokeswoman of Russian diplomacy, Maria Zakharova, said": the role
                # and where it is held.
                head_begin = np_backward(tokens, held)
            head = self._speaker_of(tokens[head_begin:end]) if head_begin < end else None
            if (
                named is not None
                and named.kind == "person"
                and len(named.name.split()) >= 2
                and all(w[:1].isupper() for w in named.name.split())
                and head is not None
                and (
                    (
                        head.name == head.mention
                        and head.kind == "person"
                        # "Ann Roe, an adviser to President Jim Lake, said": a full name
                        # before the comma is the speaker, the one after it a relation.
                        and not _full_name(head.name)
                    )
                    # "The chair of the fishermen's guild, Orla Penn, said": a body named
                    # in common nouns before a person's full name.
                    or (
                        head.kind != "person"
                        and not any(w[:1].isupper() for w in head.mention.split())
                    )
                    # "the speaker of the State Duma, Vyacheslav Volodin, said": a
                    # description before the name, whatever it ends with.
                    or (
                        # ("His chief of staff, Andriy Ostap, said": or a possessive.)
                        tokens[head_begin].lower in ("the", "his", "her", "its", "their")
                        and tokens[head_begin + 1].lower in ROLE_WORDS
                    )
                )
            ):
                speaker = replace(named, role=head.mention, candidates=named.candidates)
                resolved = self.tracker.resolve(speaker)
                return (resolved, head_begin) if resolved else None
        end = _name_end(tokens, end)  # "Scholz himself said", "Jo Marr (D-Vt.) said"
        begin = np_backward(tokens, end)
        if begin >= 3 and (tokens[begin - 2].lower, tokens[begin - 1].lower) in _MODIFIER_LINKS:
            # "A group of Republicans aligned with Donald Trump sent ...": the name after
            # the link describes the subject before it.
            head_begin = np_backward(tokens, begin - 2)
            if head_begin < begin - 2:
                begin, end = head_begin, begin - 2
        # ("Y on Friday lashed out at X, who urged ...": X, not the sentence's subject.)
        adjunct = None if relative else self._named_before_adjunct(tokens, begin)
        if adjunct is not None:
            return adjunct
        if begin == end:
            anonymous = self._anonymous_sources(tokens, end)
            if anonymous is not None:
                return self._first_conjunct(tokens, anonymous[1]) or anonymous
            return None
        conjunct = self._first_conjunct(tokens, begin)
        if conjunct is not None:
            return conjunct
        speaker = self._speaker_of(tokens[begin:end])
        if (
            speaker is not None
            and speaker.kind == "person"
            and speaker.name == speaker.mention
            and begin >= 2
            and tokens[begin - 1].lower == ","
        ):
            # "Petra Sollie, the defence minister, who ..., said": the name before the role.
            name_begin = np_backward(tokens, begin - 1)
            named = self._speaker_of(tokens[name_begin : begin - 1])
            if (
                named is not None
                and named.kind == "person"
                and len(named.name.split()) >= 2
                and all(w[:1].isupper() for w in named.name.split())
                # ("During the meeting with X, the Minister stressed ...": X is whom the
                # minister met, not the minister.)
                and not (name_begin and tokens[name_begin - 1].lower in _PREPOSITIONS)
            ):
                speaker, begin = replace(named, role=speaker.mention), name_begin
        if speaker is None:
            return None
        resolved = self.tracker.resolve(speaker)
        if resolved is None:
            return None
        return resolved, begin

    def _named_after(self, tokens: list[Token], end: int, role: Speaker) -> Speaker | None:
        """The full name in apposition after a role ("the minister, Ann Roe, ...")."""
        if end + 1 >= len(tokens) or tokens[end].lower != ",":
            return None
        inner = np_forward(tokens, end + 1)
        named = self._speaker_of(tokens[end + 1 : inner])
        if (
            named is None
            or named.kind != "person"
            or not _full_name(named.name)
            or role_only(named.name)
            or (inner < len(tokens) and tokens[inner].lower not in (",", ".", ";"))
        ):
            return None
        return replace(named, role=role.mention)

    def _named_before_adjunct(self, tokens: list[Token], begin: int) -> tuple[Speaker, int] | None:
        """ "Maria Zakharova at a briefing on Thursday stated ...": a person named in full
        at the start of the sentence, then where or when they spoke, then the verb."""
        at = next((j for j in range(1, begin) if tokens[j].lower in _SPOKE_WHERE), 0)
        if not at or begin - at > 8 or any(t.lower == "," for t in tokens[at:begin]):
            return None
        name_begin = np_backward(tokens, at)
        if name_begin == at or any(t.quote is not None for t in tokens[:name_begin]):
            return None
        named = self._speaker_of(tokens[name_begin:at])
        if (
            named is None
            or named.kind != "person"
            or not _full_name(named.name)
            or role_only(named.name)
        ):
            return None
        resolved = self.tracker.resolve(named)
        return (resolved, name_begin) if resolved else None

    def _first_conjunct(self, tokens: list[Token], begin: int) -> tuple[Speaker, int] | None:
        """ "Senators Ann Roe and Jim Lake said", "Two officials and a diplomat said": a
        joint statement goes to the first one named (the statement is stored once)."""
        if begin < 2 or tokens[begin - 1].lower != "and":
            return None
        first_begin = np_backward(tokens, begin - 1)
        if first_begin == begin - 1:
            return None
        if 0 < first_begin <= 3 and all(t.lower.isalpha() for t in tokens[:first_begin]):
            first_begin = 0  # "Two port officials and ...": the sentence's subject
        # "... the bases Kyiv and its allies said": not a subject at the start.
        if (
            first_begin > 0
            and tokens[first_begin - 1].lower not in (",", "—", "–", "and")
            and not (first_begin == 1 and tokens[0].lower in ("but", "and", "so"))
        ):
            return None
        first = self._speaker_of(tokens[first_begin : begin - 1])
        if first is None or first.pronoun:
            return None
        resolved = self.tracker.resolve(first)
        return (resolved, first_begin) if resolved is not None else None

    def _anonymous_sources(self, tokens: list[Token], end: int) -> tuple[Speaker, int] | None:
        """ "two people familiar with the discussions said": unnamed sources are a group."""
        words = [t.lower for t in tokens[max(0, end - 10) : end]]
        offset = max(0, end - 10)
        for i, word in enumerate(words):
            if word in _SOURCE_HEADS and " ".join(words[i + 1 : i + 3]) in _SOURCE_LINKS:
                begin = offset + i
                while begin > 0 and (
                    tokens[begin - 1].lower in DETERMINERS or tokens[begin - 1].lower.isdigit()
                ):
                    begin -= 1
                mention = self.text[tokens[begin].start : tokens[end - 1].end]
                return (
                    Speaker(
                        mention,
                        tokens[begin].start,
                        tokens[end - 1].end,
                        mention,
                        kind="group",
                        candidates=(mention,),
                        confidence=0.6,
                    ),
                    begin,
                )
        return None

    def _quote_attribution(
        self, tokens: list[Token], i: int, verbs: list[_Verb], used: set[int]
    ) -> tuple[Speaker, _Verb | None] | None:
        quote_words = len(tokens[i].text.split())
        # After the quote: "'...,' Stoltenberg said" or "'...,' said Stoltenberg".
        k = i + 1
        while k < len(tokens) and tokens[k].lower in (",", ":", "—", "–", "-"):
            k += 1
        named_by_so = self._so_named(tokens, k)
        if named_by_so is not None:
            return named_by_so, None
        in_words = self._in_their_words(tokens, i)
        if in_words is not None:
            return in_words, None
        if k < len(tokens):
            for verb in verbs:
                if verb.index in used or verb.index < k:
                    continue
                if verb.index == k and tokens[k].lower in ATTRIBUTION_FORMS:
                    end = np_forward(tokens, k + 1 + (verb.end - verb.index - 1))
                    speaker = self._speaker_of(tokens[verb.end : end])
                    if speaker is not None and speaker.kind == "person" and role_only(speaker.name):
                        # "..., declared the President of the Republic, Emmanuel Macron."
                        speaker = self._named_after(tokens, end, speaker) or speaker
                    if speaker is not None:
                        resolved = self.tracker.resolve(speaker)
                        if resolved is not None:
                            return resolved, verb
                subject = self._subject(tokens, verb) if verb.chain > k else None
                if (
                    subject is not None
                    and (
                        subject[1] <= k + 1
                        # "'...,' a No 10 spokesman said": words of the noun phrase before it
                        or all(
                            t.lower in DETERMINERS
                            or t.text[:1].isupper()
                            or t.text.isdigit()
                            or t.lower in ("to", "of", "for")  # "Ambassador to the U.S."
                            for t in tokens[k : subject[1]]
                        )
                    )
                ):
                    return subject[0], verb
                break
        if quote_words < _MIN_QUOTE_WORDS - 1:
            return None
        # Before the quote: "Stoltenberg said: '...'" or "He told reporters, '...'".
        for verb in reversed(verbs):
            if verb.index in used or verb.end > i:
                continue
            between = tokens[verb.end : i]
            if (
                not between
                or [t.lower for t in between] in ([":"], [","], ["that"], [",", "that"])
                or (
                    between[-1].lower in (":", ",")
                    and len(between) <= 8
                    and all(t.quote is None for t in between)
                )
                # "X was asked about it yesterday, on the sidelines of a meeting in
                # Brussels: « ... »": a colon closes even a longer lead-in.
                or (
                    between[-1].lower == ":"
                    and len(between) <= 24
                    and all(t.quote is None for t in between)
                )
            ):
                subject = self._subject(tokens, verb)
                if subject is not None:
                    return subject[0], verb
            break
        return self._asked_before(tokens, i)

    def _in_their_words(self, tokens: list[Token], i: int) -> Speaker | None:
        """ "In his words, „...“, but for now Kyiv „...“": the quotations of a sentence
        that opens so are the words of the person the pronoun points back to."""
        if (
            i < 4
            or tokens[0].lower != "in"
            or tokens[1].lower not in _WORDS_OWNERS
            or tokens[2].lower != "words"
            or tokens[3].lower != ","
        ):
            return None
        return self.tracker.resolve(pronoun_speaker(tokens[1], _WORDS_OWNERS[tokens[1].lower]))

    def _so_named(self, tokens: list[Token], k: int) -> Speaker | None:
        """ "„...,“ so Merz at a press conference": German copy in translation names the
        speaker after "so", with no verb."""
        if k >= len(tokens) - 1 or tokens[k].lower != "so":
            return None
        end = np_forward(tokens, k + 1)
        if end == k + 1 or not tokens[k + 1].text[:1].isupper():
            return None
        if end < len(tokens) and not (
            tokens[end].lower in (".", ",", ";", "to") or tokens[end].lower in _ADJUNCT_STARTS
        ):
            return None  # "'...,' so Kyiv will have to ...": a conjunction
        speaker = self._speaker_of(tokens[k + 1 : end])
        if speaker is None or speaker.pronoun:
            return None
        return self.tracker.resolve(speaker)

    def _asked_before(self, tokens: list[Token], i: int) -> tuple[Speaker, _Verb | None] | None:
        """ "X was asked about it yesterday, on the sidelines of ...: « ... »": the one
        asked answers with the quotation."""
        if i < 3 or tokens[i - 1].lower != ":":
            return None
        for j in range(i - 2, max(0, i - 26), -1):
            if tokens[j].quote is not None:
                return None
            if tokens[j].lower == "asked" and tokens[j - 1].lower in ("was", "were"):
                begin = np_backward(tokens, j - 1)
                named = self._speaker_of(tokens[begin : j - 1])
                if named is None or begin == j - 1:
                    return None
                resolved = self.tracker.resolve(named)
                return (resolved, None) if resolved is not None else None
        return None

    # --- building statements ---------------------------------------------------------------

    def _direct(
        self,
        quote: Quote,
        speaker: Speaker | None,
        lemma: str,
        s_start: int,
        s_end: int,
        number: int,
        previous_start: int,
        tokens: list[Token],
        confidence: float | None = None,
    ) -> FoundStatement | None:
        start, end = quote.start, quote.end
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        words = len(self.text[start:end].split())
        if words < _MIN_QUOTE_WORDS - 1 or (words < _MIN_QUOTE_WORDS and not lemma):
            return None
        outside = " ".join(t.text for t in tokens if t.quote is None)
        return FoundStatement(
            start,
            end,
            self.text[start:end],
            True,
            speaker,
            lemma,
            confidence if confidence is not None else (speaker.confidence if speaker else 0.3),
            resolve_date(outside, self.published),
            previous_start,
            s_end,
            number,
            s_start,
        )

    def _reported(
        self,
        tokens: list[Token],
        verb: _Verb,
        speaker: Speaker,
        subj_begin: int,
        chain: int,
        reported: list[tuple[_Verb, Speaker | None, int, int]],
        s_start: int,
        s_end: int,
        number: int,
        previous_start: int,
        absorbed: set[int],
        postposed: bool = True,
    ) -> list[FoundStatement]:
        text = self.text
        after = [t for t in tokens[verb.end :] if t.lower not in (".", "!", "?")]
        if (
            after
            and after[0].lower in ("this", "so")
            and (len(after) == 1 or after[1].lower in _SOURCE_NOTE_NEXT)
        ):
            # "Reznikov said this in a commentary to Ukrinform": where the words before
            # were said, not a statement of its own.
            return []
        # Post-posed attribution: "Ukraine must be free to hit back, Kuleba said on Monday."
        if verb.lemma == "tell":
            # "..., X told journalists on Thursday": the audience is not the statement.
            skip = 0
            while (
                skip < min(4, len(after))
                and after[skip].lower not in _ADJUNCT_STARTS
                and (after[skip].lower != "," and after[skip].lower != "that")
            ):
                skip += 1
            if skip < len(after) and after[skip].lower == "that":
                skip = 0
            after = after[skip:]
        # "In Washington, X said on Tuesday that ...": a fronted place or time before the
        # comma, and a clause after the verb, is not a post-posed attribution.
        if (
            postposed
            and subj_begin > 0
            and tokens[subj_begin - 1].lower in (",", "—", "–")  # "..., X said" / "... — X said"
            and (not after or after[0].lower in _ADJUNCT_STARTS or after[0].lower == ",")
            and not _fronted(tokens, subj_begin, after)
            and not _that_clause_follows(after)
            # "renewed his call to lift ...": what the call asks for, not a place or time.
            and not (after and after[0].lower == "to" and verb.end > verb.index + 1)
        ):
            clause_toks = tokens[: subj_begin - 1]
            # "X avoided any commitment: the rules ..., he said, ...": what follows the colon.
            colon = max(
                (j for j, t in enumerate(clause_toks) if t.lower in (":", ";", "—", "–")),
                default=-1,
            )
            if 0 <= colon < len(clause_toks) - 4:
                clause_toks = clause_toks[colon + 1 :]
            while clause_toks and clause_toks[0].lower in ("but", "and", "so", "yet"):
                clause_toks = clause_toks[1:]
            if clause_toks and clause_toks[0].lower in ("asked", "pressed", "questioned"):
                return []  # "Asked whether ..., X declined to comment": the question
            rest = [t for t in after[1:] if t.lower.isalnum()] if after else []
            goes_on = (
                after
                and after[0].lower == ","
                and len(rest) >= 3
                and rest[0].lower not in _ADJUNCT_STARTS
                and not rest[0].lower.endswith("ing")
                and all(t.quote is None for t in after)
            )
            words_before = len([t for t in clause_toks if t.lower.isalnum()])
            # "Kyiv, he said, should be free to ...": a short subject, and the rest after.
            if words_before < 4 and not (
                goes_on
                and words_before
                and len(rest) >= 5
                and clause_toks[0].lower not in _ADJUNCT_STARTS | {"behind", "but", "for"}
            ):
                return []
            start, end = clause_toks[0].start, clause_toks[-1].end
            if goes_on:
                # "the rules agreed with Kyiv, he said, were working": the sentence goes
                # on after its attribution.
                end = [t for t in after if t.lower not in (".", "!", "?")][-1].end
            quoted = sum(t.end - t.start for t in clause_toks if t.quote is not None)
            if quoted and quoted >= 0.5 * (clause_toks[-1].end - clause_toks[0].start):
                return []  # mostly a quotation: the quote makes the statement
            return [
                self._make_reported(
                    start,
                    end,
                    speaker,
                    verb,
                    s_start,
                    s_end,
                    number,
                    previous_start,
                    date_text=text[tokens[subj_begin].start : s_end],
                )
            ]
        # The clause runs from the auxiliaries to the end of the sentence, or to where the
        # next statement's speaker begins (", something Kyiv is urging ...").
        stop = len(tokens)
        for other_verb, _, other_begin, _ in reported:
            if other_verb.index > verb.index and other_begin > verb.end:
                begin = other_begin
                if begin > 0 and tokens[begin - 1].lower in _ANTECEDENTS:
                    begin -= 1
                    if begin > 0 and tokens[begin - 1].lower in ("a", "an", "the"):
                        begin -= 1
                stop = min(stop, begin)
        k = verb.end
        while k < stop:
            if tokens[k].lower == "according" and k + 1 < stop and tokens[k + 1].lower == "to":
                stop = k
                break
            if tokens[k].lower == "who" and k > 0 and tokens[k - 1].lower == ",":
                break
            k += 1
        if (subj_begin >= 2 and tokens[subj_begin - 1].lower == "who") or (
            verb.chain >= 2
            and tokens[verb.chain - 1].lower == "who"
            and tokens[verb.chain - 2].lower == ","
        ):
            # ", who has urged allies to ..., said": the relative clause ends at its comma.
            for j in range(verb.end, stop):
                if tokens[j].lower == ",":
                    stop = j
                    break
        clause = tokens[chain:stop]
        while clause and (
            clause[-1].lower in (".", ",", ";", ":", "!", "?", "—", "–", "-", "and", "but")
        ):
            clause = clause[:-1]
        content = [t for t in tokens[verb.end : stop] if t.quote is not None or t.lower.isalnum()]
        if len(content) < 3 and not any(t.quote for t in content):
            return []
        if not clause:
            return []
        start = clause[0].start
        # "something Kyiv is urging its partners to permit": the span opens at "something".
        if (
            subj_begin >= 1
            and tokens[subj_begin - 1].lower in _ANTECEDENTS
            and (subj_begin >= 2 and tokens[subj_begin - 2].lower in (",", "—", "–"))
        ):
            start = tokens[subj_begin - 1].start
        end = clause[-1].end
        quotes_in = [t for t in clause if t.quote is not None]
        quoted_chars = sum(t.quote.end - t.quote.start for t in quotes_in)
        # The date goes with the verb ("said on Tuesday", "had warned in September 2022"),
        # else with the words before the speaker ("On Monday, X said"), never with a
        # relative clause about the speaker ("X, who ruled it out in 2023, said").
        # Up to "that" if it comes soon ("told The Economist on Friday that"), else only the
        # words right after the verb: a date further on belongs to what was said.
        # For an urging verb the infinitive plays the part of "that" ("urged X in a letter
        # on Wednesday to lift ...").
        markers = ("that", ":", "to") if verb.lemma in URGING_LEMMAS else ("that", ":")
        region_end = min(verb.end + 3, len(tokens) - 1)
        for j in range(verb.end, min(verb.end + 12, len(tokens))):  # the last may be a quote
            if tokens[j].lower in markers or tokens[j].quote is not None:
                region_end = j
                break
        verb_region = text[tokens[chain].start : tokens[max(region_end, verb.end)].end]
        prefix = text[s_start : tokens[subj_begin].start] if subj_begin > 0 else ""
        if tokens[0].lower == "asked":
            # "Asked whether the ban of May still held, X said": a date inside the question
            # is the question's ("Asked on Monday whether ..." dates the answer).
            question = _QUESTION_WORD_RE.search(prefix)
            if question:
                prefix = prefix[: question.start()]
        between = text[tokens[subj_begin].end : tokens[chain].start] if chain > subj_begin else ""
        if not re.search(r"\b(?:who|which|whose)\b", between):
            prefix += " " + between  # "X, speaking in Tarrow on Wednesday, said"
        date_text = verb_region if _date_hint(verb_region) else prefix
        if not _date_hint(date_text) and stop - verb.end <= 6:
            # A short clause is all attribution ("rejected that reasoning on Sunday").
            date_text = text[tokens[chain].start : tokens[stop - 1].end]
        if quotes_in and quoted_chars >= 0.5 * (end - start):
            # The clause is mostly quotation: the quotation is the statement.
            out = []
            for t in quotes_in:
                absorbed.add(tokens.index(t))
                st = self._direct(
                    t.quote,
                    speaker,
                    verb.lemma,
                    s_start,
                    s_end,
                    number,
                    previous_start,
                    tokens,
                    confidence=speaker.confidence,
                )
                if st is not None:
                    out.append(replace(st, date=resolve_date(date_text, self.published)))
            return out
        for t in quotes_in:
            absorbed.add(tokens.index(t))
        return [
            self._make_reported(
                start,
                end,
                speaker,
                verb,
                s_start,
                s_end,
                number,
                previous_start,
                date_text=date_text,
            )
        ]

    def _according_to(
        self, tokens: list[Token], s_start: int, s_end: int, number: int, previous_start: int
    ) -> list[FoundStatement]:
        """ "According to X, ..." and "..., according to X.": the other clause is X's."""
        for a in range(len(tokens) - 2):
            if tokens[a].lower != "according" or tokens[a + 1].lower != "to":
                continue
            begin = a + 2
            # "according to a statement from X", "according to remarks by X": X speaks.
            k = begin + (begin < len(tokens) and tokens[begin].lower in ("a", "an", "the"))
            if (
                k + 1 < len(tokens)
                and tokens[k].lower in _SPEECH_CARRIERS
                and tokens[k + 1].lower in ("from", "by", "of")
            ):
                begin = k + 2
            end = np_forward(tokens, begin)
            if end == begin and begin < len(tokens) and tokens[begin].lower in _OBJECT_PRONOUNS:
                # "According to him, ...": the person last named.
                end = begin + 1
                speaker = pronoun_speaker(tokens[begin], _OBJECT_PRONOUNS[tokens[begin].lower])
            else:
                speaker = self._speaker_of(tokens[begin:end])
            speaker = self.tracker.resolve(speaker) if speaker is not None else None
            if speaker is None:
                return []
            if a == 0 or (a == 1 and tokens[0].lower in ("but", "and")):
                clause = tokens[end:]
                while clause and clause[0].lower in (",", ":"):
                    clause = clause[1:]
            elif tokens[a - 1].lower == ",":
                clause = tokens[: a - 1]
            else:
                return []
            while clause and not clause[-1].lower.isalnum() and clause[-1].quote is None:
                clause = clause[:-1]
            if len([t for t in clause if t.quote is not None or t.lower.isalnum()]) < 4:
                return []
            verb = _Verb(a, a + 2, "say", a, a)
            return [
                self._make_reported(
                    clause[0].start,
                    clause[-1].end,
                    speaker,
                    verb,
                    s_start,
                    s_end,
                    number,
                    previous_start,
                    date_text=self.text[s_start:s_end],
                )
            ]
        return []

    def _make_reported(
        self,
        start: int,
        end: int,
        speaker: Speaker,
        verb: _Verb,
        s_start: int,
        s_end: int,
        number: int,
        previous_start: int,
        date_text: str,
    ) -> FoundStatement:
        return FoundStatement(
            start,
            end,
            self.text[start:end],
            False,
            speaker,
            verb.lemma,
            speaker.confidence,
            self._day_before(s_start, start) or resolve_date(date_text, self.published),
            previous_start,
            s_end,
            number,
            s_start,
        )

    def _day_before(self, s_start: int, start: int) -> StatementDate | None:
        """ "X and Y met on Friday, a day after Z warned that ...": Z spoke on Thursday."""
        opening = self.text[s_start:start]
        after = _DAY_AFTER_RE.search(opening) if "day after" in opening else None
        if after is None:
            return None
        named = resolve_date(opening[: after.start()], self.published)
        if not named.phrase or named.precision != DAY or named.date is None:
            return None
        return replace(named, date=named.date - dt.timedelta(days=1), phrase=after.group())

    def _deduplicated(self) -> list[FoundStatement]:
        """Passages repeated in one article yield one statement (the first): a pull-quote
        or caption that repeats part of an earlier statement adds nothing."""
        seen: set[str] = set()
        result: list[FoundStatement] = []
        spans: list[tuple[int, int]] = []
        # The longer of two statements from the same word first: it holds the other.
        for statement in sorted(self.out, key=lambda st: (st.start, -st.end)):
            key = fold(statement.text)
            if key in seen or any(a <= statement.start and statement.end <= b for a, b in spans):
                continue
            if len(key) >= _REPEAT_MIN_CHARS and any(key in earlier for earlier in seen):
                continue
            if (
                statement.direct
                and not statement.cue_verb
                and len(key) >= _REPEAT_MIN_CHARS
                and _pulled_from(key, seen)
            ):
                # A pull-quote reworded a little ("It would mean nothing less than NATO
                # itself fighting Russia." after a statement quoting those words).
                continue
            last = result[-1] if result else None
            if last is not None and statement.start < last.end and same_speaker(last, statement):
                # One speaker's overlapping spans ("said the raid showed «A»" and «A» and
                # warned that «B»): one statement over both.
                result[-1] = self._joined(last, statement)
                spans[-1] = (last.start, statement.end)
                seen.add(key)
                continue
            seen.add(key)
            spans.append((statement.start, statement.end))
            result.append(statement)
        return result


_PULL_QUOTE_SIMILARITY = 90


def _pulled_from(key: str, earlier: set[str]) -> bool:
    bare = _MARKS_RE.sub("", key)
    return any(
        fuzz.partial_ratio(bare, _MARKS_RE.sub("", other)) >= _PULL_QUOTE_SIMILARITY
        for other in earlier
        if len(other) >= len(bare) * 0.8
    )


_MARKS_RE = re.compile(rf"[{re.escape(QUOTE_MARKS)}]")
_SOURCE_HEADS = frozenset(
    {"people", "persons", "person", "sources", "officials", "diplomats", "source", "official"}
)
_SOURCE_LINKS = frozenset(
    {
        "familiar with",
        "close to",
        "briefed on",
        "with knowledge",
        "aware of",
        "involved in",
        "knowledgeable about",
    }
)
# What carries someone's words: "according to a statement from X".
_SPEECH_CARRIERS = frozenset(
    {
        "statement",
        "statements",
        "readout",
        "transcript",
        "comments",
        "remarks",
        "post",
        "message",
        "letter",
    }
)
# "was opened by Jens Stoltenberg.": a full name as the agent that ends the sentence.
_BY_AGENT_RE = re.compile(
    r"\b(?:was|were|had\s+been|has\s+been)\s+\w+\s+by\s+([A-Z][\w'’-]+\s+[A-Z][\w'’-]+)[.!]?\s*$"
)
_SUBORDINATE_OPENING_RE = re.compile(
    r"(?:If|When|Unless|Although|Though|While|Because|Once|Should|As long as)\b[^.!?]*,$"
)
# When a post-posed attribution was spoken: "..., X confirmed Thursday, saying ...".
_WHEN_WORDS = TIME_WORDS | {"yesterday", "today"}
# Capitalised words of a headline that end a name before them.
_TITLE_STOPS = frozenset(
    {"before", "after", "at", "on", "in", "and", "with", "during", "to", "for", "of", "from"}
)
_PREPOSITIONS = frozenset(
    {"with", "to", "by", "for", "from", "of", "at", "about", "on", "in", "between", "and"}
)
_ONE_OF_THEM = frozenset({"one", "some", "two", "several", "many", "each", "most", "all"})
_OBJECT_PRONOUNS = {"him": "person", "her": "person", "them": "group"}
_PERSONAL_POSSESSIVES = frozenset({"his", "her", "himself", "herself"})


def _personal_predicate(tokens: list[Token]) -> bool:
    """The words after a subject hold "his" or "her" before any punctuation."""
    for tok in tokens:
        if tok.lower in _PERSONAL_POSSESSIVES:
            return True
        if not tok.lower[:1].isalpha():
            return False
    return False


_OPENING_CONJUNCTIONS = frozenset({"but", "and", "yet", "still", "meanwhile", "instead"})
_SPOKE_WHERE = frozenset({"at", "during", "in", "on"})
_SUBORDINATORS = frozenset({"as", "while", "when", "whereas", "because", "since", "until"})
_NARRATIVE_PREPOSITIONS = frozenset({"over", "about", "with", "among", "against"})


def _titled(speaker: Speaker) -> bool:
    """ "President Biden", "Chancellor Scholz": a surname after a title is a person's."""
    title = speaker.role.split()[-1:] if speaker.role else []
    return bool(title) and title[0].lower() in TITLE_WORDS and speaker.name[:1].isupper()


def _full_name(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and all(w[:1].isupper() for w in words)
        # "NSC Coordinator", "Pentagon Spokesman": a title, capitalised, is not a name.
        and words[-1].lower() not in ROLE_WORDS
        and words[-1].lower() not in TITLE_WORDS
    )


def _role_and_country(role: str) -> tuple[str, str]:
    """ "Ukraine's foreign minister" -> ("foreign minister", "ukraine"): the post, and the
    country the words before it name ("" when none)."""
    words = fold(role).split()
    if words[:1] == ["the"]:
        words = words[1:]
    country = country_of(words[0]) if len(words) > 1 else ""
    if country:
        words = words[1:]
    return " ".join(words), country


def _who_then_adjunct(tokens: list[Token], verb_at: int) -> int:
    """Index of "who" in ", who in an interview published the same day urged": a relative
    clause whose verb comes after a phrase of place or time, else -1."""
    for j in range(verb_at - 1, max(1, verb_at - 12), -1):
        low = tokens[j].lower
        if tokens[j].quote is not None or low in (",", ".", ";", ":"):
            return -1
        if low == "who":
            opens = tokens[j - 1].lower == "," and tokens[j + 1].lower in _ADJUNCT_STARTS
            return j if opens and j + 2 < verb_at else -1
    return -1


def _relative_before(tokens: list[Token], comma: int) -> int:
    """Index of "who" in ", who ..., said" when the relative clause ends at `comma`
    and holds another comma (a name in apposition inside it), else -1."""
    inner_commas = 0
    for j in range(comma - 1, max(0, comma - 30), -1):
        low = tokens[j].lower
        if tokens[j].quote is not None or low in (".", ";"):
            return -1
        if low == "who" and tokens[j - 1].lower == ",":
            return j if inner_commas else -1
        if low == ",":
            inner_commas += 1
    return -1


def _fronted(tokens: list[Token], subj_begin: int, after: list[Token]) -> bool:
    """ "In Rome, X said on Monday that ...": a short fronted place or time before the
    speaker, and a clause after the verb."""
    return (
        1 < subj_begin <= 13
        and tokens[0].lower in _FRONTED_STARTS
        and sum(1 for t in tokens[: subj_begin - 1] if t.lower == ",") <= 1
        and any(t.lower == "that" or t.lower == ":" or t.quote is not None for t in after[:14])
    )


def _narrative(tokens: list[Token], verb: _Verb, speaker: Speaker, subj_begin: int) -> bool:
    """ "..., as allies argued over how far aid should go": scene-setting, not a statement."""
    after = tokens[verb.end].lower if verb.end < len(tokens) else ""
    before = tokens[subj_begin - 1].lower if subj_begin > 0 else ""
    if after in _NARRATIVE_PREPOSITIONS and verb.lemma in ("argue", "speak", "disagree", "agree"):
        return True
    return (
        before in _SUBORDINATORS
        and speaker.kind == "group"
        and not any(w[:1].isupper() for w in speaker.mention.split()[1:])
    )


# Verbs that state a view only with the right object: "defended the decision to ...",
# "called the idea 'a dead end'" (naming something is judging it).
_JUDGING_FORMS = frozenset({"defend", "defends", "defended", "call", "calls", "called"})
_JUDGED_ACTS = frozenset(
    {"decision", "move", "policy", "choice", "step", "approach", "stance", "position"}
)
_JUDGED_OWNERS = frozenset({"the", "this", "that", "its", "his", "her", "their", "our"})


def _judging(tokens: list[Token], i: int) -> str | None:
    window = tokens[i + 1 : i + 8]
    if not window:
        return None
    nxt = window[0].lower
    if tokens[i].lower.startswith("defend"):
        # "defended the decision", "defended President X's decision"
        owned = nxt in _JUDGED_OWNERS or window[0].text[:1].isupper()
        if owned and any(t.lower in _JUDGED_ACTS for t in window[:6]):
            return "defend"
        return None
    # "called the plan „a special path“": a quotation soon after the object.
    if nxt in _JUDGED_OWNERS | {"it"} and any(t.quote is not None for t in window):
        return "describe"
    # "called the move reckless", "called Washington's decision a grave mistake": a
    # judgement on an act, in the words after it.
    owned = nxt in _JUDGED_OWNERS or window[0].text[:1].isupper()
    for k, tok in enumerate(window[:4]):
        if tok.lower in _JUDGED_ACTS | _JUDGED_DEEDS:
            following = window[k + 1 : k + 2]
            if (
                owned
                and following
                and following[0].lower.isalpha()
                and following[0].lower not in _NOT_A_JUDGEMENT
            ):
                return "describe"
            break
    return None


# What is judged when "called" is not "called for" or "called on": deeds as well as acts.
_JUDGED_DEEDS = frozenset(
    {"plan", "permission", "authorization", "authorisation", "strike", "strikes", "attack"}
    | {"attacks", "restrictions", "ban", "remarks", "comments", "proposal", "idea", "demand"}
)
# "called the decision off", "called the meeting for Tuesday": not a judgement.
_NOT_A_JUDGEMENT = frozenset(
    {"off", "for", "on", "to", "in", "at", "by", "from", "with", "and", "or", "into", "up"}
)


# "signed a letter urging ...", "tabled a motion calling on ...": a group's statement in a
# document it put its name to.
_DOCUMENT_VERB_FORMS = frozenset(
    {"signed", "sent", "tabled", "filed", "submitted", "introduced", "issued", "penned"}
    | {"adopted", "adopt", "adopts", "passed", "approved", "approve", "approves"}
    | {"published", "drafted", "sign", "send", "table", "file", "submit", "introduce", "issue"}
)
_DOCUMENTS_PUT_OUT = frozenset(
    {"letter", "motion", "resolution", "petition", "declaration", "appeal", "statement"}
)


def _puts_out_a_document(tokens: list[Token], i: int) -> bool:
    window = [t.lower for t in tokens[i + 1 : i + 5]]
    if not window or window[0] not in ("a", "an", "the", "their", "its", "his", "her", "our"):
        return False
    return any(w in _DOCUMENTS_PUT_OUT for w in window[1:4])


_LEAD_PARTICIPLES = frozenset(
    {
        "saying",
        "warning",
        "arguing",
        "insisting",
        "noting",
        "stressing",
        "calling",
        "estimating",
        "explaining",
        "recalling",
        "stating",
        "claiming",
        "declaring",
        "affirming",
        "asserting",
        "writing",
        "urging",
        "asking",
        "telling",
        "demanding",
        "accusing",
    }
)
# What a refusal says comes after it: "X refused the delivery ..., arguing that ...".
_REFUSING = frozenset({"refuse", "decline", "reject"})


# Verbs that attribute only right after a quotation ("'...,' Erdal continued"): elsewhere
# they are no speech ("the talks continued").
_AFTER_QUOTE_FORMS = frozenset({"continued", "went"})


def _after_quote(tokens: list[Token], i: int) -> bool:
    if tokens[i].lower == "went" and (i + 1 >= len(tokens) or tokens[i + 1].lower != "on"):
        return False
    end = i + (2 if tokens[i].lower == "went" else 1)
    closes = end >= len(tokens) or tokens[end].lower in (",", ".", ";", "—", "–", ":")
    return closes and any(t.quote is not None for t in tokens[max(0, i - 8) : i])


def _view_after(tokens: list[Token], i: int) -> bool:
    if not (i + 1 == len(tokens) or tokens[i + 1].lower in (".", ";")):
        return False
    comma = next((j for j in range(i - 1, max(0, i - 10), -1) if tokens[j].lower == ","), -1)
    return comma >= 4 and all(
        t.text[:1].isupper() for t in tokens[comma + 1 : i] if t.lower.isalpha()
    )


def _calling_quoted(tokens: list[Token], i: int) -> bool:
    """ ", calling the decision 'a dangerous step'": naming what they think it is."""
    return (
        i > 0
        and tokens[i - 1].lower == ","
        and any(t.quote is not None for t in tokens[i + 1 : i + 6])
    )


# Every word that can be a speech verb, for one look per token: most words are not.
_VERB_CANDIDATES = frozenset(
    SPEECH_FORMS.keys()
    | PARTICLE_FORMS.keys()
    | _JUDGING_FORMS
    | _AFTER_QUOTE_FORMS
    | _DOCUMENT_VERB_FORMS
    | _VIEW_FORMS
    | {"calling"}
)


def _that_clause_follows(after: list[Token]) -> bool:
    """ "said Wednesday that ...", "said on Monday that ...": the verb opens its own clause
    after a few words of time, so it is no attribution of the words before it."""
    for tok in after[:5]:
        if tok.lower == "that":
            return True
        if not tok.lower.isalnum():
            return False
    return False


def _speech_verbs(tokens: list[Token]) -> list[_Verb]:
    verbs: list[_Verb] = []
    for i, tok in enumerate(tokens):
        low = tok.lower
        if low not in _VERB_CANDIDATES or tok.quote is not None or not tok.text[:1].islower():
            continue
        lemma = SPEECH_FORMS.get(low)
        end = i + 1
        if lemma is None and low in PARTICLE_FORMS:
            base = PARTICLE_FORMS[low]
            for particle in PARTICLE_VERBS[base]:
                words = tuple(t.lower for t in tokens[i + 1 : i + 1 + len(particle)])
                if words == particle:
                    lemma, end = base, i + 1 + len(particle)
                    break
        if lemma is None and low in _JUDGING_FORMS:
            lemma = _judging(tokens, i)
        if lemma is None and low in _AFTER_QUOTE_FORMS and _after_quote(tokens, i):
            lemma = "say"  # "'...,' Erdal continued."
        if lemma is None and low in _DOCUMENT_VERB_FORMS and _puts_out_a_document(tokens, i):
            lemma = "write"
        if lemma is None and low in _VIEW_FORMS and _view_after(tokens, i):
            lemma = "believe"
        if lemma is None and low == "calling" and _calling_quoted(tokens, i):
            lemma = "call"  # ", calling the decision 'a dangerous step'"
        if lemma is None:
            continue
        # "Putin is said to ...", "Kyiv was urged to ...": passive, the subject is not the speaker.
        if i > 0 and tokens[i - 1].lower in BE_FORMS and low in PASSIVE_PARTICIPLES:
            continue
        if i > 0 and tokens[i - 1].lower in ("the", "a", "an", "his", "her", "its", "their", "our"):
            continue  # a noun: "the warning", "her remarks"
        if low == "adding" and i > 0 and tokens[i - 1].lower == ",":
            verbs.append(_Verb(i, end, lemma, i, i, participle=True))
            continue
        if (
            low in _LEAD_PARTICIPLES
            and i > 0
            and tokens[i - 1].lower == ","
            and (
                not verbs
                or verbs[-1].end == i - 1
                or verbs[-1].lemma in _REFUSING
                # "..., X confirmed Thursday, saying ...": after a post-posed attribution
                or all(t.lower in _WHEN_WORDS for t in tokens[verbs[-1].end : i - 1])
                # "X went further when asked about it, saying ...": the question is no speech
                or (
                    verbs[-1].lemma == "ask"
                    and verbs[-1].index > 0
                    and tokens[verbs[-1].index - 1].lower in ("when", "if", "after", "once")
                )
            )
        ):
            # "X went further, saying that ...": the only speech in the sentence, said by
            # its subject. ("X has refused, saying ...": the verb before says nothing.)
            verbs.append(_Verb(i, end, lemma, i, i, participle=True))
            continue
        if low in _LEAD_PARTICIPLES and i > 1:
            begin = np_backward(tokens, i)
            if 0 < begin < i and tokens[begin - 1].lower == "with":
                # "..., with Defence Secretary X telling MPs ...": X says it.
                verbs.append(_Verb(i, end, lemma, i, i))
                continue
        if low.endswith("ing") and (
            i == 0 or tokens[i - 1].lower not in BE_FORMS | {"been", "while", "kept"}
        ):
            continue  # "a speaking slot", "urging" as a noun or participle phrase
        chain = i
        while chain > 0:
            prev = tokens[chain - 1].lower
            if (
                prev in AUXILIARIES
                or prev in TIME_WORDS
                or prev == "to"
                and chain >= 2
                and tokens[chain - 2].lower in _TO_OK
            ):
                chain -= 1
            elif prev == "not" or prev == "n't":
                chain = -1
                break
            else:
                break
        if chain < 0:
            continue
        # Weekday or time words at the start of the chain belong to a date, not to the verb.
        span = chain
        while span < i and tokens[span].lower in TIME_WORDS and tokens[span].lower != "earlier":
            span += 1
        verbs.append(_Verb(i, end, lemma, chain, span))
    return verbs
