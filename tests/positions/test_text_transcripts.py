"""Briefing and interview transcripts: labelled turns instead of quotation marks.

Every line here is invented for the test (fictional people and places)."""

import datetime as dt

from positions.text.pipeline import analyse
from positions.text.segment import split_paragraphs
from positions.text.stance import OPPOSE, UNRELATED, TopicCues
from positions.text.statements import find_statements
from positions.text.transcripts import transcript_turns

PUBLISHED = dt.date(2024, 6, 4)

BRIEFING = """Harbour Office Press Briefing

Tomas Vell, Harbour Office Spokesperson

MR VELL: Good afternoon, everyone. A couple of things at the top before your questions.

QUESTION: Tomas, on the trawlers. Will the council let them into the harbour at night?

MR. VELL: The minister spoke to this last week. The trawlers may now enter the harbour at night.

That is a change we made because the season changed.

Q    And beyond the harbour wall?

MR. VELL: Our policy on fishing beyond the harbour wall has not changed."""


def _found(text: str):
    return find_statements(text, PUBLISHED)


def test_each_answer_paragraph_is_a_direct_statement_of_the_labelled_speaker():
    found = _found(BRIEFING)
    assert [f.text[:24] for f in found] == [
        "Good afternoon, everyone",
        "The minister spoke to th",
        "That is a change we made",
        "Our policy on fishing be",
    ]
    assert all(f.direct for f in found)
    # The label's surname finds the full name the page introduced.
    assert {f.speaker.name for f in found} == {"Tomas Vell"}


def test_questions_from_the_floor_are_not_statements():
    found = _found(BRIEFING)
    assert not any(
        "Will the council" in f.text or "beyond the harbour wall?" in f.text for f in found
    )


def test_statements_point_at_their_words_after_the_label():
    for f in _found(BRIEFING):
        assert BRIEFING[f.start : f.end] == f.text
        assert not f.text.startswith(("MR", "Q"))


def test_a_single_labelled_line_in_a_news_story_is_not_a_transcript():
    text = (
        "Minister Mara Quist said the rules would stay in place for now.\n\n"
        "Dolmar: the council meets again on Friday to vote on the harbour."
    )
    kept = [p for p in split_paragraphs(text) if p.kept]
    assert transcript_turns(kept) == []


def test_page_furniture_labels_are_not_speakers():
    text = "Photo: the harbour at dawn.\n\nQ: Will it open?\n\nNote: times are local."
    kept = [p for p in split_paragraphs(text) if p.kept]
    assert [t.name for t in transcript_turns(kept) if not t.question] == []


def test_an_interview_with_full_name_labels():
    text = (
        "Interviewer: Should the council let the trawlers in?\n\n"
        "Mara Quist: The council should let them in before the summer, and I will vote for it.\n\n"
        "Interviewer: And the mayor?\n\n"
        "Mara Quist: He will have to explain himself to the fishermen of Dolmar."
    )
    found = _found(text)
    assert [f.speaker.name for f in found] == ["Mara Quist", "Mara Quist"]
    assert found[0].text.startswith("The council should let them in")


TOPIC = TopicCues.build(
    "harbour",
    ["harbour", "trawlers", "fishing rights"],
    ["let the trawlers", "the ban lifted"],
    ["keep the ban", "no plans to"],
    ["for Dolmar to decide", "no plans to change"],
)


def test_an_answer_is_on_the_topic_of_its_question_and_borrows_nothing_else():
    text = (
        "Tomas Vell, Harbour Office Spokesperson\n\n"
        "QUESTION: On the trawlers: will the council keep the ban in the harbour?\n\n"
        "MR VELL: We will keep the ban on the trawlers in the harbour. Nothing has moved.\n\n"
        "QUESTION: And the ferry timetable for the winter?\n\n"
        "MR VELL: The winter service starts in November, as every year, with two boats.\n\n"
        "QUESTION: Does the mayor agree with you?\n\n"
        "MR VELL: He has said so himself many times, and he will say so again on Friday.\n\n"
        "QUESTION: And the trawlers next year?\n\n"
        "MR VELL: We will keep the ban on the trawlers next year too, whatever they say."
    )
    stances = [a.stances["harbour"].stance for a in analyse(text, PUBLISHED, [TOPIC])]
    assert stances == [OPPOSE, UNRELATED, UNRELATED, OPPOSE]


def test_labels_with_a_role_and_a_question_with_its_outlet():
    text = (
        "Harbour Council Chair Mara Quist: Good afternoon. The council met this morning and "
        "took no decision on the trawlers, which we will discuss again next week.\n\n"
        "Question [Dolmar Post]: Will the trawlers be let into the harbour at night?\n\n"
        "Harbour Council Chair Mara Quist: That is for the council to decide, and it has not."
    )
    found = _found(text)
    assert [f.speaker.name for f in found] == ["Mara Quist", "Mara Quist"]
    assert not any("Dolmar Post" in f.text for f in found)


def test_an_address_under_one_full_name_is_a_transcript():
    text = (
        "Statement of 21 March, the Palace, Dolmar\n\n"
        "Tomas Erdal: Citizens of Dolmar, I want to tell you about the events of the last days "
        "and about what the council has decided to do about the trawlers in the harbour.\n\n"
        "We have warned many times that letting the trawlers in would empty the harbour."
    )
    found = _found(text)
    assert [f.speaker.name for f in found] == ["Tomas Erdal", "Tomas Erdal"]
    assert found[1].text.startswith("We have warned many times")


def test_an_all_capitals_label_drops_its_abbreviated_title():
    text = (
        "Deputy spokesman Arne Voss answered questions.\n\n"
        "QUESTION: Are the trawlers allowed in?\n\n"
        "SRS VOSS: No, this does not mean that. It is about the harbour mouth only."
    )
    assert [f.speaker.name for f in _found(text)] == ["Arne Voss"]


def test_an_interview_in_q_and_a_form_answers_for_the_person_interviewed():
    text = (
        "Harbour Minister Ilka Brun: the trawlers will come back\n\n"
        "About the ban and the season ahead, Harbour Minister Ilka Brun told the Courier.\n\n"
        "Q: Minister, will the council let the trawlers in?\n\n"
        "A: We gave our word to the guilds, and we keep our word.\n\n"
        "Q: And the northern fleet?\n\n"
        "A: The northern fleet will have to wait for the autumn review."
    )
    found = find_statements(text, PUBLISHED)
    answers = [f for f in found if f.text.startswith(("We gave", "The northern"))]
    assert [f.speaker.name for f in answers] == ["Ilka Brun", "Ilka Brun"]


def test_an_outlets_label_on_a_question_is_not_a_speaker():
    text = (
        "Secretary General Tomas Vell: Good afternoon. We have concluded two days of talks.\n\n"
        "Moderator: We start with the Courier.\n\n"
        "Courier: Last week you said the trawlers could come in. Did you go too far?\n\n"
        "Secretary General Tomas Vell: I said what I said because the season has changed.\n\n"
        "Dolmar 2: What is your message to the guilds?\n\n"
        "Secretary General Tomas Vell: We ask the guilds to respect the rules of the bay."
    )
    found = find_statements(text, PUBLISHED)
    assert {f.speaker.name for f in found} == {"Tomas Vell"}
    assert not any("go too far" in f.text or "message to the guilds" in f.text for f in found)


def test_a_long_title_in_capitals_before_the_full_name():
    text = (
        "DEPUTY HARBOUR PRESS SECRETARY ILKA BRUN: Good afternoon. We are announcing new "
        "patrol boats for the bay today.\n\n"
        "Q: Will the trawlers be let in?\n\n"
        "MS. BRUN: Our policy on the trawlers has not changed."
    )
    found = find_statements(text, PUBLISHED)
    assert {f.speaker.name for f in found} == {"Ilka Brun"}


def test_a_surname_label_that_the_page_gives_in_full():
    text = (
        "The Courier asked Harbour Minister Ilka Brun to comment.\n\n"
        "INTERVIEWER: Will the council let the trawlers in?\n\n"
        "Brun: The trawlers have a right to shelter in the harbour, and we will let them in.\n\n"
        "INTERVIEWER: And the northern fleet?\n\n"
        "Brun: The northern fleet will have to wait for the autumn review."
    )
    found = find_statements(text, PUBLISHED)
    answers = [f for f in found if f.text.startswith(("The trawlers", "The northern"))]
    assert [f.speaker.name for f in answers] == ["Ilka Brun", "Ilka Brun"]


def test_every_turn_of_a_briefing_is_dated_the_day_it_was_given():
    text = (
        "MR VELL: Good afternoon. Yesterday, the minister spoke with the guilds about the "
        "trawlers and the harbour.\n\n"
        "Q: Will the trawlers be let in tonight?\n\n"
        "MR VELL: Our policy on the trawlers in the harbour has not changed at all."
    )
    found = find_statements(text, PUBLISHED)
    assert found[-1].date.date == PUBLISHED


def test_a_live_blogs_entry_headlines_are_not_a_transcript():
    text = (
        "17:48 BST\n\n"
        "Vell: the harbour stays shut to the trawlers\n\n"
        "Mayor Tomas Vell told the council this afternoon that the trawlers would "
        "stay outside the harbour wall until the autumn.\n\n"
        "17:05 BST\n\n"
        "Brun: we will let them in\n\n"
        "“The trawlers must be let into the harbour before the storms,” Ilka Brun said."
    )
    found = find_statements(text, PUBLISHED)
    assert [(f.speaker.name, f.direct) for f in found] == [
        ("Tomas Vell", False),
        ("Ilka Brun", True),
    ]


def test_a_label_of_an_initial_and_a_surname_is_the_person_the_page_names():
    text = (
        "After the council, Mayor Ilse Brandt answered questions from Piet Dorn of Harbour "
        "Radio.\n\n"
        "P.Dorn: Will the trawlers be let into the harbour?\n\n"
        "I.Brandt: The trawlers stay outside the harbour wall until the autumn, and the council "
        "will not change that this season."
    )
    [found] = _found(text)
    assert found.speaker.name == "Ilse Brandt"
    assert found.text.startswith("The trawlers stay outside")


def test_a_label_with_the_title_before_the_name_names_the_person():
    text = (
        "Harbour Master of Dolmar, Mara Quist: Thank you. The trawlers stay outside the harbour "
        "wall, and we see no reason to let them in this season.\n\n"
        "Question (Harbour Radio): Is that final?\n\n"
        "Harbour Master of Dolmar, Mara Quist: It is final for this season, yes."
    )
    found = _found(text)
    assert [f.speaker.name for f in found] == ["Mara Quist", "Mara Quist"]


def test_an_address_heading_gives_the_paragraphs_after_it_to_its_speaker():
    text = (
        "Address by Mayor Ilse Brandt\n\n"
        "Dear citizens!\n\n"
        "Today the council met for six hours on the harbour, and I thank every member who "
        "stayed until the end of a long and difficult session.\n\n"
        "The trawlers will stay outside the harbour wall for the rest of the season, because "
        "the fishermen of this town deserve that much from us.\n\n"
        "Read also: The mayor opened the new school in the old town"
    )
    found = _found(text)
    assert [f.speaker.name for f in found] == ["Ilse Brandt", "Ilse Brandt"]
    assert found[1].text.startswith("The trawlers will stay") and found[1].direct


def test_a_sentence_that_begins_like_an_address_heading_is_no_heading():
    text = (
        "Remarks by the mayor on Monday drew criticism from the fishermen, who said the "
        "trawlers would ruin the harbour."
    )
    assert transcript_turns(split_paragraphs(text)) == []


def test_the_story_goes_on_after_the_exchange_it_prints():
    text = (
        "Harbour master Mara Quist defended the ban in an interview with Harbour Radio.\n\n"
        "Harbour Radio: Will the trawlers be let into the harbour this year?\n\n"
        "Quist: No. The trawlers stay outside the harbour wall until the autumn, and that "
        "will not change.\n\n"
        "Not everyone agreed. Councillor Oren Falk said on Tuesday that the ban should be "
        "lifted before the summer.\n\n"
        "We will keep the ban for as long as the fishermen need it, and the council knows it."
    )
    found = _found(text)
    assert [(f.speaker.name, f.turn) for f in found] == [
        ("Mara Quist", True),
        ("Oren Falk", False),
    ]


def test_a_follow_up_question_keeps_the_topic_of_the_question_it_follows():
    text = (
        "Tomas Vell, Harbour Office Spokesperson\n\n"
        "QUESTION: Will the council let the trawlers into the harbour at night?\n\n"
        "MR VELL: The trawlers stay outside at night. That has not changed.\n\n"
        "QUESTION: But the guilds say the boats are their own. Do you have a say over that?\n\n"
        "MR VELL: The guilds will make their own choices about their own boats.\n\n"
        "QUESTION: So has anything moved since the spring?\n\n"
        "MR VELL: Nothing has moved, and nothing will without the council.\n\n"
        "QUESTION: On the new ferry, when does it sail?\n\n"
        "MR VELL: The new service starts in November, as every year, with two boats."
    )
    stances = [a.stances["harbour"].stance for a in analyse(text, PUBLISHED, [TOPIC])]
    assert stances[0] != UNRELATED
    # "But ... over that?" and "So ...?" go on from the trawlers; the ferry does not.
    assert stances[1] != UNRELATED and stances[2] != UNRELATED
    assert stances[3] == UNRELATED


def test_an_answer_is_given_by_the_person_named_before_a_role_with_for():
    text = (
        "(Questions are from reporters; answers are by Tomas Vell, Harbour Office Coordinator "
        "for Fleet Communications.)\n\n"
        "Q: Will the trawlers be let into the harbour?\n\n"
        "A: The trawlers stay outside the harbour wall until the council decides."
    )
    [answer] = find_statements(text, PUBLISHED)
    assert answer.speaker.name == "Tomas Vell"


def test_a_label_by_surname_finds_a_hyphenated_first_name():
    text = (
        "Interview | Anna-Lena Kessel-Brun (Harbour Party), chair of the fisheries committee\n\n"
        "Dahl: Ms Kessel-Brun, will the trawlers come back into the harbour?\n\n"
        "Kessel-Brun: Not while I chair this committee, and not without the council.\n\n"
        "Dahl: And the guilds?\n\n"
        "Kessel-Brun: The guilds know where I stand on the trawlers and the harbour."
    )
    answers = find_statements(text, PUBLISHED)
    assert [a.speaker.name for a in answers] == ["Anna-Lena Kessel-Brun"] * 2


HANSARD = "\n\n".join(
    [
        "Harbour Authority – Assembly statement",
        "The Minister for the Harbour (Mara Quist): With permission, I will make a statement "
        "on the bay. The council met on Monday and I will set out what it decided.",
        "Ilka Brun (Dolmar North) (Coast): I thank the Minister for her statement. The "
        "fishermen have every right to use the bay at night, and we would support them in "
        "doing so. Will she confirm that the council has now given that permission?",
        "Mara Quist: I welcome the honourable member's support. The council will publish its "
        "decision on Friday.",
        "Oren Falk (Port Alden) (Ind): Is it not the truth that, by opening the bay at night, "
        "the Government is putting every crew at risk?",
    ]
)


def test_a_members_question_in_a_hansard_exchange_is_their_own_speech():
    found = _found(HANSARD)
    by_speaker = {f.speaker.name: f.text for f in found}
    assert by_speaker["Ilka Brun"].startswith("I thank the Minister")
    assert "every right to use the bay at night" in by_speaker["Ilka Brun"]
    assert by_speaker["Oren Falk"].startswith("Is it not the truth")
    assert all(not f.text.startswith(("Ilka", "Oren", "(")) for f in found)


def test_a_question_labelled_with_the_reporters_outlet_is_a_question():
    text = "\n\n".join(
        [
            "Harbour Master Mara Quist: Good evening. We met the fishermen today.",
            "Q (Dolmar Radio): Should the trawlers be let into the bay at night?",
            "Harbour Master Mara Quist: My view on this has not been a secret. They should.",
        ]
    )
    found = _found(text)
    assert len(found) == 2
    assert all(f.speaker.name.endswith("Mara Quist") for f in found)
    assert not any("Should the trawlers" in f.text for f in found)


def test_an_office_label_is_the_office_holder_the_page_title_names():
    text = (
        "Q: Mr. Mayor, will you let the trawlers in?\n\n"
        "THE MAYOR: Not this year.\n\n"
        "THE PRESIDENT: We're working that through right now, and nothing has been decided."
    )
    found = find_statements(text, PUBLISHED, "Remarks by President Erling Before Departure")
    assert [f.speaker.name for f in found] == ["Erling"]
    assert find_statements(text, PUBLISHED)[0].speaker.name == "President"


def test_a_hansard_minister_is_named_in_brackets_after_the_office():
    text = (
        "The Secretary of State for Harbours (Mr Tomas Vell): With permission, I will make a "
        "statement on the trawlers in the harbour.\n\n"
        "I have received clear assurances from the guilds that their boats will stay outside.\n\n"
        "(Interruption.)\n\n"
        "Oren Falk (Dolmar North) (Lab): Will he tell the House when the ban will be lifted?"
    )
    found = _found(text)
    assert [(f.speaker.name, f.text[:12]) for f in found] == [
        ("Tomas Vell", "With permiss"),
        ("Tomas Vell", "I have recei"),
        ("Oren Falk", "Will he tell"),
    ]


def test_a_short_question_goes_on_from_the_one_before_unless_it_opens_another():
    text = (
        "Tomas Vell, Harbour Office Spokesperson\n\n"
        "QUESTION: Will the council let the trawlers into the harbour at night?\n\n"
        "MR VELL: The trawlers stay outside at night. That has not changed.\n\n"
        "QUESTION: Is it under review?\n\n"
        "MR VELL: No decision yet. The council will decide when it is ready.\n\n"
        "QUESTION: What about the Dolmar ferry?\n\n"
        "MR VELL: No decision yet on the ferry either; the council meets on Monday."
    )
    stances = [a.stances["harbour"].stance for a in analyse(text, PUBLISHED, [TOPIC])]
    assert stances[1] != UNRELATED
    assert stances[2] == UNRELATED


def test_a_share_line_ends_the_speech_it_follows():
    text = (
        "Address by the Mayor of Dolmar Tomas Erling\n\n"
        "Good evening. The trawlers will stay outside the harbour wall for as long as the "
        "guilds fish beyond the agreed lines, and we will not change that this year.\n\n"
        "Share: Facebook  VK  Telegram"
    )
    found = _found(text)
    assert [f.text[:13] for f in found] == ["Good evening."]


def test_a_remark_put_to_the_speaker_that_points_back_goes_on_from_the_question_before():
    text = (
        "Tomas Vell, Harbour Office Spokesperson\n\n"
        "QUESTION: Will the council let the trawlers into the harbour at night?\n\n"
        "MR VELL: No decision has been made yet, and the council will take its time.\n\n"
        "QUESTION: The guilds say this would mean the end of fishing in Dolmar.\n\n"
        "MR VELL: We have heard that before. The council may decide otherwise next spring."
    )
    stances = [a.stances["harbour"].stance for a in analyse(text, PUBLISHED, [TOPIC])]
    assert stances[1] != UNRELATED


def test_a_briefing_heading_gives_the_unlabelled_remarks_to_its_speaker():
    text = (
        "Briefing by Harbour Office Spokeswoman Ilka Brun, Dolmar, May 24, 2023\n\n"
        "On the trawlers\n\n"
        "We demand that the guilds stop sending their trawlers into the harbour, and we warn "
        "them that the quays will stay closed to every foreign boat.\n\n"
        "Question: Will the council change its mind?\n\n"
        "Ilka Brun: The council has not changed its position and will not change it."
    )
    found = _found(text)
    assert found[0].speaker.name == "Ilka Brun"
    assert found[0].text.startswith("We demand that the guilds")
