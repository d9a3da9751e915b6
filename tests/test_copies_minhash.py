"""Document-level near duplicates: estimates, LSH recall, expiry, exact dups, bytes."""

from __future__ import annotations

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
from crosscheck.copies.text import shingle_hashes, text_digest, words
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
