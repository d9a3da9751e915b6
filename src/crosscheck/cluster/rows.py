"""Feature rows for all of an article's candidate events at once.

`features.Comparer.features` defines each feature plainly, one (article, event)
pair at a time; `FeatureRows.rows` is the form the linker runs, and gives the
very same floats (tests/test_cluster_rows.py checks it against the plain form on
random profiles). It differs only in how the work is laid out:

- what a feature needs of a profile or an event under this batch's frequencies
  (TF-IDF arrays, squared name weights and their sum, the unit centroid, sorted
  days, the main year) is derived once per batch, not once per pair;
- the TF-IDF dot products of the article with every candidate member and every
  candidate event are one numpy pass (`sparse.exact_dots`);
- a name cosine intersects the article's squared weights with the member's keys
  and divides by norms kept beside them.

Sums stay `math.fsum` over the same terms, so hash order cannot change them.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from crosscheck.cluster.features import (
    ages_clash,
    article_year,
    injured_clash,
    main_year,
    people_clash,
    tied_day_far,
    title_numbers_clash,
    weekday_clash,
    year_agreement,
    years_clash,
)
from crosscheck.cluster.packed import PackedTerms
from crosscheck.cluster.profile import ArticleProfile, Vector, sublinears
from crosscheck.cluster.sparse import Keys, SparseArrays, exact_dots, normalised_vectors
from crosscheck.cluster.stats import DocFreq, EventProfile, name_key

Compared = tuple[EventProfile, Sequence[ArticleProfile]]  # an event and its members compared


@dataclass(frozen=True, slots=True)
class _ProfileTerms:
    """What the features need of one profile under one batch's frequencies."""

    tfidf: SparseArrays
    name_squares: dict[int, float]  # name key -> its idf weight squared
    name_norm: float  # the sum of those squares (a norm, squared)


@dataclass(frozen=True, slots=True)
class _EventTerms:
    """What the features need of one event (as it stands) under one batch's frequencies."""

    tfidf: SparseArrays
    unit_centroid: Vector
    name_keys: frozenset[int]
    name_norm: float  # the sum of its count-weighted name weights squared
    days: list[int]  # sorted
    main_year: int | None


@dataclass(frozen=True, slots=True)
class _HeldEvent:
    """An event's terms, with the object and change count they were derived from."""

    event: EventProfile
    changes: int
    terms: _EventTerms

    def holds(self, event: EventProfile) -> bool:
        """Whether the terms are of `event` as it stands."""
        return self.event is event and self.changes == event.changes


@dataclass(frozen=True, slots=True)
class _ArticleTerms:
    """What the features need of the article being placed, beyond its `_ProfileTerms`."""

    name_weights: dict[str, float]  # name -> idf of its key
    name_total: float
    year: int | None


class FeatureRows:
    """`Comparer.features` for many candidate events at once, under one batch's frequencies.

    Derived data is cached per article and per event (while the event's `changes`
    stay the same); make a new one when frequencies change (the linker does, per batch).
    """

    def __init__(self, frequencies: DocFreq) -> None:
        self.frequencies = frequencies
        # IDF by hashed name key: the same names come back in every profile.
        self._idf: dict[int, float] = {}
        # A member is compared with many articles a batch, and so is an event (~14):
        # weighing an event's few hundred terms each time was a fifth of the feature
        # time (bench/pipeline.py profile).
        self._profiles: dict[str, _ProfileTerms] = {}
        self._events: dict[str, _HeldEvent] = {}

    def rows(self, article: ArticleProfile, candidates: Sequence[Compared]) -> list[list[float]]:
        """One feature row per candidate event, each as `Comparer.features` makes it."""
        self._weigh_profiles([article, *(m for _, compared in candidates for m in compared)])
        own = self._profiles[article.article_id]
        extra = self._article_terms(article)
        events = self._event_terms([event for event, _ in candidates])
        members = [[self._profiles[m.article_id] for m in compared] for _, compared in candidates]
        dots = exact_dots(
            own.tfidf, [*(m.tfidf for group in members for m in group), *(e.tfidf for e in events)]
        )
        rows = []
        start = 0
        for (event, compared), terms, group, event_dot in zip(
            candidates, events, members, dots[len(dots) - len(events) :], strict=True
        ):
            member_dots = dots[start : start + len(group)]
            start += len(group)
            nearest = _nearest_gap(article.day, terms.days)
            rows.append(
                [
                    _embedding_max(article.embedding, compared),
                    float(article.embedding.dot(terms.unit_centroid)),
                    max(member_dots, default=0.0),
                    event_dot,
                    _names_max(own, group),
                    _names_in_event(article, extra, event),
                    _name_cosine(own, terms.name_keys, terms.name_norm) if terms.name_keys else 0.0,
                    math.log1p(_numbers_shared(article, compared)),
                    *_day_gap(nearest),
                    1.0 if years_clash(article, event) else 0.0,
                    year_agreement(extra.year, terms.main_year),
                    math.log1p(len(event.members)),
                    injured_clash(article, compared),
                    title_numbers_clash(article, compared),
                    ages_clash(article, compared),
                    tied_day_far(article, nearest),
                    weekday_clash(article, compared),
                    people_clash(article, compared),
                ]
            )
        return rows

    def _name_idf(self, key: int) -> float:
        """`frequencies.idf`, remembered for the batch."""
        known = self._idf.get(key)
        if known is None:
            known = self._idf[key] = self.frequencies.idf(key)
        return known

    def _weigh_profiles(self, profiles: Sequence[ArticleProfile]) -> None:
        """Derive, in one numpy pass, what the profiles not seen this batch need.

        An article id is a content hash, so profiles of one id are alike: the
        first one met stands for them all (the article itself may be a member).
        """
        fresh: dict[str, ArticleProfile] = {}
        for profile in profiles:
            if profile.article_id not in self._profiles:
                fresh.setdefault(profile.article_id, profile)
        if not fresh:
            return
        keys, counts, sizes = _runs([profile.terms for profile in fresh.values()], np.int64)
        vectors = normalised_vectors(keys, sublinears(counts) * self.frequencies.idfs(keys), sizes)
        for (article_id, profile), vector in zip(fresh.items(), vectors, strict=True):
            squares = {}
            for name in profile.names:
                key = name_key(name)
                weight = self._name_idf(key)
                squares[key] = weight * weight
            self._profiles[article_id] = _ProfileTerms(vector, squares, math.fsum(squares.values()))

    def _article_terms(self, article: ArticleProfile) -> _ArticleTerms:
        weights = {name: self._name_idf(name_key(name)) for name in article.names}
        return _ArticleTerms(weights, _name_total(weights), article_year(article))

    def _event_terms(self, events: Sequence[EventProfile]) -> list[_EventTerms]:
        """Each event's terms: held ones where the event is as it stood, else derived anew."""
        # By object, not by id: two objects of one event id each get their own terms.
        found = {
            id(event): held.terms
            for event in events
            if (held := self._events.get(event.event_id)) is not None and held.holds(event)
        }
        stale = [event for event in events if id(event) not in found]
        found.update(zip(map(id, stale), self._derive(stale), strict=True))
        self._events.update(
            (event.event_id, _HeldEvent(event, event.changes, found[id(event)])) for event in stale
        )
        return [found[id(event)] for event in events]

    def _derive(self, events: Sequence[EventProfile]) -> list[_EventTerms]:
        """What the features need of each event, its TF-IDF vectors weighed in one numpy pass."""
        if not events:
            return []
        keys, sums, sizes = _runs([event.terms for event in events], np.float64)
        vectors = normalised_vectors(keys, sums * self.frequencies.idfs(keys), sizes)
        return [
            self._event_terms_of(event, vector)
            for event, vector in zip(events, vectors, strict=True)
        ]

    def _event_terms_of(self, event: EventProfile, tfidf: SparseArrays) -> _EventTerms:
        idf = self._name_idf
        names = {name_key(n): tally * idf(name_key(n)) for n, tally in event.names.items()}
        return _EventTerms(
            tfidf=tfidf,
            unit_centroid=event.unit_centroid(),
            name_keys=frozenset(names),
            name_norm=math.fsum([weight * weight for weight in names.values()]),
            days=sorted(event.days),
            main_year=main_year(event.years),
        )


def _runs(
    mappings: Sequence[Mapping[int, float]], dtype: type[np.generic]
) -> tuple[Keys, npt.NDArray[Any], list[int]]:
    """The mappings' keys and values as arrays, one run after another, and each run's size.

    Terms read back from the store (`PackedTerms`) give their arrays as they are.
    """
    sizes = [len(mapping) for mapping in mappings]
    if not mappings:
        return np.zeros(0, np.int64), np.zeros(0, dtype), sizes
    key_runs, value_runs = [], []
    for mapping in mappings:
        if isinstance(mapping, PackedTerms):
            key_runs.append(mapping.key_array)
            value_runs.append(mapping.value_array)
        else:
            key_runs.append(np.fromiter(mapping, np.int64, len(mapping)))
            value_runs.append(np.fromiter(mapping.values(), dtype, len(mapping)))
    keys = np.concatenate(key_runs).astype(np.int64, copy=False)
    return keys, np.concatenate(value_runs).astype(dtype, copy=False), sizes


def _name_total(weights: dict[str, float]) -> float:
    """`math.fsum` of the article's name weights, one per name key (as `name_weights` keeps)."""
    return math.fsum({name_key(name): weight for name, weight in weights.items()}.values())


def _embedding_max(embedding: Vector, members: Sequence[ArticleProfile]) -> float:
    # `ndarray.dot` runs the same BLAS dot as `@` on two vectors (the same float32),
    # at less than half its call cost. Stacking the members for one matrix-vector
    # product is not an option: BLAS sums a row in another order (most results
    # differed in the last bits on this machine's OpenBLAS).
    if not members:
        return 0.0
    return float(max(map(embedding.dot, [member.embedding for member in members])))


def _names_max(own: _ProfileTerms, members: Sequence[_ProfileTerms]) -> float:
    return max(
        (_name_cosine(own, m.name_squares.keys(), m.name_norm) for m in members), default=0.0
    )


def _name_cosine(own: _ProfileTerms, other_keys: Set[int], other_norm: float) -> float:
    """`features._name_cosine(article names, other)` from the squares and norms kept."""
    squares = own.name_squares
    shared = math.fsum([squares[key] for key in squares.keys() & other_keys])
    norms = math.sqrt(own.name_norm * other_norm)
    return shared / norms if norms > 0 else 0.0


def _names_in_event(article: ArticleProfile, terms: _ArticleTerms, event: EventProfile) -> float:
    if not terms.name_total > 0:
        return 0.0
    weights = terms.name_weights
    shared = math.fsum([weights[name] for name in article.names if event.names[name]])
    return shared / terms.name_total


def _numbers_shared(article: ArticleProfile, members: Sequence[ArticleProfile]) -> int:
    numbers = article.numbers
    if not numbers or not members:
        return 0
    return max(len(numbers & member.numbers) for member in members)


def _nearest_gap(day: int | None, days: list[int]) -> int | None:
    """Days from `day` to the nearest of the sorted `days`, by bisection; None if undated."""
    if day is None or not days:
        return None
    at = bisect_left(days, day)
    return min(abs(day - days[i]) for i in (at - 1, at) if 0 <= i < len(days))


def _day_gap(nearest: int | None) -> tuple[float, float]:
    """(day_gap, undated): the log of the nearest member day's distance."""
    return (0.0, 1.0) if nearest is None else (math.log1p(nearest), 0.0)
