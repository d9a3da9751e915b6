"""Why a placement went as it did: the strongest signals for and against, in words."""

from __future__ import annotations

import math

from crosscheck.cluster.explain import WORDS, reasons, reasons_line
from crosscheck.cluster.features import FEATURES, LinkModel
from crosscheck.records import Signal


def _model(**weights: float) -> LinkModel:
    return LinkModel(tuple(weights.get(name, 0.0) for name in FEATURES), -3.0, 0.4)


def test_the_largest_additions_for_and_against_come_first_in_words() -> None:
    model = _model(names_max=4.0, tfidf_max=3.0, day_gap=-1.0, tied_day_far=-0.8, ages_clash=-2.0)
    signals = [
        Signal("names_max", 0.5),  # +2.0
        Signal("tfidf_max", 0.9),  # +2.7
        Signal("day_gap", math.log1p(430)),  # -6.07
        Signal("tied_day_far", 1.0),  # -0.8
        Signal("ages_clash", 0.0),  # found nothing: not a reason
        Signal("embedding_max", 0.7),  # weight 0 here: not a reason
        Signal("dropped_feature", 1.0),  # an older model's signal: left out
    ]
    for_joining, against = reasons(signals, model)
    assert [r.feature for r in for_joining] == ["tfidf_max", "names_max"]
    assert [r.feature for r in against] == ["day_gap", "tied_day_far"]
    assert against[0].said == "430 days from the event's nearest date"
    assert round(against[0].weight, 2) == -6.07
    line = reasons_line(for_joining, against)
    assert line is not None
    assert line.startswith("for: words shared with a member (TF-IDF cosine 0.90) +2.7")
    assert "; against: 430 days from the event's nearest date -6.1" in line
    assert reasons_line([], []) is None


def test_most_limits_each_side() -> None:
    model = _model(embedding_max=1.0, embedding_centroid=1.0, tfidf_max=1.0, tfidf_centroid=1.0)
    signals = [Signal(name, 0.5) for name in FEATURES[:4]]
    for_joining, against = reasons(signals, model, most=2)
    assert len(for_joining) == 2 and against == []


def test_every_feature_has_words() -> None:
    assert set(WORDS) == set(FEATURES)
