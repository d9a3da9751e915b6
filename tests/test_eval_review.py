"""What eval/review.py counts as misplaced, and the lift it holds to a floor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from review import ReviewFigures, misplaced

# Gold: incidents x (a, b, c) and y (d, e).
GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}


def test_a_perfect_clustering_misplaces_nothing() -> None:
    assert misplaced({"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}, GOLD) == set()


def test_an_article_split_from_its_incidents_main_event_is_misplaced() -> None:
    assert misplaced({"a": "1", "b": "1", "c": "3", "d": "2", "e": "2"}, GOLD) == {"c"}


def test_a_look_alike_in_an_event_of_another_incident_is_misplaced() -> None:
    # d joined x's event, which is mostly x: d is misplaced. y's two articles are split
    # one and one; the tie goes by event name, so y's main event is "1" and e, apart
    # from it, is misplaced as well.
    placed = {"a": "1", "b": "1", "c": "1", "d": "1", "e": "2"}
    assert misplaced(placed, GOLD) == {"d", "e"}


def test_articles_without_gold_are_not_scored() -> None:
    assert misplaced({"a": "1", "b": "1", "c": "1", "z": "1"}, GOLD) == set()


def test_lift_is_how_much_more_often_listed_articles_are_misplaced() -> None:
    figures = ReviewFigures(listed=20, listed_misplaced=5, articles=1000, misplaced=50)
    assert figures.listed_share == pytest.approx(0.25)
    assert figures.overall_share == pytest.approx(0.05)
    assert figures.lift == pytest.approx(5.0)
    assert ReviewFigures(0, 0, 10, 0).lift == 0.0
