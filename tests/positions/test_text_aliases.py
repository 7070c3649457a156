"""Other names of bodies and groups: one actor for every way the press names them."""

import datetime as dt

import pytest

from positions.text.aliases import body_variants, group_variants, unnamed_variants
from positions.text.names import romanisations
from positions.text.statements import find_statements


@pytest.mark.parametrize(
    "mention",
    [
        "Norway's foreign ministry",
        "the Norwegian Ministry of Foreign Affairs",
        "the Ministry of Foreign Affairs of Norway",
        "the foreign ministry in Oslo",
    ],
)
def test_every_way_of_naming_a_foreign_ministry_gives_the_same_names(mention):
    assert body_variants(mention)[:3] == [
        "Norwegian Foreign Ministry",
        "Norwegian Ministry of Foreign Affairs",
        "Ministry of Foreign Affairs of Norway",
    ]


def test_defence_ministries_and_governments_have_their_own_names():
    assert body_variants("the Ministry of Defence of the Russian Federation")[0] == (
        "Russian Defence Ministry"
    )
    assert body_variants("the Danish government") == [
        "Government of Denmark",
        "Danish government",
        "Denmark's government",
    ]


def test_a_body_without_a_country_or_a_country_without_a_body_has_no_variants():
    assert body_variants("the foreign ministry") == []
    assert body_variants("Sweden's largest union") == []
    assert body_variants("the Kremlin") == []


def test_one_unnamed_official_is_named_as_their_country_s_officials():
    assert unnamed_variants("a senior Finnish official") == ["Finnish officials"]
    assert unnamed_variants("two Dutch diplomats") == ["Dutch diplomats"]
    assert unnamed_variants("officials in Vienna") == ["Austrian officials"]
    assert unnamed_variants("a senior official") == []


def test_party_nicknames_and_words_for_members_name_the_same_group():
    assert group_variants("Tory backbenchers") == [
        "Conservative backbenchers",
        "Conservative MPs",
        "Conservative lawmakers",
    ]
    assert group_variants("GOP senators") == ["Republican senators", "Republican lawmakers"]
    assert group_variants("farmers") == []


def test_a_bare_foreign_ministry_is_the_one_named_with_its_country_before():
    text = (
        "Finland's foreign ministry summoned the Russian envoy on Tuesday over the airspace "
        "violation.\n\n"
        "In a note handed to the envoy, the foreign ministry said that the flights were a "
        "deliberate provocation."
    )
    [found] = find_statements(text, dt.date(2024, 6, 5))
    assert found.speaker.mention == "foreign ministry"
    assert found.speaker.name == "Finnish Foreign Ministry"
    assert "Ministry of Foreign Affairs of Finland" in found.speaker.candidates


def test_a_bare_ministry_with_no_country_named_before_stays_as_written():
    text = "The foreign ministry said that the flights were a deliberate provocation."
    [found] = find_statements(text, dt.date(2024, 6, 5))
    assert found.speaker.name == "foreign ministry"


def test_the_country_a_role_is_held_in_is_not_part_of_the_name():
    [found] = find_statements(
        "Prime Minister of Latvia Mara Ozola said the ferry ban should be lifted at once.",
        dt.date(2024, 6, 5),
    )
    assert found.speaker.name == "Mara Ozola"
    assert found.speaker.role == "Prime Minister of Latvia"


def test_lib_dems_are_liberal_democrats():
    from positions.text.aliases import group_variants

    assert "Liberal Democrat MPs" in group_variants("Lib Dem MPs")


def test_romanisations_of_a_first_name_and_a_sky_surname():
    assert romanisations("Aleksandr Vorobey") == ["Alexander Vorobey", "Alexandr Vorobey"]
    assert set(romanisations("Petro Dolynskyy")) == {
        "Petro Dolynsky",
        "Petro Dolynskiy",
        "Petro Dolynskyi",
    }
    assert romanisations("Mara Quist") == []
    assert romanisations("Sergey") == []  # a surname or a first name alone: no guess


def test_letters_that_keep_their_accent_inside_them_fold_to_plain_letters():
    from positions.text.names import fold

    assert fold("Radosław Sikorski") == fold("Radoslaw Sikorski") == "radoslaw sikorski"
    assert fold("Jonas Gahr Støre") == "jonas gahr store"
    assert fold("Ólafur Þórðarson") == "olafur thordarson"
