"""Topic relevance from the article around a statement, stance turns, and speakers and
dates read from the occasion.

Every sentence here is invented for the test (fictional people and places)."""

import datetime as dt

from positions.text.pipeline import analyse, event_report, off_subject
from positions.text.stance import NEUTRAL, OPPOSE, SUPPORT, UNRELATED, TopicCues, classify
from positions.text.statements import find_statements

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday

# A fictional question: should Dolmar let foreign trawlers fish in its harbour?
TOPIC = TopicCues.build(
    "harbour",
    ["harbour", "trawlers", "fishing rights"],
    [
        "let the trawlers",
        "letting the trawlers",
        "decide how to use",
        "the right call",
        "the ban lifted",
    ],
    ["keep the ban", "any one fleet", "bigger war", "no plans to"],
    ["for Dolmar to decide", "no plans to change"],
)


def _stance(text: str, verb: str = "say") -> str:
    return classify(TOPIC, text, cue_verb=verb).stance


def test_disagreeing_with_the_decision_to_let_is_oppose():
    text = "he strongly disagreed with the council's decision to let the trawlers into the harbour"
    assert _stance(text) == OPPOSE


def test_a_cue_that_wants_a_negation_keeps_its_side_under_one():
    text = "she did not think any one fleet would empty the harbour of fish"
    assert _stance(text) == OPPOSE


def test_the_means_of_an_outcome_is_not_a_hedge():
    text = "the city could feed itself by letting the trawlers into the harbour"
    assert _stance(text, "write") == SUPPORT


def test_a_consequence_warned_of_makes_the_step_its_condition():
    text = "by letting the trawlers into the harbour, the council had started a bigger war"
    assert _stance(text) == OPPOSE


def test_deferring_that_goes_on_to_what_they_may_do_is_support():
    text = "It is for Dolmar to decide how to use the harbour, and that includes the trawlers."
    assert _stance(text, "") == SUPPORT


def test_a_bare_no_plans_to_change_is_neutral():
    assert _stance("that the port had no plans to change its position on the trawlers") == NEUTRAL


def _on_topic_article(extra: str) -> str:
    return (
        "'We must keep the ban on trawlers in the harbour,' Mayor Ilka Brun said.\n\n"
        "Councillor Oskar Lind said the city should let the trawlers into the harbour.\n\n"
        "Harbourmaster Vera Sand said she would keep the ban on trawlers for now.\n\n" + extra
    )


def test_a_vivid_quote_next_to_statements_on_the_topic_is_on_it():
    text = _on_topic_article("'Taking the chains off our fishermen was the right call,' Lind said.")
    results = analyse(text, None, [TOPIC])
    assert results[-1].stances["harbour"].stance == SUPPORT


def test_a_remark_pointing_back_at_the_decision_is_on_the_topic():
    text = _on_topic_article("Fisher Ada Holm said that the decision came far too late.")
    results = analyse(text, None, [TOPIC])
    assert results[-1].stances["harbour"].stance != UNRELATED


def test_a_remark_on_another_subject_stays_unrelated():
    text = _on_topic_article("Councillor Ada Holm said the grain harvest had been poor this year.")
    results = analyse(text, None, [TOPIC])
    assert results[-1].stances["harbour"].stance == UNRELATED


def test_a_narrative_report_without_cues_stays_unrelated_far_from_the_topic():
    text = (
        _on_topic_article("")
        + "A storm hit the coast.\n\nIt rained for days.\n\nThe roads were shut.\n\n"
        + "Police chief Rudi Marr said his officers had cleared the roads by noon."
    )
    results = analyse(text, None, [TOPIC])
    assert results[-1].stances["harbour"].stance == UNRELATED


def test_a_description_before_the_name_with_commas():
    found = find_statements(
        "In Dolmar, the speaker of the Harbour Council, Ilse Varga, said the vote would wait.",
        PUBLISHED,
    )
    assert found[-1].speaker.name == "Ilse Varga"


def test_a_hyphenated_title_is_not_part_of_the_name():
    found = find_statements("Deputy Mayor-elect Tomas Brenn said the vote would wait.", PUBLISHED)
    assert found[-1].speaker.name == "Tomas Brenn"


def test_standing_beside_the_speaker_is_the_same_occasion():
    text = (
        "Mayor Ilka Brun said on Monday that the harbour would stay shut.\n\n"
        "Councillor Oskar Lind, standing beside her, said the port needed more time."
    )
    found = find_statements(text, PUBLISHED)
    assert [f.date.date for f in found] == [dt.date(2024, 3, 11)] * 2


def test_the_body_the_lead_dates_dates_its_spokesman():
    text = (
        "The Harbour Office insisted on Tuesday that its rules for the trawlers would stay "
        "the same for the whole of the coming season.\n\n"
        "'Nothing has changed,' Harbour Office spokesman Pavel Dorn told reporters."
    )
    found = find_statements(text, PUBLISHED)
    assert found[-1].speaker.name == "Pavel Dorn"
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_a_middle_initial_stays_in_the_name():
    found = find_statements("Councillor Vera K. Sand said the vote would wait.", PUBLISHED)
    assert found[-1].speaker.name == "Vera K. Sand"


def test_he_inside_a_speakers_sentence_is_that_speaker_after_a_role_apposition():
    text = (
        "Mayor Ilka Brun said on Monday that the harbour would stay shut.\n\n"
        "Oskar P. Lind, the port spokesman, said that the city stood by its decision, which "
        "he said had been made \u201cin response to the winter storms on the coast.\u201d"
    )
    found = find_statements(text, PUBLISHED)
    assert [f.speaker.name for f in found] == ["Ilka Brun", "Oskar P. Lind", "Oskar P. Lind"]


def test_a_date_just_before_the_closing_quote_dates_the_statement():
    text = (
        "Mayor Ilka Brun said she would not change her mind about the harbour before spring.\n\n"
        "\u201cThe harbour stays shut to trawlers this spring,\u201d Ms. Brun told the Dolmar "
        "Courier in an interview published on Tuesday, "
        "\u201cand nobody should expect otherwise.\u201d"
    )
    found = find_statements(text, PUBLISHED)
    assert found[-1].date.date == dt.date(2024, 3, 12)


def test_standing_by_the_decision_takes_the_side_of_the_act_it_names():
    text = (
        "The council's decision to let the trawlers into the harbour drew protests.\n\n"
        "Mayor Ilka Brun said on Monday that the council stood by its decision on the harbour."
        "\n\nCouncillor Oskar Lind criticised the decision on the harbour trawlers."
    )
    results = analyse(text, PUBLISHED, [TOPIC])
    stances = {r.found.speaker.name: r.stances["harbour"].stance for r in results}
    assert stances == {"Ilka Brun": SUPPORT, "Oskar Lind": OPPOSE}


def test_a_threat_phrase_does_not_reach_over_for():
    threat = TopicCues.build("harbour", ["harbour"], [], ["fighting Dolmar"], [])
    text = "sailors came to the harbour to fight for Dolmar"
    assert classify(threat, text, cue_verb="say").stance != OPPOSE


def test_a_short_quote_without_cues_does_not_join_by_nearness_alone():
    text = _on_topic_article("The rain kept falling. 'Boats take time,' Councillor Ada Holm said.")
    results = analyse(text, None, [TOPIC])
    assert results[-1].stances["harbour"].stance == UNRELATED


def _stances(text: str) -> list[tuple[str, str]]:
    return [
        (a.found.speaker.name if a.found.speaker else "", a.stances["harbour"].stance)
        for a in analyse(text, PUBLISHED, [TOPIC])
    ]


def test_rejecting_that_reasoning_takes_the_other_side_and_the_quote_after_it_too():
    text = (
        "Mayor Tomas Erdal said on Monday that the council would keep the ban on the "
        "trawlers in the harbour.\n\n"
        "The chair of the fishermen's guild, Orla Penn, rejected that reasoning on Tuesday.\n\n"
        '"The nets are empty because the boats are tied up. The boats must go out again," '
        "she told the local radio."
    )
    stances = _stances(text)
    assert stances[0] == ("Tomas Erdal", OPPOSE)
    assert stances[1] == ("Orla Penn", SUPPORT)
    assert stances[2] == ("Orla Penn", SUPPORT)


def test_echoing_that_view_takes_the_same_side():
    text = (
        "Mayor Tomas Erdal said on Monday that the council would keep the ban on the "
        "trawlers in the harbour.\n\n"
        "Councillor Orla Penn echoed that view on Tuesday."
    )
    assert _stances(text)[1] == ("Orla Penn", OPPOSE)


def test_a_hedge_is_pressed_for_only_by_the_words_right_before_it():
    text = "the vote should be read as a message to those weighing whether to let the trawlers in"
    assert _stance(text) == NEUTRAL


def test_nothing_to_add_is_neutral():
    assert _stance("there was nothing to add to the mayor's position on the harbour") == NEUTRAL


def test_could_reported_after_that_is_can_not_a_hedge():
    assert _stance("the mayor said that the fleet could let the trawlers into the harbour") == (
        SUPPORT
    )
    assert _stance("she said the council could consider letting the trawlers in") == NEUTRAL


def test_a_possessor_pointing_back_at_the_rules_keeps_a_remark_on_the_topic():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year.\n\n"
        "Port director Hanna Vik said Lintvik's guidance to the fleets had not changed."
    )
    assert _stances(text)[2][1] != UNRELATED


def test_a_short_quoted_fragment_inside_a_clause_is_not_too_short():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year.\n\n"
        "Every port that takes in fishing fleets « sets its own terms », Erdal said."
    )
    assert _stances(text)[2][1] != UNRELATED


def test_a_reply_to_such_words_further_down_is_on_the_topic():
    text = (
        "Mayor Tomas Erdal said the council would let the trawlers into the harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year.\n\n"
        "The guild's chair, Hanna Vik, did not wait long.\n\n"
        "Hanna Vik, the guild's chair, spoke on Friday.\n\n"
        '"Such words from the town hall are an insult to every crew on the quay," Vik said.'
    )
    assert _stances(text)[-1][1] != UNRELATED


def test_a_remark_on_another_concrete_subject_is_off_subject():
    assert off_subject("There will be no ground troops sent to Varnholm by anyone,")
    assert off_subject("said the rebels were ready to resume peace talks next month")
    assert off_subject("Each extra air defence battery keeps the lights on in Lintvik,")
    assert not off_subject("said the council would keep the ban on the trawlers")


def test_a_bare_event_report_is_off_subject_unless_it_judges():
    assert off_subject("said coastguard cutters had shot down four of seven drones overnight")
    assert off_subject("confirmed that the navy had begun supplying the islands with patrol boats")
    assert off_subject("said the militia now controlled 31 villages along the river")
    assert not off_subject("said the navy had fired on the trawlers and would do so again")
    assert not off_subject("said the strikes had launched an escalation nobody wanted")


def test_a_borrowed_stance_is_not_given_to_a_remark_on_another_subject():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year.\n\n"
        "Erdal said the ferry company had begun supplying the island with diesel.\n\n"
        "Erdal also repeated that the council would keep the ban on the trawlers."
    )
    assert _stances(text)[2][1] == UNRELATED


def test_a_carried_remark_on_peace_talks_is_not_on_the_topic():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        '"Peace talks with the northern guilds are out of the question now," Erdal added.\n\n'
        "Erdal said the council would keep the ban on the trawlers all year."
    )
    assert _stances(text)[1][1] == UNRELATED


def test_a_refusal_to_say_is_not_an_event_report():
    assert event_report("Lintvik struck the fuel depot at dawn")
    assert not event_report("declined to say who launched the drones at the depot")


def test_an_event_report_with_no_cue_of_its_own_is_not_a_position():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year.\n\n"
        "Harbour police seized two trawlers off the harbour wall overnight, Erdal said."
    )
    assert _stances(text)[2][1] == UNRELATED


def test_a_reported_lead_in_that_the_quote_spells_out_is_not_a_statement_on_the_topic():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said she had read the mayor's remarks. \"The council should "
        'let the trawlers in before the summer," she said.\n\n'
        "Penn said later that the council should let the trawlers into the harbour."
    )
    stances = _stances(text)
    assert [s for _, s in stances] == [OPPOSE, UNRELATED, SUPPORT, SUPPORT]


def test_a_quote_after_the_speakers_remark_on_another_subject_goes_on_from_that():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Erdal also commented on the ferry timetable, saying the winter service would start "
        'in November. "The ball is with the ferry company now," he said.'
    )
    stances = _stances(text)
    assert stances[0][1] == OPPOSE
    assert [s for _, s in stances[1:]] == [UNRELATED, UNRELATED]


def test_an_answer_to_a_question_on_another_subject_does_not_borrow_the_stance():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Asked about the cease-fire talks with the northern guilds, he said the negotiators "
        'were "closer than the public realizes."'
    )
    assert _stances(text)[1][1] == UNRELATED


def test_a_battlefield_claim_of_losses_is_an_event_report():
    assert event_report('said more than 70 "saboteurs" had been killed overnight')
    assert event_report("said the raiders had been pushed back across the river")


def test_a_bare_refusal_to_comment_takes_no_position_unless_it_names_the_question():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Erdal's office declined to comment on the reports from the quay.\n\n"
        "Councillor Orla Penn has declined to say whether the council should let the "
        "trawlers into the harbour."
    )
    stances = _stances(text)
    assert stances[1][1] == UNRELATED
    assert stances[2][1] != UNRELATED


def test_what_counts_as_a_bare_refusal():
    from positions.text.pipeline import bare_refusal

    assert bare_refusal("declined to comment on Sunday")
    assert bare_refusal("has again refused to confirm the strikes")
    assert not bare_refusal("declined to comment, saying it was for the council to decide")
    assert not bare_refusal("said the ban would stay")


def test_a_bare_supply_announcement_is_an_event_report():
    assert event_report("announced the delivery of the patrol boats to the islands")
    assert event_report("The port has become the first to supply the islands with diesel")
    assert not event_report("said the delivery of the boats should wait for the council")


def test_an_attack_reported_as_done_is_an_event_report_but_not_a_condition():
    assert event_report("said drones had attacked the Lintvik airfield on Monday")
    assert event_report("said the guild's boats targeted the depot overnight")
    assert event_report("said the mayor had been briefed on the raid")
    assert not event_report("against the quays from which the town is attacked")
    assert not event_report("said the rockets are not to be fired at the quays")


def test_an_event_report_named_on_the_topic_only_by_the_sentence_around_it_is_unrelated():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year.\n\n"
        "As the trawlers waited, the Dolmar Harbour Ministry said raiders had attacked the "
        "depot on the day the ban lifted."
    )
    assert _stances(text)[2] == ("Dolmar Harbour Ministry", UNRELATED)


def test_a_strike_in_response_to_attacks_is_still_an_event_report():
    assert event_report("said the navy had struck the depot in response to the raids")
    assert event_report("said the council had been given 30 minutes' notice of the launch")
    assert not event_report("said the navy would give a response the guilds would not like")


def test_refusals_in_other_words_take_no_position():
    from positions.text.pipeline import bare_refusal

    assert bare_refusal("would not comment on operational matters")
    assert bare_refusal("said last night, declining to go into the conditions attached")
    assert not bare_refusal("declined to say whether the trawlers may come in, saying only that")


def test_an_aid_package_announced_is_an_event_report_and_a_request_for_comment_no_statement():
    from positions.text.pipeline import bare_refusal

    assert event_report("announcing a new coastguard package for Dolmar valued at $125 million")
    assert event_report("also confirmed a new $275 million package of patrol boats")
    assert bare_refusal("asked Harbour Minister Ilka Brun to comment")
    assert not bare_refusal("asked the council to let the trawlers in")


def test_a_remark_whose_only_side_is_its_verb_and_whose_topic_is_around_it_is_unrelated():
    text = (
        "Mayor Tomas Erdal said the council would keep the ban on the trawlers in the "
        "harbour.\n\n"
        "Councillor Orla Penn said the council should let the trawlers in next year, and "
        "the Dolmar Harbour Ministry accused the mayor of hiding behind paperwork.\n\n"
        "The Velorian Fisheries Ministry warned the council about the trawlers."
    )
    stances = dict(_stances(text))
    assert stances["Dolmar Harbour Ministry"] == UNRELATED


def test_funding_announced_and_advance_notice_are_event_reports_and_gaza_another_subject():
    assert event_report("announce £600 million in extra funding for the coastguard")
    assert event_report("said the council had not been given advance notice of the raid")
    assert off_subject("said he would not rule out a deal on Gaza before the summer")
    assert off_subject("said no decision had been taken on fighter jets")


def test_sending_weapons_somewhere_is_about_where_they_are_used():
    from positions.text.pipeline import supply_or_effect_only

    assert supply_or_effect_only("Sending the howitzers was overdue and will change nothing")
    assert not supply_or_effect_only("Sending rockets deep into Russia would be a grave error")
    assert not supply_or_effect_only("No rocket we supply should land outside Ukraine")


def test_an_answer_that_only_refuses_is_a_bare_refusal():
    from positions.text.pipeline import bare_refusal

    assert bare_refusal("I'm not going to get ahead of the mayor's decision.")
    assert bare_refusal("Nothing to announce today.")
    assert bare_refusal("I'm going to let Tomas's answer stand on that one.")
    assert not bare_refusal("We won't comment on the guilds, but the trawlers stay outside.")
    assert not bare_refusal("I'm not going to get ahead of him. The ban stays.")
