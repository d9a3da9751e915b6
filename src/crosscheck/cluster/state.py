"""Clustering's own persistent state, kept in the store's key-value state.

    cluster/meta          generation counter (changes on every write)
    cluster/df            hashed document frequencies (fixed size)
    cluster/a/<article>   ArticleProfile
    cluster/e/<event>     EventProfile
    cluster/k/<key>       blocking posting list

Reads are cached for the life of the process; writes are buffered and flushed
at the end of a batch, inside the caller's transaction. If another process (or
a rolled-back transaction) changed the generation, the caches are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable

from crosscheck.cluster.blocking import Posting
from crosscheck.cluster.profile import ArticleProfile
from crosscheck.cluster.stats import DocFreq, EventProfile
from crosscheck.store.base import Store

# Read caches are dropped after a flush once they hold this many entries, so a
# long-running ingest keeps memory bounded however large the store grows.
CACHE_LIMIT = 50_000
_META = "cluster/meta"
_DOC_FREQ = "cluster/df"


class ClusterState:
    def __init__(self, store: Store, hash_bits: int) -> None:
        self.store = store
        self.hash_bits = hash_bits
        self._generation: int | None = None
        self._reset()

    def _reset(self) -> None:
        self._profiles: dict[str, ArticleProfile | None] = {}
        self._events: dict[str, EventProfile] = {}
        self._postings: dict[str, Posting] = {}
        self._frequencies: DocFreq | None = None
        self._event_of: dict[str, str | None] = {}
        self._dirty_profiles: set[str] = set()
        self._dirty_events: set[str] = set()
        self._dirty_postings: set[str] = set()
        self._frequencies_dirty = False

    def refresh(self) -> None:
        """Drop the caches if the stored state moved on without us."""
        stored = self.store.get_state(_META)
        generation = int(json.loads(stored)["generation"]) if stored else 0
        if generation != self._generation:
            self._reset()
            self._generation = generation

    # ------------------------------------------------------------------ reads
    @property
    def frequencies(self) -> DocFreq:
        if self._frequencies is None:
            stored = self.store.get_state(_DOC_FREQ)
            self._frequencies = DocFreq.from_json(stored) if stored else DocFreq(self.hash_bits)
        return self._frequencies

    def profile(self, article_id: str) -> ArticleProfile | None:
        # Checked here first: most reads hit the cache, and the bulk path costs more.
        if article_id not in self._profiles:
            self.prefetch_profiles((article_id,))
        return self._profiles[article_id]

    def event(self, event_id: str) -> EventProfile:
        if event_id not in self._events:
            self.prefetch_events((event_id,))
        return self._events[event_id]

    def posting(self, key: str) -> Posting:
        if key not in self._postings:
            self.prefetch_postings((key,))
        return self._postings[key]

    # Bulk reads (the single reads above are their one-key case): an article meets
    # dozens of stored profiles, and once the store outgrows the caches one query for
    # all of them instead of one each keeps the cost per article from growing with
    # the store (bench/cluster.py).
    def prefetch_postings(self, keys: Iterable[str]) -> None:
        for key, stored in self._uncached("cluster/k/", keys, self._postings):
            self._postings[key] = _posting(stored)

    def prefetch_profiles(self, article_ids: Iterable[str]) -> None:
        for article_id, stored in self._uncached("cluster/a/", article_ids, self._profiles):
            self._profiles[article_id] = ArticleProfile.from_json(stored) if stored else None

    def prefetch_events(self, event_ids: Iterable[str]) -> None:
        for event_id, stored in self._uncached("cluster/e/", event_ids, self._events):
            self._events[event_id] = (
                EventProfile.from_json(stored) if stored else EventProfile(event_id)
            )

    def _uncached(
        self, prefix: str, names: Iterable[str], cache: Container[str]
    ) -> list[tuple[str, str | None]]:
        """The names not in `cache`, each with its stored value (None when absent)."""
        missing = [name for name in dict.fromkeys(names) if name not in cache]
        if not missing:
            return []
        found = self.store.get_states(prefix + name for name in missing)
        return [(name, found.get(prefix + name)) for name in missing]

    def event_of(self, article_id: str) -> str | None:
        if article_id not in self._event_of:
            self._event_of[article_id] = self.store.event_of(article_id)
        return self._event_of[article_id]

    # ------------------------------------------------------------------ writes
    def set_event_of(self, article_id: str, event_id: str) -> None:
        self._event_of[article_id] = event_id

    def put_profile(self, profile: ArticleProfile) -> None:
        self._profiles[profile.article_id] = profile
        self._dirty_profiles.add(profile.article_id)

    def put_event(self, event: EventProfile) -> None:
        self._events[event.event_id] = event
        self._dirty_events.add(event.event_id)

    def file(self, key: str, article_id: str, event_id: str, capacity: int) -> None:
        self.posting(key).add(article_id, capacity, event_id)
        self._dirty_postings.add(key)

    def touch_frequencies(self) -> None:
        self._frequencies_dirty = True

    def flush(self) -> None:
        """Write everything changed since the last flush, in one statement."""
        changed: dict[str, str] = {}
        for article_id in sorted(self._dirty_profiles):
            profile = self._profiles[article_id]
            if profile is not None:
                changed[f"cluster/a/{article_id}"] = profile.to_json()
        for event_id in sorted(self._dirty_events):
            changed[f"cluster/e/{event_id}"] = self._events[event_id].to_json()
        for key in sorted(self._dirty_postings):
            posting = self._postings[key]
            changed[f"cluster/k/{key}"] = json.dumps([posting.total, posting.ids, posting.events])
        if self._frequencies_dirty:
            changed[_DOC_FREQ] = self.frequencies.to_json()
        self._generation = (self._generation or 0) + 1
        changed[_META] = json.dumps({"generation": self._generation})
        self.store.set_states(changed)
        self._dirty_profiles.clear()
        self._dirty_events.clear()
        self._dirty_postings.clear()
        self._frequencies_dirty = False
        self._trim()

    def _trim(self) -> None:
        for cache in (self._profiles, self._events, self._postings, self._event_of):
            if len(cache) > CACHE_LIMIT:
                cache.clear()


def _posting(stored: str | None) -> Posting:
    total, ids, *events = json.loads(stored) if stored else (0, [])
    return Posting(int(total), list(ids), events[0] if events else None)
