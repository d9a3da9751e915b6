"""Document-level near duplicates: estimates, LSH recall, expiry, exact dups, bytes, batches."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.copies.minhash import (
    MinHasher,
    MinHashSettings,
    NearDuplicateIndex,
    band_layout,
    signature_from_bytes,
    signature_to_bytes,
)
from crosscheck.copies.text import (
    _WordHashTable,
    shingle_hashes,
    shingle_hashes_many,
    text_digest,
    text_shingle_hashes,
    word_hashes,
    words,
)
from crosscheck.errors import SettingsError

VOCABULARY = [f"w{number}" for number in range(400)]
DAY = datetime(2024, 5, 1, tzinfo=UTC)


def random_text(rng: random.Random, length: int = 200) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(length))


def edited(text: str, rng: random.Random, rate: float) -> str:
    return " ".join(rng.choice(VOCABULARY) if rng.random() < rate else w for w in text.split())


def exact_jaccard(a: str, b: str, size: int = 5) -> float:
    first = set(shingle_hashes(words(a), size).tolist())
    second = set(shingle_hashes(words(b), size).tolist())
    return len(first & second) / len(first | second)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), rate=st.floats(0.0, 0.3))
def test_signature_agreement_estimates_exact_jaccard(seed: int, rate: float) -> None:
    rng = random.Random(seed)
    original = random_text(rng)
    copy = edited(original, rng, rate)
    hasher = MinHasher(MinHashSettings(num_perm=256))
    estimate = float(np.mean(hasher.signature(original) == hasher.signature(copy)))
    # 256 permutations: standard error <= 0.031, so 5 errors is a 1-in-a-million miss
    assert abs(estimate - exact_jaccard(original, copy)) < 0.16


def test_lsh_finds_planted_near_duplicates_and_not_strangers() -> None:
    rng = random.Random(7)
    index = NearDuplicateIndex()
    originals = [random_text(rng) for _ in range(60)]
    for number, text in enumerate(originals):
        assert index.add(f"doc{number}", index.signature(text)) == []
    hits = 0
    for number, text in enumerate(originals[:20]):
        found = dict(index.add(f"copy{number}", index.signature(edited(text, rng, 0.03))))
        hits += f"doc{number}" in found
        assert all(score >= index.settings.threshold for score in found.values())
        assert set(found) <= {f"doc{number}"}
    assert hits >= 19


def test_exact_duplicate_by_normalised_text_comes_first_with_score_one() -> None:
    index = NearDuplicateIndex()
    text = "The river rose overnight and the old bridge at Millbrook was closed to traffic."
    variant = "THE river rose  overnight, and the old bridge at Millbrook was closed to traffic!"
    assert text_digest(text) == text_digest(variant)
    index.add("first", index.signature(text), DAY, text_digest(text))
    assert index.add("second", index.signature(variant), DAY, text_digest(variant))[0] == (
        "first",
        1.0,
    )


def test_expire_forgets_documents_older_than_the_cutoff() -> None:
    rng = random.Random(3)
    text = random_text(rng)
    index = NearDuplicateIndex()
    index.add("old", index.signature(text), DAY - timedelta(days=40))
    index.add("recent", index.signature(edited(text, rng, 0.01)), DAY)
    assert index.expire(DAY - timedelta(days=30)) == 1
    found = index.query(index.signature(text))
    assert [article_id for article_id, _ in found] == ["recent"]
    assert len(index) == 1


def test_expire_stale_uses_the_window_behind_the_newest_document() -> None:
    index = NearDuplicateIndex(MinHashSettings(window=timedelta(days=7)))
    rng = random.Random(4)
    index.add("a", index.signature(random_text(rng)), datetime(2024, 1, 1))
    index.add("b", index.signature(random_text(rng)), datetime(2024, 1, 20))
    assert index.expire_stale() == 1
    assert len(index) == 1


def test_serialisation_round_trip_and_guard() -> None:
    settings_ = MinHashSettings()
    signature = MinHasher(settings_).signature(
        "Flood waters reached the town hall steps on Sunday."
    )
    data = signature_to_bytes(signature, settings_)
    assert np.array_equal(signature_from_bytes(data, settings_), signature)
    with pytest.raises(ValueError, match="seed"):
        signature_from_bytes(data, MinHashSettings(seed=2))


def test_signatures_are_stable_across_hashers() -> None:
    text = "Volunteers stacked sandbags along the canal until late evening."
    assert np.array_equal(MinHasher().signature(text), MinHasher().signature(text))


def test_band_layout_uses_at_most_num_perm_values() -> None:
    bands, rows = band_layout(0.5, 128)
    assert bands * rows <= 128
    assert band_layout(0.9, 128)[1] > rows  # a stricter threshold asks for longer bands


@pytest.mark.parametrize(
    ("name", "value"),
    [("num_perm", 4), ("threshold", 1.0), ("shingle_size", 0), ("window", timedelta(0))],
)
def test_bad_settings_name_the_value(name: str, value: object) -> None:
    with pytest.raises(SettingsError, match=name):
        MinHashSettings(**{name: value})  # type: ignore[arg-type]


# Typography the batch tokeniser must treat as `words` does: case, apostrophes
# (straight and curly), punctuation, non-ASCII letters, texts shorter than a shingle.
AWKWARD_TEXTS = [
    "",
    "...",
    "Storm",
    "Didn't flood, wasn’t closed",
    "The mayor's office said: 'no comment' -- again!!",
    "Café owners in Zürich and São Paulo reopened; ÉCOLE closed.",
    "x" * 70_000 + " giant token then words",  # one word longer than a fingerprint window
    "numbers 12,000 and 4.5% (AP) _under_score_",
]


def reference_signature(hasher: MinHasher, text: str) -> np.ndarray:
    """The one-text path: `words`, per-word dict hashing, then one text's minima."""
    return hasher.signature_of_shingles(shingle_hashes(words(text), hasher.settings.shingle_size))


def test_word_hashes_are_blake2b_of_the_utf8_word() -> None:
    # stored signatures were made from these values: they must never change
    for word in ["flood", "zürich", "12000"]:
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
        assert int(word_hashes([word])[0]) == int.from_bytes(digest, "little")


def test_batch_tokenising_and_hashing_equal_the_one_text_path() -> None:
    rng = random.Random(11)
    texts = [*AWKWARD_TEXTS, *(random_text(rng, rng.randint(0, 40)).title() for _ in range(30))]
    for size in (1, 3, 5):
        batch, offsets = text_shingle_hashes(texts, size)
        one_by_one, one_offsets = shingle_hashes_many([words(text) for text in texts], size)
        assert np.array_equal(batch, one_by_one)
        assert np.array_equal(offsets, one_offsets)
        for number, text in enumerate(texts):
            span = batch[offsets[number] : offsets[number + 1]]
            assert np.array_equal(span, shingle_hashes(words(text), size))


def test_word_table_keeps_values_when_it_grows_mid_batch() -> None:
    table = _WordHashTable()
    known = " ".join(f"known{number}" for number in range(30_000))
    table.word_hashes([known])
    fresh = " ".join(f"fresh{number}" for number in range(20_000))  # past half full: grows
    hashes, lengths = table.word_hashes([fresh, known])
    assert lengths.tolist() == [20_000, 30_000]
    assert np.array_equal(hashes, word_hashes(words(fresh) + words(known)))


def test_word_table_starts_over_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crosscheck.copies.text._WORD_CACHE_LIMIT", 1_000)
    table = _WordHashTable()
    known = " ".join(f"known{number}" for number in range(900))
    table.word_hashes([known])
    fresh = " ".join(f"fresh{number}" for number in range(500))
    hashes, _ = table.word_hashes([known, fresh])
    assert np.array_equal(hashes, word_hashes(words(known) + words(fresh)))


def test_signatures_of_a_batch_equal_each_text_alone() -> None:
    rng = random.Random(12)
    long_text = " ".join(f"w{number}" for number in range(5_000))  # more than one matrix op
    texts = [*AWKWARD_TEXTS, long_text, *(random_text(rng) for _ in range(40))]
    hasher = MinHasher()
    matrix = hasher.signatures(texts)
    assert matrix.shape == (len(texts), hasher.settings.num_perm)
    for number, text in enumerate(texts):
        assert np.array_equal(matrix[number], reference_signature(hasher, text))
        assert np.array_equal(hasher.signature(text), matrix[number])
    assert hasher.signatures([]).shape == (0, hasher.settings.num_perm)


def planted_stream(seed: int) -> tuple[list[str], list[datetime], list[str]]:
    """Originals, near copies and exact copies, interleaved, dated an hour apart."""
    rng = random.Random(seed)
    texts: list[str] = []
    for number in range(90):
        if number > 5 and number % 4 == 0:
            texts.append(edited(texts[rng.randrange(number)], rng, 0.03))
        elif number > 5 and number % 9 == 0:
            texts.append(texts[rng.randrange(number)].upper())  # exact by normalised text
        else:
            texts.append(random_text(rng))
    texts[30] = ""  # no words: never stored, never matched
    dates = [DAY + timedelta(hours=number) for number in range(len(texts))]
    return texts, dates, [text_digest(text) for text in texts]


def test_add_many_gives_what_add_gives_one_by_one() -> None:
    texts, dates, digests = planted_stream(13)
    ids = [f"doc{number}" for number in range(len(texts))]
    one_by_one, batched = NearDuplicateIndex(), NearDuplicateIndex()
    signatures = batched.signatures(texts)
    expected = [
        one_by_one.add(*row)
        for row in zip(ids, one_by_one.signatures(texts), dates, digests, strict=True)
    ]
    found: list[list[tuple[str, float]]] = []
    for first in range(0, len(texts), 32):
        part = slice(first, first + 32)
        found += batched.add_many(ids[part], signatures[part], dates[part], digests[part])
    assert found == expected
    assert sum(bool(matches) for matches in found) >= 20  # the planted copies were found
    assert len(batched) == len(one_by_one) == len(texts) - 1


def test_add_many_checks_each_document_against_earlier_ones_of_its_batch() -> None:
    rng = random.Random(14)
    original = random_text(rng)
    index = NearDuplicateIndex()
    texts = [original, random_text(rng), edited(original, rng, 0.02)]
    results = index.add_many(["original", "stranger", "copy"], index.signatures(texts))
    assert results[0] == []  # the copy comes later: not a match of the original
    assert results[1] == []
    assert [article_id for article_id, _ in results[2]] == ["original"]


def test_add_many_rejects_columns_of_different_lengths() -> None:
    index = NearDuplicateIndex()
    with pytest.raises(ValueError, match="length"):
        index.add_many(["a", "b"], index.signatures(["one text"]))


def test_expired_rows_are_reused_without_stale_matches() -> None:
    rng = random.Random(15)
    index = NearDuplicateIndex()
    old_texts = [random_text(rng) for _ in range(20)]
    old = index.signatures(old_texts)
    index.add_many([f"old{n}" for n in range(20)], old, [DAY - timedelta(days=40)] * 20)
    assert index.expire(DAY - timedelta(days=30)) == 20
    assert all(index.query(signature) == [] for signature in old)  # no stale bucket left
    # copies of the forgotten texts, each followed by a copy of itself, take their rows
    new_texts = [edited(text, rng, 0.02) for text in old_texts[:10] for _ in range(2)]
    new_ids = [f"new{n}" for n in range(20)]
    results = index.add_many(new_ids, index.signatures(new_texts), [DAY] * 20)
    assert all(other.startswith("new") for matches in results for other, _ in matches)
    assert all(any(other == new_ids[n - 1] for other, _ in results[n]) for n in range(1, 20, 2))
    assert len(index) == 20
    assert {other for other, _ in index.query(old[0])} <= {"new0", "new1"}
    assert index.query(old[15]) == []


def test_stored_signature_bytes_rebuild_an_index_that_answers_the_same() -> None:
    texts, dates, digests = planted_stream(16)
    settings_ = MinHashSettings()
    live = NearDuplicateIndex(settings_)
    signatures = live.signatures(texts)
    ids = [f"doc{number}" for number in range(len(texts))]
    live.add_many(ids[:60], signatures[:60], dates[:60], digests[:60])
    stored = [signature_to_bytes(signature, settings_) for signature in signatures[:60]]
    rebuilt = NearDuplicateIndex(settings_)
    restored = np.stack([signature_from_bytes(data, settings_) for data in stored])
    assert np.array_equal(restored, signatures[:60])
    rebuilt.add_many(ids[:60], restored, dates[:60], digests[:60])
    later = slice(60, None)
    assert rebuilt.add_many(ids[later], signatures[later], dates[later], digests[later]) == (
        live.add_many(ids[later], signatures[later], dates[later], digests[later])
    )
