"""Clustering's own persistent state, kept in the store's key-value state.

    cluster/meta          generation counter (changes on every write)     text
    cluster/df            hashed document frequencies (fixed size)        text
    cluster/encoder       which lead encoder made the stored vectors      text
    cluster/a/<article>   ArticleProfile                                  binary record
    cluster/e/<event>     EventProfile                                    binary record
    cluster/k/<key>       blocking posting list                           binary

Reads are cached for the life of the process; writes are buffered and flushed
at the end of a batch, inside the caller's transaction. If another process (or
a rolled-back transaction) changed the generation, the caches are dropped.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Container, Iterable, Iterator, Sequence

from crosscheck.cluster.blocking import Posting
from crosscheck.cluster.profile import ArticleProfile
from crosscheck.cluster.stats import DocFreq, EventProfile
from crosscheck.store.base import Store
from crosscheck.store.events import chunks

# Read caches are dropped after a flush once they hold this many entries, so a
# long-running ingest keeps memory bounded however large the store grows.
CACHE_LIMIT = 50_000
_META = "cluster/meta"
_DOC_FREQ = "cluster/df"
ENCODER_KEY = "cluster/encoder"
_PROFILES, _EVENTS, _POSTINGS = "cluster/a/", "cluster/e/", "cluster/k/"
RECORD_PREFIXES = (_PROFILES, _EVENTS, _POSTINGS)  # keys held as binary records


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
        self._encoder: str | None = None
        self._encoder_read = False
        self._encoder_dirty = False

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
        for key, stored in self._uncached(_POSTINGS, keys, self._postings):
            self._postings[key] = posting_from_bytes(stored)

    def prefetch_profiles(self, article_ids: Iterable[str]) -> None:
        for article_id, stored in self._uncached(_PROFILES, article_ids, self._profiles):
            self._profiles[article_id] = ArticleProfile.from_bytes(stored) if stored else None

    def prefetch_events(self, event_ids: Iterable[str]) -> None:
        for event_id, stored in self._uncached(_EVENTS, event_ids, self._events):
            self._events[event_id] = (
                EventProfile.from_bytes(stored) if stored else EventProfile(event_id)
            )

    def _uncached(
        self, prefix: str, names: Iterable[str], cache: Container[str]
    ) -> list[tuple[str, bytes | None]]:
        """The names not in `cache`, each with its stored value (None when absent)."""
        missing = [name for name in dict.fromkeys(names) if name not in cache]
        if not missing:
            return []
        found = self.store.get_blobs(prefix + name for name in missing)
        return [(name, found.get(prefix + name)) for name in missing]

    def encoder(self) -> str | None:
        """Which lead encoder made the stored vectors (None: not recorded)."""
        if not self._encoder_read:
            self._encoder = self.store.get_state(ENCODER_KEY)
            self._encoder_read = True
        return self._encoder

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

    def unfile(self, key: str, article_id: str) -> None:
        self.posting(key).remove(article_id)
        self._dirty_postings.add(key)

    def set_encoder(self, encoder: str) -> None:
        self._encoder, self._encoder_read, self._encoder_dirty = encoder, True, True

    def touch_frequencies(self) -> None:
        self._frequencies_dirty = True

    def flush(self) -> None:
        """Write everything changed since the last flush: records in one statement, texts in one."""
        records: dict[str, bytes] = {}
        for article_id in sorted(self._dirty_profiles):
            profile = self._profiles[article_id]
            if profile is not None:
                records[_PROFILES + article_id] = profile.to_bytes()
        for event_id in sorted(self._dirty_events):
            records[_EVENTS + event_id] = self._events[event_id].to_bytes()
        for key in sorted(self._dirty_postings):
            records[_POSTINGS + key] = posting_to_bytes(self._postings[key])
        self.store.set_blobs(records)
        texts: dict[str, str] = {}
        if self._frequencies_dirty:
            texts[_DOC_FREQ] = self.frequencies.to_json()
        if self._encoder_dirty and self._encoder is not None:
            texts[ENCODER_KEY] = self._encoder
        self._generation = (self._generation or 0) + 1
        texts[_META] = json.dumps({"generation": self._generation})
        self.store.set_states(texts)
        self._dirty_profiles.clear()
        self._dirty_events.clear()
        self._dirty_postings.clear()
        self._frequencies_dirty = False
        self._encoder_dirty = False
        self._trim()

    def _trim(self) -> None:
        for cache in (self._profiles, self._events, self._postings, self._event_of):
            if len(cache) > CACHE_LIMIT:
                cache.clear()


# A posting list as stored: marker, total, count; the length of each article id and
# each event id (u2); then all of them as one UTF-8 text. At 100k stored articles
# an article rewrites ~30 full lists; JSON took ~12.5 us to write one, this ~4.3
# (~9 us to read, JSON ~8.5).
_POSTING_FORMAT = 4
_POSTING_HEAD = struct.Struct("<BII")


# Event records read per query by `event_records`: an export reads every event's.
_RECORDS_PER_READ = 1000


def event_records(store: Store, event_ids: Iterable[str]) -> Iterator[bytes]:
    """The stored records of those events (nothing for one without), a page at a time
    and uncached: for views that read each event once, however many there are."""
    for page in chunks(list(dict.fromkeys(event_ids)), _RECORDS_PER_READ):
        yield from store.get_blobs(_EVENTS + event_id for event_id in page).values()


def posting_to_bytes(posting: Posting) -> bytes:
    names = [*posting.ids, *posting.events]
    lengths = struct.pack(f"<{len(names)}H", *map(len, names))
    head = _POSTING_HEAD.pack(_POSTING_FORMAT, posting.total, len(posting.ids))
    return b"".join((head, lengths, "".join(names).encode()))


def posting_from_bytes(data: bytes | None) -> Posting:
    if not data:
        return Posting()
    marker, total, count = _POSTING_HEAD.unpack_from(data)
    if marker != _POSTING_FORMAT:
        raise ValueError(f"not a stored posting list: it starts with byte {marker}")
    lengths = struct.unpack_from(f"<{2 * count}H", data, _POSTING_HEAD.size)
    text = data[_POSTING_HEAD.size + 4 * count :].decode()
    ids, end = _split(text, lengths[:count], 0)
    events, _ = _split(text, lengths[count:], end)
    return Posting(total, ids, events)


def _split(text: str, lengths: Sequence[int], start: int) -> tuple[list[str], int]:
    """`text` cut from `start` into pieces of these lengths; the offset after them."""
    count = len(lengths)
    width = lengths[0] if count else 0
    if width and lengths.count(width) == count:  # the usual case: hash ids, event ids alike
        end = start + width * count
        return [text[at : at + width] for at in range(start, end, width)], end
    pieces = []
    for length in lengths:
        pieces.append(text[start : start + length])
        start += length
    return pieces, start


def _posting_from_text(stored: str) -> Posting:
    """A posting list as the text state held it: [total, ids] or [total, ids, events]."""
    total, ids, *events = json.loads(stored)
    return Posting(int(total), list(ids), events[0] if events else None)


def record_from_text(key: str, text: str) -> bytes:
    """A record as the state table held it in text (any earlier encoding), as stored now.

    For the store migration that moved clustering's records to their binary table.
    """
    if key.startswith(_PROFILES):
        return ArticleProfile.from_json(text).to_bytes()
    if key.startswith(_EVENTS):
        return EventProfile.from_json(text).to_bytes()
    if key.startswith(_POSTINGS):
        return posting_to_bytes(_posting_from_text(text))
    raise ValueError(f"{key!r} is not a clustering record")
