"""Why clustering placed an article as it did: the signals that weighed most, in words.

A placement keeps the link model's inputs for its best event (`Placement.signals`).
The model is a logistic regression, so each signal adds weight x value to the log
odds that the article belongs to that event: the largest additions for and against
are what a reviewer needs to see ("430 days from the event's nearest date" against,
"names shared with a member" for) to judge a close call.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crosscheck.cluster.features import FAR_DAYS, FEATURES, LinkModel
from crosscheck.records import Signal


@dataclass(frozen=True, slots=True)
class Reason:
    feature: str
    said: str  # the signal in words, with its value
    weight: float  # what it added to the log odds of joining (weight x value)


def _count(value: float) -> int:
    """The whole count a log1p feature was made from."""
    return round(math.expm1(value))


def _year(value: float) -> str:
    return "its year is the event's" if value > 0 else "its year is not the event's"


# Each feature in words; binary clashes read as what they found.
WORDS: dict[str, Callable[[float], str]] = {
    "embedding_max": lambda v: f"lead close in meaning to a member's (cosine {v:.2f})",
    "embedding_centroid": lambda v: f"lead close in meaning to the event's (cosine {v:.2f})",
    "tfidf_max": lambda v: f"words shared with a member (TF-IDF cosine {v:.2f})",
    "tfidf_centroid": lambda v: f"words shared with the event (TF-IDF cosine {v:.2f})",
    "names_max": lambda v: f"names shared with a member (cosine {v:.2f})",
    "names_in_event": lambda v: f"{v:.0%} of its names named in the event",
    "names_centroid": lambda v: f"names shared with the event (cosine {v:.2f})",
    "numbers_shared": lambda v: f"{_count(v)} numbers shared with a member",
    "day_gap": lambda v: f"{_count(v)} days from the event's nearest date",
    "undated": lambda v: "no dates to compare",
    "year_clash": lambda v: "mentions years, none of the event's",
    "year_agreement": _year,
    "event_size": lambda v: f"an event of {_count(v)} articles",
    "injured_clash": lambda v: "an injured figure no member gives",
    "title_numbers_clash": lambda v: "headline figures no member's headline gives",
    "ages_clash": lambda v: "ages no member gives",
    "tied_day_far": lambda v: f"dates what happened over {FAR_DAYS} days from the event",
    "weekday_clash": lambda v: "a day of the week no member names",
    "people_clash": lambda v: "people no member names",
}


def reasons(
    signals: Sequence[Signal], model: LinkModel, most: int = 3
) -> tuple[list[Reason], list[Reason]]:
    """The `most` signals that added most for joining the best event, and against it.

    A signal the model does not weigh (a placement recorded under an older model) is
    left out; the others are weighed by `model` as it is now.
    """
    weights = dict(zip(FEATURES, model.weights, strict=True))
    found = [
        Reason(s.name, WORDS[s.name](s.value), weights[s.name] * s.value)
        for s in signals
        if s.name in weights and s.name in WORDS and weights[s.name] * s.value != 0.0
    ]
    found.sort(key=lambda reason: -abs(reason.weight))
    return (
        [reason for reason in found if reason.weight > 0][:most],
        [reason for reason in found if reason.weight < 0][:most],
    )


def reasons_line(for_joining: Sequence[Reason], against: Sequence[Reason]) -> str | None:
    """'for: names shared with a member (cosine 0.45) +1.8; against: ...', or None."""
    parts = [
        f"{side}: " + ", ".join(f"{r.said} {r.weight:+.1f}" for r in found)
        for side, found in (("for", for_joining), ("against", against))
        if found
    ]
    return "; ".join(parts) or None
