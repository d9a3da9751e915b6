"""`crosscheck review`: the placements clustering was least sure of, for a person to check.

A placement near the link threshold is where the model could as well have gone
the other way: an article that barely joined its event may be a look-alike (split
it out), one that barely opened an event of its own may report a stored event
(merge), and one whose runner-up was nearly as probable may be in the wrong
event. Articles a user has already merged or split are left out: a person decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from crosscheck.records import Article, Placement, PlacementKind
from crosscheck.report.article_view import placement_reasons
from crosscheck.store.base import Store

DEFAULT_MARGIN = 0.15


class Doubt(StrEnum):
    BARELY_JOINED = "barely joined"  # just above the threshold: maybe a look-alike
    BARELY_APART = "barely apart"  # just below it: maybe the same event
    CLOSE_CALL = "close call"  # the runner-up was nearly as probable


@dataclass(frozen=True, slots=True)
class Doubtful:
    article: Article
    event_id: str | None  # the article's event now
    placement: Placement
    doubt: Doubt
    other_event: str | None  # the event it might belong to instead (None: a new one)
    margin: float  # how far the decision was from going the other way


def doubtful_placements(store: Store, margin: float = DEFAULT_MARGIN) -> list[Doubtful]:
    """Placements within `margin` of going the other way, closest first."""
    edited = {article for _, first, second in store.constraints() for article in (first, second)}
    doubted = {}
    for article_id, placement in store.placements().items():
        judged = doubt_of(placement)
        if article_id not in edited and judged is not None and judged[2] < margin:
            doubted[article_id] = (placement, *judged)
    found = []
    # Only the doubted articles are read: a review of a large store stays cheap.
    for article in store.get_articles(sorted(doubted)):
        placement, doubt, other, distance = doubted[article.id]
        event_id = store.event_of(article.id)
        # A later merge may have put the other event with this one: nothing left to doubt.
        other = store.get_event(other).id if other is not None else None
        if other is None or other != event_id:
            found.append(Doubtful(article, event_id, placement, doubt, other, distance))
    return sorted(found, key=lambda item: (item.margin, item.article.source_id))


def doubt_of(placement: Placement) -> tuple[Doubt, str | None, float] | None:
    """The closest way the decision could have gone otherwise, and how close it was."""
    best = placement.best_probability
    if best is None or placement.kind is PlacementKind.TOGETHER:
        return None
    if placement.kind is PlacementKind.OPENED:
        return Doubt.BARELY_APART, placement.best_event, placement.threshold - best
    options: list[tuple[Doubt, str | None, float]] = [
        (Doubt.BARELY_JOINED, None, best - placement.threshold)
    ]
    runner_up = placement.runner_up_probability
    if runner_up is not None and runner_up >= placement.threshold:
        options.append((Doubt.CLOSE_CALL, placement.runner_up, best - runner_up))
    return min(options, key=lambda option: option[2])


def review_json(items: list[Doubtful]) -> list[dict[str, Any]]:
    return [
        {
            "id": item.article.source_id,
            "title": item.article.title,
            "event": item.event_id,
            "doubt": item.doubt.value,
            "probability": item.placement.best_probability,
            "threshold": item.placement.threshold,
            "other_event": item.other_event,
            "margin": round(item.margin, 4),
            "reasons": placement_reasons(item.placement),
        }
        for item in items
    ]
