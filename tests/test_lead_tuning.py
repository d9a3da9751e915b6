"""Tuning the lead encoder's top layers: it learns to tell events of one place apart, and the
saved layers give the pipeline the vectors tuning measured.

The texts are fiction: two towns, three incidents each, reported in varied words.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import torch

from crosscheck.cluster import lead_tuning
from crosscheck.embed import load_model
from crosscheck.minilm import load_layers

pytestmark = pytest.mark.slow  # loads the embedding model and trains

INCIDENTS = {
    "Karsk": [
        "a gunman shot two guards at the grain depot on Monday",
        "a driver was shot dead at a petrol station on the ring road",
        "three teenagers were wounded outside a school dance on Friday night",
    ],
    "Velmora": [
        "a fisherman was shot on the harbour wall before dawn",
        "police shot a man who fired at officers in the old market",
        "two brothers were wounded in a shooting at a wedding party",
    ],
}
OPENINGS = [
    "Police in {town} said {what}.",
    "{town}: {what}, officials confirmed.",
    "Witnesses in {town} report that {what}.",
    "In {town}, {what}, the mayor said.",
]


def _corpus() -> lead_tuning.TuningSet:
    texts, blocks, events = [], [], []
    for town, incidents in INCIDENTS.items():
        for number, what in enumerate(incidents):
            for opening in OPENINGS:
                texts.append(opening.format(town=town, what=what))
                blocks.append(f"fiction {town}")
                events.append(f"{town}-{number}")
    return lead_tuning.TuningSet(texts, blocks, events)


def _separation(corpus: lead_tuning.TuningSet, vectors: np.ndarray) -> float:
    """Mean cosine of same-event pairs minus that of other-event pairs within a town."""
    same, other = [], []
    for first, second in itertools.combinations(range(len(corpus.texts)), 2):
        if corpus.blocks[first] == corpus.blocks[second]:
            cosine = float(vectors[first] @ vectors[second])
            (same if corpus.events[first] == corpus.events[second] else other).append(cosine)
    return float(np.mean(same) - np.mean(other))


def test_tuning_pulls_reports_of_one_incident_together_and_the_saved_layers_agree(
    tmp_path: Path,
) -> None:
    corpus = _corpus()
    model = lead_tuning.TopLayers(load_model(), corpus.texts)
    before = model.encode_all(model.original)
    weights = lead_tuning.tune(corpus, model, range(len(corpus.texts)), seed=0, steps=40, log=False)
    after = model.encode_all(weights)
    assert _separation(corpus, after) > _separation(corpus, before) + 0.05
    path = tmp_path / "layers.safetensors"
    lead_tuning.save_layers(path, weights, lead_tuning.MAX_TOKENS, "test")
    loaded, max_tokens = load_layers(path)
    assert max_tokens == lead_tuning.MAX_TOKENS and loaded.keys() == weights.keys()
    shipped = load_model().with_layers(loaded, max_tokens).encode(corpus.texts)
    # float16 storage moves the vectors by rounding only
    assert float(np.sum(shipped * after, axis=1).min()) > 0.9999


def test_cross_fitted_vectors_come_from_the_layers_tuned_on_the_other_folds() -> None:
    corpus = _corpus()
    model = lead_tuning.TopLayers(load_model(), corpus.texts)
    # Three folds, one incident of each town in each: every fold's training rows
    # still hold two events a town, which tuning needs.
    fold_of = [int(event.rsplit("-", 1)[1]) for event in corpus.events]
    tuned: list[list[int]] = []

    def tuned_on(rows: list[int]) -> dict[str, torch.Tensor]:
        tuned.append(rows)
        return lead_tuning.tune(corpus, model, rows, seed=len(tuned), steps=5, log=False)

    vectors = lead_tuning.cross_fitted(model, fold_of, tuned_on)
    members = [[row for row, fold in enumerate(fold_of) if fold == k] for k in range(3)]
    others = [[row for row, fold in enumerate(fold_of) if fold != k] for k in range(3)]
    assert tuned == others
    for fold in range(3):
        weights = lead_tuning.tune(corpus, model, others[fold], seed=fold + 1, steps=5, log=False)
        expected = model.encode_all(weights)[members[fold]]
        np.testing.assert_allclose(vectors[members[fold]], expected, atol=1e-6)
