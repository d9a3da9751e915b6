"""B3 (B-cubed) clustering scores: per-item precision and recall, averaged.

For each item, precision is the share of its predicted cluster that shares its
gold cluster, recall the share of its gold cluster that shares its predicted
cluster (Bagga & Baldwin 1998). F1 is the harmonic mean of the two averages.
Items missing from the prediction count as singletons. `scored` averages over
some of the items only (a held-out half clustered among the others), while each
item's cluster still counts every member it was given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Mapping
from typing import NamedTuple


class B3(NamedTuple):
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P={self.precision:.4f} R={self.recall:.4f} F1={self.f1:.4f}"


def b3(
    predicted: Mapping[str, Hashable],
    gold: Mapping[str, Hashable],
    scored: Collection[str] | None = None,
) -> B3:
    """Score `predicted` (item -> cluster) against `gold` (item -> cluster) over gold's items.

    With `scored`, the averages run over those items only (each must be in gold).
    """
    if not gold or (scored is not None and not scored):
        raise ValueError("no gold items to score")
    predicted_of = {item: predicted.get(item, ("singleton", item)) for item in gold}
    pair_counts = Counter((predicted_of[item], gold[item]) for item in gold)
    predicted_sizes = Counter(predicted_of.values())
    gold_sizes = Counter(gold.values())
    precision = recall = 0.0
    items = gold.keys() if scored is None else scored
    for item in items:
        shared = pair_counts[(predicted_of[item], gold[item])]
        precision += shared / predicted_sizes[predicted_of[item]]
        recall += shared / gold_sizes[gold[item]]
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return B3(precision, recall, f1)
