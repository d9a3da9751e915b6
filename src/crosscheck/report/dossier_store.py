"""Load an event's records from the store and build its dossier."""

from __future__ import annotations

from crosscheck.cluster.vouching import not_vouching
from crosscheck.corroborate.align import Embedder
from crosscheck.corroborate.dossier import Dossier, build_dossier
from crosscheck.corroborate.settings import DEFAULT_SETTINGS, CorroborateSettings
from crosscheck.records import ArticleFacts, Event
from crosscheck.store.base import Store


def dossier_from_store(
    store: Store,
    event: Event,
    settings: CorroborateSettings = DEFAULT_SETTINGS,
    embedder: Embedder | None = None,
) -> Dossier:
    """The dossier of `event` from what the store holds (facts missing: no claims)."""
    # One query per table for the whole event, not one per article.
    articles = store.get_articles(event.article_ids)
    stored = store.get_many_facts(article.id for article in articles)
    facts: list[ArticleFacts] = [stored[a.id] for a in articles if a.id in stored]
    links = store.copy_links(event.article_ids)
    reprints = store.reprints(event.article_ids)
    placements = store.placements(event.article_ids).values()
    weak = not_vouching(store, [event.id])
    return build_dossier(
        event, articles, facts, links, settings, embedder, reprints, placements, weak
    )
