"""How an event presents itself: its title and key entities (fiction written for these tests)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.cluster.describe import (
    HEADLINE_CHARACTERS,
    UNTITLED,
    describe,
    event_title,
    key_entities,
    shortened,
)
from crosscheck.cluster.stats import EventProfile

LEAD = (
    "Firefighters from three counties fought through the night to save the Larkspur "
    "grain terminal in Millbrook after a blaze broke out in its drying tower, the fire "
    "chief said on Tuesday."
)


def _event(titles: list[str], names: dict[str, int], central: int = 0) -> EventProfile:
    profile = EventProfile("E000001")
    profile.members = [f"a{index}" for index in range(len(titles))]
    profile.titles = dict(zip(profile.members, titles, strict=True))
    profile.names = Counter(names)
    profile.central = profile.members[central]
    return profile


def test_the_central_title_stays_when_it_reads_as_a_headline() -> None:
    titles = ["Blaze guts Millbrook grain terminal", "Larkspur terminal fire: what we know"]
    assert event_title(_event(titles, {"millbrook": 2, "larkspur": 2})) == titles[0]


def test_a_fragment_gives_way_to_the_headline_naming_what_members_share() -> None:
    titles = [
        "Grain Terminal",  # page furniture the cleaner took for a headline
        "If only the rain had come a day sooner",
        "Larkspur terminal in Millbrook burns for eleven hours",
        "Fire crews praised after long night",
    ]
    profile = _event(titles, {"millbrook": 3, "larkspur": 3, "tessa moor": 1})
    assert event_title(profile) == titles[2]
    assert describe(profile).title == titles[2]


def test_a_name_one_member_gives_does_not_pick_the_title() -> None:
    titles = ["Storage", "Crews contain blaze after long night", "Tessa Moor returns to the town"]
    profile = _event(titles, {"tessa moor": 1, "millbrook": 2})
    assert event_title(profile) == titles[1]


def test_with_only_lead_sentences_the_central_one_is_shortened() -> None:
    profile = _event([LEAD, LEAD + " More to follow."], {"millbrook": 2})
    title = event_title(profile)
    assert len(title) <= HEADLINE_CHARACTERS
    assert title.startswith("Firefighters from three counties fought through the night")
    assert title.endswith("…")
    assert "chief said" not in title


def test_a_lead_sentence_title_loses_its_full_stop_but_not_an_abbreviation() -> None:
    lead = "A spokesman says Tessa Moor has left the Larkspur clinic."
    assert event_title(_event([lead], {})) == lead[:-1]
    assert event_title(_event(["Two hurt as storm hits 14."], {})) == "Two hurt as storm hits 14"
    for kept in [
        "Larkspur mill sold to Moor Holdings Inc.",
        "Fire out by 4 a.m.",
        "Moor to visit U.S.",
    ]:
        assert event_title(_event([kept], {})) == kept


def test_an_event_without_titles_is_untitled() -> None:
    assert event_title(_event(["", "  "], {})) == UNTITLED


def test_a_closing_attribution_is_cut_before_any_words() -> None:
    sentence = (
        "A former manager who set fire to the Larkspur terminal in Millbrook has been "
        "charged with arson, police said late on Saturday."
    )
    assert shortened(sentence) == (
        "A former manager who set fire to the Larkspur terminal in Millbrook has been "
        "charged with arson"
    )


@given(st.text(st.characters(codec="utf-8"), max_size=400))
def test_a_shortened_title_fits_and_comes_from_the_title(text: str) -> None:
    title = shortened(text)
    assert len(title) <= HEADLINE_CHARACTERS
    assert title.removesuffix("…").strip() in text.strip()


def test_key_entities_name_each_once_in_full_and_leave_places_to_places() -> None:
    names = {
        "tessa moor": 3,
        "moor": 5,  # the surname alone, more often: the full name stands for it
        "moor's": 1,
        "millbrook": 6,  # a place: listed among the places
        "about": 4,  # "About 40 homes...": a sentence start, not a name
        "larkspur grain terminal": 2,
        "larkspur": 1,
        "council votes to rebuild larkspur terminal": 2,  # a headline fragment
        "oskar lind": 1,
    }
    found = key_entities(names, ["Millbrook"], limit=8)
    assert found == ("tessa moor", "larkspur grain terminal", "oskar lind")
    assert key_entities(names, ["Millbrook"], limit=2) == ("tessa moor", "larkspur grain terminal")


def test_a_surname_named_far_more_often_than_a_full_name_keeps_its_place() -> None:
    # "Moor" 9 times, "Ada Moor" once: probably another Moor, not the same person.
    assert key_entities({"moor": 9, "ada moor": 1}, [], limit=8) == ("moor",)
