"""Load an event's records from the store and build its dossier."""

from __future__ import annotations

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
    articles = [store.get_article(article_id) for article_id in event.article_ids]
    stored = (store.get_facts(article.id) for article in articles)
    facts: list[ArticleFacts] = [item for item in stored if item is not None]
    links = store.copy_links(event.article_ids)
    return build_dossier(event, articles, facts, links, settings, embedder)
