"""The collector's pacing is raised inside a batch and restored after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from crosscheck.gc_pacing import fewer_collections


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_the_youngest_generation_runs_less_often_inside_and_as_before_after() -> None:
    with fewer_collections(20_000):
        assert gc.get_threshold() == (20_000, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_when_the_batch_fails() -> None:
    with pytest.raises(RuntimeError), fewer_collections(20_000):
        raise RuntimeError("batch failed")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_nested_block_leaves_the_outer_setting_alone() -> None:
    with fewer_collections(20_000):
        with fewer_collections(5_000):
            assert gc.get_threshold() == (20_000, 10, 10)
        assert gc.get_threshold() == (20_000, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_collector_still_runs_inside() -> None:
    collected: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected.append(info["generation"])

    gc.callbacks.append(record)
    try:
        with fewer_collections(1_000):
            for _ in range(50):
                cycle: list[object] = []
                cycle.append(cycle)
                _ = [[] for _ in range(1_000)]
    finally:
        gc.callbacks.remove(record)
    assert collected, "no collection ran"
