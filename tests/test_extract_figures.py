"""Casualty figures: victims told one by one, dates that are not counts, article figures."""

from __future__ import annotations

import pytest

from crosscheck.extract.quantities import sentence_quantities
from crosscheck.extract.victims import victim_groups
from crosscheck.records import Sentence, Span
from extract_helpers import counted, figures_of


@pytest.mark.parametrize(
    "text",
    [
        "He was charged in the Nov. 29 death of his cousin.",
        "She pleaded guilty in the May 2031 death of a neighbour.",
        "0:27 Father of man killed at a motel speaks out",
    ],
)
def test_dates_years_and_clock_times_are_not_counts(text: str) -> None:
    sentence = Sentence("a1", 0, Span(0, len(text)), text, 0)
    # "his cousin" is one victim; only the date, year or clock time must not count
    assert not [q.text for q in sentence_quantities(sentence) if any(c.isdigit() for c in q.text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jon Reed, 32, and Tom Vale, 26, were killed on Pine Road.", [(2, "killed")]),
        ("Deputies found a man and woman dead inside the cabin.", [(2, "killed")]),
        ("Both were pronounced dead at the scene.", [(2, "killed")]),
        ("A 19-year-old was pronounced dead at the scene.", [(1, "killed")]),
        # "also shot": besides the victims told before, so hurt (see test_extract_hurt)
        ("A woman and two other men were also shot.", [(3, "injured")]),
        ("A fourth person was injured.", [(1, "injured")]),
        ("The woman remains in critical condition.", [(1, "injured")]),
    ],
)
def test_victims_named_one_by_one_are_counted(text: str, expected: list[tuple[float, str]]) -> None:
    assert counted(text) == expected


def test_a_list_after_a_killing_verb_is_its_victims() -> None:
    found = counted("A gunman killed two men and injured a third man and a teenage boy.")
    assert found == [(2, "killed"), (2, "injured")]


def test_one_dead_and_another_wounded_are_two_outcomes() -> None:
    assert counted("Officers found one man dead and another wounded.") == [
        (1, "killed"),
        (1, "injured"),
    ]


def test_a_victim_who_later_died_is_killed() -> None:
    assert counted("A man was shot and later died at the hospital.") == [(1, "killed")]
    assert counted("He was taken to a hospital, where he died.") == [(1, "killed")]


def test_a_part_of_a_group_is_counted_only_with_an_outcome() -> None:
    assert counted("Two of those men died after the shooting.") == [(2, "killed")]
    assert counted("A man shot six people, killing four of them.") == [(6, "shot"), (4, "killed")]
    assert counted("One of the men fled on foot.") == []


def test_another_shooting_is_not_a_victim() -> None:
    assert [g.count for g in victim_groups("Another shooting was reported downtown.")] == []


def test_article_figures_add_up_victims_told_across_sentences() -> None:
    assert figures_of("A 17-year-old was shot on Friday.", "He was later pronounced dead.") == (
        1,
        0,
    )
    assert figures_of("Police said four men had been shot.", "Two of those men died.") == (2, 2)
    assert figures_of("A gunman shot six people, killing four of them.") == (4, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was charged in the shooting death of a 2-year-old.", [(1, "killed")]),
        ("Police are investigating the shooting of a 4-year-old girl.", [(1, "shot")]),
        ("A woman wounded in the Sunday shooting has died.", [(1, "killed")]),
        ("The boy was taken by EMS to a hospital, where he later passed away.", [(1, "killed")]),
        ("The victim, a one-year-old girl, was rushed to a hospital.", [(1, "shot")]),
        ("Officers found a 12-year-boy had been shot.", []),  # an age with a typo, not 12
    ],
)
def test_victims_of_a_death_or_a_shooting_are_counted(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert counted(text) == expected


def test_a_shooter_who_killed_himself_after_others_counts_once_more() -> None:
    text = "A man killed his wife and a neighbour before turning the gun on himself."
    assert figures_of(text) == (3, None)
    # alone, the one who shot himself is the victim already counted
    alone = "A 12-year-old boy was killed when he accidentally shot himself."
    assert figures_of(alone) == (1, None)
