"""The sentence-pair decision: is `b` a rewrite of `a`?

A logistic model over the embedding cosine and lexical features, with fitted
weights shipped in `data/paraphrase.json` (fitted by `eval/paraphrase.py --fit`
on MSRP train, cross-validated figures in that file). On top of the model, two
vetoes the embedding cannot be trusted with: the pair states different numbers
("40 miles" / "50 miles", "four injured" / "no one injured"), or one side is
negated and the other is not. The aligner and the evaluation call the same
`ParaphraseModel.decide`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import attrgetter
from typing import Any

from crosscheck.copies.sentence_facts import SentenceFacts, sentence_facts

FEATURE_NAMES = (
    "cosine",
    "word_jaccard",
    "content_containment",
    "length_ratio",
    "number_conflict",
    "negation_mismatch",
    "name_containment",
)


@dataclass(frozen=True, slots=True)
class PairFeatures:
    cosine: float
    word_jaccard: float
    content_containment: float
    length_ratio: float
    number_conflict: float
    negation_mismatch: float
    name_containment: float

    def vector(self) -> tuple[float, ...]:
        return _feature_values(self)


# One C call for the FEATURE_NAMES values in order (a getattr loop was 5% of copy linking).
_feature_values = attrgetter(*FEATURE_NAMES)


def pair_features(a: SentenceFacts, b: SentenceFacts, cosine: float) -> PairFeatures:
    return PairFeatures(
        cosine=cosine,
        word_jaccard=_jaccard(set(a.words), set(b.words)),
        content_containment=_containment(a.content, b.content, empty=0.0),
        length_ratio=min(len(a.words), len(b.words)) / max(len(a.words), len(b.words), 1),
        number_conflict=float(numbers_conflict(a, b)),
        negation_mismatch=float(a.negated != b.negated),
        # no names on one side is no evidence either way
        name_containment=_containment(a.names, b.names, empty=1.0),
    )


def numbers_conflict(a: SentenceFacts, b: SentenceFacts) -> bool:
    """Both state numbers and neither side's numbers include the other's."""
    if not a.numbers or not b.numbers:
        return False
    return not (a.numbers <= b.numbers or b.numbers <= a.numbers)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _containment(a: frozenset[str], b: frozenset[str], empty: float) -> float:
    if not a or not b:
        return empty
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class ParaphraseModel:
    weights: tuple[float, ...]
    bias: float
    threshold: float
    use_vetoes: bool = True

    def probability(self, features: PairFeatures) -> float:
        logit = self.bias + sum(w * x for w, x in zip(self.weights, features.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-logit))

    def vetoed(self, features: PairFeatures) -> bool:
        return self.use_vetoes and (features.number_conflict > 0 or features.negation_mismatch > 0)

    def vetoes(self, a: SentenceFacts, b: SentenceFacts) -> bool:
        """`vetoed` straight from the sentences: the vetoes need no embedding."""
        return self.use_vetoes and (numbers_conflict(a, b) or a.negated != b.negated)

    def decide(self, features: PairFeatures) -> bool:
        return not self.vetoed(features) and self.probability(features) >= self.threshold

    def to_json(self, extra: dict[str, Any] | None = None) -> str:
        payload = {
            "features": list(FEATURE_NAMES),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            **(extra or {}),
        }
        return json.dumps(payload, indent=2) + "\n"


@cache
def default_model() -> ParaphraseModel:
    """The shipped model (`data/paraphrase.json`)."""
    text = resources.files("crosscheck.copies").joinpath("data/paraphrase.json").read_text()
    payload = json.loads(text)
    if tuple(payload["features"]) != FEATURE_NAMES:
        raise ValueError(f"paraphrase.json features {payload['features']} != {FEATURE_NAMES}")
    weights = tuple(float(w) for w in payload["weights"])
    return ParaphraseModel(weights, float(payload["bias"]), float(payload["threshold"]))


def is_paraphrase(a: str, b: str, model: ParaphraseModel | None = None) -> bool:
    """The aligner's decision on one pair of sentences (embeds both: batch for bulk use)."""
    from crosscheck.embed import embed

    vectors = embed([a, b])
    features = pair_features(sentence_facts(a), sentence_facts(b), float(vectors[0] @ vectors[1]))
    return (model or default_model()).decide(features)
