"""The offline embedder: unit vectors, and a bounded cache that spares repeated texts."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest
import torch

from crosscheck import embed as embedder
from crosscheck.errors import SettingsError

pytestmark = pytest.mark.slow  # loads the embedding model


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the real model is asked to encode during the test."""
    seen: list[str] = []
    real = embedder._encode

    def recording(
        texts: Sequence[str], batch_size: int, encoder: embedder.Encoder = "plain"
    ) -> list[npt.NDArray[np.float32]]:
        seen.extend(texts)
        return real(texts, batch_size, encoder)

    monkeypatch.setattr(embedder, "_encode", recording)
    monkeypatch.setattr(embedder, "_cache", type(embedder._cache)())
    return seen


def test_vectors_are_unit_length_and_repeated_texts_are_encoded_once(encoded: list[str]) -> None:
    texts = ["The ferry left the harbour at dawn.", "Rain closed the mountain pass.", ""]
    vectors = embedder.embed([*texts, texts[0]])
    assert vectors.shape == (4, embedder.EMBEDDING_DIM)
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[3])
    assert encoded == texts
    again = embedder.embed([texts[1], "A new sentence about the pass."])
    np.testing.assert_array_equal(again[0], vectors[1])
    assert encoded == [*texts, "A new sentence about the pass."]


def test_leads_have_their_own_encoder_and_their_own_cache_entries(encoded: list[str]) -> None:
    texts = ["Two gunmen shot a guard outside the Karsk depot on Monday.", "Rain closed the pass."]
    plain = embedder.embed(texts)
    leads = embedder.embed_leads(texts)
    # The same texts are encoded again by the lead encoder, not served from the cache.
    assert encoded == [*texts, *texts]
    np.testing.assert_allclose(np.linalg.norm(leads, axis=1), 1.0, atol=1e-5)
    # The tuned top layers move the vectors, the shared lower ones keep them related.
    cosines = np.sum(plain * leads, axis=1)
    assert cosines.max() < 0.999 and cosines.min() > 0.3
    np.testing.assert_array_equal(embedder.embed_leads(texts[:1])[0], leads[0])
    assert encoded == [*texts, *texts]
    assert embedder.uncached(texts, "lead") == [] and embedder.uncached(texts) == []


def test_cache_is_bounded_and_forgets_the_least_recently_used(
    encoded: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedder, "CACHE_SIZE", 2)
    embedder.embed(["first text", "second text"])
    embedder.embed(["first text"])  # now the most recently used
    embedder.embed(["third text"])
    assert len(embedder._cache) == 2
    embedder.embed(["first text", "second text"])
    assert encoded == ["first text", "second text", "third text", "second text"]


def test_bfloat16_gives_the_float32_directions(
    encoded: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["Two trains collided outside the station.", "Rain closed the mountain pass."]
    monkeypatch.setenv("CROSSCHECK_EMBED_PRECISION", "float32")
    exact = embedder.embed(texts)
    monkeypatch.setattr(embedder, "_cache", type(embedder._cache)())
    monkeypatch.setenv("CROSSCHECK_EMBED_PRECISION", "bfloat16")
    fast = embedder.embed(texts)
    assert fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(exact * fast, axis=1)
    assert cosines.min() > 0.999
    assert float(exact[0] @ exact[1]) == pytest.approx(float(fast[0] @ fast[1]), abs=0.01)


def test_an_unknown_precision_is_a_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSCHECK_EMBED_PRECISION", "int4")
    monkeypatch.setattr(embedder, "_cache", type(embedder._cache)())
    with pytest.raises(SettingsError, match="CROSSCHECK_EMBED_PRECISION"):
        embedder.embed(["any text"])


def test_the_model_leaves_one_core_to_the_python_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROSSCHECK_EMBED_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3})
    assert embedder._threads() == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {5})
    assert embedder._threads() == 1
    monkeypatch.setenv("CROSSCHECK_EMBED_THREADS", "2")
    assert embedder._threads() == 2


@pytest.mark.parametrize("wanted", ["0", "many", "-1"])
def test_an_unknown_thread_count_is_a_settings_error(
    wanted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSCHECK_EMBED_THREADS", wanted)
    with pytest.raises(SettingsError, match="CROSSCHECK_EMBED_THREADS"):
        embedder._threads()


def test_loading_the_model_on_a_cpu_sets_its_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    before = torch.get_num_threads()
    monkeypatch.setenv("CROSSCHECK_DEVICE", "cpu")
    monkeypatch.setenv("CROSSCHECK_EMBED_THREADS", "1" if before != 1 else "2")
    monkeypatch.setattr(embedder, "_model", None)
    try:
        embedder.load_model()
        assert torch.get_num_threads() == int(os.environ["CROSSCHECK_EMBED_THREADS"])
    finally:
        torch.set_num_threads(before)
