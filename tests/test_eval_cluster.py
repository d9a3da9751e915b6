"""eval/cluster.py's batch size and fixed thresholds: which runs its held-out floors hold."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from cluster import HELD_OUT_FOLDS, ONLINE_BATCH, measured_as_floors

EVAL = Path(__file__).resolve().parents[1] / "eval"


def _run(
    seed: int = 0,
    folds: int = HELD_OUT_FOLDS,
    batch: int = ONLINE_BATCH,
    thresholds: tuple[float, float] | None = None,
) -> bool:
    run = argparse.Namespace(seed=seed, folds=folds, online_batch=batch, thresholds=thresholds)
    return bool(measured_as_floors(run))


def test_the_held_out_floors_hold_the_run_they_were_measured_with() -> None:
    assert _run()


@pytest.mark.parametrize(
    "other",
    [{"seed": 1}, {"folds": HELD_OUT_FOLDS + 1}, {"batch": 256}, {"thresholds": (0.3, 0.9)}],
    ids=str,
)
def test_another_seed_fold_count_batch_size_or_fixed_thresholds_is_not_held_to_them(
    other: dict[str, Any],
) -> None:
    assert not _run(**other)


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EVAL / "cluster.py"), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_batch_below_one_article_is_refused_naming_the_option() -> None:
    refused = _cli("--online-batch", "0", "some.jsonl")
    assert refused.returncode == 2
    assert "--online-batch: 0 is not a positive number of articles" in refused.stderr


def test_the_shipped_thresholds_are_only_tuned_in_the_floors_batch_size() -> None:
    refused = _cli("--train", "--write", "--online-batch", "256")
    assert refused.returncode == 2
    assert f"--write tunes the shipped thresholds in batches of {ONLINE_BATCH}" in refused.stderr


def test_fixed_thresholds_cannot_be_shipped() -> None:
    refused = _cli("--train", "--write", "--thresholds", "0.3", "0.9")
    assert refused.returncode == 2
    assert "--write tunes the shipped thresholds: it cannot take --thresholds" in refused.stderr


@pytest.mark.parametrize(
    ("link", "merge", "said"),
    [
        ("0", "0.9", "--thresholds: 0.0 is not a probability above 0"),
        ("0.9", "0.3", "--thresholds: the merge threshold must be above the link threshold"),
    ],
)
def test_thresholds_that_cannot_cluster_are_refused(link: str, merge: str, said: str) -> None:
    refused = _cli("--train", "--thresholds", link, merge)
    assert refused.returncode == 2
    assert said in refused.stderr
