"""A count of one beside the article's own larger count is one of several, not a total."""

from __future__ import annotations

from crosscheck.extract.single_victims import ONE_OF_SEVERAL, mark_single_victims
from crosscheck.records import Bound, Claim, Slot, Span


def casualty(value: str, scope: str = "shot people", **fields: object) -> Claim:
    return Claim("a", 0, Span(0, 1), Slot.CASUALTIES, value, "t", scope=scope, **fields)  # type: ignore[arg-type]


def test_one_beside_a_larger_count_in_its_scope_gets_a_scope_of_its_own() -> None:
    four, one = casualty("4"), casualty("1")
    marked = mark_single_victims([four, one])
    assert marked[0] == four
    assert marked[1].scope == f"shot people, {ONE_OF_SEVERAL}" and marked[1].value == "1"


def test_a_lone_one_and_ones_in_other_scopes_or_bounds_stay_totals() -> None:
    lone = [casualty("1"), casualty("3", scope="killed people")]
    assert mark_single_victims(lone) == lone
    at_least = [casualty("4"), casualty("1", bound=Bound.AT_LEAST)]
    assert mark_single_victims(at_least) == at_least
    not_casualties = [
        casualty("4"),
        Claim("a", 1, Span(0, 1), Slot.DISTANCE, "1", "t", scope="shot people"),
    ]
    assert mark_single_victims(not_casualties) == not_casualties
