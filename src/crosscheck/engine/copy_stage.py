"""The copies stage bound to a store: document fingerprints at ingest, sentence links per event.

Two passes, because they answer different questions at different costs:
- every new article is fingerprinted (MinHash) and checked against the streaming
  index of all stored ones: exact and near duplicates, wherever they cluster;
- after clustering, the articles of each changed event are aligned sentence by
  sentence (verbatim reuse and paraphrase), which finds spun rewrites that
  share almost no shingles with their original.
The index is rebuilt from the stored signatures when a process first needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, islice

import numpy as np

from crosscheck.copies import (
    MinHashSettings,
    NearDuplicateIndex,
    near_duplicate_link,
    signature_from_bytes,
    signature_to_bytes,
    text_digest,
)
from crosscheck.copies.align import LinkPlan, SentenceEmbeddings, finish_links, plan_links
from crosscheck.records import Article, CopyLink
from crosscheck.store.base import Store

# Stored signatures are indexed this many at a time when a process starts.
_LOAD_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class EventsPlan:
    """`plan_events`' result: each event's link plan with the article pairs it covers."""

    events: tuple[tuple[LinkPlan, frozenset[frozenset[str]]], ...]

    @property
    def texts_to_embed(self) -> list[str]:
        return list(dict.fromkeys(text for plan, _ in self.events for text in plan.texts_to_embed))


class CopyStage:
    def __init__(self, store: Store, settings: MinHashSettings | None = None) -> None:
        self.store = store
        self.settings = settings or MinHashSettings()
        self._index: NearDuplicateIndex | None = None
        # One cache per run: an event re-aligned after each batch embeds only its new sentences.
        self._embeddings = SentenceEmbeddings()
        # Article pairs aligned in this run: a pair's links depend on its two articles
        # only, so a growing event aligns just its new pairs (a batch that fails ends
        # the run, so nothing rolled back is remembered as done).
        self._compared: set[frozenset[str]] = set()

    def add_documents(self, articles: Sequence[Article]) -> list[CopyLink]:
        """Fingerprint new articles, store their near-duplicate links, and return them."""
        index = self._loaded_index()
        bodies = [article.body for article in articles]
        signatures = index.signatures(bodies)  # the whole batch in one matrix op
        digests = [text_digest(body) for body in bodies]
        self.store.put_signatures(
            (article.id, article.published, digest, signature_to_bytes(signature, self.settings))
            for article, signature, digest in zip(articles, signatures, digests, strict=True)
        )
        matches = index.add_many(
            [article.id for article in articles],
            signatures,
            [article.published for article in articles],
            digests,
        )
        others = self._articles_by_id({other_id for found in matches for other_id, _ in found})
        links = [
            near_duplicate_link(others[other_id], article, jaccard, jaccard >= 1.0)
            for article, found in zip(articles, matches, strict=True)
            for other_id, jaccard in found
        ]
        index.expire_stale()
        self.store.put_copy_links(links)
        return links

    def link_events(self, event_ids: Iterable[str]) -> list[CopyLink]:
        """Align the sentences of each event's articles; store and return the links found."""
        return self.finish_events(self.plan_events(event_ids))

    def plan_events(self, event_ids: Iterable[str]) -> EventsPlan:
        """The lexical pass of `link_events` over every event, nothing stored yet.

        The sentences its plans leave open (`EventsPlan.texts_to_embed`) can be
        embedded in one batch, in the engine's embedding process, before `finish_events`.
        """
        plans: list[tuple[LinkPlan, frozenset[frozenset[str]]]] = []
        for event_id in sorted(event_ids):
            event = self.store.get_event(event_id)
            fresh = frozenset(
                pair
                for pair in map(frozenset, combinations(sorted(event.article_ids), 2))
                if pair not in self._compared
            )
            if not fresh:
                continue
            involved = sorted(set().union(*fresh))
            articles = self.store.get_articles(involved)
            # Sentence facts are cached per article id, so only uncached articles need sentences.
            uncached = [
                article_id for article_id in involved if article_id not in self._embeddings.facts
            ]
            sentences = self.store.sentences_of(uncached)
            plan = plan_links(articles, sentences, embeddings=self._embeddings, only_pairs=fresh)
            plans.append((plan, fresh))
        return EventsPlan(tuple(plans))

    def finish_events(self, plan: EventsPlan) -> list[CopyLink]:
        """Decide, store and return the links of `plan_events` (embedding what is missing)."""
        found: list[CopyLink] = []
        for event_plan, fresh in plan.events:
            found.extend(finish_links(event_plan, self._embeddings))
            self._compared |= fresh
        self.store.put_copy_links(found)  # one statement for the batch's events
        return found

    def _articles_by_id(self, article_ids: Iterable[str]) -> dict[str, Article]:
        wanted = sorted(article_ids)
        return dict(zip(wanted, self.store.get_articles(wanted), strict=True))

    def _loaded_index(self) -> NearDuplicateIndex:
        if self._index is None:
            self._index = NearDuplicateIndex(self.settings)
            stored = iter(self.store.signatures())
            while chunk := list(islice(stored, _LOAD_CHUNK)):
                ids, dates, digests, data = zip(*chunk, strict=True)
                matrix = np.stack([signature_from_bytes(item, self.settings) for item in data])
                self._index.add_many(list(ids), matrix, list(dates), list(digests))
        return self._index
