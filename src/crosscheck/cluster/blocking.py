"""Blocking: which stored articles a new article is worth comparing with.

Every article is filed under a few keys: its rarest names, its numbers, its
most distinctive words, and the buckets of a random-hyperplane LSH of its
embedding (an approximate nearest-neighbour index). A key's posting list keeps
only its most recent articles, so finding candidates costs the same whether
the store holds a thousand articles or a million.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable

import numpy as np

from crosscheck.cluster.profile import ArticleProfile, Vector
from crosscheck.cluster.stats import DocFreq, name_key

NAMES_FILED = 12
NUMBERS_FILED = 10
WORDS_FILED = 10
# 8 bands of 10 hyperplanes: two title+lead embeddings at cosine 0.8 share a
# band with probability ~0.9, at cosine 0.3 with ~0.03 (1 - (1 - p**10)**8,
# p = 1 - angle/pi).
LSH_BANDS, LSH_BITS = 8, 10
LSH_WEIGHT = 2.0
_SEED = 20240501


class Hyperplanes:
    """Fixed random hyperplanes (seeded, so every process files alike)."""

    def __init__(self, dimension: int) -> None:
        generator = np.random.default_rng(_SEED)
        self.planes = generator.standard_normal((LSH_BANDS * LSH_BITS, dimension)).astype(
            np.float32
        )

    def bands(self, embedding: Vector) -> list[str]:
        bits = (self.planes @ embedding) > 0
        codes = bits.reshape(LSH_BANDS, LSH_BITS) @ (1 << np.arange(LSH_BITS))
        return [f"l:{band}:{int(code)}" for band, code in enumerate(codes)]


def blocking_keys(profile: ArticleProfile, frequencies: DocFreq, planes: Hyperplanes) -> list[str]:
    """The keys an article is filed under and looked up by."""
    rarest_names = sorted(profile.names, key=lambda name: (-frequencies.idf(name_key(name)), name))
    distinctive_words = sorted(
        profile.terms, key=lambda term: (-frequencies.idf(term) * profile.terms[term], term)
    )
    keys = [f"n:{name}" for name in rarest_names[:NAMES_FILED]]
    longest_numbers = sorted(profile.numbers, key=lambda number: (-len(number), number))
    keys += [f"#:{number}" for number in longest_numbers]
    keys = keys[: NAMES_FILED + NUMBERS_FILED]
    keys += [f"t:{term}" for term in distinctive_words[:WORDS_FILED]]
    if profile.embedding.size:
        keys += planes.bands(profile.embedding)
    return keys


class Posting:
    """The most recent articles filed under one key, and how many ever were.

    Beside each article it keeps the event the article was filed into: a hint
    that spares a store lookup per candidate (the linker checks it against the
    event's members, since a merge or split may have moved the article since).
    """

    __slots__ = ("events", "ids", "total")

    def __init__(
        self, total: int = 0, ids: list[str] | None = None, events: list[str] | None = None
    ) -> None:
        self.total = total
        self.ids = ids if ids is not None else []
        known = events is not None and len(events) == len(self.ids)
        self.events = events if events is not None and known else [""] * len(self.ids)

    def add(self, article_id: str, capacity: int, event_id: str = "") -> None:
        if article_id in self.ids:
            return
        self.total += 1
        self.ids.append(article_id)
        self.events.append(event_id)
        del self.ids[:-capacity]
        del self.events[:-capacity]

    def remove(self, article_id: str) -> None:
        """Take the article off the list (`total`, how many were ever filed, stays)."""
        if article_id in self.ids:
            index = self.ids.index(article_id)
            del self.ids[index]
            del self.events[index]


def rank_candidates(
    keys: list[str], posting_of: Callable[[str], Posting], documents: int, limit: int
) -> list[str]:
    """Stored articles sharing the most (and rarest) keys with the new one, best first."""
    scores: dict[str, float] = {}
    for key in keys:
        posting = posting_of(key)
        if not posting.ids:
            continue
        rarity = math.log((documents + 1) / posting.total)
        weight = LSH_WEIGHT if key.startswith("l:") else max(rarity, 0.1)
        for article_id in posting.ids:
            scores[article_id] = scores.get(article_id, 0.0) + weight
    ranked = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
    return [article_id for article_id, _ in ranked]
