from __future__ import annotations

import random

from articles import dedupe

STORY = (
    "The defence minister on Tuesday ruled out any change to the rules on long-range weapons, "
    "saying the government had weighed the question carefully over several weeks of talks with "
    "allies. We will not change course, the minister said at a press conference in the capital, "
    "adding that allies had been consulted and agreed with the approach. Opposition leaders "
    "criticised the decision, arguing it left the country exposed and that the policy should be "
    "reviewed before the next summit of foreign ministers in the spring, when the alliance meets. "
    "Analysts said the announcement was widely expected after weeks of signals from officials. "
)

# A 700-word text of distinct 5-word runs, about the length of a news story.
_words = STORY.split()
LONG_STORY = " ".join(random.Random(7).choices(_words, k=700))


def test_canonical_urls_drop_tracking_fragments_and_default_ports():
    assert (
        dedupe.canonicalise_url("HTTPS://News.Example:443/a/b?utm_source=x&id=3&fbclid=y#top")
        == "https://news.example/a/b?id=3"
    )
    assert dedupe.canonicalise_url("http://news.example") == "http://news.example/"
    assert dedupe.canonicalise_url("ftp://news.example/a") == ""
    assert dedupe.canonicalise_url("") == ""


def test_text_hash_ignores_spacing_and_case():
    assert dedupe.text_hash("We will  not\nchange course.") == dedupe.text_hash(
        "we will not change COURSE."
    )
    assert dedupe.text_hash("We will change course.") != dedupe.text_hash("We will not change.")


def test_a_lightly_edited_copy_is_a_near_duplicate():
    # The same wire story as another outlet runs it: its own first line and a byline.
    copy = "Reprinted from the wire. " + LONG_STORY + " By A. Writer for the Example Post."
    a, b = dedupe.minhash(LONG_STORY), dedupe.minhash(copy)
    assert dedupe.similarity(a, b) >= 0.9
    assert set(dedupe.band_keys(a)) & set(dedupe.band_keys(b))


def test_different_stories_are_not_near_duplicates():
    other = " ".join(reversed(STORY.split()))
    assert dedupe.similarity(dedupe.minhash(STORY), dedupe.minhash(other)) < 0.5


def test_very_short_texts_have_no_signature():
    assert dedupe.minhash("Too short") == []
    assert dedupe.band_keys([]) == []
