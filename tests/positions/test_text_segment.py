"""Paragraphs, page clutter and sentences."""

import pytest

from positions.text import segment
from positions.text.quotes import find_quotes
from positions.text.segment import split_paragraphs, split_sentences

ARTICLE = """• Summary bullet: Quist hints at a change

Minister Mara Quist said the rules would stay in place for now.

Share

Sign up for our morning newsletter

Oren Falk, pictured at a rally in Dolmar last spring

A soldier stands guard outside the ministry in Varnholm

A soldier stands guard outside the ministry in Varnholm

"We are not changing course," Quist said.

Minister Mara Quist said the rules would stay in place for now.
"""


def _kept(text: str) -> list[str]:
    return [p.text for p in split_paragraphs(text) if p.kept]


def test_it_keeps_the_story_and_drops_page_clutter():
    assert _kept(ARTICLE) == [
        "Minister Mara Quist said the rules would stay in place for now.",
        '"We are not changing course," Quist said.',
    ]


def test_it_marks_why_a_paragraph_was_skipped():
    reasons = {p.text[:20]: p.skip_reason for p in split_paragraphs(ARTICLE)}
    assert reasons["• Summary bullet: Qu"] == "highlight"
    assert reasons["Share"] == "clutter"
    assert reasons["Sign up for our morni"[:20]] == "clutter"
    assert reasons["Oren Falk, pictured a"[:20]] == "caption"
    assert reasons["A soldier stands gua"] == "repeated caption"


def test_paragraph_offsets_point_into_the_text():
    for p in split_paragraphs(ARTICLE):
        assert ARTICLE[p.start : p.end] == p.text


def _sentences(text: str) -> list[str]:
    quotes = find_quotes(text, 0, len(text))
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text), quotes)]


def test_it_does_not_split_after_abbreviations_and_initials():
    text = "Mr. Falk met Gen. Oskar T. Brun in the U.S. Capitol on Monday. Then he left."
    assert _sentences(text) == [
        "Mr. Falk met Gen. Oskar T. Brun in the U.S. Capitol on Monday.",
        "Then he left.",
    ]


def test_it_splits_after_u_s_when_a_new_sentence_starts():
    assert _sentences("Aid came from the U.S. The talks went on.") == [
        "Aid came from the U.S.",
        "The talks went on.",
    ]


def test_it_never_splits_inside_a_quotation():
    text = "'We are ready. We will act,' Quist said. Falk disagreed."
    assert _sentences(text) == ["'We are ready. We will act,' Quist said.", "Falk disagreed."]


def test_bylines_and_timestamps_are_clutter_but_sentences_starting_alike_are_not():
    text = (
        "By Tove Ahl, Northern Wire\n\nUpdated 09:12 GMT\n\n"
        "By the end of the week the ferry will run again, Mara Quist said."
    )
    assert _kept(text) == ["By the end of the week the ferry will run again, Mara Quist said."]


def test_a_question_quote_stays_with_its_attribution():
    text = "“Why should the harbour stay closed?” Ilse Varga asked on Monday. The port reopened."
    assert _sentences(text) == [
        "“Why should the harbour stay closed?” Ilse Varga asked on Monday.",
        "The port reopened.",
    ]


def test_a_sentence_may_open_with_a_spaced_guillemet():
    text = "Varga set out her case. « We cannot wait any longer. »"
    assert _sentences(text) == ["Varga set out her case.", "« We cannot wait any longer. »"]


def test_caption_and_clutter_lines_are_found_in_any_case():
    text = (
        "Harbour master Ilse Varga at the quay in Lintvik. PHOTOGRAPH: Nils Dahl\n\n"
        "GET OUR MORNING NEWSLETTER in your inbox\n\n"
        "Harbour master Ilse Varga said the quay would reopen after the storm season.\n"
    )
    reasons = [p.skip_reason for p in split_paragraphs(text)]
    assert reasons == ["caption", "clutter", ""]


def test_a_labelled_caption_is_a_caption_even_with_a_quote():
    text = (
        'Photo: Mayor Peter Brandt speaks in Lintvik. "The ferries will run."\n\n'
        "Mayor Peter Brandt said the ferries would run all winter from next year.\n"
    )
    assert [p.skip_reason for p in split_paragraphs(text)] == ["caption", ""]


def test_lines_above_the_story_that_end_no_sentence_are_headlines():
    text = (
        "Quist says the rules will stay as they are\n\n"
        "Council wavers as the ferry strike enters its second week\n\n"
        "Minister Mara Quist said the rules would stay in place for now.\n\n"
        "Falk urges a rethink\n\n"
        '"We are not changing course," Quist said'
    )
    reasons = [p.skip_reason for p in split_paragraphs(text)]
    # Below the first sentence of the story a short line is kept (a subheading, or an
    # excerpt that stops mid-sentence).
    assert reasons == ["headline", "headline", "", "", ""]


def test_a_text_of_one_line_is_the_story_even_without_a_full_stop():
    line = "Quist said: „Nothing has been decided“"
    assert _kept(line) == [line]


def test_a_line_closed_by_a_picture_credit_is_a_caption_even_with_a_quote():
    text = (
        "Minister Mara Quist said the rules would stay in place for now.\n\n"
        "Quist at the harbour on Monday. She said the trawlers would 'empty the bay'. "
        "Photograph: Harbour Wire\n\n"
        "Oren Falk speaks to reporters in Dolmar (AFP via Getty Images)\n\n"
        '"We are not changing course," Quist said.'
    )
    reasons = [p.skip_reason for p in split_paragraphs(text)]
    assert reasons == ["", "caption", "caption", ""]


def test_a_sentence_ends_at_a_guillemet_closed_after_a_space():
    text = (
        "« We must let the trawlers in, » the mayor said, « but not the factory ships. » "
        "He pointed to a map of the bay, where the guilds fished earlier this month."
    )
    sentences = split_sentences(text, 0, len(text), find_quotes(text, 0, len(text)))
    assert [text[s.start : s.end][-3:] for s in sentences] == [". »", "th."]


def test_a_short_attribution_after_a_closed_quotation_stays_in_its_sentence():
    text = (
        "« Any trawler in the bay will be seized. » Brun told reporters on Thursday. Then she left."
    )
    sentences = split_sentences(text, 0, len(text), find_quotes(text, 0, len(text)))
    assert [text[s.start : s.end] for s in sentences][0].endswith("on Thursday.")


def test_a_live_blogs_entry_headlines_are_skipped():
    text = (
        "Live\n\n17:48 BST\nGuilds: the harbour would make Dolmar a participant\n\n"
        "The guilds have now reacted. Their chair said so.\n\n"
        "08:05 GMT – Dolmar says it turned back 72 trawlers overnight\n\n"
        "The coastguard said 72 trawlers were turned back."
    )
    reasons = [p.skip_reason for p in split_paragraphs(text)]
    assert reasons == ["fragment", "fragment", "headline", "", "headline", ""]


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Advertisement",
        "Read more: the ministry's statement",
        "Related: what the summit decided",
        "Sign up for the morning briefing",
        "Subscribe to our channel",
        "Follow us on Telegram",
        "Click here for the full interview",
        "By Anna Lind and Piet Hollander",
        "Updated 14 May 2024",
        "Published 3 hours ago",
        "Posted at 09:12",
        "Last updated on Friday",
        "Reporting by Jan Visser",
        "Editing by Mark Holm",
        "Writing by Eva Berg",
        "Additional reporting by Lisa Kerr",
        "Comments (12)",
        "Listen to this article",
    ],
)
def test_every_kind_of_clutter_line_passes_the_cheap_first_look(line):
    # The quick test on how the line begins must let through every line the full pattern
    # takes, or clutter would be read as news.
    assert segment._is_clutter(line)
    low = line.strip(" .:|").lower()
    assert bool(segment._CLUTTER_RE.match(low)) and low.startswith(segment._CLUTTER_STARTS)


@pytest.mark.parametrize(
    "line",
    [
        "The minister speaks in Kyiv. Photograph: Olga Ivashchenko/Guardian",
        "Troops at a depot near the front line (Reuters)",
    ],
)
def test_a_caption_ending_with_its_credit_is_a_caption(line):
    assert segment._may_end_with_credit(line[-80:])
    assert segment._CREDIT_END_RE.search(line[-80:])
    paragraphs = segment.split_paragraphs("Story line one, told in full sentences here.\n" + line)
    assert paragraphs[-1].skip_reason == "caption"
