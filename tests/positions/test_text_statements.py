"""The statement finder and speaker attribution, one construction per test.

Every sentence here is invented for the test (fictional people and places)."""

import datetime as dt

from positions.text.statements import find_statements

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday


def _find(text: str):
    return find_statements(text, PUBLISHED)


def _one(text: str):
    found = _find(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def test_a_direct_quote_with_the_speaker_after_it():
    st = _one("'If we wait, the harbour will be lost,' Mara Quist said at a rally in Dolmar.")
    assert st.text == "If we wait, the harbour will be lost,"
    assert st.direct and st.speaker.name == "Mara Quist" and st.cue_verb == "say"


def test_a_direct_quote_with_an_inverted_attribution():
    st = _one("“We will not be rushed,” said Defence Minister Oren Falk.")
    assert st.speaker.name == "Oren Falk"
    assert st.speaker.role == "Defence Minister"


def test_a_direct_quote_after_a_colon():
    st = _one("Asked about the plan, Ilka Brun said: „Nothing has been decided.“")
    assert st.text == "Nothing has been decided."
    assert st.speaker.name == "Ilka Brun"


def test_a_quote_interrupted_by_its_attribution_gives_two_statements():
    found = _find("'We are ready,' Oren Falk said, 'and we have been for weeks.'")
    assert [f.text for f in found] == ["We are ready,", "and we have been for weeks."]
    assert {f.speaker.name for f in found} == {"Oren Falk"}


def test_a_title_and_name_are_split_into_role_and_name():
    st = _one("Velorian Foreign Minister Oren Falk said the talks had failed in every respect.")
    assert st.speaker.name == "Oren Falk"
    assert st.speaker.role == "Velorian Foreign Minister"
    assert st.speaker.kind == "person"


def test_a_surname_resolves_to_the_full_name_seen_before():
    text = (
        "Senator Mara Quist said the vote would come within days of the recess.\n\n"
        "'We have the numbers,' Quist said."
    )
    found = _find(text)
    assert [f.speaker.name for f in found] == ["Mara Quist", "Mara Quist"]


def test_a_pronoun_resolves_to_the_latest_person():
    text = (
        "Oren Falk chose his words with care during the visit to Dolmar.\n\n"
        "He said the port 'will stay open for as long as it takes.'"
    )
    st = _one(text)
    assert st.text == "will stay open for as long as it takes."
    assert st.speaker.name == "Oren Falk" and st.speaker.pronoun


def test_a_quote_only_paragraph_continues_the_previous_speaker():
    text = (
        "'We will rebuild the bridge,' Mara Quist told reporters.\n\n"
        "'Nobody should doubt that for a moment.'"
    )
    found = _find(text)
    assert [f.speaker.name for f in found] == ["Mara Quist", "Mara Quist"]
    assert found[1].attribution_confidence < found[0].attribution_confidence


def test_a_quote_spanning_two_paragraphs_is_one_statement():
    text = (
        'Oren Falk said: "The first reason is money. We do not have it.\n\n'
        '"The second reason is time, and we have even less of that."'
    )
    st = _one(text)
    assert st.text.startswith("The first reason") and st.text.endswith("less of that.")


def test_reported_speech_starts_at_the_verb_and_its_auxiliaries():
    st = _one("Mara Quist has warned of a long winter if the pipeline stays closed.")
    assert st.text == "has warned of a long winter if the pipeline stays closed"
    assert not st.direct and st.cue_verb == "warn"


def test_reported_speech_with_said_that():
    st = _one("Ilka Brun said that the committee would report before the summer.")
    assert st.text == "said that the committee would report before the summer"


def test_reported_speech_with_a_coordinated_verb():
    st = _one(
        "Oren Falk spoke for ten minutes and was keen to make clear the navy had not been told."
    )
    assert st.text == "was keen to make clear the navy had not been told"
    assert st.speaker.name == "Oren Falk"


def test_reported_speech_introduced_by_according_to():
    st = _one("According to Mara Quist, the harbour will reopen by the end of the month.")
    assert st.text == "the harbour will reopen by the end of the month"
    assert st.speaker.name == "Mara Quist"


def test_reported_speech_with_the_attribution_after_it():
    st = _one("The harbour must reopen before the autumn storms, Ilka Brun said on Monday.")
    assert st.text == "The harbour must reopen before the autumn storms"
    assert st.date.date == dt.date(2024, 3, 11)


def test_an_urging_clause_after_a_comma_is_its_own_statement():
    text = (
        "Oren Falk has warned against opening the northern route to lorries, "
        "something Dolmar's city council is urging the government to allow."
    )
    found = _find(text)
    assert [f.text for f in found] == [
        "has warned against opening the northern route to lorries",
        "something Dolmar's city council is urging the government to allow",
    ]
    assert found[1].speaker.mention == "Dolmar's city council"


def test_organisations_and_governments_are_speakers():
    found = _find(
        "Estavia's foreign ministry said the exercise was a provocation of the worst kind.\n\n"
        "The Varnholm government has urged both sides to return to the table at once."
    )
    assert [(f.speaker.mention, f.speaker.kind) for f in found] == [
        ("Estavia's foreign ministry", "organisation"),
        ("Varnholm government", "government"),
    ]


def test_officials_within_an_administration_speak_for_it():
    st = _one("Officials within the Quist administration have said no decision has been made.")
    assert st.speaker.kind == "group"
    assert "Quist administration" in st.speaker.candidates


def test_a_group_of_lawmakers_is_one_speaker():
    st = _one("A group of 14 senators has urged the minister to publish the report in full.")
    assert st.speaker.name == "group of 14 senators"
    assert st.speaker.kind == "group"


def test_an_apposition_between_name_and_verb_is_skipped():
    st = _one("Ilka Brun, the port authority's chief, said the cranes would be replaced soon.")
    assert st.speaker.name == "Ilka Brun"


def test_narrative_without_a_speech_verb_is_not_a_statement():
    assert _find("Oren Falk travelled to Dolmar on Monday to inspect the damaged quay.") == []


def test_a_scene_setting_clause_is_not_a_statement():
    text = "The talks resumed in Dolmar, as delegates argued over the wording of the text."
    assert _find(text) == []


def test_a_short_scare_quote_without_attribution_is_not_a_statement():
    assert _find('The unit, nicknamed "Wolves", crossed the river at night.') == []


def test_photo_captions_and_repeated_passages_yield_nothing_twice():
    text = (
        "Mara Quist said the port would reopen within a fortnight of the repairs.\n\n"
        "Mara Quist, pictured, said the port would reopen soon\n\n"
        "Mara Quist said the port would reopen within a fortnight of the repairs.\n\n"
    )
    found = _find(text)
    assert [f.text for f in found] == [
        "said the port would reopen within a fortnight of the repairs"
    ]


def test_a_wire_dateline_is_not_part_of_a_statement():
    st = _one("DOLMAR, March 12 (VPA) - The port will reopen next week, Mara Quist said.")
    assert st.text == "The port will reopen next week"


def test_spans_are_exact_offsets():
    text = "Intro line here.\n\n'We stay,' said Oren Falk. Ilka Brun said the talks would go on."
    for st in _find(text):
        assert text[st.start : st.end] == st.text


def test_an_adding_clause_is_a_further_statement_by_the_same_speaker():
    found = _find(
        "The quay will reopen in May, Ilka Brun said on Monday, adding that the cranes were fixed."
    )
    assert [f.text for f in found] == [
        "The quay will reopen in May",
        "adding that the cranes were fixed",
    ]
    assert {f.speaker.name for f in found} == {"Ilka Brun"}


def test_the_audience_of_told_is_not_a_statement():
    st = _one("The ferry will run all winter, Oren Falk told journalists on Wednesday.")
    assert st.text == "The ferry will run all winter"
    assert st.date.date == dt.date(2024, 3, 13)


def test_unnamed_sources_are_a_group_speaker():
    st = _one("The port will stay shut until June, two people familiar with the plans said.")
    assert st.speaker.kind == "group"
    assert st.speaker.mention == "two people familiar with the plans"


def test_a_letter_speaks_for_those_who_wrote_it():
    text = (
        "A group of nine senators has urged the minister to reopen the northern quay.\n\n"
        "“The quay is the only deep berth we have,” the letter said."
    )
    found = _find(text)
    assert [f.speaker.name for f in found] == ["group of nine senators"] * 2


def test_a_name_in_the_apposition_is_the_speaker():
    st = _one("His spokesman, Rolf Tamm, said the minister had not read the report yet.")
    assert st.speaker.name == "Rolf Tamm"
    assert st.speaker.role == "spokesman"


def test_a_person_of_an_organisation_is_a_person():
    st = _one("Ines Holt of the dockers' union said the strike would go ahead on Friday.")
    assert (st.speaker.name, st.speaker.kind) == ("Ines Holt", "person")


def test_an_unnamed_spokesman_speaks_for_the_body_that_qualifies_him():
    st = _one("A harbour authority spokesman said the quay would reopen within a month.")
    assert "harbour authority" in st.speaker.candidates


def test_a_definite_description_points_back_to_the_person_last_named():
    text = (
        "Velorian President Ilario Brand met the envoys in Dolmar on Monday.\n\n"
        "The Velorian leader said the harbour would stay closed to foreign fleets."
    )
    st = _one(text)
    assert st.speaker.name == "Ilario Brand"
    assert st.speaker.mention == "Velorian leader"
