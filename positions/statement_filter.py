"""A learned second look at each statement the rules find on a topic: is it one a reader
would file under the topic at all?

The rules find statements by their form (a quote, a speech verb, a cue phrase) and so also
take in remarks that only share the topic's words: supply announcements, battlefield
claims, refusals to comment, forecasts. This model learns what those look like from our own
labelled corpora: every statement the rules find in them is labelled kept (it matches a gold
statement) or not, and a TF-IDF + logistic regression over the statement and the words
around it is trained on those labels. A statement whose probability of being kept falls
below THRESHOLD is filed as unrelated to the topic (still stored, so an editor can see it);
one that names the topic and takes a side in its own words needs less to stay
(THRESHOLD_OWN_SIDE): the model sees words, the rules saw the side.

Like the stance prior it is product knowledge, shipped under positions/demo/models/ and
rebuilt by `manage.py train_statement_filter`; the held-out corpora and the seed, which
measure the product, are never trained on. A missing or unreadable file turns it off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import classifier
from .classifier import PRIOR_DIR, PRIOR_FORBIDDEN, labels_hash
from .text.pipeline import AnalysedStatement, analyse
from .text.stance import NEUTRAL, OPPOSE, SUPPORT, StanceResult, TopicCues

FORMAT = 1
# Chosen together by leave-one-corpus-out cross-validation on the training corpora
# (`manage.py train_statement_filter --cross-validate` prints the table they were read from).
THRESHOLD = 0.40
THRESHOLD_OWN_SIDE = 0.25
# Words around the statement that the model sees, within its paragraph.
CONTEXT_CHARS = 200
MIN_EXAMPLES = 50


def filter_path(topic_slug: str, folder: Path | None = None) -> Path:
    return (folder or PRIOR_DIR) / f"{topic_slug}-filter.joblib"


def features(text: str, start: int, end: int) -> str:
    """The statement, then the rest of its paragraph within CONTEXT_CHARS on each side."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end < 0:
        paragraph_end = len(text)
    before = text[max(paragraph_start, start - CONTEXT_CHARS) : start]
    after = text[end : min(paragraph_end, end + CONTEXT_CHARS)]
    return f"{text[start:end]} ||| {before} {after}"


@dataclass
class Example:
    corpus: str
    text: str
    kept: bool
    own_side: bool = False  # see own_side()


def own_side(result: StanceResult) -> bool:
    """The statement names the topic and takes a side in its own words (its cues, not a
    side borrowed from the speaker's other statements)."""
    return (
        result.relevance >= 1.0
        and result.stance in (SUPPORT, OPPOSE)
        and bool(result.evidence)
        and all(e.split(":", 1)[0] in (SUPPORT, OPPOSE, NEUTRAL) for e in result.evidence)
    )


def threshold_for(result: StanceResult) -> float:
    return THRESHOLD_OWN_SIDE if own_side(result) else THRESHOLD


def corpus_examples(folder: Path, cues: TopicCues) -> tuple[list[Example], int]:
    """Each statement the rules find on the topic in a corpus, labelled by the gold; and
    how many gold statements the corpus has (what recall is measured against)."""
    from .evaluation import SystemStatement, read_corpus, score

    if folder.name in PRIOR_FORBIDDEN:
        raise ValueError(f"{folder} measures the product; never train on it")
    articles, gold = read_corpus(folder)
    examples: list[Example] = []
    for article in articles:
        related = [
            item
            for item in analyse(
                article.body, article.published, [cues], article.meta.get("title", "")
            )
            if cues.slug in item.related
        ]
        system = [
            SystemStatement(article.name, f.start, f.end, f.text, "", [], "support", None, 1.0)
            for f in (item.found for item in related)
        ]
        matched = {(s.start, s.end) for s, _ in score(system, gold).matches}
        examples.extend(
            Example(
                folder.name,
                features(article.body, item.found.start, item.found.end),
                (item.found.start, item.found.end) in matched,
                own_side(item.stances[cues.slug]),
            )
            for item in related
        )
    return examples, len(gold)


def fit(texts: list[str], kept: list[bool]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    vectors = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
    )
    model = LogisticRegression(max_iter=3000, C=2.0, class_weight="balanced")
    return make_pipeline(vectors, model).fit(texts, kept)


def cross_validate(
    examples: list[Example], gold_counts: dict[str, int], thresholds: list[float]
) -> dict[tuple[float, float], tuple[float, float, float]]:
    """Leave one corpus out: (precision, recall, F1) of the kept statements for each pair
    of thresholds (for a statement without a side of its own, and for one with), summed
    over the corpora (recall against all their gold, including what the rules miss)."""
    pairs = [(t, own) for t in thresholds for own in thresholds if own <= t]
    totals = {pair: [0, 0] for pair in pairs}  # matched kept, kept
    for corpus in sorted(gold_counts):
        train = [e for e in examples if e.corpus != corpus]
        test = [e for e in examples if e.corpus == corpus]
        if not test:
            continue
        model = fit([e.text for e in train], [e.kept for e in train])
        probs = _kept_column(model, model.predict_proba([e.text for e in test]))
        for t, own in pairs:
            kept = [e for e, p in zip(test, probs, strict=True) if p >= (own if e.own_side else t)]
            totals[(t, own)][0] += sum(e.kept for e in kept)
            totals[(t, own)][1] += len(kept)
    gold = sum(gold_counts.values())
    out = {}
    for t, (matched, kept) in totals.items():
        precision = matched / kept if kept else 0.0
        recall = matched / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[t] = (precision, recall, f1)
    return out


def _kept_column(model, probs) -> list[float]:
    column = list(model.classes_).index(True)
    return [float(row[column]) for row in probs]


def train(
    topic_slug: str, examples: list[Example], corpora: list[str], folder: Path | None = None
) -> Path:
    if len(examples) < MIN_EXAMPLES or len({e.kept for e in examples}) < 2:
        raise ValueError(f"too few examples ({len(examples)}) to train a statement filter")
    model = fit([e.text for e in examples], [e.kept for e in examples])
    path = filter_path(topic_slug, folder)
    classifier.write_shipped_model(
        path,
        topic_slug,
        FORMAT,
        model,
        corpora=corpora,
        examples=len(examples),
        examples_hash=labels_hash([(e.text, str(e.kept)) for e in examples]),
    )
    _cache.pop(topic_slug, None)
    return path


_cache: dict[str, object | None] = {}


def load_file(path: Path, topic_slug: str):
    """The fitted pipeline in `path`, or None (see classifier.read_shipped_model)."""
    data = classifier.read_shipped_model(path, topic_slug, FORMAT, "statement filter")
    return None if data is None else data["pipeline"]


def load(topic_slug: str):
    """The topic's shipped filter, or None (also within classifier.prior_disabled())."""
    if not classifier.priors_enabled():
        return None
    if topic_slug not in _cache:
        _cache[topic_slug] = load_file(filter_path(topic_slug), topic_slug)
    return _cache[topic_slug]


def filtered_out(
    topic_slug: str, text: str, analysed: list[AnalysedStatement]
) -> set[tuple[int, int]]:
    """Spans of the statements related to the topic that the filter files as unrelated."""
    model = load(topic_slug)
    items = [item for item in analysed if topic_slug in item.related]
    if model is None or not items:
        return set()
    probs = _kept_column(
        model,
        model.predict_proba([features(text, i.found.start, i.found.end) for i in items]),
    )
    return {
        (i.found.start, i.found.end)
        for i, p in zip(items, probs, strict=True)
        if p < threshold_for(i.stances[topic_slug])
    }
