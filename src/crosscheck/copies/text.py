"""Text normalisation and hashing shared by the document and sentence levels.

Copies differ in typography (curly vs straight quotes, case, spacing) long before
they differ in words, so everything compares normalised words. Words hash to
stable 64-bit values (blake2b, cached per word: news vocabulary is Zipfian, so
the cache turns hashing into a dict lookup) and shingles combine word hashes in
numpy, so a document's shingles cost one vectorised pass, not one hash call each.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
import numpy.typing as npt

UInt64Array = npt.NDArray[np.uint64]

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
# The cache is dropped when it grows past this many words, which bounds memory in
# a long-running stream at ~100 MB while keeping hot words cached.
_WORD_CACHE_LIMIT = 1_000_000
_word_cache: dict[str, int] = {}

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
    if text.isascii():  # the common case, and a regex twice as fast
        return _ASCII_WORD.findall(text.lower().replace("'", ""))
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
    return np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _blake64(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


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
    if size > len(_POSITION_MULTIPLIERS):
        raise ValueError(f"shingle size {size} > {len(_POSITION_MULTIPLIERS)}")
    hashes = word_hashes(tokens)
    if len(hashes) == 0:
        return hashes
    width = min(size, len(hashes))
    count = len(hashes) - width + 1
    combined = hashes[:count] * _POSITION_MULTIPLIERS[0]  # array arithmetic wraps silently
    for offset in range(1, width):
        combined += hashes[offset : offset + count] * _POSITION_MULTIPLIERS[offset]
    return mix64(combined)
