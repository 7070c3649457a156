"""The cold-start stance classifier: cue phrases, negation, hedges, warnings, relevance."""

from positions.text.pipeline import analyse
from positions.text.stance import (
    NEUTRAL,
    OPPOSE,
    SUPPORT,
    UNRELATED,
    TopicCues,
    classify,
    relevance,
)

# A fictional question: should the city of Dolmar open its harbour to foreign trawlers?
TOPIC = TopicCues.build(
    "harbour",
    ["harbour", "trawlers", "fishing rights", "foreign fleets", "the ban"],
    ["open the harbour", "lift the ban", {"phrase": "time has come", "weight": 2.0}, "allow"],
    ["keep the ban", "red line", "threat", "overfishing"],
    ["no decision", "considering"],
)


def _stance(text: str, verb: str = "say") -> str:
    return classify(TOPIC, text, cue_verb=verb).stance


def test_support_from_a_support_cue():
    assert _stance("We should lift the ban on trawlers in the harbour this year") == SUPPORT


def test_oppose_from_an_oppose_cue():
    assert _stance("The city must keep the ban on foreign trawlers") == OPPOSE


def test_negation_turns_support_into_oppose():
    assert _stance("We will not lift the ban on trawlers, whatever happens") == OPPOSE


def test_neither_nor_is_negation():
    assert _stance("Dolmar neither encouraged nor chose to open the harbour to trawlers") == OPPOSE


def test_a_hedge_makes_support_neutral():
    assert _stance("The council is considering whether to open the harbour to trawlers") == NEUTRAL


def test_pressing_for_a_hedge_is_still_support():
    text = "The time has come to consider whether to lift the ban on trawlers"
    assert _stance(text) == SUPPORT


def test_explicitly_undecided_is_neutral():
    assert _stance("There is no decision yet on the trawlers") == NEUTRAL


def test_a_warning_against_the_thing_is_oppose():
    text = "has warned of ruin if the city were to allow trawlers into the harbour"
    assert _stance(text, verb="warn") == OPPOSE


def test_a_statement_not_about_the_topic_is_unrelated():
    assert _stance("The new school will open in September") == UNRELATED


def test_the_sentence_around_a_statement_can_make_it_relevant():
    result = classify(
        TOPIC,
        "something the fishermen's union is urging the council to allow",
        context="The mayor warned against opening the harbour to trawlers, something the "
        "fishermen's union is urging the council to allow.",
        cue_verb="urge",
    )
    assert result.stance == SUPPORT


def test_a_continued_quote_keeps_the_stance_of_the_quote_before():
    text = (
        "'We must keep the ban on foreign trawlers,' Mayor Ilka Brun said.\n\n"
        "'Nobody here wants to see the old days come back.'"
    )
    results = analyse(text, None, [TOPIC])
    assert [r.stances["harbour"].stance for r in results] == [OPPOSE, OPPOSE]


def test_a_statement_on_another_subject_by_the_same_speaker_stays_unrelated():
    text = (
        "'We must keep the ban on foreign trawlers,' Mayor Ilka Brun said.\n\n"
        "The mayor also opened a school.\n\n"
        "The council will meet again in June.\n\n"
        "The weather was fine.\n\n"
        "Brun said the new school would open in September."
    )
    results = analyse(text, None, [TOPIC])
    assert [r.stances["harbour"].stance for r in results] == [OPPOSE, UNRELATED]


def test_a_weak_topic_word_counts_only_in_an_article_on_the_topic():
    topic = TopicCues.build(
        "ferry",
        ["Orla ferry", {"phrase": "fare", "weak": True}],
        ["cut the fare"],
        ["raise the fare"],
        [],
    )
    on_topic = (
        "'The Orla ferry must run every hour,' Mayor Tibor Kast said.\n\n"
        "'Nobody should pay that fare twice,' Kast said."
    )
    off_topic = "'Nobody should pay that fare twice,' Mayor Tibor Kast said."
    assert [r.stances["ferry"].stance != UNRELATED for r in analyse(on_topic, None, [topic])] == [
        True,
        True,
    ]
    assert analyse(off_topic, None, [topic])[0].stances["ferry"].stance == UNRELATED


def test_a_generic_position_cue_leans_a_statement_but_does_not_put_it_on_the_topic():
    topic = TopicCues.build(
        "ferry",
        ["Orla ferry"],
        [],
        ["scrap the ferry", {"phrase": "not now", "generic": True}],
        [],
    )
    off_topic = "'Not now, and not this winter,' the coach Rana Vell said of her retirement."
    assert analyse(off_topic, None, [topic])[0].stances["ferry"].stance == UNRELATED
    on_topic = "'The Orla ferry? Not now, and not this winter,' Mayor Tibor Kast said."
    assert analyse(on_topic, None, [topic])[0].stances["ferry"].stance == OPPOSE


def test_a_position_phrase_names_the_topic_only_with_one_of_its_words():
    topic = TopicCues.build(
        "ferry",
        ["Orla ferry", "ferry fares"],
        ["cut ferry fares"],
        ["ruled out"],
        [],
    )
    # "ruled out" leans against whatever it is said of, but names no ferry.
    off_topic = "The minister ruled out new taxes on fuel, a spokesman for the minister said."
    results = analyse(off_topic, None, [topic])
    assert all(r.stances["ferry"].stance == UNRELATED for r in results)
    on_topic = "'We must cut ferry fares this year,' Mayor Tibor Kast said."
    assert analyse(on_topic, None, [topic])[0].stances["ferry"].stance == SUPPORT


def test_a_remark_between_a_speakers_statements_on_the_topic_is_on_it():
    text = (
        "'We must keep the ban on foreign trawlers,' Mayor Ilka Brun said.\n\n"
        "'Our grandfathers fished these waters with their own hands,' Brun said.\n\n"
        "Brun said the city would keep the ban on trawlers as long as she was mayor."
    )
    results = analyse(text, None, [TOPIC])
    assert [r.stances["harbour"].stance for r in results] == [OPPOSE, OPPOSE, OPPOSE]


def test_a_side_remark_brought_in_with_also_stays_unrelated():
    text = (
        "'We must keep the ban on foreign trawlers,' Mayor Ilka Brun said.\n\n"
        "Brun also announced that the new school would open in September.\n\n"
        "'The children have waited long enough,' she said.\n\n"
        "Brun said the ban on trawlers would stay."
    )
    results = analyse(text, None, [TOPIC])
    assert [r.stances["harbour"].stance for r in results][:3] == [OPPOSE, UNRELATED, UNRELATED]


def test_negating_the_step_towards_a_danger_keeps_the_warning():
    assert _stance("We must make sure this does not become a threat to the harbour") == OPPOSE


def test_can_is_not_a_hedge_but_could_is():
    assert _stance("Now the boats can open the harbour to trawlers at last") == SUPPORT
    assert _stance("The council could open the harbour to trawlers one day") == NEUTRAL


def test_a_hedge_in_the_sentence_before_does_not_hedge_the_cue():
    assert _stance("The council can hide behind a review. We must keep the ban.") == OPPOSE


def test_against_as_a_preposition_negates_nothing():
    assert _stance("The boats should be free to lift the ban against the storms") == SUPPORT


def test_working_for_something_is_support():
    result = classify(TOPIC, "had argued for opening the harbour to trawlers", cue_verb="say")
    assert result.stance == SUPPORT


def test_a_statement_without_cues_takes_the_speakers_stance_in_the_article():
    text = (
        "'We must keep the ban on foreign trawlers,' Mayor Ilka Brun said.\n\n"
        "'My grandfather fished this harbour with his own hands,' Brun said."
    )
    results = analyse(text, None, [TOPIC])
    second = results[1].stances["harbour"]
    assert second.stance == OPPOSE and second.confidence < 0.45  # borrowed: for review


def test_a_cue_inside_an_open_question_is_neutral():
    assert _stance("No decision has been made on whether to lift the ban on trawlers") == NEUTRAL


# --- Threats, containment, denied steps, clause-scoped hedges (fictional sentences) ---

THREAT_TOPIC = TopicCues.build(
    "harbour",
    ["harbour", "trawlers", "fishing rights", "foreign fleets", "enter the harbour"],
    ["allow", "let the trawlers", "legitimate catch", "lift the ban"],
    [
        "retaliation",
        "response",
        "world war",
        "treated as legitimate catch",
        "unanswered",
        "keep the ban",
    ],
    ["no decision"],
)


def _threat_stance(text: str, verb: str = "say") -> str:
    return classify(THREAT_TOPIC, text, cue_verb=verb).stance


def test_a_threat_makes_the_step_it_names_its_condition():
    # The permission is what the speaker threatens over, not what they want.
    text = "Varnholm has prepared its response should Dolmar allow the trawlers into the harbour"
    assert _threat_stance(text) == OPPOSE


def test_a_consequence_after_the_step_is_a_warning():
    text = "Letting the trawlers into the harbour is how a quarrel becomes a world war"
    assert _threat_stance(text) == OPPOSE


def test_a_denied_threat_leaves_the_permission():
    text = "There will be no retaliation, and we will allow the trawlers into the harbour"
    assert _threat_stance(text) == SUPPORT


def test_in_response_to_is_not_a_threat():
    text = "In response to a question, the mayor said she would allow the trawlers in the harbour"
    assert _threat_stance(text) == SUPPORT


def test_a_longer_cue_of_the_other_side_wins_over_the_one_inside_it():
    text = "Foreign trawlers in the harbour would be treated as legitimate catch, Rask wrote"
    assert _threat_stance(text) == OPPOSE


def test_a_bare_threat_is_oppose_whoever_says_it():
    assert _threat_stance("Any move on the harbour will not go unanswered") == OPPOSE


def test_denying_the_step_in_its_clause_restates_the_restriction():
    text = "The boats will fish the outer banks, not enter the harbour"
    assert _threat_stance(text) == OPPOSE
    text = "We are not talking about letting anyone enter the harbour at night or in winter"
    assert _threat_stance(text) == OPPOSE


def test_a_negation_in_another_clause_does_not_deny_the_step():
    # "not" belongs to the first clause; the second names the step plainly.
    text = "It was not easy, but the boats may enter the harbour"
    assert _threat_stance(text) != OPPOSE


def test_a_hedge_in_an_earlier_clause_does_not_hedge_a_later_cue():
    # "discussing" hedges its own clause, not the demand after the comma.
    text = "said the council was discussing the trawlers, and that it must keep the ban"
    assert _threat_stance(text) == OPPOSE


def test_a_danger_waved_away_argues_for_the_step():
    text = "Talk of retaliation over the harbour is overblown, the mayor said"
    assert _threat_stance(text) == SUPPORT


def test_a_mistake_to_keep_a_restriction_is_support():
    assert _threat_stance("It is a mistake to keep the ban on trawlers in the harbour") == SUPPORT


def test_a_mistake_to_give_leave_is_oppose():
    text = "It would be a grave mistake to allow the trawlers into the harbour"
    assert _threat_stance(text) == OPPOSE


def test_judging_a_refusal_wrong_is_support():
    text = "The council's refusal to allow trawlers in the harbour was a mistake"
    assert _threat_stance(text) == SUPPORT


def test_leave_withheld_past_its_object_is_negated():
    text = "The council has not formally or publicly allowed trawlers into the harbour"
    assert _threat_stance(text) == OPPOSE


def test_could_not_is_inability_not_a_hedge():
    text = "Dolmar could not cope, so we must lift the ban on trawlers in the harbour"
    assert _stance(text) == SUPPORT


def test_a_decision_on_the_step_is_an_open_question():
    text = "The decision on lifting the ban for trawlers rests with the harbour board"
    assert _stance(text) == NEUTRAL


def test_an_act_between_negator_and_topic_denies_it():
    text = "She said the nets would not be used in the harbour this season"
    assert _threat_stance(text) == OPPOSE


def test_undecided_language_is_not_read_as_a_denial():
    text = "There is no decision, and no one will enter the harbour until there is"
    assert _threat_stance(text) == NEUTRAL


def test_decrying_the_step_is_a_warning_against_it():
    text = "decried the plan to lift the ban on trawlers in the harbour"
    assert _stance(text, verb="decry") == OPPOSE


def test_being_opposed_to_the_step_turns_its_cue_round():
    text = "The mayor remains opposed to lifting the ban on trawlers in the harbour"
    assert _stance(text) == OPPOSE


def test_a_why_not_question_asks_for_the_step():
    text = "Why should the harbour not allow trawlers when the fish are there?"
    assert _stance(text) == SUPPORT


def test_the_founding_topic_reads_delay_and_reported_permission_as_support():
    topic = _founding_topic()

    def stance(text: str) -> str:
        return classify(topic, text, cue_verb="say").stance

    # Invented wording, not from any corpus.
    assert stance("said the permission for the missiles was welcome but months too late") == (
        SUPPORT
    )
    assert stance("warned allies to stop the strikes inside Russia before it is too late") == (
        OPPOSE
    )
    assert stance("said Kyiv could fire the new missiles at bases inside Russia") == SUPPORT
    assert stance("urged the allies to lift all the limitations on long-range weapons") == SUPPORT
    # Leaving it to Kyiv to talk about strikes inside Russia is deferring, not a side.
    assert (
        classify(
            topic,
            "said it was for Kyiv to comment on the strikes inside Russia",
            cue_verb="say",
        ).stance
        == NEUTRAL
    )


def _founding_topic() -> TopicCues:
    from positions.demo.founding import TOPIC as FOUNDING

    return TopicCues.build(
        FOUNDING["slug"],
        FOUNDING["cue_phrases"],
        FOUNDING["support_cues"],
        FOUNDING["oppose_cues"],
        FOUNDING["neutral_cues"],
    )


def test_the_founding_topic_reads_moscows_claimed_right_to_strike_back_as_a_threat():
    topic = _founding_topic()
    result = classify(
        topic,
        "affirmed that Moscow has the right to strike the bases of the countries which allow "
        "Kyiv to use their weapons against Russian territory",
        cue_verb="affirm",
    )
    assert result.stance == OPPOSE
    assert not any(e.startswith("support:") for e in result.evidence)


def test_the_founding_topic_reads_firing_into_russia_and_limits_that_must_go():
    topic = _founding_topic()
    assert classify(topic, "The rockets are not to be fired into Russia.").stance == OPPOSE
    assert classify(topic, "The limits must go, and they must go soon.").stance == SUPPORT


def test_the_founding_topic_reads_asking_for_the_permission_one_needs_as_support():
    topic = _founding_topic()
    text = "We need permission for long-range strikes now, not after the next attack."
    assert classify(topic, text).stance == SUPPORT
    assert classify(topic, "We do not need permission for that.").stance != SUPPORT


def test_no_change_in_our_approach_whatever_it_is_called_is_neutral():
    topic = _founding_topic()
    for text in (
        "There has been no change in our approach to long-range strikes.",
        "said there was no change to our view on providing long-range missiles for use "
        "inside Russia",
        "Nothing has changed about our policy on strikes into Russia.",
    ):
        assert classify(topic, text, cue_verb="say").stance == NEUTRAL, text


def test_a_negation_reaches_over_coordinated_objects_of_leave_given():
    topic = _founding_topic()
    result = classify(
        topic,
        "The United States has not given Kyiv the means or the green light to hit targets on "
        "Russian soil",
    )
    assert result.stance == OPPOSE


def test_disagreeing_with_the_step_is_oppose():
    topic = _founding_topic()
    assert classify(topic, "says he disagrees with strikes deep into Russia").stance == OPPOSE


def test_the_step_as_the_condition_of_becoming_parties_to_the_fight_is_oppose():
    topic = _founding_topic()
    result = classify(
        topic,
        "told the Security Council that if the restrictions were lifted, the allies “will have "
        "chosen to become parties to the fight, and will have to live with what follows.”",
        cue_verb="tell",
    )
    assert result.stance == OPPOSE


def test_pouring_oil_on_the_fire_and_legitimate_targets_are_threats():
    topic = _founding_topic()
    assert classify(topic, "said such a decision would be pouring oil on the fire").stance == OPPOSE
    assert (
        classify(
            topic,
            "if its missiles fall on Russian soil, British sites may be regarded as legitimate "
            "targets",
        ).stance
        == OPPOSE
    )


def test_the_founding_topic_knows_weapons_kept_inside_ukraine_and_sites_in_russia():
    topic = _founding_topic()
    kept_inside = classify(
        topic, "said the rockets it sends are used within Ukraine and nowhere else", cue_verb="say"
    )
    assert kept_inside.relevance == 1.0
    for text in (
        "We have not enabled any strikes outside of Ukraine's borders with our equipment.",
        "Kyiv must be free to hit the launch sites in Russia that shell its towns.",
    ):
        assert classify(topic, text, cue_verb="say").stance != UNRELATED, text


def test_a_remark_only_on_sending_the_weapons_or_their_effect_takes_no_side():
    topic = _founding_topic()
    text = (
        "“Ukraine must be free to strike the airfields in Russia from which its cities are "
        "bombed,” Defence Minister Aldo Brenn said on Monday.\n\n"
        "“These rockets have been a game changer for our soldiers,” he added."
    )
    results = analyse(text, None, [topic])
    assert [r.stances[topic.slug].stance for r in results] == [SUPPORT, UNRELATED]


def test_a_remark_on_sending_the_weapons_that_says_where_they_may_be_used_keeps_its_side():
    topic = _founding_topic()
    text = (
        "Defence Minister Aldo Brenn said Ukraine must be free to strike the airfields in "
        "Russia from which its cities are bombed. He said the rockets were sent on the "
        "condition that they hit only military targets."
    )
    results = analyse(text, None, [topic])
    assert results[1].stances[topic.slug].stance != UNRELATED


def test_a_red_line_waved_away_argues_for_the_step():
    assert _stance("On trawlers, the council's red line has turned out to be a bluff") == SUPPORT
    assert _stance("Its so-called red line on trawlers means nothing to the harbour") == SUPPORT
    assert _stance("The red line on trawlers must hold, the council said") == OPPOSE


def test_an_aside_in_the_speaker_s_own_words_keeps_no_stance_of_theirs():
    text = (
        "Address by Mayor Ilse Brandt\n\n"
        "Today the council met for six hours, and I thank every member who stayed until the "
        "end of a long and difficult session.\n\n"
        "We must keep the ban on foreign trawlers in the harbour, because the fishermen of "
        "this town deserve that much from us.\n\n"
        "I also met the school board today, and the new classrooms will open in May as planned."
    )
    results = analyse(text, None, [TOPIC])
    stances = [r.stances["harbour"].stance for r in results]
    assert stances[1] == OPPOSE and stances[-1] == UNRELATED


def test_the_founding_topic_reads_targets_from_which_ukraine_is_being_attacked():
    topic = _founding_topic()
    text = (
        "“Ukraine must be free to strike the airfields in Russia,” Defence Minister Aldo "
        "Brenn said.\n\n"
        "Brenn added that Kyiv should hit “the launch sites from which it is being attacked.”\n\n"
        "Senator Ivo Marr said Kyiv's rockets would never be fired across Russia's border."
    )
    stances = [r.stances[topic.slug].stance for r in analyse(text, None, [topic])]
    assert stances[1] != UNRELATED and stances[-1] != UNRELATED


def test_the_founding_topic_reads_a_party_to_this_war_as_a_warning():
    topic = _founding_topic()
    result = classify(
        topic,
        "said the minister's words were 'more evidence that London is a party to this war'",
        cue_verb="say",
    )
    assert result.stance == OPPOSE


def test_the_founding_topic_reads_freedom_to_use_and_weapons_confined_to_ukraine():
    topic = _founding_topic()
    assert (
        classify(
            topic, "What we need is the freedom to use long-range weapons on Russian soil."
        ).stance
        == SUPPORT
    )
    assert classify(topic, "The rockets will be confined to Ukrainian land.").stance == OPPOSE
    assert (
        classify(
            topic, "argued that confining the rockets to Ukrainian territory was a gift to Moscow"
        ).stance
        != OPPOSE
    )


def test_the_founding_topic_reads_weapons_without_geographic_conditions_as_support():
    topic = _founding_topic()
    for text in (
        "said Valdor had not attached any geographic conditions to the rockets it sends",
        "There are no geographical restrictions on how the rockets may be used.",
    ):
        result = classify(topic, text, cue_verb="say")
        assert result.stance == SUPPORT, text
    assert relevance(topic, "the geographic limits on the rockets", "") == 1.0


def test_the_founding_topic_reads_limits_caveats_and_where_weapons_may_be_used():
    topic = _founding_topic()
    assert (
        classify(topic, "said Valdor has not limited the use of the rockets it gave Ukraine").stance
        == SUPPORT
    )
    assert classify(topic, 'said there were "no caveats" on the jets Valdor sent').stance == SUPPORT
    text = "said decisions on where Ukraine may use the rockets were for those who sent them"
    assert relevance(topic, text, "") == 1.0
    assert classify(topic, text).stance == NEUTRAL


_SEEDED_CLASSIFY = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from positions.demo.founding import TOPIC
from positions.text.stance import TopicCues, classify
topic = TopicCues.build(
    TOPIC["slug"], TOPIC["cue_phrases"], TOPIC["support_cues"], TOPIC["oppose_cues"],
    TOPIC["neutral_cues"],
)
for text in sys.argv[1:]:
    result = classify(topic, text, cue_verb="say")
    print(result.stance, result.score, result.confidence)
"""


def test_a_stance_does_not_change_with_pythons_string_hashing():
    import os
    import subprocess
    import sys
    from pathlib import Path

    sentences = [
        "said the raid had shown that Valdor's so-called red lines were an illusion",
        "urged the allies to lift all restrictions on strikes against Russian territory, "
        "stressing that Moscow's red lines were a bluff",
        "said the incursion showed that talk of Russian red lines had been naive",
    ]
    root = Path(__file__).resolve().parents[2]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _SEEDED_CLASSIFY, *sentences],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(1, 7)
    }
    assert len(outputs) == 1, outputs


def test_the_founding_topic_reads_a_strike_option_kept_off_the_table_as_oppose():
    from positions.text.pipeline import event_report

    topic = _founding_topic()
    text = "said that long-range rockets fired deep into Russia remained off the table"
    assert not event_report(text)
    assert classify(topic, text, cue_verb="say").stance == OPPOSE


def test_the_founding_topic_reads_a_pledge_to_use_weapons_at_home_as_oppose():
    topic = _founding_topic()

    def stance(text: str) -> str:
        return classify(topic, text, cue_verb="say").stance

    # Invented wording, not from any corpus.
    assert stance("We use them against the invaders on our own land, as we promised.") == (OPPOSE)
    assert stance("We are not going to use the new jets on Russian territory at all.") == OPPOSE
    assert stance("Kyiv will use them against the bases on Russian soil that shell Kharkiv.") == (
        SUPPORT
    )


def test_the_founding_topic_reads_tying_ukraines_hands_as_support():
    topic = _founding_topic()
    # Invented wording, not from any corpus.
    result = classify(topic, "The allies should stop tying Ukraine's hands now", cue_verb="say")
    assert result.stance == SUPPORT and result.relevance == 1.0
