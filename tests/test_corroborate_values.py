"""Whether two claimed values can both be true: units, bounds, ordinals, denials."""

from __future__ import annotations

import pytest

from crosscheck.corroborate.settings import CorroborateSettings
from crosscheck.corroborate.text import names_match
from crosscheck.corroborate.values import interval, values_compatible
from crosscheck.errors import SettingsError
from crosscheck.records import Bound, Claim, Hedge, Slot, Span

SETTINGS = CorroborateSettings()


def claim(value: str, slot: Slot = Slot.DISTANCE, **fields: object) -> Claim:
    return Claim("a1", 0, Span(0, 1), slot, value, value, **fields)  # type: ignore[arg-type]


def compatible(first: Claim, second: Claim) -> bool:
    return values_compatible(first, second, SETTINGS)


def test_about_forty_and_about_fifty_miles_conflict() -> None:
    forty = claim("40", unit="mi", bound=Bound.ABOUT)
    fifty = claim("50", unit="mi", bound=Bound.ABOUT)
    assert not compatible(forty, fifty)


def test_intervals_from_extraction_are_not_widened_twice() -> None:
    # What extraction writes for "about 50 miles" and "nearly 40 miles".
    fifty = claim("50", unit="mi", bound=Bound.ABOUT, low=45.0, high=55.0)
    nearly_forty = claim("40", unit="mi", bound=Bound.ABOUT, low=36.0, high=40.0)
    assert not compatible(fifty, nearly_forty)
    assert compatible(nearly_forty, claim("39", unit="mi"))


def test_about_forty_and_forty_two_miles_agree() -> None:
    assert compatible(claim("40", unit="mi", bound=Bound.ABOUT), claim("42", unit="mi"))


def test_miles_and_kilometres_compare_after_conversion() -> None:
    assert compatible(claim("12", unit="mi"), claim("19", unit="km"))
    assert not compatible(claim("12", unit="mi"), claim("12", unit="km"))


def test_at_least_is_open_above() -> None:
    at_least_four = claim("4", slot=Slot.CASUALTIES, unit="people", bound=Bound.AT_LEAST)
    assert compatible(at_least_four, claim("9", slot=Slot.CASUALTIES, unit="people"))
    assert not compatible(at_least_four, claim("2", slot=Slot.CASUALTIES, unit="people"))


def test_up_to_is_closed_above() -> None:
    up_to_five = claim("5", slot=Slot.CASUALTIES, unit="people", bound=Bound.AT_MOST)
    assert compatible(up_to_five, claim("0", slot=Slot.CASUALTIES, unit="people"))
    assert not compatible(up_to_five, claim("7", slot=Slot.CASUALTIES, unit="people"))


def test_none_and_four_conflict() -> None:
    none = claim("0", slot=Slot.CASUALTIES, unit="people")
    four = claim("4", slot=Slot.CASUALTIES, unit="people")
    assert not compatible(none, four)


def test_explicit_interval_is_used_as_given() -> None:
    ranged = claim("11", slot=Slot.CASUALTIES, bound=Bound.RANGE, low=10.0, high=12.0)
    found = interval(ranged, SETTINGS)
    assert found is not None and (found.low, found.high) == (10.0, 12.0)
    assert not compatible(ranged, claim("13", slot=Slot.CASUALTIES))


def test_text_values_agree_when_one_contains_the_other() -> None:
    assert compatible(claim("Tochka-U", Slot.WEAPON), claim("OTR-21 Tochka-U", Slot.WEAPON))
    assert not compatible(claim("Tochka-U", Slot.WEAPON), claim("Iskander", Slot.WEAPON))


def test_first_and_second_conflict_even_in_longer_wording() -> None:
    first = claim("first strike on the territory", Slot.PRECEDENT)
    second = claim("the second strike", Slot.PRECEDENT)
    assert not compatible(first, second)
    assert compatible(first, claim("first", Slot.PRECEDENT))


def test_a_denial_conflicts_with_the_same_value_affirmed() -> None:
    affirmed = claim("drone", Slot.WEAPON)
    denied = claim("drone", Slot.WEAPON, hedge=Hedge.DENIED)
    assert not compatible(affirmed, denied)
    assert compatible(denied, claim("artillery shell", Slot.WEAPON))


def test_a_negated_statement_denies_its_positive() -> None:
    said = claim("the depot supplied the garrison", Slot.STATEMENT)
    unsaid = claim("the depot did not supply the garrison", Slot.STATEMENT)
    assert not compatible(said, unsaid)
    assert compatible(said, claim("the depot fed fuel to the garrison", Slot.STATEMENT))


def test_figures_in_different_dimensions_never_agree() -> None:
    assert not compatible(claim("3", unit="hour"), claim("3", unit="km"))


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Gladkov", "Regional Gov. Vyacheslav Gladkov", True),
        ("TASS", "Tass", True),
        ("Vyacheslav Gladkov", "Yuriy Butusov", False),
        ("a source", "emergency services source", False),
        ("officials", "Officials", True),
    ],
)
def test_source_names_match_across_wordings(first: str, second: str, same: bool) -> None:
    assert names_match(first, second) is same


@pytest.mark.parametrize("setting", ["statement_similarity", "about_tolerance", "exact_tolerance"])
def test_settings_name_the_bad_value(setting: str) -> None:
    with pytest.raises(SettingsError, match=setting):
        CorroborateSettings(**{setting: 1.5})  # type: ignore[arg-type]
