"""eval/cluster.py's orders, batch size, fixed thresholds and folds clustered alone: which
runs its held-out floors hold."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from crosscheck.cluster import training
from crosscheck.cluster.features import LinkModel
from crosscheck.cluster.profile import embedding_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from cluster import (
    HELD_OUT_FOLDS,
    HELD_OUT_ORDERS,
    ONLINE_BATCH,
    _fold_scores,
    measured_as_floors,
)

EVAL = Path(__file__).resolve().parents[1] / "eval"
# What a shipping run takes, so that each refusal below is the one its test names.
SIX_ORDERS = ("--orders", str(HELD_OUT_ORDERS))


def _run(
    seed: int = 0,
    folds: int = HELD_OUT_FOLDS,
    orders: int = HELD_OUT_ORDERS,
    batch: int = ONLINE_BATCH,
    thresholds: tuple[float, float] | None = None,
    alone: bool = False,
) -> bool:
    run = argparse.Namespace(
        seed=seed,
        folds=folds,
        orders=orders,
        online_batch=batch,
        thresholds=thresholds,
        alone=alone,
    )
    return bool(measured_as_floors(run))


def test_the_held_out_floors_hold_the_run_they_were_measured_with() -> None:
    assert _run()


@pytest.mark.parametrize(
    "other",
    [
        {"seed": 1},
        {"folds": HELD_OUT_FOLDS + 1},
        {"orders": 2},
        {"batch": 256},
        {"thresholds": (0.3, 0.9)},
        {"alone": True},
    ],
    ids=str,
)
def test_another_seed_fold_count_order_count_batch_size_thresholds_or_alone_is_not_held(
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
    refused = _cli("--train", "--write", "--online-batch", "256", *SIX_ORDERS)
    assert refused.returncode == 2
    assert f"--write tunes the shipped thresholds in batches of {ONLINE_BATCH}" in refused.stderr


def test_the_shipped_thresholds_are_only_tuned_over_the_floors_orders() -> None:
    refused = _cli("--train", "--write", "--orders", "2")
    assert refused.returncode == 2
    assert f"--write tunes the shipped thresholds over --orders {HELD_OUT_ORDERS}" in refused.stderr


def test_fixed_thresholds_cannot_be_shipped() -> None:
    refused = _cli("--train", "--write", "--thresholds", "0.3", "0.9", *SIX_ORDERS)
    assert refused.returncode == 2
    assert "--write tunes the shipped thresholds: it cannot take --thresholds" in refused.stderr


def test_folds_clustered_alone_cannot_tune_the_shipped_thresholds() -> None:
    refused = _cli("--train", "--write", "--alone", *SIX_ORDERS)
    assert refused.returncode == 2
    assert (
        "--write tunes the shipped thresholds in context: it cannot take --alone" in refused.stderr
    )


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


def _two_reports_of_two_storms(tmp_path: Path) -> list[training.Labelled]:
    """Two reports that read alike but belong to two topics, each its own fold."""
    body = (
        "A storm flooded the harbour of Karsk on Tuesday, the port authority said. "
        "Ferries to Eastwatch were cancelled and two piers were closed."
    )
    records = [
        {"id": "a", "event": "storm-1", "topic": "1", "title": "Storm floods Karsk harbour"},
        {"id": "b", "event": "storm-2", "topic": "2", "title": "Storm floods Karsk harbour!"},
    ]
    path = tmp_path / "storms.jsonl"
    path.write_text(
        "".join(
            json.dumps({**record, "text": body, "published": "2026-03-03"}) + "\n"
            for record in records
        ),
        encoding="utf-8",
    )
    return training.load_labelled(path)


def test_alone_scores_each_fold_clustered_by_itself(tmp_path: Path) -> None:
    items = _two_reports_of_two_storms(tmp_path)
    texts = [embedding_text(item.article) for item in items]
    vector = np.ones(384, dtype=np.float32) / np.sqrt(384)
    embedder = training.Embeddings.known(texts, np.stack([vector, vector]))
    files = {"storms.jsonl": items}
    split = {"storms.jsonl": [[items[0]], [items[1]]]}

    def scored(alone: bool) -> list[float]:
        run = argparse.Namespace(alone=alone, orders=1, online_batch=ONLINE_BATCH)
        found = _fold_scores(files, split, embedder, LinkModel.shipped(), (0.3, 0.9), run)
        return [score.precision for score in found["storms.jsonl"]]

    # Within the whole file the second report joins the first's event: each fold's
    # article shares it with the other fold's. Alone, each fold holds only its own.
    assert scored(alone=False) == [0.5, 0.5]
    assert scored(alone=True) == [1.0, 1.0]
