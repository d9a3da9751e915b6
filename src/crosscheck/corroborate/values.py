"""Whether two claimed values can both be true.

Figures become intervals in a common unit: "about 40 miles" is 57.9-70.8 km,
"at least 4" is [4, inf), "12 miles" and "19 km" agree within rounding. Text
values agree when one's words contain the other's ("Tochka-U" and "OTR-21
Tochka-U") and they name the same ordinal ("first" vs "second" conflict). A
denied value conflicts with the same value affirmed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crosscheck.corroborate.settings import CorroborateSettings
from crosscheck.corroborate.text import content_words, is_negated, ordinals_in
from crosscheck.records import Bound, Claim, Hedge, Slot

# Factors to the unit each dimension is compared in.
_TO_BASE = {
    "km": ("km", 1.0),
    "mi": ("km", 1.609344),
    "m": ("km", 0.001),
    "ft": ("km", 0.0003048),
    "yd": ("km", 0.0009144),
    "hour": ("hour", 1.0),
    "minute": ("hour", 1 / 60),
    "day": ("hour", 24.0),
    "week": ("hour", 168.0),
}


@dataclass(frozen=True, slots=True)
class Interval:
    unit: str
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.unit == other.unit and self.low <= other.high and other.low <= self.high


def is_denial(claim: Claim) -> bool:
    """Denied outright, or (for a free statement) said in the negative."""
    if claim.hedge is Hedge.DENIED:
        return True
    return claim.slot is Slot.STATEMENT and is_negated(claim.value or claim.text)


def _number(claim: Claim) -> float | None:
    try:
        number = float(claim.value.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def interval(claim: Claim, settings: CorroborateSettings) -> Interval | None:
    """The values a numeric claim allows, in its dimension's base unit (None: not a figure)."""
    number = _number(claim)
    if number is None and claim.low is None:
        return None
    low = claim.low if claim.low is not None else number
    high = claim.high if claim.high is not None else number
    assert low is not None and high is not None
    # Extraction already turns "about 50" / "nearly 40" into an interval; widening
    # it again would make "about 50 miles" agree with "nearly 40 miles".
    already_widened = claim.bound is Bound.ABOUT and low < high
    if not already_widened:
        low, high = _widen(low, high, claim.bound, settings)
    unit, factor = _TO_BASE.get(claim.unit or "", (claim.unit or "", 1.0))
    return Interval(unit, low * factor, high * factor)


def _widen(
    low: float, high: float, bound: Bound | None, settings: CorroborateSettings
) -> tuple[float, float]:
    if bound is Bound.AT_LEAST:
        return low, math.inf
    if bound is Bound.AT_MOST:
        return 0.0, high
    tolerance = settings.about_tolerance if bound is Bound.ABOUT else settings.exact_tolerance
    if bound is Bound.RANGE:
        tolerance = 0.0
    return low * (1 - tolerance), high * (1 + tolerance)


def _texts_compatible(first: str, second: str) -> bool:
    if ordinals_in(first) != ordinals_in(second):
        return False
    left, right = content_words(first), content_words(second)
    return left <= right or right <= left


def values_compatible(first: Claim, second: Claim, settings: CorroborateSettings) -> bool:
    """Can both claims be true at once (same slot and scope assumed)?"""
    if first.slot is Slot.STATEMENT and _repeats(first.value, second.value):
        return (first.hedge is Hedge.DENIED) == (second.hedge is Hedge.DENIED)
    same = _same_value(first, second, settings)
    if is_denial(first) != is_denial(second):
        return not same
    return same or (is_denial(first) and is_denial(second))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _repeats(first: str, second: str) -> bool:
    """Every sentence of the shorter statement is inside a sentence of the longer,
    with the same polarity: a fuller quote of the same words, whose extra sentences
    may hold a "no" that does not negate the shorter one."""
    shorter, longer = sorted((first, second), key=len)
    targets = [(content_words(s), is_negated(s)) for s in _SENTENCE_END.split(longer)]
    return all(
        any(content_words(s) <= words and is_negated(s) == negated for words, negated in targets)
        for s in _SENTENCE_END.split(shorter)
    )


def _same_value(first: Claim, second: Claim, settings: CorroborateSettings) -> bool:
    if first.slot is Slot.STATEMENT:
        return True  # statements were grouped by meaning; only polarity can split them
    left, right = interval(first, settings), interval(second, settings)
    if left is not None and right is not None:
        return left.overlaps(right)
    return _texts_compatible(first.value, second.value)
