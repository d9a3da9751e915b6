"""Document-level near duplicates: vectorised MinHash with LSH banding, streaming.

A signature is the minimum, per permutation, of `(a * x + b) mod 2**64 >> 32`
over the document's shingle hashes `x` (multiply-shift universal hashing: the
modulus is free in uint64 arithmetic). `MinHasher.signatures` does a batch of
texts at once: tokenising and hashing in numpy, then one matrix op per ~2k
shingles. Bands of the signature key the LSH buckets; each candidate a bucket
returns is checked by signature agreement (the unbiased Jaccard estimate), so
`add` / `add_many` only return pairs whose estimated Jaccard reaches the threshold.

`bench/dedup.py` measures it against datasketch's MinHash + MinHashLSH on the
same corpus, with the same band layout (chosen the way datasketch chooses it).
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from crosscheck.copies.text import (
    IntArray,
    UInt64Array,
    text_digest,
    text_shingle_hashes,
)
from crosscheck.errors import SettingsError

Signature = npt.NDArray[np.uint32]
SignatureMatrix = npt.NDArray[np.uint32]  # one signature per row
_EMPTY = np.uint32(0xFFFFFFFF)
_MAGIC = b"CXMH"
_HEADER = struct.Struct("<4sBHQ")  # magic, format version, num_perm, seed
_FORMAT_VERSION = 1
# Shingles per matrix op: 128 x 2048 x 8 bytes = 2 MiB of scratch, about a core's L2.
_COLUMN_CHUNK = 2048


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
    """Turns texts into signatures; the permutations depend only on (num_perm, seed).

    `signatures` does many texts in one pass (one tokenising and hashing pass, one
    matrix op per ~2k shingles); `signature(text)` equals its row for that text.
    """

    def __init__(self, settings: MinHashSettings = MinHashSettings()) -> None:
        self.settings = settings
        rng = np.random.Generator(np.random.PCG64(settings.seed))
        high = np.iinfo(np.uint64).max
        self._a = rng.integers(1, high, size=(settings.num_perm, 1), dtype=np.uint64, endpoint=True)
        self._a |= np.uint64(1)  # multiply-shift needs odd multipliers
        self._b = rng.integers(0, high, size=(settings.num_perm, 1), dtype=np.uint64, endpoint=True)

    def signature(self, text: str) -> Signature:
        signature: Signature = self.signatures([text])[0]
        return signature

    def signatures(self, texts: Sequence[str]) -> SignatureMatrix:
        """One row per text, in order: the batch form of `signature`."""
        return self.signatures_of_shingles(*text_shingle_hashes(texts, self.settings.shingle_size))

    def signatures_of_shingles(self, hashes: UInt64Array, offsets: IntArray) -> SignatureMatrix:
        """Row `i` is the signature of `hashes[offsets[i]:offsets[i + 1]]`."""
        counts = np.diff(offsets)
        result = np.full((len(counts), self.settings.num_perm), _EMPTY, dtype=np.uint32)
        long_texts = counts > _COLUMN_CHUNK
        for text in np.flatnonzero(long_texts).tolist():
            result[text] = self.signature_of_shingles(hashes[offsets[text] : offsets[text + 1]])
        texts = np.flatnonzero(~long_texts & (counts > 0))
        # texts whose shingles start in the same chunk go together: < 2 chunks of columns
        groups = np.split(texts, np.flatnonzero(np.diff(offsets[texts] // _COLUMN_CHUNK)) + 1)
        work = np.empty(self.settings.num_perm * 2 * _COLUMN_CHUNK, dtype=np.uint64)
        for group in groups:
            if len(group):
                starts = offsets[group]
                columns = hashes[starts[0] : offsets[group[-1] + 1]]
                minima = self._minima(columns, work, starts - starts[0])
                result[group] = minima.T
        return result

    def signature_of_shingles(self, shingles: UInt64Array) -> Signature:
        result = np.full(self.settings.num_perm, _EMPTY, dtype=np.uint32)
        work = np.empty(self.settings.num_perm * _COLUMN_CHUNK, dtype=np.uint64)
        for start in range(0, len(shingles), _COLUMN_CHUNK):
            chunk = shingles[start : start + _COLUMN_CHUNK]
            np.minimum(result, self._minima(chunk, work, np.zeros(1, np.intp))[:, 0], out=result)
        return result

    def _minima(
        self, columns: UInt64Array, work: UInt64Array, starts: IntArray
    ) -> npt.NDArray[np.uint32]:
        """Per permutation (row) and segment (column), the minimum permuted hash.

        `work` is reused scratch: large fresh arrays cost a page fault per 4 KiB.
        """
        permuted = work[: self.settings.num_perm * len(columns)].reshape(-1, len(columns))
        np.multiply(self._a, columns, out=permuted)  # wraps modulo 2**64, as multiply-shift wants
        permuted += self._b
        # the top 32 bits are monotone in the value: take the minimum first, then shift
        lowest = np.minimum.reduceat(permuted, starts, axis=1) >> np.uint64(32)
        return lowest.astype(np.uint32)


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


Match = tuple[str, float]  # (stored article id, estimated Jaccard)
_NEVER = datetime.max.replace(tzinfo=UTC)  # the date of a free row: never expires
_LONG_AGO = datetime.min.replace(tzinfo=UTC)  # an undated document before any dated one


class NearDuplicateIndex:
    """A streaming LSH index: each new document is checked against all stored ones.

    The buckets are one dict from band key (a band's values hashed, salted by the
    band's number) to the rows filed under it; documents live in rows of one
    signature matrix, with parallel lists for their ids, dates and digests.
    """

    def __init__(self, settings: MinHashSettings = MinHashSettings()) -> None:
        self.settings = settings
        self.bands, self.rows = band_layout(settings.threshold, settings.num_perm)
        self._hasher = MinHasher(settings)
        rng = np.random.Generator(np.random.PCG64(settings.seed + 1))
        high = np.iinfo(np.uint64).max
        self._row_multipliers = rng.integers(1, high, size=self.rows, dtype=np.uint64)
        self._row_multipliers |= np.uint64(1)
        self._band_salts = rng.integers(0, high, size=self.bands, dtype=np.uint64)
        self._buckets: dict[int, int | list[int]] = {}
        self._matrix = np.zeros((1024, settings.num_perm), dtype=np.uint32)
        self._ids: list[str] = []
        self._published: list[datetime] = []
        self._digests: list[str | None] = []
        self._free_rows: list[int] = []
        self._by_digest: dict[str, int] = {}
        self._newest: datetime | None = None
        self._oldest = _NEVER  # no stored date is earlier: expiry can skip the scan
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def signature(self, text: str) -> Signature:
        return self._hasher.signature(text)

    def signatures(self, texts: Sequence[str]) -> SignatureMatrix:
        return self._hasher.signatures(texts)

    def add(
        self,
        article_id: str,
        signature: Signature,
        published: datetime | None = None,
        digest: str | None = None,
    ) -> list[Match]:
        """Store a document; return stored documents at or above the threshold.

        Each result is (article id, estimated Jaccard), best first. An exact
        duplicate (same `digest`, see `text_digest`) comes first with 1.0. An
        undated document is dated with the newest date seen, for expiry.
        """
        return self.add_many([article_id], signature[np.newaxis], [published], [digest])[0]

    def add_many(
        self,
        article_ids: Sequence[str],
        signatures: SignatureMatrix,
        published: Sequence[datetime | None] | None = None,
        digests: Sequence[str | None] | None = None,
    ) -> list[list[Match]]:
        """`add` for each row of `signatures` in turn, one result list per document.

        Streaming as `add` is: each document is checked against all earlier ones,
        earlier ones of this batch included; only the numpy work is batched.
        """
        count = len(article_ids)
        dates = [None] * count if published is None else published
        hashes = [None] * count if digests is None else digests
        if not len(signatures) == len(dates) == len(hashes) == count:
            raise ValueError("article_ids, signatures, published and digests differ in length")
        # no words: an empty text is nobody's copy, and is not stored
        filled = np.flatnonzero(np.any(signatures != _EMPTY, axis=1)).tolist()
        results: list[list[Match]] = [[] for _ in range(count)]
        rows = self._reserve(len(filled))
        self._matrix[rows] = signatures[filled]
        for number, row, keys in zip(
            filled, rows, self._band_keys(signatures[filled]), strict=True
        ):
            candidates = self._file(row, keys)
            results[number] = self._matches(signatures[number], candidates, hashes[number])
            self._remember(row, article_ids[number], dates[number], hashes[number])
        return results

    def query(self, signature: Signature, digest: str | None = None) -> list[Match]:
        """Stored documents at or above the threshold, without storing this one."""
        if bool(np.all(signature == _EMPTY)):
            return []  # no words: an empty text is nobody's copy
        keys = self._band_keys(signature[np.newaxis])[0]
        filed = [self._buckets.get(key) for key in keys]
        candidates = {row for rows in filed if isinstance(rows, list) for row in rows}
        candidates.update(rows for rows in filed if isinstance(rows, int))
        return self._matches(signature, candidates, digest)

    def expire(self, older_than: datetime) -> int:
        """Forget documents published before `older_than`; returns how many."""
        cutoff = _as_utc(older_than)
        if cutoff <= self._oldest:
            return 0
        stale = [row for row, when in enumerate(self._published) if when < cutoff]
        for row, keys in zip(stale, self._band_keys(self._matrix[stale]), strict=True):
            self._remove(row, keys)
        self._oldest = min(self._published, default=_NEVER)
        return len(stale)

    def expire_stale(self) -> int:
        """Forget documents older than `settings.window` before the newest seen."""
        if self.settings.window is None or self._newest is None:
            return 0
        return self.expire(self._newest - self.settings.window)

    # ----------------------------------------------------------------- internals
    def _band_keys(self, signatures: SignatureMatrix) -> list[list[int]]:
        """Per document, one 64-bit key per band (a random linear hash of its rows).

        Int keys hash faster than bytes; a rare key collision only adds a
        candidate, which verification then drops.
        """
        used = signatures[:, : self.bands * self.rows].astype(np.uint64)
        bands = used.reshape(len(signatures), self.bands, self.rows) * self._row_multipliers
        keys = bands.sum(axis=2, dtype=np.uint64) + self._band_salts
        # 60 bits: such an int takes 32 bytes; a 64-bit one 36, which pymalloc rounds to 48
        folded: list[list[int]] = (keys >> np.uint64(4)).tolist()
        return folded

    def _file(self, row: int, keys: list[int]) -> set[int]:
        """File `row` under its band keys; return the rows filed there before it.

        A bucket holding one row holds the bare int: most buckets never get a
        second row, and a list for each would double the index's memory.
        """
        buckets = self._buckets
        earlier: list[int] = []
        for key in keys:
            filed = buckets.setdefault(key, row)
            if filed is row:  # the object just offered: a new bucket (or this row's own)
                continue
            if isinstance(filed, int):
                buckets[key] = [filed, row]
                earlier.append(filed)
            else:
                earlier.extend(filed)
                filed.append(row)
        candidates = set(earlier)
        candidates.discard(row)  # two of its bands had the same key
        return candidates

    def _matches(
        self, signature: Signature, candidates: set[int], digest: str | None
    ) -> list[Match]:
        exact = self._by_digest.get(digest) if digest is not None else None
        if exact is None:
            return self._verified(sorted(candidates), signature)
        candidates.discard(exact)
        return [(self._ids[exact], 1.0), *self._verified(sorted(candidates), signature)]

    def _verified(self, rows: list[int], signature: Signature) -> list[Match]:
        if not rows:
            return []
        agreement = (self._matrix[rows] == signature).mean(axis=1).tolist()
        threshold = self.settings.threshold
        kept = [
            (score, row) for score, row in zip(agreement, rows, strict=True) if score >= threshold
        ]
        kept.sort(key=lambda pair: (-pair[0], pair[1]))
        return [(self._ids[row], score) for score, row in kept]

    def _reserve(self, count: int) -> list[int]:
        """Rows for `count` new documents: freed rows first, then new ones."""
        reused = self._free_rows[len(self._free_rows) - count :] if count else []
        del self._free_rows[len(self._free_rows) - len(reused) :]
        first = len(self._ids)
        fresh = count - len(reused)
        if first + fresh > len(self._matrix):
            size = max(len(self._matrix) * 3 // 2, first + fresh)  # 1.5x: a lower peak
            grown = np.zeros((size, self.settings.num_perm), dtype=np.uint32)
            grown[: len(self._matrix)] = self._matrix
            self._matrix = grown
        self._ids.extend([""] * fresh)
        self._published.extend([_NEVER] * fresh)
        self._digests.extend([None] * fresh)
        return [*reused, *range(first, first + fresh)]

    def _remember(
        self, row: int, article_id: str, published: datetime | None, digest: str | None
    ) -> None:
        when = self._date_for_expiry(published)
        self._ids[row] = article_id
        self._published[row] = when
        self._oldest = min(self._oldest, when)
        self._digests[row] = digest
        if digest is not None:
            self._by_digest.setdefault(digest, row)
        self._count += 1

    def _remove(self, row: int, keys: list[int]) -> None:
        for key in keys:
            filed = self._buckets.get(key)
            if isinstance(filed, list):
                filed.remove(row)
                if len(filed) == 1:
                    self._buckets[key] = filed[0]
            elif filed == row:  # None when two of its bands shared this key
                del self._buckets[key]
        digest = self._digests[row]
        if digest is not None and self._by_digest.get(digest) == row:
            del self._by_digest[digest]
        self._ids[row], self._published[row], self._digests[row] = "", _NEVER, None
        self._free_rows.append(row)
        self._count -= 1

    def _date_for_expiry(self, published: datetime | None) -> datetime:
        if published is None:
            return self._newest or _LONG_AGO
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
