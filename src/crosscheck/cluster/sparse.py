"""Weighted terms as sorted key and value arrays, and exact dot products over them.

The plain forms (`features._normalised`, `features._dot`) work on dicts; these
give bit for bit the same floats: each product and quotient is the same IEEE
operation on the same two floats however it is computed, and `math.fsum` of
the shared keys' products is exact, so neither the order of the products nor
the zeros of unshared keys (left out here, as `_dot` leaves them out) can
change a sum. `tests/test_cluster_rows.py` checks them against the plain forms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate, pairwise
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

Keys = npt.NDArray[np.int64]
Values = npt.NDArray[np.float64]


class SparseArrays(NamedTuple):
    keys: Keys  # ascending, each once
    values: Values  # the weight of the key at the same position


EMPTY = SparseArrays(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def normalised_vectors(keys: Keys, values: Values, sizes: Sequence[int]) -> list[SparseArrays]:
    """`features._normalised` of each run of `sizes` consecutive (key, value) pairs.

    Keys are whole numbers below 2**32, each once per run. All the runs of an
    article's uncached candidates are weighed in one pass: one at a time, the
    numpy calls cost more than the arithmetic (~25 profiles and ~7 events an
    article, bench/cluster.py).
    """
    runs = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    order = np.argsort((runs << 32) | keys)
    keys, values = keys[order], values[order]
    squares = (values * values).tolist()
    bounds = list(pairwise([0, *accumulate(sizes)]))
    norms = [math.sqrt(math.fsum(squares[start:end])) for start, end in bounds]
    # Runs whose norm is zero come back empty: divided by one, their values go unused.
    quotients = values / np.repeat([norm if norm > 0 else 1.0 for norm in norms], sizes)
    return [
        SparseArrays(keys[start:end], quotients[start:end]) if norm > 0 else EMPTY
        for (start, end), norm in zip(bounds, norms, strict=True)
    ]


def exact_dots(vector: SparseArrays, others: Sequence[SparseArrays]) -> list[float]:
    """`features._dot(vector, other)` for each of `others`, in one numpy pass.

    One pass for all of an article's candidate members and events: per event,
    the ten numpy calls of a pass cost more than their arithmetic (~16 events,
    ~7 members each, per article).
    """
    if not vector.keys.size:
        return [0.0] * len(others)
    if not others:
        return []
    keys = np.concatenate([other.keys for other in others])
    values = np.concatenate([other.values for other in others])
    at = np.minimum(np.searchsorted(vector.keys, keys), vector.keys.size - 1)
    shared = np.flatnonzero(vector.keys[at] == keys)
    products = (vector.values[at[shared]] * values[shared]).tolist()
    ends = np.searchsorted(shared, np.cumsum([other.keys.size for other in others])).tolist()
    return [math.fsum(products[start:end]) for start, end in pairwise([0, *ends])]
