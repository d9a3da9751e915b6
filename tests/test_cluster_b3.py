"""The B3 scorer shared by the clustering evaluation (eval/b3.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from b3 import b3

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_perfect_clustering_scores_one() -> None:
    predicted = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    assert b3(predicted, GOLD) == (1.0, 1.0, 1.0)


def test_one_big_cluster_keeps_recall_and_loses_precision() -> None:
    score = b3(dict.fromkeys(GOLD, "all"), GOLD)
    assert score.recall == 1.0
    assert score.precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)


def test_singletons_keep_precision_and_lose_recall() -> None:
    score = b3({item: item for item in GOLD}, GOLD)
    assert score.precision == 1.0
    assert score.recall == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)


def test_missing_predictions_count_as_singletons() -> None:
    assert b3({"a": "x", "b": "x"}, GOLD) == b3(
        {"a": "x", "b": "x", "c": "c", "d": "d", "e": "e"}, GOLD
    )


def test_f1_is_the_harmonic_mean() -> None:
    score = b3({"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}, GOLD)
    assert score.f1 == pytest.approx(
        2 * score.precision * score.recall / (score.precision + score.recall)
    )


def test_empty_gold_is_an_error() -> None:
    with pytest.raises(ValueError):
        b3({}, {})


def test_a_scored_subset_counts_every_member_of_its_clusters() -> None:
    # "d" and "e" (gold 2) were put with "c" (gold 1): scoring only d and e must
    # still see "c" in their cluster, which a score over d and e alone would not.
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    score = b3(predicted, GOLD, scored=["d", "e"])
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0
    assert b3(predicted, {"d": 2, "e": 2}) == (1.0, 1.0, 1.0)


def test_scoring_every_item_is_the_plain_score() -> None:
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    assert b3(predicted, GOLD, scored=list(GOLD)) == b3(predicted, GOLD)
