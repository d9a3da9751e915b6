"""`crosscheck review`: which placements a person should check (fiction written for these tests)."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from crosscheck.cluster.memory import MemoryStore
from crosscheck.records import (
    Article,
    DatePrecision,
    Event,
    Placement,
    PlacementKind,
)
from crosscheck.report.review import Doubt, doubt_of, doubtful_placements, review_json

THRESHOLD = 0.3


def _article(source_id: str) -> Article:
    digest = hashlib.sha256(source_id.encode()).hexdigest()
    body = (f"Report {source_id} on the Millbrook silo fire.",)
    return Article(
        digest, source_id, f"Silo fire {source_id}", body, datetime(2024, 3, 4), DatePrecision.DAY
    )


def _joined(
    article: Article, event: str, best: float, runner_up: tuple[str, float] | None = None
) -> Placement:
    return Placement(
        article.id,
        event,
        PlacementKind.JOINED,
        THRESHOLD,
        best_event=event,
        best_probability=best,
        runner_up=runner_up[0] if runner_up else None,
        runner_up_probability=runner_up[1] if runner_up else None,
    )


def _opened(article: Article, event: str, best: tuple[str, float] | None) -> Placement:
    return Placement(
        article.id,
        event,
        PlacementKind.OPENED,
        THRESHOLD,
        best_event=best[0] if best else None,
        best_probability=best[1] if best else None,
    )


def _store(placements: dict[str, str]) -> tuple[MemoryStore, dict[str, Article]]:
    """Articles by source id, each saved in the event named beside it."""
    store = MemoryStore()
    articles = {source_id: _article(source_id) for source_id in placements}
    members: dict[str, list[str]] = {}
    for source_id, event in placements.items():
        store.add_article(articles[source_id], ())
        members.setdefault(event, []).append(articles[source_id].id)
    for event, ids in members.items():
        store.save_event(Event(event, "Silo fire", None, None, tuple(ids)))
    return store, articles


def test_the_closest_calls_are_listed_first_and_sure_ones_not_at_all() -> None:
    store, a = _store(
        {
            "sure": "E1",
            "barely": "E1",
            "apart": "E2",
            "torn": "E3",
            "alone": "E4",
        }
    )
    store.put_placements(
        [
            _joined(a["sure"], "E1", 0.95),
            _joined(a["barely"], "E1", 0.34),
            _opened(a["apart"], "E2", ("E1", 0.21)),
            _joined(a["torn"], "E3", 0.62, ("E1", 0.60)),
            _opened(a["alone"], "E4", None),  # no candidate at all: nothing to doubt
        ]
    )
    listed = doubtful_placements(store, margin=0.15)
    assert [(i.article.source_id, i.doubt, i.other_event) for i in listed] == [
        ("torn", Doubt.CLOSE_CALL, "E1"),
        ("barely", Doubt.BARELY_JOINED, None),
        ("apart", Doubt.BARELY_APART, "E1"),
    ]
    assert [item.margin for item in listed] == pytest.approx([0.02, 0.04, 0.09])
    assert review_json(listed)[0] | {"probability": 0} == {
        "id": "torn",
        "title": "Silo fire torn",
        "event": "E3",
        "doubt": "close call",
        "probability": 0,
        "threshold": THRESHOLD,
        "other_event": "E1",
        "margin": 0.02,
        "reasons": None,  # these placements kept no signals to weigh
    }
    assert doubtful_placements(store, margin=0.01) == []


def test_a_person_s_merge_or_split_settles_thedoubt_of() -> None:
    store, a = _store({"barely": "E1", "apart": "E2", "other": "E1"})
    store.put_placements(
        [_joined(a["barely"], "E1", 0.31), _opened(a["apart"], "E2", ("E1", 0.25))]
    )
    store.add_constraint("apart", a["barely"].id, a["other"].id)
    assert [i.article.source_id for i in doubtful_placements(store)] == ["apart"]
    store.record_merge("E2", "E1")  # the event it nearly joined is now its own
    assert doubtful_placements(store) == []


def test_a_joined_placementdoubt_ofs_the_nearer_of_threshold_and_runner_up() -> None:
    article = _article("x")
    below_threshold_runner_up = _joined(article, "E1", 0.5, ("E2", 0.29))
    assert doubt_of(below_threshold_runner_up) == (Doubt.BARELY_JOINED, None, pytest.approx(0.2))
    near_runner_up = _joined(article, "E1", 0.9, ("E2", 0.85))
    assert doubt_of(near_runner_up) == (Doubt.CLOSE_CALL, "E2", pytest.approx(0.05))
    together = Placement(article.id, "E1", PlacementKind.TOGETHER, THRESHOLD)
    assert doubt_of(together) is None
