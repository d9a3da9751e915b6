"""Text normalisation and hashing shared by the document and sentence levels.

Copies differ in typography (curly vs straight quotes, case, spacing) long before
they differ in words, so everything compares normalised words. Words hash to
stable 64-bit values (blake2b, cached per word: news vocabulary is Zipfian, so
the cache turns hashing into a lookup) and shingles combine word hashes in
numpy, so a document's shingles cost one vectorised pass, not one hash call each.
`text_shingle_hashes` does whole batches of texts with no Python work per word
(only words never seen before are hashed one by one), giving the same values.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import threading
import unicodedata
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

UInt64Array = npt.NDArray[np.uint64]
IntArray = npt.NDArray[np.intp]

_WORD = re.compile(r"[^\W_]+")
# ASCII text: letters and digits lower-cased, apostrophes deleted, everything else a
# space, so `split()` gives the words; a third faster than lower() plus a regex.
_ASCII_WORDS = str.maketrans(
    {chr(code): chr(code).lower() if chr(code).isalnum() else " " for code in range(128)}
    | {"'": None}
)
# The cache is dropped when it grows past this many words, which bounds memory in
# a long-running stream at ~100 MB while keeping hot words cached.
_WORD_CACHE_LIMIT = 1_000_000
_word_cache: dict[str, int] = {}

# ASCII bytes as `words` sees them: letters and digits lower-cased, apostrophes
# deleted, anything else a separator (0); bytes >= 128 are letters of non-ASCII words.
_APOSTROPHE = ord("'")
_BYTE_CLASSES = np.array(
    [ord(chr(code).lower()) if chr(code).isalnum() else 0 for code in range(128)]
    + list(range(128, 256)),
    dtype=np.uint8,
)
# Odd 64-bit multipliers for position-dependent shingle mixing (digits of pi and e).
_POSITION_MULTIPLIERS = np.array(
    [
        0x243F6A8885A308D3,
        0x13198A2E03707345,
        0xA4093822299F31D1,
        0x082EFA98EC4E6C89,
        0x452821E638D01377,
        0xBE5466CF34E90C6D,
        0xC0AC29B7C97C50DD,
        0x3F84D5B5B5470917,
    ],
    dtype=np.uint64,
)


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes dropped ("Didn’t" -> "didnt")."""
    if text.isascii():  # the common case, and a table lookup per character
        return text.translate(_ASCII_WORDS).split()
    text = unicodedata.normalize("NFKC", text).replace("’", "")
    return _WORD.findall(text.lower().replace("'", ""))


def text_digest(text: str) -> str:
    """Hash of the normalised words: equal for texts that differ only in typography."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def word_hash(word: str) -> int:
    """Stable 64-bit hash of one word (the same in every process and machine)."""
    return int(word_hashes([word])[0])


def word_hashes(tokens: list[str]) -> UInt64Array:
    """Hashes of many words: only words never seen before go through blake2b."""
    cache = _word_cache
    if len(cache) > _WORD_CACHE_LIMIT:
        cache.clear()
    for word in set(tokens).difference(cache):
        cache[word] = _blake64(word)
    hashes = np.fromiter(map(cache.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    return hashes.view(np.uint64)


def _blake64(word: str) -> int:
    """Signed, the same 64 bits: numpy converts ints >= 2**63 to uint64 twice as slowly."""
    return _blake64_of_bytes(word.encode("utf-8"))


def _blake64_of_bytes(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def mix64(values: UInt64Array) -> UInt64Array:
    """The splitmix64 finaliser, vectorised: spreads combined hashes over all bits."""
    # Array arithmetic wraps modulo 2**64 silently (numpy warns only for scalars).
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def shingle_hashes(tokens: list[str], size: int) -> UInt64Array:
    """Hashes of the word `size`-grams, repeats kept (MinHash and sets ignore them).

    A text shorter than `size` words is one shingle.
    """
    return shingle_hashes_many([tokens], size)[0]


def shingle_hashes_many(
    token_lists: Sequence[list[str]], size: int
) -> tuple[UInt64Array, IntArray]:
    """The shingles of many texts in one vectorised pass: (hashes, offsets).

    Text `i` owns `hashes[offsets[i]:offsets[i + 1]]`, exactly what
    `shingle_hashes(token_lists[i], size)` gives; `offsets` has one more entry
    than there are texts.
    """
    lengths = np.fromiter(map(len, token_lists), dtype=np.intp, count=len(token_lists))
    return _shingles_of_words(
        word_hashes(list(itertools.chain.from_iterable(token_lists))), lengths, size
    )


def text_shingle_hashes(texts: Sequence[str], size: int) -> tuple[UInt64Array, IntArray]:
    """`shingle_hashes_many` of the texts' `words`, tokenised and hashed in numpy."""
    hashes, lengths = _WORD_TABLE.word_hashes(texts)
    return _shingles_of_words(hashes, lengths, size)


def _shingles_of_words(
    hashes: UInt64Array, lengths: IntArray, size: int
) -> tuple[UInt64Array, IntArray]:
    """Shingles of consecutive texts whose words' hashes are `hashes`, `lengths` each."""
    if not 1 <= size <= len(_POSITION_MULTIPLIERS):
        raise ValueError(f"shingle size {size} outside 1..{len(_POSITION_MULTIPLIERS)}")
    firsts = np.cumsum(lengths) - lengths  # each text's first word in `hashes`
    combined = _combine(hashes, size)
    for text in np.flatnonzero((lengths > 0) & (lengths < size)).tolist():
        start, width = int(firsts[text]), int(lengths[text])  # short: one shingle of all
        combined[start] = _combine(hashes[start : start + width], width)[0]
    counts = np.where(lengths >= size, lengths - size + 1, np.minimum(lengths, 1))
    owner = np.repeat(np.arange(len(lengths)), counts)
    starts = firsts[owner] + (np.arange(len(owner)) - (np.cumsum(counts) - counts)[owner])
    offsets = np.zeros(len(lengths) + 1, dtype=np.intp)
    np.cumsum(counts, out=offsets[1:])
    return mix64(combined[starts]), offsets


def _combine(hashes: UInt64Array, size: int) -> UInt64Array:
    """Position-weighted sums of each `size` consecutive hashes, for every start.

    The last `size - 1` starts run past the end (zeros): callers select starts.
    """
    padded = np.concatenate([hashes, np.zeros(size - 1, dtype=np.uint64)])
    count = len(hashes)
    combined: UInt64Array = padded[:count] * _POSITION_MULTIPLIERS[0]  # wraps silently
    for offset in range(1, size):
        combined += padded[offset : offset + count] * _POSITION_MULTIPLIERS[offset]
    return combined


class _WordHashTable:
    """`words` then `word_hashes` for whole batches of texts, in numpy.

    The texts' UTF-8 bytes are classified by one table lookup (the ASCII rules of
    `words`; a non-ASCII text goes through `words` first, and its letters are the
    bytes >= 128), each word gets a 64-bit fingerprint from prefix sums of a
    polynomial hash, and an open-addressing table maps fingerprints to the words'
    blake2b hashes, so only words never seen before reach Python. The values are
    those of `word_hashes`, so signatures stay comparable with stored ones.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clear(1 << 16)

    def word_hashes(self, texts: Sequence[str]) -> tuple[UInt64Array, IntArray]:
        """(hashes of all the texts' words in order, number of words of each text)."""
        pieces = [text if text.isascii() else " ".join(words(text)) for text in texts]
        sizes = np.fromiter((len(p) if p.isascii() else len(p.encode()) for p in pieces), np.intp)
        firsts = np.cumsum(sizes + 1) - sizes - 1  # where each text starts in the joined bytes
        data = np.frombuffer(" ".join(pieces).encode("utf-8"), dtype=np.uint8)
        if (apostrophes := data == _APOSTROPHE).any():  # deleted, as `words` does
            firsts -= np.concatenate([[0], np.cumsum(apostrophes)])[firsts]
            data = data[~apostrophes]
        letters = _BYTE_CLASSES.take(data)
        starts, ends = _runs(letters)
        first_words = np.append(np.searchsorted(starts, firsts), len(starts))
        lengths = np.diff(first_words).astype(np.intp)
        prints = _fingerprints(letters, starts, ends)
        with self._lock:
            hashes = self._lookup(prints, letters, starts, ends)
        return hashes, lengths

    def _lookup(
        self, prints: UInt64Array, letters: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray
    ) -> UInt64Array:
        """The blake2b hash of each word; words not in the table are hashed and added."""
        slots, found = self._find(prints)
        if not found.all():
            if self._count + len(prints) > _WORD_CACHE_LIMIT:  # as the dict cache: start over
                self._clear(len(self._keys))
                found[:] = False
            missing = np.flatnonzero(~found)
            new, first = np.unique(prints[missing], return_index=True)
            text, words_at = letters.tobytes(), missing[first]
            spans = zip(starts[words_at].tolist(), ends[words_at].tolist(), strict=True)
            values = [_blake64_of_bytes(text[start:end]) for start, end in spans]
            table = self._keys
            self._insert(new, np.array(values, dtype=np.int64).view(np.uint64))
            if self._keys is table:  # same slots: only the new words need finding
                slots[missing] = self._find(prints[missing])[0]
            else:  # grown: every word moved
                slots = self._find(prints)[0]
        hashes: UInt64Array = self._values[slots]
        return hashes

    def _find(self, prints: UInt64Array) -> tuple[IntArray, npt.NDArray[np.bool_]]:
        """Each fingerprint's slot (linear probing), and whether it is stored there."""
        mask = len(self._keys) - 1
        slots = (prints & np.uint64(mask)).astype(np.intp)
        held = self._keys[slots]
        found = held == prints
        pending = np.flatnonzero(~found & (held != 0))
        slots[pending] = (slots[pending] + 1) & mask
        while len(pending):
            held = self._keys[slots[pending]]
            hit = held == prints[pending]
            found[pending[hit]] = True
            pending = pending[~hit & (held != 0)]  # another word's slot: probe the next
            slots[pending] = (slots[pending] + 1) & mask
        return slots, found

    def _insert(self, prints: UInt64Array, values: UInt64Array) -> None:
        """Store new fingerprints (distinct, absent); the table stays at most half full."""
        size = len(self._keys)
        while 2 * (self._count + len(prints)) > size:
            size *= 2
        if size > len(self._keys):
            stored = self._keys != 0
            old_prints, old_values = self._keys[stored], self._values[stored]
            self._clear(size)
            self._insert(old_prints, old_values)
        self._count += len(prints)
        slots = (prints & np.uint64(size - 1)).astype(np.intp)
        while len(prints):
            free = self._keys[slots] == 0
            # of new words aiming at one free slot the first takes it; the rest probe on
            _, first = np.unique(slots[free], return_index=True)
            placed = np.flatnonzero(free)[first]
            self._keys[slots[placed]] = prints[placed]
            self._values[slots[placed]] = values[placed]
            waiting = np.ones(len(prints), dtype=bool)
            waiting[placed] = False
            prints, values, slots = prints[waiting], values[waiting], slots[waiting]
            slots = np.where(self._keys[slots] != 0, (slots + 1) & (size - 1), slots)

    def _clear(self, size: int) -> None:
        self._keys = np.zeros(size, dtype=np.uint64)  # 0 marks a free slot: prints are odd
        self._values = np.zeros(size, dtype=np.uint64)
        self._count = 0


def _runs(letters: npt.NDArray[np.uint8]) -> tuple[IntArray, IntArray]:
    """Starts and ends of the runs of non-zero bytes: the words."""
    inside = np.zeros(len(letters) + 2, dtype=bool)
    np.not_equal(letters, 0, out=inside[1:-1])
    return np.flatnonzero(inside[1:] > inside[:-1]), np.flatnonzero(inside[1:] < inside[:-1])


def _fingerprints(letters: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray) -> UInt64Array:
    """A 64-bit fingerprint of each word `letters[start:end]`, odd (never 0).

    The polynomial sum of the word's bytes, from prefix sums shifted back to the
    word's start (the base is odd, so invertible mod 2**64), plus its length,
    mixed: distinct words share one with chance ~2**-63. Done a window of words
    at a time, so the power tables stay small.
    """
    prints = np.empty(len(starts), dtype=np.uint64)
    first = 0
    while first < len(starts):
        last = max(int(np.searchsorted(starts, starts[first] + _FINGERPRINT_WINDOW)), first + 1)
        base = int(starts[first])
        window = letters[base : int(ends[last - 1])]
        powers, inverses = _powers(len(window))
        prefix = np.zeros(len(window) + 1, dtype=np.uint64)
        np.cumsum(window * powers, out=prefix[1:])  # wraps modulo 2**64
        word_starts, word_ends = starts[first:last] - base, ends[first:last] - base
        sums = (prefix[word_ends] - prefix[word_starts]) * inverses[word_starts]
        lengths = (word_ends - word_starts).astype(np.uint64)
        prints[first:last] = mix64(sums + lengths * _POSITION_MULTIPLIERS[1]) | np.uint64(1)
        first = last
    return prints


def _powers(count: int) -> tuple[UInt64Array, UInt64Array]:
    """Powers 0..count-1 of the fingerprint base and of its inverse mod 2**64."""
    if count <= len(_POWER_TABLES[0]):
        return _POWER_TABLES[0][:count], _POWER_TABLES[1][:count]
    return _power_series(count)


def _power_series(count: int) -> tuple[UInt64Array, UInt64Array]:
    base = np.full(count, _POSITION_MULTIPLIERS[0], dtype=np.uint64)
    inverse = np.full(count, pow(int(_POSITION_MULTIPLIERS[0]), -1, 2**64), dtype=np.uint64)
    base[0] = inverse[0] = 1
    return np.cumprod(base), np.cumprod(inverse)  # wrap modulo 2**64


# Windows of 32 KiB of text (and the word running past the end) fit the tables.
_FINGERPRINT_WINDOW = 1 << 15
_POWER_TABLES = _power_series(2 * _FINGERPRINT_WINDOW)
_WORD_TABLE = _WordHashTable()
