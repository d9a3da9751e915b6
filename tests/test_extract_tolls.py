"""Tolls beyond plain numbers: lists of victims, area-wide totals, shooters, shot totals."""

from __future__ import annotations

import pytest

from crosscheck.extract.area_totals import AREA_TOTAL, is_area_wide
from crosscheck.extract.quantities import sentence_quantities
from crosscheck.records import Sentence, Span
from extract_helpers import counted, figures_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers joined in a list add up
        ("Shots fired into the hall injured four men and two women.", [(6, "injured")]),
        ("Three children and two adults were found dead in the farmhouse.", [(5, "killed")]),
        # ", and" before the last of a list
        (
            "A 25-year-old man, a 30-year-old man, and a 41-year-old man were wounded.",
            [(3, "injured")],
        ),
        # a number and the names that tell the same people over again
        (
            "Two victims, a 25-year-old man and a 26-year-old man, died at the scene.",
            [(2, "killed")],
        ),
        # a noun and its appositive are one person
        ("One person, a 19-year-old man, was pronounced dead.", [(1, "killed")]),
        (
            "The coroner says the daughter, 9-year-old Ima Vale, died of her wounds.",
            [(1, "killed")],
        ),
        ("Both the mother and daughter were wounded.", [(2, "injured")]),
        # ages listed after the people are not counts
        ("Two men, 30 and 42, were injured.", [(2, "injured")]),
        ("Three men, ages 30, 42 and 51, were injured.", [(3, "injured")]),
        (
            "A woman was shot in the foot; another woman, also 22, was shot in the arm.",
            [(1, "shot")],
        ),
        # asides between the people and what befell them
        ("Five people, four of them teenagers, were shot.", [(5, "shot"), (4, "shot")]),
    ],
)
def test_lists_of_victims_count_each_person_once(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert counted(text) == expected


def test_words_between_a_determiner_and_a_noun_do_not_make_a_victim() -> None:
    assert counted("Police did not release the name of the woman.") == []
    assert counted("Officers reached the hospital but the child was pronounced dead.") == [
        (1, "killed")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "3 dead, 26 wounded in weekend Harlow shootings",
        "Five people were shot in separate shootings in Dunmere on Thursday night.",
        "Police are investigating a series of shootings overnight which left two dead.",
        "Eleven people were shot across the city since Friday.",
    ],
)
def test_totals_over_several_incidents_are_area_wide(text: str) -> None:
    assert is_area_wide(text)
    sentence = Sentence("a1", 0, Span(0, len(text)), text, 0)
    assert {q.whose for q in sentence_quantities(sentence)} == {AREA_TOTAL}


@pytest.mark.parametrize(
    "text",
    [
        "Two men were charged in the shootings on Pine Road.",
        "Three people were shot at a party in Dunmere on Saturday.",
    ],
)
def test_one_incident_is_not_area_wide(text: str) -> None:
    assert not is_area_wide(text)


def test_article_figures_leave_out_area_wide_totals() -> None:
    title = "2 dead, 8 wounded in overnight Harlow shootings"
    lead = "A 30-year-old man was shot in the leg on Pine Road, police said."
    assert figures_of(lead, title=title) == (None, 1)


def test_a_larger_shot_figure_raises_the_injured() -> None:
    assert figures_of(
        "Five people were shot on Monday.", "Two of the victims are in critical condition."
    ) == (None, 5)
    assert figures_of(
        "Eight men were shot, killing two of them.", "Two of those shot were seriously wounded."
    ) == (2, 6)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("A student killed four classmates and himself at the school.",), 5),
        (("Father kills two children, then fatally shoots self.",), 3),
        # the total already holds the shooter: he is not counted twice
        (
            (
                "A man and two children are dead in the farmhouse.",
                "Police said the father shot them and then himself.",
            ),
            3,
        ),
        (("The woman shot her son, then herself.", "Both died from a gunshot wound."), 2),
    ],
)
def test_a_shooter_adds_one_to_the_victims_told_with_him(
    texts: tuple[str, ...], expected: int
) -> None:
    assert figures_of(*texts)[0] == expected


def test_a_shooter_who_shot_himself_and_another_may_be_wounded() -> None:
    assert figures_of("He shot his wife and himself.") == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police are investigating a triple shooting on Pine Road.", [(3, "shot")]),
        ("Officers responded to a double homicide near the river.", [(2, "killed")]),
        ("Detectives are looking into a fatal shooting on Elm Street.", [(1, "killed")]),
        ("A spokesman was at the non-fatal shooting scene.", []),
    ],
)
def test_an_incident_named_by_its_toll_implies_the_toll(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert counted(text) == expected


def test_a_fatal_shooting_is_a_lower_bound_that_counts_yield_to() -> None:
    assert figures_of("Two men died in a fatal shooting on Elm Street.") == (2, None)
    # a triple shooting that left one dead: three shot, one killed, two hurt
    assert figures_of("A triple shooting on Pine Road left one man dead.") == (1, 2)
