"""The sentence-pair paraphrase model: its feature vector and its decision."""

from __future__ import annotations

from dataclasses import replace

from crosscheck.copies.paraphrase import FEATURE_NAMES, default_model, pair_features
from crosscheck.copies.sentence_facts import sentence_facts


def test_the_vector_follows_the_model_file_order() -> None:
    features = pair_features(
        sentence_facts("Nine workers were hurt when a crane fell at the Velmora docks."),
        sentence_facts("The crane that fell at the docks hurt 12 workers, police said."),
        0.71,
    )
    assert features.vector() == tuple(getattr(features, name) for name in FEATURE_NAMES)
    assert len(set(features.vector())) > 3  # distinct values: the order is really checked


def test_a_higher_cosine_never_lowers_the_probability() -> None:
    model = default_model()
    base = pair_features(
        sentence_facts("Nine workers were hurt when a crane fell at the Velmora docks."),
        sentence_facts("A falling crane hurt nine workers at the docks in Velmora."),
        0.5,
    )
    chances = [model.probability(replace(base, cosine=c)) for c in (0.5, 0.7, 0.9)]
    assert chances == sorted(chances) and chances[0] < chances[-1]


def test_different_numbers_veto_a_pair_whatever_its_cosine() -> None:
    model = default_model()
    features = pair_features(
        sentence_facts("Nine workers were hurt when a crane fell at the docks."),
        sentence_facts("Twelve workers were hurt when a crane fell at the docks."),
        0.99,
    )
    assert features.number_conflict == 1.0
    assert not model.decide(features)
