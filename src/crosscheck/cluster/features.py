"""How alike an article and an event are, as a few numbers a learned model weighs.

Each feature compares the new article with the event's centroid and with its
closest member (an event drifts: a trial report months later resembles the
arrest report more than the average of all coverage).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise

import numpy as np

from crosscheck.cluster.profile import ArticleProfile, sublinear
from crosscheck.cluster.stats import DocFreq, EventProfile, name_key

FEATURES = (
    "embedding_max",
    "embedding_centroid",
    "tfidf_max",
    "tfidf_centroid",
    "names_max",
    "names_in_event",
    "names_centroid",
    "numbers_shared",
    "day_gap",
    "undated",
    "year_clash",
    "year_agreement",
    "event_size",
)

SparseVector = dict[int, float]

# Sums run over dicts built from sets of names, whose order changes with
# Python's per-process string hashing; math.fsum is exact, so the features
# (and every decision made on them) are the same in every process.


def _normalised(vector: SparseVector) -> SparseVector:
    norm = math.sqrt(math.fsum(value * value for value in vector.values()))
    return {key: value / norm for key, value in vector.items()} if norm > 0 else {}


def _dot(first: SparseVector, second: SparseVector) -> float:
    # Only shared keys contribute, and fsum is exact, so summing over the key
    # intersection (found in C) gives the very same float as summing over all keys.
    # The intersection copies its left side's keys first: the smaller one goes there.
    if len(first) > len(second):
        first, second = second, first
    return math.fsum([first[key] * second[key] for key in first.keys() & second.keys()])


class Comparer:
    """Feature vectors for (article, event) pairs under the current frequencies.

    Vectors are cached per article; make a new Comparer when frequencies change.
    """

    def __init__(self, frequencies: DocFreq) -> None:
        self.frequencies = frequencies
        self._tfidf: dict[str, SparseVector] = {}
        self._names: dict[str, SparseVector] = {}
        # Event vectors weighted under these frequencies, while the event is unchanged:
        # an event is compared with ~14 articles a batch, and weighting its few hundred
        # terms each time was a fifth of the feature time (bench/pipeline.py profile).
        self._events: dict[tuple[str, str], tuple[EventProfile, int, SparseVector]] = {}
        # IDF by hashed key: the same common words come back in every profile, and
        # a table lookup plus a log per word was the top item at 100k (bench/cluster.py).
        self._idf: dict[int, float] = {}
        # The same vectors as arrays, for comparing an article with many members at once.
        self._tfidf_arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._sorted_tfidf: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def idf(self, key: int) -> float:
        """`frequencies.idf`, remembered for the life of this comparer (one batch)."""
        known = self._idf.get(key)
        if known is None:
            known = self._idf[key] = self.frequencies.idf(key)
        return known

    def tfidf(self, profile: ArticleProfile) -> SparseVector:
        cached = self._tfidf.get(profile.article_id)
        if cached is None:
            idf = self.idf
            raw = {key: sublinear(count) * idf(key) for key, count in profile.terms.items()}
            cached = self._tfidf[profile.article_id] = _normalised(raw)
        return cached

    def tfidf_max(self, article: ArticleProfile, members: Sequence[ArticleProfile]) -> float:
        """max(_dot(tfidf(article), tfidf(member))), every member in one numpy pass.

        Bit for bit the same number: each product is the same float however it is
        computed, and fsum of the shared keys' products is exact (the zeros of
        unshared keys are left out, as `_dot` leaves them out). One dict
        intersection per member was a sixth of the main thread at 10k
        (bench/pipeline.py, py-spy): ~16 candidate events of ~7 members per article.
        """
        if not members:
            return 0.0
        article_keys, article_values = self._sorted(article)
        if not article_keys.size:
            return 0.0
        arrays = [self._arrays(member) for member in members]
        member_keys = np.concatenate([keys for keys, _ in arrays])
        member_values = np.concatenate([values for _, values in arrays])
        at = np.minimum(np.searchsorted(article_keys, member_keys), article_keys.size - 1)
        shared = np.flatnonzero(article_keys[at] == member_keys)
        products = (article_values[at[shared]] * member_values[shared]).tolist()
        ends = np.searchsorted(shared, np.cumsum([keys.size for keys, _ in arrays])).tolist()
        return max(math.fsum(products[start:end]) for start, end in pairwise([0, *ends]))

    def _arrays(self, profile: ArticleProfile) -> tuple[np.ndarray, np.ndarray]:
        cached = self._tfidf_arrays.get(profile.article_id)
        if cached is None:
            vector = self.tfidf(profile)
            keys = np.fromiter(vector.keys(), dtype=np.int64, count=len(vector))
            values = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
            cached = self._tfidf_arrays[profile.article_id] = (keys, values)
        return cached

    def _sorted(self, profile: ArticleProfile) -> tuple[np.ndarray, np.ndarray]:
        cached = self._sorted_tfidf.get(profile.article_id)
        if cached is None:
            keys, values = self._arrays(profile)
            order = np.argsort(keys, kind="stable")
            cached = self._sorted_tfidf[profile.article_id] = (keys[order], values[order])
        return cached

    def name_weights(self, profile: ArticleProfile) -> SparseVector:
        cached = self._names.get(profile.article_id)
        if cached is None:
            idf = self.idf
            cached = {name_key(name): idf(name_key(name)) for name in profile.names}
            self._names[profile.article_id] = cached
        return cached

    def event_tfidf(self, event: EventProfile) -> SparseVector:
        return self._derived(event, "tfidf", self._weighted_terms)

    def event_names(self, event: EventProfile) -> SparseVector:
        """The event's names weighted by how many members name them."""
        return self._derived(event, "names", self._weighted_names)

    def _derived(
        self, event: EventProfile, kind: str, weigh: Callable[[EventProfile], SparseVector]
    ) -> SparseVector:
        held = self._events.get((kind, event.event_id))
        if held is not None and held[0] is event and held[1] == event.changes:
            return held[2]
        vector = weigh(event)
        self._events[kind, event.event_id] = (event, event.changes, vector)
        return vector

    def _weighted_terms(self, event: EventProfile) -> SparseVector:
        idf = self.idf
        return _normalised({key: value * idf(key) for key, value in event.terms.items()})

    def _weighted_names(self, event: EventProfile) -> SparseVector:
        idf = self.idf
        return {name_key(n): count * idf(name_key(n)) for n, count in event.names.items()}

    def features(
        self, article: ArticleProfile, event: EventProfile, members: Sequence[ArticleProfile]
    ) -> list[float]:
        """One row in the order of FEATURES; `members` are the event members compared."""
        vector = self.tfidf(article)
        names = self.name_weights(article)
        name_total = math.fsum(names.values())
        shared_in_event = math.fsum(
            names.get(name_key(name), 0.0) for name in article.names if event.names[name]
        )
        gaps = [abs(article.day - day) for day in event.days] if article.day is not None else []
        event_names = self.event_names(event)
        return [
            max((float(article.embedding @ m.embedding) for m in members), default=0.0),
            float(article.embedding @ event.unit_centroid()),
            self.tfidf_max(article, members),
            _dot(vector, self.event_tfidf(event)),
            max((_name_cosine(names, self.name_weights(m)) for m in members), default=0.0),
            shared_in_event / name_total if name_total > 0 else 0.0,
            _name_cosine(names, event_names) if event_names else 0.0,
            math.log1p(max((len(article.numbers & m.numbers) for m in members), default=0)),
            math.log1p(min(gaps)) if gaps else 0.0,
            0.0 if gaps else 1.0,
            1.0 if _years_clash(article, event) else 0.0,
            _year_agreement(article, event),
            math.log1p(len(event.members)),
        ]


def _name_cosine(first: SparseVector, second: SparseVector) -> float:
    # The numerator squares `first`'s weights (an article's idf weights are the same
    # as a member's, not an event's count-weighted ones); the link model is trained
    # on exactly this, so it stays until the model is retrained.
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    shared = math.fsum([first[key] * first[key] for key in smaller.keys() & larger.keys()])
    norms = math.sqrt(
        math.fsum([w * w for w in first.values()]) * math.fsum([w * w for w in second.values()])
    )
    return shared / norms if norms > 0 else 0.0


def _main_year(years: dict[int, int]) -> int | None:
    return max(years, key=lambda year: (years[year], year)) if years else None


def _year_agreement(article: ArticleProfile, event: EventProfile) -> float:
    """+1 when the article's year is the event's main year, -1 when another, 0 unknown."""
    own = (
        article.event_date.year if article.event_date else _main_year({y: 1 for y in article.years})
    )
    main = _main_year(dict(event.years))
    if own is None or main is None:
        return 0.0
    return 1.0 if own == main else -1.0


def _years_clash(article: ArticleProfile, event: EventProfile) -> bool:
    """Both mention years and none in common: an anniversary, not the same event."""
    return bool(article.years) and bool(event.years) and not (article.years & set(event.years))


@dataclass(frozen=True, slots=True)
class LinkModel:
    """Logistic regression over FEATURES: P(article belongs to event)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float  # join the best event at or above this probability
    merge_threshold: float = 1.0  # an article this sure of two events merges them

    def probability(self, row: Sequence[float]) -> float:
        score = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        scores = rows @ np.asarray(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(scores, -50, 50))))

    @classmethod
    def from_json(cls, data: str) -> LinkModel:
        raw = json.loads(data)
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"link model features {raw['features']} do not match {FEATURES}")
        weights = tuple(float(raw["weights"][name]) for name in FEATURES)
        merge = float(raw.get("merge_threshold", 1.0))
        return cls(weights, float(raw["bias"]), float(raw["threshold"]), merge)

    @classmethod
    def shipped(cls) -> LinkModel:
        """The model trained by `eval/cluster.py --train` (see data/link_model.json)."""
        path = resources.files("crosscheck.cluster") / "data" / "link_model.json"
        return cls.from_json(path.read_text(encoding="utf-8"))
