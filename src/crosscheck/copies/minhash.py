"""Document-level near duplicates: vectorised MinHash with LSH banding, streaming.

A signature is the minimum, per permutation, of `(a * x + b) mod 2**64 >> 32`
over the document's shingle hashes `x` (multiply-shift universal hashing: the
modulus is free in uint64 arithmetic), computed as one numpy matrix op per
document. Bands of the signature key the LSH buckets; each candidate a bucket
returns is checked by signature agreement (the unbiased Jaccard estimate), so
`add` only returns pairs whose estimated Jaccard reaches the threshold.

`bench/dedup.py` measures it against datasketch's MinHash + MinHashLSH on the
same corpus, with the same band layout (chosen the way datasketch chooses it).
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from crosscheck.copies.text import UInt64Array, shingle_hashes, text_digest, words
from crosscheck.errors import SettingsError

Signature = npt.NDArray[np.uint32]
_EMPTY = np.uint32(0xFFFFFFFF)
_MAGIC = b"CXMH"
_HEADER = struct.Struct("<4sBHQ")  # magic, format version, num_perm, seed
_FORMAT_VERSION = 1
_COLUMN_CHUNK = 4096  # shingles per matrix op: bounds memory on very long texts


@dataclass(frozen=True, slots=True)
class MinHashSettings:
    """Near-duplicate settings. Documents at or above `threshold` Jaccard are near copies.

    5-word shingles: independent reports of one event share 0-6% of them (the
    seeds: 001/002, a spun rewrite, share 3-6%), verbatim syndication > 90%, so
    0.5 sits far from both. 128 permutations give a Jaccard estimate with a
    standard error of at most 0.044.
    """

    num_perm: int = 128
    threshold: float = 0.5
    shingle_size: int = 5
    seed: int = 1
    window: timedelta | None = timedelta(days=30)

    def __post_init__(self) -> None:
        if not 16 <= self.num_perm <= 1024:
            raise SettingsError("num_perm", self.num_perm, "an integer in 16..1024")
        if not 0.0 < self.threshold < 1.0:
            raise SettingsError("threshold", self.threshold, "a number strictly between 0 and 1")
        if not 1 <= self.shingle_size <= 8:
            raise SettingsError("shingle_size", self.shingle_size, "an integer in 1..8")
        if not 0 <= self.seed < 2**64:
            raise SettingsError("seed", self.seed, "an integer in 0..2**64-1")
        if self.window is not None and self.window <= timedelta(0):
            raise SettingsError("window", self.window, "a positive duration or None")


class MinHasher:
    """Turns texts into signatures; the permutations depend only on (num_perm, seed)."""

    def __init__(self, settings: MinHashSettings = MinHashSettings()) -> None:
        self.settings = settings
        rng = np.random.Generator(np.random.PCG64(settings.seed))
        high = np.iinfo(np.uint64).max
        self._a = rng.integers(1, high, size=(settings.num_perm, 1), dtype=np.uint64, endpoint=True)
        self._a |= np.uint64(1)  # multiply-shift needs odd multipliers
        self._b = rng.integers(0, high, size=(settings.num_perm, 1), dtype=np.uint64, endpoint=True)

    def signature(self, text: str) -> Signature:
        return self.signature_of_shingles(shingle_hashes(words(text), self.settings.shingle_size))

    def signature_of_shingles(self, shingles: UInt64Array) -> Signature:
        result = np.full(self.settings.num_perm, _EMPTY, dtype=np.uint32)
        for start in range(0, len(shingles), _COLUMN_CHUNK):
            chunk = shingles[np.newaxis, start : start + _COLUMN_CHUNK]
            permuted = self._a * chunk  # wraps modulo 2**64, as multiply-shift wants
            permuted += self._b
            # the top 32 bits are monotone in the value: take the minimum first, shift 128 values
            lowest = (permuted.min(axis=1) >> np.uint64(32)).astype(np.uint32)
            np.minimum(result, lowest, out=result)
        return result


def signature_to_bytes(signature: Signature, settings: MinHashSettings) -> bytes:
    """Versioned bytes for the store; the header guards against mixing permutations."""
    header = _HEADER.pack(_MAGIC, _FORMAT_VERSION, len(signature), settings.seed)
    return header + signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes, settings: MinHashSettings) -> Signature:
    """Inverse of `signature_to_bytes`; ValueError when made under other settings."""
    magic, version, num_perm, seed = _HEADER.unpack_from(data)
    if magic != _MAGIC or version != _FORMAT_VERSION:
        raise ValueError("not a crosscheck MinHash signature")
    if num_perm != settings.num_perm or seed != settings.seed:
        raise ValueError(f"signature made with num_perm={num_perm}, seed={seed}")
    body = np.frombuffer(data, dtype="<u4", offset=_HEADER.size)
    if len(body) != num_perm:
        raise ValueError(f"signature has {len(body)} values, header says {num_perm}")
    return body.astype(np.uint32)


@functools.lru_cache(maxsize=32)
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around `threshold`.

    The same criterion as datasketch's MinHashLSH (equal weights), so the benchmark
    compares the two at the same candidate recall.
    """
    below = np.linspace(0.0, threshold, 201)
    above = np.linspace(threshold, 1.0, 201)
    best, best_error = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_pos = np.trapezoid(1 - (1 - below**rows) ** bands, below)
            false_neg = np.trapezoid((1 - above**rows) ** bands, above)
            if (error := float(false_pos + false_neg)) < best_error:
                best, best_error = (bands, rows), error
    return best


@dataclass(slots=True)
class _Entry:
    article_id: str
    row: int
    published: datetime
    digest: str | None


class NearDuplicateIndex:
    """A streaming LSH index: each new document is checked against all stored ones."""

    def __init__(self, settings: MinHashSettings = MinHashSettings()) -> None:
        self.settings = settings
        self.bands, self.rows = band_layout(settings.threshold, settings.num_perm)
        self._hasher = MinHasher(settings)
        rng = np.random.Generator(np.random.PCG64(settings.seed + 1))
        high = np.iinfo(np.uint64).max
        self._row_multipliers = rng.integers(1, high, size=self.rows, dtype=np.uint64) | np.uint64(
            1
        )
        self._buckets: list[dict[int, list[int]]] = [{} for _ in range(self.bands)]
        self._matrix = np.zeros((1024, settings.num_perm), dtype=np.uint32)
        self._entries: dict[int, _Entry] = {}
        self._free_rows: list[int] = []
        self._next_row = 0
        self._by_digest: dict[str, int] = {}
        self._newest: datetime | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def signature(self, text: str) -> Signature:
        return self._hasher.signature(text)

    def add(
        self,
        article_id: str,
        signature: Signature,
        published: datetime | None = None,
        digest: str | None = None,
    ) -> list[tuple[str, float]]:
        """Store a document; return stored documents at or above the threshold.

        Each result is (article id, estimated Jaccard), best first. An exact
        duplicate (same `digest`, see `text_digest`) comes first with 1.0. An
        undated document is dated with the newest date seen, for expiry.
        """
        if bool(np.all(signature == _EMPTY)):
            return []  # no words: an empty text is nobody's copy
        keys = self._band_keys(signature)
        matches = self._matches(signature, keys, digest)
        row = self._store_row(signature)
        for bucket, key in zip(self._buckets, keys, strict=True):
            bucket.setdefault(key, []).append(row)
        when = self._date_for_expiry(published)
        self._entries[row] = _Entry(article_id, row, when, digest)
        if digest is not None:
            self._by_digest.setdefault(digest, row)
        return matches

    def query(self, signature: Signature, digest: str | None = None) -> list[tuple[str, float]]:
        """Stored documents at or above the threshold, without storing this one."""
        if bool(np.all(signature == _EMPTY)):
            return []  # no words: an empty text is nobody's copy
        return self._matches(signature, self._band_keys(signature), digest)

    def _matches(
        self, signature: Signature, keys: list[int], digest: str | None
    ) -> list[tuple[str, float]]:
        exact = self._by_digest.get(digest) if digest is not None else None
        rows = {
            row
            for bucket, key in zip(self._buckets, keys, strict=True)
            for row in bucket.get(key, ())
        }
        if exact is None:
            return self._verified(sorted(rows), signature)
        rows.discard(exact)
        return [(self._entries[exact].article_id, 1.0), *self._verified(sorted(rows), signature)]

    def expire(self, older_than: datetime) -> int:
        """Forget documents published before `older_than`; returns how many."""
        cutoff = _as_utc(older_than)
        stale = [row for row, entry in self._entries.items() if entry.published < cutoff]
        for row in stale:
            self._remove(row)
        return len(stale)

    def expire_stale(self) -> int:
        """Forget documents older than `settings.window` before the newest seen."""
        if self.settings.window is None or self._newest is None:
            return 0
        return self.expire(self._newest - self.settings.window)

    # ----------------------------------------------------------------- internals
    def _band_keys(self, signature: Signature) -> list[int]:
        """One 64-bit key per band (a random linear hash of its rows), in one numpy op.

        Int keys hash faster than bytes; a rare key collision only adds a
        candidate, which verification then drops.
        """
        used = signature[: self.bands * self.rows].reshape(self.bands, self.rows).astype(np.uint64)
        keys: list[int] = (used * self._row_multipliers).sum(axis=1, dtype=np.uint64).tolist()
        return keys

    def _verified(self, rows: list[int], signature: Signature) -> list[tuple[str, float]]:
        if not rows:
            return []
        agreement = (self._matrix[rows] == signature).mean(axis=1)
        threshold = self.settings.threshold
        kept = [
            (float(score), row)
            for score, row in zip(agreement, rows, strict=True)
            if score >= threshold
        ]
        kept.sort(key=lambda pair: (-pair[0], pair[1]))
        return [(self._entries[row].article_id, score) for score, row in kept]

    def _store_row(self, signature: Signature) -> int:
        if self._free_rows:
            row = self._free_rows.pop()
        else:
            row = self._next_row
            self._next_row += 1
            if row == len(self._matrix):
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
        self._matrix[row] = signature
        return row

    def _remove(self, row: int) -> None:
        entry = self._entries.pop(row)
        for band, key in enumerate(self._band_keys(self._matrix[row])):
            bucket = self._buckets[band][key]
            bucket.remove(row)
            if not bucket:
                del self._buckets[band][key]
        if entry.digest is not None and self._by_digest.get(entry.digest) == row:
            del self._by_digest[entry.digest]
        self._free_rows.append(row)

    def _date_for_expiry(self, published: datetime | None) -> datetime:
        if published is None:
            return self._newest or datetime.min.replace(tzinfo=UTC)
        when = _as_utc(published)
        if self._newest is None or when > self._newest:
            self._newest = when
        return when


def _as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC so dated and zoned inputs compare."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def document_signature(text: str, hasher: MinHasher) -> tuple[Signature, str]:
    """The signature and exact-duplicate digest of one document's text."""
    return hasher.signature(text), text_digest(text)
