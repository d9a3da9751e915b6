"""Who was hurt besides the dead, and figures that are not tolls at all."""

from __future__ import annotations

import pytest

from crosscheck.extract.area_totals import is_area_wide
from crosscheck.extract.headlines import title_quantities
from extract_helpers import counted, figures_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age range between the people and what befell them
        ("Four girls between ages 11 and 15 were wounded on Oak Lane.", [(4, "injured")]),
        ("Six children between the ages of 3 and 9 were hospitalized.", [(6, "injured")]),
        # a graze is a wound
        ("A 7-year-old boy was grazed by a bullet in the yard.", [(1, "injured")]),
        # "also shot": one more besides those told, not one of a shot total
        ("Another boy was also shot in the van.", [(1, "injured")]),
        # everyone shot lived
        (
            "Two men were taken to a hospital with non-life-threatening injuries.",
            [(2, "injured")],
        ),
        ("Three people were shot and suffered non-life threatening wounds.", [(3, "injured")]),
        # a death toll brought up to a number
        (
            "A third man has died, bringing the death toll in the attack to three.",
            [(1, "killed"), (3, "killed")],
        ),
    ],
)
def test_outcomes_that_say_who_lived(text: str, expected: list[tuple[float, str]]) -> None:
    assert counted(text) == expected


@pytest.mark.parametrize(
    ("texts", "title", "expected"),
    [
        # the shot told beside the dead are others, so hurt
        ((), "Family names 4-year-old killed, father who was shot in Elmwood", (1, 1)),
        (
            ("Officers found a 60-year-old who had been shot in the arm and a boy who had died.",),
            "",
            (1, 1),
        ),
        (
            ("Ada Vole, 30, and Ben Vole, 31, were killed.", "A 2-year-old was also shot."),
            "",
            (2, 1),
        ),
        # a shot total that holds the dead is not added to
        (("Two people were shot, one fatally, on Elm Street.",), "", (1, 1)),
        # the same person told again
        (("A boy is dead and police say he was shot in the garage.",), "", (1, 0)),
        (("A 3-year-old girl was shot and killed two days after a teen was shot.",), "", (1, 0)),
    ],
)
def test_victims_shot_beside_the_dead(
    texts: tuple[str, ...], title: str, expected: tuple[int | None, int | None]
) -> None:
    assert figures_of(*texts, title=title) == expected


def test_no_one_else_hurt_is_not_a_zero_toll() -> None:
    assert counted("No one else was hurt.") == []
    assert counted("No one was hurt.") == [(0, "injured")]


def test_a_parent_of_children_is_one_victim_not_several() -> None:
    assert figures_of(title="Mother of 4 fatally shot outside Elmwood store") == (None, None)
    assert counted("A father of three was fatally shot on Friday.") == []


def test_including_names_no_toll_when_nothing_before_it_is_one() -> None:
    text = "Twelve people, including four children between the ages of 2 and 9, were inside."
    assert counted(text) == []
    assert counted("Nine were killed, including two children.") == [(9, "killed"), (2, "killed")]


def test_the_suspect_of_a_shooting_is_no_victim() -> None:
    assert title_quantities("a1", "Chapel shooting suspect caught in Dunmere") == []
    assert [q.counts for q in title_quantities("a1", "Suspect shot by deputies in Dunmere")] == [
        "shot"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Three incidents of gunfire in a day left a teen dead and six others wounded.",
        "Two separate Harlow County hunting accidents Sunday left two injured.",
        "Four people were killed and nine wounded in shootings from Friday to Sunday in Harlow.",
    ],
)
def test_more_totals_over_several_incidents_are_area_wide(text: str) -> None:
    assert is_area_wide(text)


def test_two_shootings_may_be_one_incident() -> None:
    assert not is_area_wide("Two men were charged in two shootings that hurt a girl and a man.")
