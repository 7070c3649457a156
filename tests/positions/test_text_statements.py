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


def test_a_sentence_interrupted_by_its_attribution_is_one_statement():
    text = "'We are ready,' Oren Falk said, 'and we have been for weeks.'"
    found = _find(text)
    assert [f.text for f in found] == [text[1:-1]]
    assert found[0].speaker.name == "Oren Falk"


def test_a_new_sentence_after_the_attribution_is_a_statement_of_its_own():
    found = _find("'We are ready,' Oren Falk said. 'Nobody should doubt that we are.'")
    assert [f.text for f in found] == ["We are ready,", "Nobody should doubt that we are."]
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


def test_a_middle_initial_and_where_a_group_sits_give_shorter_names():
    st = _one("Councillor Tomas R. Erdal said the quay should open to the trawlers at once.")
    assert "Tomas Erdal" in st.speaker.candidates
    st = _one("Guild lawmakers in the Harbour Council urged the mayor to open the quay.")
    assert "Guild lawmakers" in st.speaker.candidates


def test_a_counted_group_is_also_known_without_its_count():
    st = _one("A group of more than 30 Harbour Party councillors urged the mayor to open the quay.")
    assert "Harbour Party councillors" in st.speaker.candidates
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


def test_a_relative_clause_about_the_speaker_is_not_a_statement():
    found = _find(
        "Harbour master Lena Voss, who had ruled out any change last spring, said on Tuesday "
        "that the new rules were fair to the fishermen."
    )
    assert len(found) == 1, [f.text for f in found]
    assert found[0].cue_verb == "say" and found[0].speaker.name == "Lena Voss"
    assert found[0].date.date == dt.date(2024, 3, 12)


def test_a_fronted_place_before_the_speaker_is_not_the_statement():
    st = _one("In Tarrow, Harbour Minister Oren Falk said on Monday that the ban would stay.")
    assert st.text == "said on Monday that the ban would stay"
    assert st.speaker.name == "Oren Falk" and st.date.date == dt.date(2024, 3, 11)


def test_a_long_participle_apposition_between_speaker_and_verb_is_skipped():
    st = _one(
        "Mara Quist, speaking on Monday at the harbour office in Dolmar after a long meeting "
        "of the fishermen's council, said: 'The boats will stay in port until spring.'"
    )
    assert st.speaker.name == "Mara Quist" and st.direct
    assert st.text.startswith("The boats will stay")


def test_a_quote_goes_on_after_a_long_interrupting_attribution():
    found = _find(
        "“If the harbour is closed at night,” Mara Quist told a crowded news conference, "
        "“the boats must be able to leave at dawn. Otherwise they lose the tide.”"
    )
    assert len(found) == 1
    assert found[0].text.startswith("If the harbour")
    assert found[0].text.endswith("Otherwise they lose the tide.")
    assert found[0].speaker.name == "Mara Quist"


def test_a_post_posed_attribution_whose_clause_holds_a_short_quote():
    st = _one(
        "Remarks by Mayor Ilka Brun about the «right» of trawlers to enter the harbour show "
        "that Dolmar has lost its way, Harbour Council spokeswoman Vera Lask said at a briefing."
    )
    assert st.text.startswith("Remarks by Mayor Ilka Brun") and st.speaker.name == "Vera Lask"


def test_undated_remarks_of_someone_the_lead_names_take_the_lead_day():
    text = (
        "DOLMAR (NWS) - Mara Quist and Oren Falk met at the harbour office on Tuesday to "
        "talk about the trawler ban and the new quay.\n\n"
        "'The boats will stay in port,' Quist told reporters.\n\n"
        "'We will review the ban in spring,' said Ilka Brun, the mayor."
    )
    found = find_statements(text, dt.date(2024, 3, 14))
    dates = {f.speaker.name: f.date.date for f in found}
    assert dates["Mara Quist"] == dt.date(2024, 3, 12)
    assert dates["Ilka Brun"] == dt.date(2024, 3, 14)  # not named in the lead


def test_an_attribution_after_a_dash():
    st = _one("Dolmar will answer any raid on its harbour — Deputy Mayor Oren Falk told reporters.")
    assert (
        st.text == "Dolmar will answer any raid on its harbour" and st.speaker.name == "Oren Falk"
    )


def test_an_urging_verb_is_dated_before_its_infinitive():
    st = _one(
        "A group of 12 Dolmar councillors urged the mayor in a letter on Tuesday "
        "to reopen the old harbour."
    )
    assert st.date.date == dt.date(2024, 3, 12)


def test_a_quotation_that_ends_its_sentence_ends_it():
    found = _find(
        'Oren Falk told reporters: "The boats will stay." He added that talks would go on.'
    )
    assert [f.cue_verb for f in found] == ["tell", "add"]
    assert found[1].text == "added that talks would go on"


def test_a_description_with_a_nationality_is_not_the_last_person_of_another():
    found = _find(
        "Harbour Minister Oren Falk said the boats would stay. "
        "The Velorian leader has warned that any raid would be answered."
    )
    assert found[1].speaker.name != "Oren Falk"
    found = _find(
        "Velorian President Ilka Brun said the boats would stay. "
        "The Velorian leader has warned that any raid would be answered."
    )
    assert found[1].speaker.name == "Ilka Brun"


def test_a_named_body_of_members_is_a_candidate_for_the_speaker():
    st = _one("The Harbour Caucus of councillors renewed its call on Monday to reopen the quay.")
    assert "Harbour Caucus" in st.speaker.candidates


def test_officials_of_a_body_named_before_speak_for_it_even_first_in_a_sentence():
    found = _find(
        "Dolmar's harbour ministry said on Monday that the ban would stay. "
        "Ministry officials said the review was procedural."
    )
    assert [f.speaker.name for f in found] == ["Dolmar's harbour ministry"] * 2


def test_an_unnamed_spokesperson_speaks_for_the_body_named_before():
    found = _find(
        "Dolmar's harbour ministry said on Monday that the ban would stay.\n\n"
        "A spokesperson for the ministry said the review would take months. "
        "'It will be thorough,' he said."
    )
    assert [f.speaker.name for f in found] == ["Dolmar's harbour ministry"] * 3


def test_a_fronted_adverb_before_a_speaker_with_an_apposition():
    text = (
        "Earlier, Defence Minister Ilse Varga, during a visit to Port Alden, said on Monday "
        "that the quay would reopen in spring."
    )
    found = find_statements(text)
    assert [s.speaker.name for s in found if s.speaker] == ["Ilse Varga"]
    assert found[0].text.startswith("said on Monday that the quay")


def test_a_bracketed_affiliation_and_a_participle_before_the_verb():
    text = (
        "Senator Olaf Brenner (L-Nd.), asked about the petition, told reporters that the "
        "decision belonged to the council."
    )
    found = find_statements(text)
    assert [s.speaker.name for s in found if s.speaker] == ["Olaf Brenner"]
    assert found[0].text.startswith("told reporters that the decision")


def test_a_second_verb_after_a_fronted_phrase_and_a_question():
    text = (
        "Before the vote, Brenner was asked by reporters whether he would back the toll and "
        "said he would discuss it with the mayor."
    )
    found = find_statements(text)
    assert any(
        s.speaker and s.speaker.name == "Brenner" and s.text.startswith("said he would discuss")
        for s in found
    )


def test_a_lowercase_policy_role_before_a_postposed_name():
    text = '"The bridge must reopen," said Nordic foreign policy expert Hanne Solberg.'
    found = find_statements(text)
    assert [s.speaker.name for s in found if s.speaker] == ["Hanne Solberg"]


def test_according_to_a_statement_from_a_body():
    text = (
        "The quay will stay shut until May, according to a statement from the Dolmar "
        "Port Authority."
    )
    found = find_statements(text)
    assert [s.speaker.name for s in found if s.speaker] == ["Dolmar Port Authority"]
    assert found[0].text == "The quay will stay shut until May"


def test_hailing_and_decrying_report_a_position():
    found = find_statements("Mayor Petra Sollie hailed the plan to reopen the quay in May.")
    assert [(s.speaker.name, s.cue_verb) for s in found if s.speaker] == [("Petra Sollie", "hail")]
    found = find_statements("Mayor Petra Sollie decried the plan to close the quay in May.")
    assert [(s.speaker.name, s.cue_verb) for s in found if s.speaker] == [("Petra Sollie", "decry")]


def test_she_goes_to_the_latest_woman_named_not_the_latest_person():
    found = _find(
        "Port director Hanna Varga met the mayor on Monday. "
        "Mayor Peter Brandt later opened the new quay.\n\n"
        '"We have waited ten years for this harbour to reopen," she said.'
    )
    assert found[-1].speaker.name == "Hanna Varga"


def test_a_title_says_which_person_she_is():
    found = _find(
        "Mrs Orla Penn spoke before the vote. Mr Arne Vik spoke after it.\n\n"
        '"The ferries are a lifeline for the islands," she said.'
    )
    assert found[-1].speaker.name == "Orla Penn"


def test_the_subject_after_a_fronted_phrase_is_he():
    found = _find(
        "Port director Hanna Varga said the fees were fair.\n\n"
        "At a meeting of port officials in Lintvik on Tuesday, the council leader Arne Vik "
        "was asked about the fees.\n\n"
        '"The less we say about the fees before the vote, the better," he said.'
    )
    assert found[-1].speaker.name == "Arne Vik"


def test_a_long_description_before_a_name_in_apposition():
    found = _find(
        "Mayor Tomas Brandt opened the quay.\n\n"
        "The region's new harbour chief, Orla Penn, struck a different note. "
        '"The fees must come down before the summer," she said.'
    )
    assert found[-1].speaker.name == "Orla Penn"


def test_a_description_with_the_is_not_a_name_in_apposition():
    found = _find(
        "Arne Vik, the Lintvik Liberal, has pushed the other way. "
        "He said last week that the ferry fees should be scrapped."
    )
    assert found[-1].speaker.name == "Arne Vik"


def test_a_title_with_a_dot_goes_with_the_name():
    found = _find(
        "Arne Vik and Ilse Varga met in Lintvik.\n\n"
        "Mr. Vik, for his part, stuck to a careful line. Every port « sets its own fees », "
        "he said."
    )
    assert found[-1].speaker.name == "Arne Vik"
    assert found[-1].text == "sets its own fees"


def test_a_bare_quote_after_a_sentence_about_someone_is_theirs():
    found = _find(
        "Standing next to Arne Vik, Ilse Varga set out her reasoning. "
        "« We think the ferries should run all winter, and the islands agree. »"
    )
    assert found[-1].direct and found[-1].speaker.name == "Ilse Varga"


def test_a_joint_statement_goes_to_the_first_named():
    st = _one(
        "Councillors Orla Penn and Arne Vik said in a joint letter on Monday that the ferry "
        "fees should be scrapped."
    )
    assert st.speaker.name == "Orla Penn"


def test_unnamed_sources_named_second_leave_it_to_the_first():
    st = _one(
        "Two port officials and a person familiar with the talks said the quay would reopen "
        "in the spring."
    )
    assert st.speaker.mention == "port officials"


def test_a_name_inside_a_relative_clause_is_not_the_speaker():
    st = _one(
        "The harbour master, Ilse Varga, who toured the quay with the mayor, Tomas Brandt, "
        "said the repairs would take another month."
    )
    assert st.speaker.name == "Ilse Varga"


def test_the_occasion_in_the_sentence_before_dates_the_quote():
    found = _find(
        "Mayor Tomas Brandt had set out his plan at a meeting in Lintvik last Monday. "
        '"The ferries will run every hour from May," Brandt said.'
    )
    assert found[-1].date.date == dt.date(2024, 3, 11)


def test_the_same_day_takes_the_day_named_before():
    found = _find(
        "The council voted on the ferry fees on Tuesday.\n\n"
        "Speaking in Lintvik the same day, Mayor Tomas Brandt said the fees were too high "
        "for the islanders."
    )
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_a_visit_in_the_relative_clause_dates_the_statement():
    st = _one(
        "Ilse Varga, who toured the quay on Monday with the port board, said the repairs "
        "would take another month."
    )
    assert st.date.date == dt.date(2024, 3, 11)


def test_adding_that_shares_the_date_of_the_main_statement():
    found = _find(
        "The quay will reopen in August, Port Director Ilse Varga said on Tuesday, "
        "adding that the ferry timetable had not been settled."
    )
    assert [f.date.date for f in found] == [dt.date(2024, 3, 12)] * 2


def test_the_quote_below_a_scene_setting_lead_was_spoken_there():
    found = _find(
        "Hundreds of fishing boats blocked the harbour mouth at Lintvik on Monday as "
        "the fishermen's guild protested against the new quay fees.\n\n"
        '"This is what the harbour will look like every day if the fees stay," '
        "Arne Vik told the crowd."
    )
    assert found[-1].date.date == dt.date(2024, 3, 11)


def test_defending_a_decision_is_a_statement():
    st = _one(
        "Mayor Peter Brandt on Monday defended the council's decision to close the old quay "
        "to lorries."
    )
    assert st.speaker.name == "Peter Brandt" and st.cue_verb == "defend"
    assert st.text.startswith("defended the council's decision")


def test_defending_a_town_is_not_a_statement():
    assert _find("The garrison defended the town against the raiders for a week.") == []


def test_calling_something_by_a_quoted_name_is_a_statement():
    found = _find(
        "Councillor Orla Penn called the fee plan „a tax on the islanders“ and walked out."
    )
    assert found and found[0].speaker.name == "Orla Penn"
    assert found[0].text.startswith("called the fee plan „a tax on the islanders“")


def test_a_mixed_case_dateline_with_an_agency_is_not_the_subject():
    st = _one(
        "Port Alden, Veloria (NWS) — Harbour chief Orla Penn said on Monday that the ferries "
        "would run all winter."
    )
    assert st.speaker.name == "Orla Penn"
    assert st.text.startswith("said on Monday that")


def test_a_full_name_before_an_adviser_apposition_is_the_speaker():
    st = _one(
        "Orla Penn, an adviser to Mayor Peter Brandt, argued that the quay should reopen "
        "before the summer."
    )
    assert st.speaker.name == "Orla Penn"


def test_a_date_inside_an_asked_question_is_not_the_answers():
    st = _one(
        "Asked whether the council would keep the fees it set in May, Mayor Peter Brandt "
        "said there was no change."
    )
    assert st.date.date == PUBLISHED
    st = _one("Asked about the fees on Monday, Mayor Peter Brandt said there was no change.")
    assert st.date.date == dt.date(2024, 3, 11)


def test_the_same_day_skips_an_event_still_to_come():
    found = _find(
        "The council met on Tuesday.\n\n"
        "Elections take place from June 6 to 9.\n\n"
        "Speaking the same day, Mayor Peter Brandt warned that the ferries would stop."
    )
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_a_short_reported_clause_carries_its_own_date():
    found = _find(
        "Mayor Peter Brandt said the fees would stay.\n\n"
        "Councillor Orla Penn rejected that reasoning on Tuesday."
    )
    assert found[-1].text == "rejected that reasoning on Tuesday"
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_the_party_said_goes_to_the_party_named_in_full_before():
    found = _find(
        "The opposition Harbour Freedom Party on Monday launched a campaign against the fees.\n\n"
        "The party says the fees would be the first charge on a public quay since 1960."
    )
    assert found[-1].speaker.name.endswith("Harbour Freedom Party")


def test_a_possessive_role_before_a_name_in_apposition():
    found = _find(
        "Mayor Peter Brandt left early.\n\n"
        "His chief of staff, Orla Penn, said the ferries would run all winter."
    )
    assert found[-1].speaker.name == "Orla Penn"


def test_going_further_saying_is_the_subjects_statement():
    st = _one(
        "The port's spokeswoman, Orla Penn, went further, saying that the quay could close "
        "for good if the fees stayed."
    )
    assert st.speaker.name == "Orla Penn"
    assert st.text.startswith("saying that the quay could close")


def test_standing_beside_in_the_sentence_before_shares_the_occasion():
    found = _find(
        '"The ferries will run all winter," Mayor Peter Brandt said on Tuesday at the quay.\n\n'
        "Orla Penn, standing beside him, was more careful. She said that the timetable "
        "was not yet settled."
    )
    assert found[-1].speaker.name == "Orla Penn"
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_said_that_adding_that_is_one_reported_clause():
    st = _one(
        "Mayor Peter Brandt said on Monday that the council had read the letter, adding that "
        "there was no change to the ferry fees."
    )
    assert st.text == (
        "said on Monday that the council had read the letter, adding that there was no "
        "change to the ferry fees"
    )


def test_the_president_after_a_dated_sentence_about_him_shares_its_date():
    found = _find(
        "President Peter Brandt took his harbour plan to parliament on Tuesday.\n\n"
        "Presenting the plan to the deputies, the president called on the port board to "
        "lift the quay fees."
    )
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_a_phrase_quoted_inside_the_reporters_sentence_is_not_a_statement():
    found = _find(
        "«We will not be rushed,» Oren Falk said, speaking of the talks as having reached "
        "«a very delicate stage»."
    )
    assert [f.text for f in found] == ["We will not be rushed,"]


def test_a_short_quote_after_a_second_speech_verb_is_a_statement():
    found = _find(
        "Minister Oren Falk said the raid showed the trawlers were «fishing ever "
        "closer to the shore» and warned that «the council must act»."
    )
    # Kept, with the clause it goes on from.
    assert found[-1].text.endswith("the council must act")
    assert found[-1].speaker.name == "Oren Falk"


def test_a_pull_quote_repeating_part_of_an_earlier_quote_adds_no_statement():
    found = _find(
        "«The harbour stays closed to trawlers until the council votes, and not a day "
        "sooner,» Minister Oren Falk said.\n\n"
        "«The harbour stays closed to trawlers until the council votes»\n\n"
        "The vote is due in May."
    )
    assert len(found) == 1
    assert found[0].text.startswith("The harbour stays closed")


def test_one_speakers_coordinated_reported_clauses_are_one_statement():
    found = _find(
        "Council spokesman Oren Falk said on Friday that the recording proved the harbour "
        "police had planned raids on the trawlers, and demanded an explanation from Varnholm."
    )
    assert [f.text for f in found] == [
        "said on Friday that the recording proved the harbour police had planned raids on "
        "the trawlers, and demanded an explanation from Varnholm"
    ]
    assert found[0].date.date == dt.date(2024, 3, 8)


def test_quotes_strung_together_with_and_that_are_one_statement():
    text = (
        "Tomas Erdal, commenting on the reports the same day, said that «fishing is not "
        "done with words» and that «the trawlers will speak for themselves»."
    )
    found = _find(text)
    assert len(found) == 1
    assert found[0].text.startswith("fishing is not done")
    assert found[0].text.endswith("the trawlers will speak for themselves")


def test_a_partial_quote_and_the_quote_after_a_second_verb_make_one_statement():
    found = _find(
        'Minister Oren Falk said the raid showed the trawlers were "fishing ever closer to '
        'the shore" and warned that "those who send them must understand the consequences".'
    )
    assert [f.text[:20] for f in found] == ["said the raid showed"]
    assert found[0].text.endswith("must understand the consequences")


def test_a_quote_attributed_with_continued():
    st = _one(
        "« If we tell the fishermen they may not enter the harbour, we tell them to starve », "
        "Mayor Tomas Erdal continued, standing in front of a map of the bay."
    )
    assert st.text.startswith("If we tell the fishermen") and st.speaker.name == "Tomas Erdal"


def test_going_on_in_narrative_is_not_speech():
    assert _find("The talks continued on Monday in Varnholm, where the ministers met.") == []


def test_calling_something_a_quoted_name_is_a_statement():
    st = _one(
        "Councillor Orla Penn took the opposite view, calling the decision “a dangerous step "
        "that brings the town closer to ruin.”"
    )
    assert st.text.startswith("a dangerous step") and st.speaker.name == "Orla Penn"


def test_a_refusal_followed_by_its_reason():
    st = _one(
        "Mayor Tomas Erdal has so far refused, saying that opening the harbour at night "
        "would require new patrol boats."
    )
    assert st.text.startswith("saying that opening") and st.speaker.name == "Tomas Erdal"


def test_a_body_that_did_something_else_and_warned():
    st = _one(
        "On Monday, the Dolmar Harbour Ministry summoned the guild's envoy, Nils Berg, and "
        "warned that the coastguard could seize 'any trawler in the bay' if the ban was broken."
    )
    assert st.speaker.name == "Dolmar Harbour Ministry"
    assert st.text.startswith("warned that the coastguard")


def test_a_verb_joined_in_a_subordinate_clause_belongs_to_its_subject():
    found = _find(
        "The council sought on Tuesday to put distance between itself and the raid, as "
        "Councillor Orla Penn blamed Dolmar and hinted at its northern backers."
    )
    assert [f.speaker.name for f in found] == ["Orla Penn"]


def test_a_parliamentary_bloc_speaks():
    st = _one("The conservative bloc called for the trawlers to be let in without delay.")
    assert st.speaker.name.endswith("bloc") and st.speaker.kind != "person"


def test_a_second_clause_after_a_name_in_apposition_is_the_named_speakers():
    found = _find(
        "The Velorian president, Tomas Erdal, warned on Thursday that letting the trawlers in "
        "would mean war with the guilds, and said Dolmar would take ‘appropriate decisions’."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal"]
    assert found[0].text.endswith("‘appropriate decisions’")


def test_a_role_held_somewhere_before_a_name_in_apposition():
    st = _one(
        "Veloria's ambassador in Dolmar, Nils Berg, warned on Monday that opening the harbour "
        "would be a grave mistake."
    )
    assert st.speaker.name == "Nils Berg"


def test_a_role_of_a_body_before_a_name_in_apposition():
    st = _one(
        "On Friday, the spokeswoman of Velorian diplomacy, Ilka Brun, said that the guilds "
        "must stop their provocations."
    )
    assert st.speaker.name == "Ilka Brun"


def test_where_the_named_speaker_spoke_between_name_and_verb():
    st = _one(
        "Ilka Brun at a briefing on Thursday stated that any trawler in the bay would be seized."
    )
    assert st.speaker.name == "Ilka Brun" and st.text.startswith("stated that")


def test_a_title_held_at_a_place_is_not_where_the_speaker_spoke():
    st = _one(
        "Velorian Ambassador to the Union Nils Berg warned last month that the trawlers "
        "would not be welcome."
    )
    assert st.speaker.name == "Nils Berg"


def test_he_after_a_sentence_opening_with_but_and_a_name():
    found = _find(
        "Mayor Tomas Erdal wants the harbour shut.\n\n"
        "But Orla Penn, a fisheries expert from the opposition, was unmoved by the affair.\n\n"
        "“The trawlers must be let in,” he told the Dolmar Courier on Sunday."
    )
    assert [f.speaker.name for f in found] == ["Orla Penn"]


def test_he_after_a_sentence_about_a_person_named_with_a_title_only():
    found = _find(
        "Orla Penn spoke as Mayor Erdal prepared to host the guilds.\n\n"
        "Erdal has so far resisted the fishermen's pleas. “We are looking at it,” he told "
        "reporters on Tuesday."
    )
    assert [f.speaker.name for f in found] == ["Erdal"]


def test_the_person_a_sentence_is_about_then_their_role():
    found = _find(
        "The reaction of Tomas Erdal was immediate. «No trawler will enter the harbour», the "
        "deputy mayor and leader of the Harbour Party said on Saturday."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal"]


def test_a_role_of_the_republic_is_the_person_named_before():
    found = _find(
        "Tomas Erdal chose the harbour to take the step. « We must let them fish », declared "
        "the President of the Republic on Tuesday."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal"]


def test_a_refusal_and_the_argument_for_it():
    st = _one(
        "Mayor Tomas Erdal has once more refused the opening of the harbour, arguing on Monday "
        "that Dolmar would otherwise be drawn into the guilds' quarrel."
    )
    assert st.speaker.name == "Tomas Erdal" and st.text.startswith("arguing on Monday that")


def test_declining_to_comment_then_estimating_that():
    st = _one(
        "Tomas Erdal did not wish to comment on a change of the town's position, estimating "
        "that « the question does not arise at this moment »."
    )
    assert st.speaker.name == "Tomas Erdal"
    assert st.text == "the question does not arise at this moment"


def test_affirming_and_inviting_are_speech():
    found = _find(
        "Tomas Erdal affirmed on Thursday that the harbour has the right to close.\n\n"
        "Orla Penn had invited the guilds to reconsider the limits on night fishing."
    )
    assert [(f.speaker.name, f.cue_verb) for f in found] == [
        ("Tomas Erdal", "affirm"),
        ("Orla Penn", "invite"),
    ]


def test_a_hyphenated_role_alone_is_the_person_named_before():
    found = _find(
        "Tomas Erdal has said the ban was a big mistake.\n\n"
        "‘Why would you keep them out? All it does is make the guilds angrier,’ the "
        "mayor-elect told the Courier."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal", "Tomas Erdal"]


def test_a_politician_is_a_role_before_the_name():
    st = _one(
        "The Harbour Party fisheries politician Orla Penn criticised the mayor sharply: "
        "„Who wants the town to live must let the trawlers in“, she told the Courier."
    )
    assert st.speaker.name == "Orla Penn"


def test_one_of_the_officials_and_the_same_official_are_the_officials_named():
    found = _find(
        "The mayor has let the trawlers in, according to three Dolmar officials.\n\n"
        "“The mayor wants the quays used,” one of the officials said.\n\n"
        "The change is narrow. “Nobody should read this as an open harbour,” the same "
        "official said."
    )
    assert [f.speaker.name for f in found] == ["Dolmar officials"] * 3


def test_he_after_a_fronted_place_and_a_lower_case_role_before_the_name():
    found = _find(
        "Mayor Tomas Erdal said on Tuesday that the harbour would stay shut.\n\n"
        "In Varnholm, deputy mayor Orla Penn struck a different tone. “The quays belong to "
        "the fishermen,” she wrote on the town's website."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal", "Orla Penn"]


def test_a_role_named_only_later_in_the_article_speaks_with_that_name():
    found = _find(
        "At the joint press conference, the President of the Republic indicated that Dolmar "
        "is ready to let the trawlers in.\n\n"
        "« Our view is that the harbour should be open at night », declared the President of "
        "the Republic, Tomas Erdal, pointing to a map of the bay."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal", "Tomas Erdal"]


def test_a_quote_that_opens_a_sentence_is_no_part_of_a_name():
    st = _one(
        "“The harbour belongs to the fishermen. A boat, once licensed, belongs to the bay,” "
        "stressed the Minister of Fisheries of the Republic of Velor, Ilka Brun."
    )
    assert st.speaker.name == "Ilka Brun"


def test_a_countrys_title_before_a_name_is_no_name_of_its_own():
    from positions.text.speakers import role_only

    assert role_only("Velor's Minister")
    assert not role_only("Ilka Brun")


def test_a_quote_then_a_spokesman_whose_office_has_a_number():
    st = _one(
        "'There has been no change to our approach,' a No 10 spokesman said last night, "
        "declining to go into the conditions."
    )
    assert st.direct and st.text.startswith("There has been no change")


def test_a_pull_quote_reworded_a_little_is_no_new_statement():
    found = _find(
        "Mayor Tomas Erdal warned on Thursday that letting the trawlers in would mean "
        "“nothing less than the guilds themselves running the harbour,” and said the council "
        "would decide soon.\n\n"
        "Councillor Orla Penn said, “The mayor says a great many things,” before moving on.\n\n"
        "“It would mean nothing less than the guilds themselves running the harbour.”"
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal", "Orla Penn"]


def test_a_role_after_a_sentence_that_only_names_the_person_in_passing():
    found = _find(
        "It is on the quay of Dolmar that Tomas Erdal chose to take the step. « We must let "
        "the trawlers shelter here », declared the President of the Republic on Tuesday, "
        "standing beside the harbour master Nils Berg."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal"]


def test_a_role_with_a_nationality_is_not_someone_of_another_one_named_beside_it():
    found = _find(
        "Standing next to Nils Berg, the French minister went further than anyone.\n\n"
        "“We must let the trawlers shelter here,” the French minister said."
    )
    assert "Nils Berg" not in [f.speaker.name for f in found]


def test_a_group_of_members_on_a_committee_is_also_known_as_the_members():
    st = _one(
        "A group of Harbour Party councillors on the Commons defence committee has urged "
        "the mayor to let the trawlers in."
    )
    assert "Harbour Party councillors" in st.speaker.candidates


def test_he_after_a_long_question_clause_before_the_named_person():
    found = _find(
        "The council has now reacted. Asked by reporters whether the harbour would treat the "
        "trawlers from the northern guilds any differently this winter, Mayor Tomas Vell "
        "was blunt.\n\n"
        "‘If the trawlers come into the bay, they will be seized,’ he said."
    )
    assert [f.speaker.name for f in found] == ["Tomas Vell"]


def test_she_after_a_woman_named_in_passing_when_the_last_speaker_is_a_man():
    found = _find(
        "Mayor Peter Erdal said the trawlers could shelter in the harbour.\n\n"
        "The reaction in Velor was swift, with Anna Brun, the Velorian spokeswoman, taking to "
        "the podium this morning.\n\n"
        "'If the trawlers come, the guilds will answer,' she said."
    )
    assert [f.speaker.name for f in found] == ["Peter Erdal", "Anna Brun"]


def test_a_colon_closes_a_longer_lead_in_to_a_quotation():
    st = _one(
        "Mayor Tomas Erdal told reporters about it yesterday, on the sidelines of a meeting "
        "of the harbour council in Dolmar: « Every trawler that comes in must leave by dawn. »"
    )
    assert st.speaker.name == "Tomas Erdal" and st.text.startswith("Every trawler")


def test_a_parenthetical_attribution_inside_the_reported_sentence():
    found = _find(
        "Mayor Tomas Erdal said the harbour would open.\n\n"
        "Beside him, Orla Penn avoided any commitment: the rules agreed with the guilds, she "
        "said, were working, and she saw no reason to discuss them in public."
    )
    assert found[-1].speaker.name == "Orla Penn"
    assert found[-1].text.startswith("the rules agreed") and found[-1].text.endswith("in public")


def test_long_appositions_that_a_relative_clause_or_a_list_of_offices_make():
    found = _find(
        "The Harbour Party group, which on Thursday will put a motion on the trawlers to the "
        "vote for the third time, accused the mayor of handing the guilds a veto.\n\n"
        "Orla Penn, the Harbour Party's fisheries spokeswoman and chair of the council's port "
        "committee, said she found it hard to bear that the quay stayed shut."
    )
    assert [f.speaker.name for f in found] == ["Harbour Party group", "Orla Penn"]


def test_going_further_writing_that_and_a_party_named_with_a_slash():
    found = _find(
        "Tomas Erdal, the deputy chairman of the harbour council, went further, writing that "
        "any trawler in the bay would be seized.\n\n"
        "The CDU/CSU group accused the mayor of weakness."
    )
    assert [f.speaker.name for f in found] == ["Tomas Erdal", "CDU/CSU group"]


def test_backbenchers_including_former_ministers_are_a_group():
    st = _one(
        "A group of Harbour Party backbenchers, including several former ministers, urged "
        "the mayor to stop asking the guilds for permission."
    )
    assert st.speaker.kind == "group"


def test_the_one_asked_answers_with_the_quotation_after_a_colon():
    st = _one(
        "Harbour Minister Ilka Brun was asked about it yesterday, on the sidelines of a "
        "meeting of the guilds in Varnholm: « Every trawler we license is for the bay only. »"
    )
    assert st.speaker.name == "Ilka Brun" and st.text.startswith("Every trawler")


def test_an_institute_for_something_is_a_body_not_a_person_named_after_its_subject():
    from positions.text.speakers import speaker_from_tokens
    from positions.text.tokens import tokenize

    for text in ("the Institute for the Study of Harbours", "Royal Fisheries Services Institute"):
        speaker = speaker_from_tokens(text, tokenize(text, 0, len(text), []))
        assert speaker.kind == "organisation" and speaker.name.endswith(text.split()[-1]), text
    st = _one(
        "The Institute for the Study of Harbours, a Dolmar think tank, said on Sunday that the "
        "ban had left the guilds a sanctuary."
    )
    assert st.speaker.name == "Institute for the Study of Harbours"


def test_a_conditional_cut_by_its_attribution_is_one_statement():
    found = _find(
        '"If the trawlers are let in," Orla Penn told the council, "Velor will close its '
        'ports to Dolmar boats, and nobody should pretend otherwise."'
    )
    assert len(found) == 1 and found[0].text.endswith("pretend otherwise.")


def test_a_clause_after_a_fronted_phrase_is_no_description_of_its_subject():
    found = _find(
        "The Velorian foreign ministry summoned the envoy.\n\n"
        "In a statement after the meeting, the foreign ministry said that if Dolmar let the "
        'trawlers in, Velor could close "every port it controls".'
    )
    assert "said" not in found[-1].speaker.name


def test_a_quotation_before_an_ambassador_to_somewhere_and_a_name():
    st = _one(
        "«Strikes on the harbour became possible only because of the guilds' boats», Velorian "
        "Ambassador to the United States Nils Berg wrote on Tuesday."
    )
    assert st.direct and st.speaker.name == "Nils Berg"


def test_the_agent_of_a_passive_sentence_is_who_the_next_role_refers_to():
    found = _find(
        "Mayor Peter Erdal said the harbour would stay shut.\n\n"
        "The debate was opened by Orla Penn. In an interview last week, the council's deputy "
        "chair argued that the guilds should reconsider the limits on the trawlers."
    )
    assert found[-1].speaker.name == "Orla Penn"


def test_a_hyphenated_title_alone_is_a_role():
    from positions.text.speakers import role_only

    assert role_only("President-elect") and role_only("Vice-Chancellor")


def test_a_dateline_with_a_region_and_an_agency_before_the_story():
    st = _one(
        "Halvik (Dolmar) (NWS) – Mara Quist said on Tuesday that the trawlers must stay "
        "outside the harbour wall."
    )
    assert st.speaker.name == "Mara Quist"
    assert st.text.startswith("said on Tuesday that")


def test_a_name_ending_in_jr_with_its_dot():
    st = _one("Oren Falk Jr. wrote on social media that the harbour ban was a disgrace.")
    assert st.speaker.name == "Oren Falk Jr."


def test_reported_speech_around_a_parenthetical_attribution():
    found = _find(
        "Councillor Oren Falk called the ban a disgrace. The harbour, he said, should be open "
        "to every boat that pays its fees."
    )
    st = found[-1]
    assert st.text == ("The harbour, he said, should be open to every boat that pays its fees")
    assert st.speaker.name == "Oren Falk" and not st.direct


def test_a_fronted_place_before_a_parenthetical_attribution_is_no_statement():
    found = _find(
        "Behind closed doors, officials said, the talks on the harbour had stalled for weeks."
    )
    assert [f.text for f in found] == []


def test_a_quote_line_is_the_words_of_whom_the_source_line_names():
    found = _find(
        "Harbour master Mara Quist has presented her plan for the port.\n\n"
        "Source: Quist's speech to the council\n\n"
        "Quote: «The trawlers stay outside the wall until the fishermen have their quota.»"
    )
    assert [(f.speaker.name, f.direct) for f in found] == [("Mara Quist", True)]
    assert found[0].text.startswith("The trawlers stay outside")


def test_an_outlet_s_source_line_names_no_speaker():
    found = _find(
        "Source: Harbour Radio\n\n"
        "The council met on Monday. It will meet again next week to discuss the harbour fees."
    )
    assert found == []


def test_a_quote_after_a_colon_is_the_person_the_sentence_opens_with():
    st = _one("Councillor Oren Falk was blunt in his reply: “The harbour must stay shut.”")
    assert st.speaker.name == "Oren Falk" and st.text == "The harbour must stay shut."


def test_a_caption_before_a_colon_is_nobody_s_attribution():
    found = _find("Photo caption: Oren Falk at the harbour on Monday: “The harbour must stay shut”")
    assert not any(f.speaker and "Photo" in f.speaker.name for f in found)


def test_the_question_before_a_refusal_is_no_statement():
    found = _find(
        "Asked whether the council would close the harbour, Mara Quist declined to comment."
    )
    assert [f.text for f in found] == []


def test_a_saying_clause_after_a_post_posed_attribution_is_a_statement_of_its_own():
    found = _find(
        "Dolmar has become the first port to ban foreign trawlers, Defence Minister Mara Quist "
        "confirmed Thursday, saying the ban would last all year and could not be lifted early."
    )
    assert found[-1].text.startswith("saying the ban would last all year")
    assert found[-1].speaker.name == "Mara Quist"


def test_a_knight_named_by_first_name_is_the_person_named_in_full_before():
    found = _find(
        "Sir Oren Falk left the harbour talks early. Later, Sir Oren said: “The ban must stay.”"
    )
    assert found[-1].speaker.name == "Oren Falk"


def test_the_lead_s_day_is_the_first_day_it_names_after_a_month():
    found = _find(
        "Oren Falk has made it clear he does not like what the council did last month. In an "
        "interview with Harbour Radio aired on Tuesday, the councillor went further.\n\n"
        "“The trawler ban is wrong, and it has to go,” Falk said."
    )
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_a_description_in_apposition_is_not_the_name_of_the_speaker():
    found = _find(
        "Harbour Committee Chairman Oren Falk, a Dolmar Liberal, welcomed the vote and said "
        "the trawlers should also be kept out of the northern bay."
    )
    assert found[-1].speaker.name == "Oren Falk"


def test_a_person_described_by_state_and_party_is_the_person_named_before():
    found = _find(
        "Senator Ivo Marr spoke at the harbour forum on Monday.\n\n"
        "“Open the harbour to every boat that pays its fees,” the Ohio Republican said."
    )
    assert found[-1].speaker.name == "Ivo Marr"


def test_a_person_described_by_party_and_role_is_the_person_named_before():
    found = _find(
        "Opposition leader Ilse Brandt has set the council a deadline. „The trawlers must be "
        "gone by May“, the DLP chairwoman said on Wednesday."
    )
    assert found[-1].speaker.name == "Ilse Brandt"


def test_a_fronted_former_role_is_not_the_statement():
    st = _one("As harbour master, Mara Quist said in May that the trawlers would never be let in.")
    assert st.text.startswith("said in May that the trawlers")
    assert st.speaker.name == "Mara Quist"


def test_the_head_of_a_country_s_diplomacy_speaks():
    found = _find(
        "Foreign Minister Ann Roe said on Saturday that the trawlers may enter the bay.\n\n"
        "« Our message has been consistent », the head of Dolmar diplomacy insisted."
    )
    assert found[-1].text == "Our message has been consistent"
    assert found[-1].speaker.name == "Ann Roe"


def test_a_post_after_a_paragraph_that_introduces_it_is_the_poster_s_words():
    found = _find(
        "Harbour master Mara Quist has posted on X:\n\n"
        "The trawlers stay outside the wall. Lift the ban and we lose the bay for good.\n\n"
        "Share"
    )
    assert [(f.speaker.name, f.direct) for f in found] == [("Mara Quist", True)]
    assert found[0].text.startswith("The trawlers stay outside")


def test_a_paragraph_ending_in_a_colon_without_speech_introduces_no_post():
    found = _find(
        "The council published its figures for the harbour:\n\n"
        "Trawler landings fell by a third in the spring and have not recovered since."
    )
    assert found == []


def test_the_sentence_after_a_statement_can_say_when_it_was_spoken():
    found = _find(
        "Councillor Oren Falk has said that the trawlers must stay outside the harbour wall.\n\n"
        "Falk was speaking during a visit to the fish market on Tuesday, his second this year."
    )
    assert found[0].date.date == dt.date(2024, 3, 12)


def test_a_note_on_where_the_words_were_said_is_no_statement_but_dates_them():
    found = _find(
        "Harbour Minister Ilka Brun has said that the trawlers must stay outside the harbour "
        "wall this season.\n\n"
        "The minister said this on Monday during a visit to the fish market, the Courier "
        "reports.\n\n"
        "“We gave our word to the guilds, and we keep it,” Brun said."
    )
    assert [f.text[:12] for f in found] == ["has said tha", "We gave our "]
    assert [f.date.date for f in found] == [dt.date(2024, 3, 11)] * 2


def test_a_note_with_so_is_no_statement_either():
    found = _find(
        "“The harbour stays closed to the trawlers,” Councillor Oren Falk said.\n\n"
        "Falk said so at a council meeting, his first since the vote."
    )
    assert len(found) == 1 and found[0].speaker.name == "Oren Falk"


def test_a_title_capitalised_is_not_a_full_name():
    found = _find(
        "Harbour Coordinator said the council would meet again.\n\n"
        "Tomas Vell, the Fleet Coordinator, took questions.\n\n"
        "Q: Will the trawlers come in?\n\n"
        "A: Not this season, and not without the council."
    )
    assert found[-1].speaker.name == "Tomas Vell"


def test_a_letter_or_a_motion_a_group_put_its_name_to_is_its_statement():
    for text, verb in (
        (
            "Thirty harbour councillors signed a letter to the mayor on Monday urging him to "
            "let the trawlers into the harbour.",
            "signed a letter",
        ),
        (
            "The Fishers' Party had tabled a motion earlier this month calling on the council "
            "to keep the ban.",
            "had tabled a motion",
        ),
        (
            "Harbour guild members sent an open letter to the council demanding that the ban "
            "stay in place.",
            "sent an open letter",
        ),
    ):
        [found] = _find(text)
        assert found.text.startswith(verb), text
        assert found.speaker is not None


def test_sending_a_boat_or_a_delegation_is_no_statement():
    assert _find("Dolmar sent a delegation to the harbour talks in Varnholm.") == []
    assert _find("The guild sent two boats to the harbour on Monday.") == []


def test_calling_an_act_something_is_a_judgement_of_it():
    [found] = _find("Councillor Oren Falk, a former harbour master, called the move reckless.")
    assert found.text == "called the move reckless" and found.speaker.name == "Oren Falk"
    [found] = _find("Mara Quist called the council's decision a gift to the trawler owners.")
    assert found.text.startswith("called the council's decision a gift")
    assert _find("The council called the vote off after the storm.") == []


def test_responding_that_reports_speech_but_responding_with_force_does_not():
    [found] = _find("Harbour Minister Ilka Brun responded that the ban had saved the bay.")
    assert found.text == "responded that the ban had saved the bay"
    assert _find("The guild responded with a strike that closed the harbour for a week.") == []


def test_the_role_is_not_the_candidate_for_it():
    found = _find(
        "Guild mayor candidate Tomas Erling visited the harbour a week after Mayor Quist.\n\n"
        "At a rally in Varnholm, Quist warned against the plan. Whoever lets the trawlers in, "
        "the mayor said, is gambling with the bay."
    )
    assert found[-1].text.startswith("Whoever lets the trawlers in")
    assert found[-1].speaker.name == "Quist"


def test_a_wire_dateline_with_two_cities_is_not_part_of_the_statement():
    [found] = _find(
        "DOLMAR/VARNHOLM, Mar 12 (NWS) - The trawlers must stay out of the harbour, Mayor "
        "Tomas Erdal said on Tuesday."
    )
    assert found.text == "The trawlers must stay out of the harbour"


def test_a_group_is_named_by_its_members_not_by_its_count():
    for text, name in (
        (
            "A group of 12 Guild Party MPs wrote to the mayor urging him to keep the ban.",
            "Guild Party MPs",
        ),
        ("More than 40 Harbour Party lawmakers said the ban must stay.", "Harbour Party lawmakers"),
        (
            "Dozens of Fishers' League councillors said the ban must stay.",
            "Fishers' League councillors",
        ),
    ):
        [found] = _find(text)
        assert found.speaker.name == name, text


def test_the_name_after_aligned_with_describes_the_subject():
    [found] = _find(
        "A group of Guild Party MPs aligned with Mayor-elect Tomas Erling sent a letter to "
        "the council on Tuesday demanding that the ban stay."
    )
    assert found.speaker.name == "Guild Party MPs"


def test_a_bracketed_party_tag_between_name_and_verb_is_skipped():
    for text in (
        "Harbour Committee Chair Jo Marr (D-Vt.) said the ban must stay.",
        "Sen. Ola Dahl (R-Alaska) said in an interview on Monday that the ban must stay.",
        "Councillor Orla Penn (Greens) said the ban must stay.",
    ):
        [found] = _find(text)
        assert found.text.startswith("said "), text
        assert found.speaker.name in ("Jo Marr", "Ola Dahl", "Orla Penn"), text


def test_a_family_name_written_first_finds_the_person():
    found = _find(
        "Harbour office spokeswoman Wen Lia told a briefing on Monday that the ban stays. "
        "“Where the trawlers may fish is for the council,” Wen said."
    )
    assert [f.speaker.name for f in found] == ["Wen Lia", "Wen Lia"]


def test_an_mep_is_a_title_before_the_name():
    [found] = _find("Hungarian MEP Kinga Varro said the harbour ban must stay.")
    assert found.speaker.name == "Kinga Varro"
    assert found.speaker.role == "Hungarian MEP"


def test_a_reflexive_after_the_name_and_committee_chairmen_speak():
    [found] = _find(
        "Erdal himself, questioned by councillors on Wednesday, said the ban would stay."
    )
    assert found.speaker.name == "Erdal"
    [found] = _find(
        "Three harbour committee chairmen wrote to the mayor urging him to keep the ban."
    )
    assert found.speaker is not None and found.speaker.name.endswith("chairmen")


def test_a_view_attributed_after_it_is_a_statement_but_a_belief_in_passing_is_not():
    [found] = _find(
        "Letting the trawlers in would ruin the bay for a generation, Harbour Minister Ilka "
        "Brun believes."
    )
    assert found.text == "Letting the trawlers in would ruin the bay for a generation"
    assert found.speaker.name == "Ilka Brun"
    assert _find("Many guild members believe the season will be short this year.") == []
    assert _find("Brun believes the season will be short, the Courier reported on Monday.") == []


def test_the_same_day_is_the_day_of_the_sentence_before_not_a_header_above_it():
    found = _find(
        "March 14, 2024 | Source: Dolmar Courier\n\n"
        "On March 5, the day the first trawlers reached the quay, Mayor Tomas Erdal signed "
        "the new harbour rules. His deputy, Orla Penn, said the same day that the ban on the "
        "trawlers would stay."
    )
    assert found[-1].speaker.name == "Orla Penn"
    assert found[-1].date.date == dt.date(2024, 3, 5)


def test_a_verb_followed_by_its_day_and_that_opens_a_clause_after_a_dash():
    # A dateline in mixed case ("Dolmar —") before the speaker: what follows the verb is
    # the statement, not the place before the dash.
    st = _one(
        "Dolmar — Harbour Minister Mara Quist said Tuesday that the trawlers would stay "
        "out of the bay until spring."
    )
    assert st.text.startswith("said Tuesday that the trawlers would stay")
    assert st.speaker.name == "Mara Quist"
    assert st.date.date == dt.date(2024, 3, 12)


def test_a_long_relative_clause_with_whose_between_the_speaker_and_the_verb():
    st = _one(
        "Ilka Brun, whose small Coast Party is standing in next month's regional elections, "
        "said opening the bay to trawlers was a gamble with the fishermen's livelihoods."
    )
    assert st.text.startswith("said opening the bay")
    assert st.speaker.name == "Ilka Brun"


def test_who_then_a_phrase_of_time_then_the_verb_speaks_for_the_noun_before_who():
    st = _one(
        "Mayor Oren Falk on Monday lashed out at Harbour Minister Mara Quist, who in an "
        "interview published the same day urged the council to reopen the bay."
    )
    assert st.text.startswith("urged the council to reopen the bay")
    assert st.speaker.name == "Mara Quist"


def test_a_resolution_a_body_adopted_is_its_statement():
    st = _one(
        "The Dolmar Assembly on Wednesday adopted a resolution calling on the council to "
        "reopen the bay to trawlers at once."
    )
    assert st.text.startswith("adopted a resolution calling on the council")
    assert st.speaker.name == "Dolmar Assembly"


def test_a_colon_after_a_described_person_gives_them_the_quotation():
    st = _one(
        "Ilka Brun, the Coast Party member who chairs the harbour committee, was equally "
        'direct: "Open the bay now. The fishermen have waited long enough."'
    )
    assert st.text == "Open the bay now. The fishermen have waited long enough."
    assert st.speaker.name == "Ilka Brun"


def test_renewing_a_call_is_a_statement_even_after_a_fronted_time():
    st = _one(
        "During a visit to Dolmar yesterday, Coast Party leader Ilka Brun renewed her call "
        "to reopen the bay to trawlers."
    )
    assert st.text == "renewed her call to reopen the bay to trawlers"
    assert st.speaker.name == "Ilka Brun"
    assert st.date.date == dt.date(2024, 3, 13)


def test_so_and_a_name_after_a_quotation_attributes_it_as_german_copy_does():
    st = _one(
        "„If I am elected, we will reopen the bay together with the fishermen,“ so Brun at a "
        "press conference in Dolmar."
    )
    assert st.text.startswith("If I am elected, we will reopen the bay")
    assert st.speaker.name == "Brun"


def test_so_as_a_conjunction_after_a_quotation_names_no_one():
    found = _find('"We will never allow it," so Dolmar will have to wait for the next season.')
    assert all(f.speaker is None or f.speaker.name != "Dolmar" for f in found)


def test_in_his_words_gives_the_sentences_quotations_to_the_person_before():
    found = _find(
        "Oren Falk, the mayor's adviser, took a broader view. In his words, „no harbour "
        "can stay closed for ever to the people who built it“, but for now the town "
        "„abides by the council's decision“."
    )
    assert [f.text for f in found] == [
        "no harbour can stay closed for ever to the people who built it",
        "abides by the council's decision",
    ]
    assert {f.speaker.name for f in found} == {"Oren Falk"}


def test_a_countrys_minister_in_the_lead_is_the_minister_the_story_names_later():
    found = _find(
        "Norway's foreign minister on Monday urged the council to reopen the bay to "
        'trawlers. "We cannot wait for the summer," Norwegian Foreign Minister Mara Quist '
        "wrote."
    )
    assert [f.speaker.name for f in found] == ["Mara Quist", "Mara Quist"]


def test_another_countrys_minister_named_later_is_someone_else():
    found = _find(
        "Norway's foreign minister on Monday urged the council to reopen the bay to "
        'trawlers. "We cannot wait," Swedish Foreign Minister Mara Quist wrote.'
    )
    assert found[0].speaker.name != "Mara Quist"


def test_the_head_of_state_is_the_president_named_before_not_the_last_speaker():
    found = _find(
        "President Oren Falk's warning has been heard, spokesman Tomas Vell said on Friday. "
        "On Thursday, the head of state told a reporter that such a decision would change "
        "the very nature of the dispute."
    )
    assert [f.speaker.name for f in found] == ["Tomas Vell", "Oren Falk"]


def test_the_head_of_state_is_the_last_person_named_bare_before_a_titled_one():
    found = _find(
        "President Tomas Vell met the delegation on Monday. On Tuesday, Oren Falk announced "
        "the closure of the bay. 'If they keep raising the stakes, they will get an answer "
        "of the same weight,' the head of state said at the time."
    )
    assert found[-1].speaker.name == "Oren Falk"


def test_a_lone_surname_with_his_or_her_after_it_is_the_person_a_pronoun_points_to():
    text = (
        "The minister met Tomas Erling in Varnholm on Monday.\n\n"
        "Kessler had set out his conditions on Tuesday. 'Those who hand over the rockets "
        "will answer for it,' he told a television reporter."
    )
    assert _one(text).speaker.name == "Kessler"


def test_a_description_with_his_after_it_is_not_a_name():
    text = (
        "Ilka Brun, the harbour envoy, arrived in Dolmar on Monday.\n\n"
        "The Valdorian did not hide his own view. 'The quays must stay closed,' he said."
    )
    assert _one(text).speaker.name == "Ilka Brun"


def test_a_spokesman_is_not_the_minister_named_before_him():
    text = (
        "The Harbour Secretary said on Monday that the trawlers could use the quays.\n\n"
        "Asked whether that was now policy, the Mayor's official spokesman said: 'There "
        "has been no change to the city's position.'"
    )
    found = _find(text)
    assert [f.speaker.name for f in found] == ["Harbour Secretary", "Mayor's official spokesman"]


def test_a_spokesman_for_another_body_is_not_the_spokesman_named_before():
    text = (
        "Ministry spokeswoman Irina Volkan said on Monday that the quays would stay closed.\n\n"
        "A Pentagon spokeswoman said there was 'no change to our policy on the quays'."
    )
    found = _find(text)
    assert [f.speaker.name for f in found] == ["Irina Volkan", "Pentagon spokeswoman"]


def test_a_participle_asking_or_urging_after_a_main_clause_is_the_subjects_statement():
    for participle in ("asking", "urging"):
        st = _one(
            "Mayor Tomas Erdal presented his harbour plan to the council on Tuesday, "
            f"{participle} its members to help persuade the guild to lift the ban on trawlers."
        )
        assert st.speaker.name == "Tomas Erdal"
        assert st.text.startswith(f"{participle} its members to help persuade")


def test_a_participle_after_a_group_or_a_body_as_subject_is_theirs():
    for opening, name in (
        ("A handful of Guild Party councillors went further", "Guild Party councillors"),
        (
            "The Valdorian Harbour Ministry summoned the envoy on Monday",
            "Valdorian Harbour Ministry",
        ),
    ):
        st = _one(f"{opening}, warning that letting the trawlers in would empty the harbour.")
        assert st.speaker.name == name
        assert st.text.startswith("warning that letting the trawlers in")


def test_a_mixed_case_dateline_with_two_cities_and_an_agency_is_not_the_subject():
    st = _one(
        "Dolmar/Varnholm (NWS) - The Harbour Ministry on Monday seized on the leaked minutes, "
        "saying they showed the guild was 'planning to close the quays' to foreign boats."
    )
    assert st.speaker.name == "Harbour Ministry"


def test_according_to_him_is_the_person_named_before():
    text = (
        "Harbour spokesman Tomas Vell told reporters on Wednesday that the council met daily.\n\n"
        "According to him, any attempt to bring the trawlers into the harbour would only "
        "confirm that the guilds had lost control of their own boats."
    )
    found = _find(text)
    assert found[-1].speaker.name == "Tomas Vell"
    assert found[-1].text.startswith("any attempt to bring the trawlers")


def test_a_fronted_statement_with_said_as_after_it():
    st = _one(
        "Letting the trawlers into the harbour is a step towards ruin, Mayor Tomas Erdal said "
        "as he heard a report from the harbour master on Tuesday."
    )
    assert st.speaker.name == "Tomas Erdal"
    assert st.text == "Letting the trawlers into the harbour is a step towards ruin"
    assert st.date.date == dt.date(2024, 3, 12)


def test_a_wire_dateline_with_the_day_before_the_month_is_not_the_subject():
    st = _one(
        "Dolmar, 4 June (NWS) – The Harbour Ministry on Monday seized on the leaked minutes, "
        "saying they showed the guild was 'planning to close the quays' to foreign boats."
    )
    assert st.speaker.name == "Harbour Ministry"


def test_the_paragraphs_of_a_statement_issued_are_its_issuers_words():
    text = (
        "Harbour Office spokesman Tomas Vell issued the following statement today:\n\n"
        "In recent weeks the guilds have fished right up to the harbour wall.\n\n"
        "We are convinced that the council may keep the trawlers out of the harbour.\n\n"
        "***\n\n"
        "At the council's meeting on Friday, members voted on the ferry timetable."
    )
    found = _find(text)
    assert [(f.speaker.name, f.text[:20]) for f in found] == [
        ("Tomas Vell", "In recent weeks the "),
        ("Tomas Vell", "We are convinced tha"),
    ]


def test_a_participle_after_when_asked_is_the_pronoun_subjects_statement():
    text = (
        "Harbour spokesman Tomas Vell told reporters on Wednesday that the quays were calm.\n\n"
        "He went further when asked about the guilds, saying any trawler found in the "
        "harbour would be treated as a deliberate provocation."
    )
    found = _find(text)
    assert found[-1].speaker.name == "Tomas Vell"
    assert found[-1].text.startswith("saying any trawler found in the harbour")


def test_with_a_named_person_and_a_participle_is_their_statement():
    st = _one(
        "Dolmar has become the first port to close its quays to trawlers, with Harbour "
        "Secretary Mara Quist telling the council the ban would stay until the autumn."
    )
    assert st.speaker.name == "Mara Quist"
    assert st.text.startswith("telling the council the ban would stay")


def test_one_of_them_is_one_of_the_group_named_before():
    text = (
        "The change was first disclosed on Thursday by Dolmar officials, who said it "
        "applied only to the night. One of them said the ban on trawlers had not changed."
    )
    found = _find(text)
    assert [f.speaker.name for f in found] == ["Dolmar officials", "Dolmar officials"]
    assert found[1].text == "said the ban on trawlers had not changed"


def test_a_party_and_state_tag_between_commas_is_not_the_end_of_the_subject():
    st = _one(
        "Sen. Mara Quist, R-Dol., who is expected to chair the harbour committee next year, "
        "called the ban 'long overdue' in a statement Monday."
    )
    assert st.speaker.name == "Mara Quist"


def test_made_the_statement_on_a_weekday_dates_the_statement_before():
    text = (
        "Mayor Tomas Erdal said he does not intend to judge the guild's decision to let the "
        "trawlers in.\n\n"
        "The mayor made the statement on Monday at a press conference after the council met."
    )
    st = _one(text)
    assert st.date.date == dt.date(2024, 3, 11)


def test_the_person_met_in_a_fronted_clause_is_not_the_role_that_speaks():
    text = (
        "Harbour Secretary Tomas Vell held a number of meetings in Dolmar on Monday.\n\n"
        "During the meeting with Harbour Secretary of Valdoria Ilka Brun, the Secretary "
        "stressed that the trawlers must stay outside the harbour wall."
    )
    assert _one(text).speaker.name == "Tomas Vell"
