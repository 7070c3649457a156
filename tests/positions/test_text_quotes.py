"""The quote finder: every quotation-mark style, apostrophes, partial and run-on quotes."""

from positions.text.quotes import find_quotes


def _quotes(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, 0, len(text))]


def test_it_finds_straight_double_quotes():
    assert _quotes('"We will hold the line," Mara Quist said.') == ["We will hold the line,"]


def test_it_finds_curly_double_quotes():
    assert _quotes("“The bridge stays open,” said Oren Falk.") == ["The bridge stays open,"]


def test_it_finds_low_high_german_quotes():
    assert _quotes("„Wir bleiben dabei“, sagte Ilka Brun.") == ["Wir bleiben dabei"]


def test_it_finds_guillemets():
    assert _quotes("The ministry called it «a reckless step» on Monday.") == ["a reckless step"]


def test_it_finds_straight_single_quotes_and_skips_apostrophes():
    text = "Quist said Varnholm's allies 'won't be rushed, and we're not the only ones.'"
    assert _quotes(text) == ["won't be rushed, and we're not the only ones."]


def test_it_finds_curly_single_quotes_around_a_contraction():
    assert _quotes("He said it was ‘a decision we’ll regret’ later.") == ["a decision we’ll regret"]


def test_a_plural_possessive_does_not_close_a_single_quote():
    text = "'We must protect our soldiers' lives first,' Falk said."
    assert _quotes(text) == ["We must protect our soldiers' lives first,"]


def test_a_partial_quote_inside_a_sentence_is_found():
    text = "She warned it would 'cross a line' and be 'a grave mistake' for everyone."
    assert _quotes(text) == ["cross a line", "a grave mistake"]


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph():
    text = '"The first part of a long speech goes on'
    quotes = find_quotes(text, 0, len(text))
    assert len(quotes) == 1 and not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "The first part of a long speech goes on"


def test_a_quote_spanning_two_sentences_is_one_quote():
    text = "'We are ready. We have always been ready,' Quist said."
    assert _quotes(text) == ["We are ready. We have always been ready,"]


def test_low_quotes_closed_by_a_straight_mark():
    # Translated copy often opens with „ and closes with a plain ".
    text = '„The ferries must run again", the mayor of Lintvik told the council.'
    assert _quotes(text) == ["The ferries must run again"]


def test_french_guillemets_with_spaces_inside():
    text = "Every port « keeps its own rules », the harbour master said."
    assert _quotes(text) == [" keeps its own rules "]
