"""B3 (B-cubed) clustering scores: per-item precision and recall, averaged.

For each item, precision is the share of its predicted cluster that shares its
gold cluster, recall the share of its gold cluster that shares its predicted
cluster (Bagga & Baldwin 1998). F1 is the harmonic mean of the two averages.
Items missing from the prediction count as singletons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import NamedTuple


class B3(NamedTuple):
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P={self.precision:.4f} R={self.recall:.4f} F1={self.f1:.4f}"


def b3(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> B3:
    """Score `predicted` (item -> cluster) against `gold` (item -> cluster) over gold's items."""
    if not gold:
        raise ValueError("no gold items to score")
    predicted_of = {item: predicted.get(item, ("singleton", item)) for item in gold}
    pair_counts = Counter((predicted_of[item], gold[item]) for item in gold)
    predicted_sizes = Counter(predicted_of.values())
    gold_sizes = Counter(gold.values())
    precision = recall = 0.0
    for item, gold_cluster in gold.items():
        shared = pair_counts[(predicted_of[item], gold_cluster)]
        precision += shared / predicted_sizes[predicted_of[item]]
        recall += shared / gold_sizes[gold_cluster]
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return B3(precision, recall, f1)
