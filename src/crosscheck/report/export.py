"""The corpus-wide JSON export (`crosscheck export --format json`).

Field names here are a public contract: later versions add fields, never rename.
Article ids in the export are the users' own source ids, not content hashes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from crosscheck.cluster.vouching import not_vouching
from crosscheck.records import Article, Event, Placement, PlacementKind, Reprint
from crosscheck.store.base import Store


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_summary(article: Article) -> dict[str, Any]:
    """An article as every export names it: source id as "id", content hash as "article_id"."""
    return {
        "id": article.source_id,
        "article_id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": iso(article.published),
        "url": article.url,
    }


def reprint_summary(reprint: Reprint) -> dict[str, Any]:
    """A reprint as every view names it: its own source id as "id", with its outlet's metadata."""
    return {
        "id": reprint.source_id,
        "outlet": reprint.outlet,
        "title": reprint.title,
        "published": iso(reprint.published),
        "url": reprint.url,
    }


def placement_summary(placement: Placement | None, vouches: bool = True) -> dict[str, Any] | None:
    """How clustering placed the article: "joined" (at what link probability), "opened"...

    `vouches` is False for a member that joined below the vouch probability and that no
    person's merge or split has touched since: later articles are not compared with it
    (`cluster.vouching`).
    """
    if placement is None:
        return None
    joined = placement.kind is PlacementKind.JOINED
    return {
        "kind": placement.kind.value,
        "link_probability": (
            round(placement.best_probability, 3)
            if joined and placement.best_probability is not None
            else None
        ),
        "merged": list(placement.merged),
        "vouches": vouches,
    }


def export_json(store: Store) -> dict[str, Any]:
    """{"events", "articles", "reprints"}: every live event, stored article and reprint.

    A reprint (another outlet's record of a stored article's text) is listed with
    the article it repeats ("of", by source id) and that article's event.
    """
    articles = list(store.articles())
    source_ids = {article.id: article.source_id for article in articles}
    event_of = {article.id: store.event_of(article.id) for article in articles}
    placed = store.placements()
    events = store.events()
    weak = not_vouching(store, (event.id for event in events))
    return {
        "events": [_event_json(event, source_ids) for event in events],
        "articles": [
            _article_json(article, event_of[article.id], placed.get(article.id), weak)
            for article in articles
        ],
        "reprints": [
            _reprint_json(reprint, source_ids, event_of.get(reprint.article_id))
            for reprint in store.reprints()
        ],
    }


def _event_json(event: Event, source_ids: dict[str, str]) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "articles": [source_ids.get(article_id, article_id) for article_id in event.article_ids],
        "places": list(event.places),
        "entities": list(event.entities),
    }


def _article_json(
    article: Article, event_id: str | None, placement: Placement | None, weak: frozenset[str]
) -> dict[str, Any]:
    placed = placement_summary(placement, article.id not in weak)
    return {**article_summary(article), "event": event_id, "placed": placed}


def _reprint_json(
    reprint: Reprint, source_ids: dict[str, str], event_id: str | None
) -> dict[str, Any]:
    return {
        "id": reprint.source_id,  # first, as in the articles list
        "of": source_ids.get(reprint.article_id, reprint.article_id),
        "article_id": reprint.article_id,
        **reprint_summary(reprint),
        "event": event_id,
    }
