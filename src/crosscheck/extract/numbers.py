"""Numbers as news writes them: digits, words, scales and the bounds around them.

`find_numbers(text)` yields every amount in a piece of text with its character
span, its interval and its bound ("at least four" is four or more; "nearly 40" is
a little under 40). The interval widths are conventions, not measurements: "about"
allows 10% either side and "nearly"/"almost" up to 10% below.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from crosscheck.records import Bound

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Plural scales stand for a vague amount: "thousands" is read as 2,000 to 9,999.
VAGUE_PLURALS = {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999)}

# The top of an open interval ("at least 12"): the largest float rather than
# infinity, because JSON (and PostgreSQL's jsonb) cannot hold infinity.
UNBOUNDED = sys.float_info.max

BOUND_WORDS = {
    "at least": Bound.AT_LEAST,
    "more than": Bound.AT_LEAST,
    "over": Bound.AT_LEAST,
    "upwards of": Bound.AT_LEAST,
    "no fewer than": Bound.AT_LEAST,
    "no less than": Bound.AT_LEAST,
    "nearly": Bound.ABOUT,
    "almost": Bound.ABOUT,
    "about": Bound.ABOUT,
    "around": Bound.ABOUT,
    "some": Bound.ABOUT,
    "approximately": Bound.ABOUT,
    "roughly": Bound.ABOUT,
    "an estimated": Bound.ABOUT,
    "close to": Bound.ABOUT,
    "just under": Bound.ABOUT,
    "just short of": Bound.ABOUT,
    "just over": Bound.AT_LEAST,
    "up to": Bound.AT_MOST,
    "fewer than": Bound.AT_MOST,
    "less than": Bound.AT_MOST,
    "at most": Bound.AT_MOST,
    "no more than": Bound.AT_MOST,
}
BELOW_ONLY = frozenset({"nearly", "almost", "close to", "just under", "just short of"})

_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(k for k in UNITS if k not in ('zero', 'ten'))}))?"
    rf"|{'|'.join(sorted(UNITS, key=len, reverse=True))}|a dozen|dozen|a hundred|a thousand)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SINGLE = rf"(?:{_DIGITS}|{_WORD_NUMBER})(?:\s+(?:{'|'.join(SCALES)}))?"
_BOUND = "|".join(sorted(map(re.escape, BOUND_WORDS), key=len, reverse=True))
# Not after ":" or "/": the minutes of "0:27" and the parts of "7/4" are not amounts.
NUMBER_RE = re.compile(
    rf"(?<![\w.:/-])(?:(?P<bound>{_BOUND})\s+)?"
    rf"(?:between\s+(?P<lo>{_SINGLE})\s+and\s+(?P<hi>{_SINGLE})"
    rf"|(?P<rlo>{_DIGITS})\s*(?:-|–|to)\s*(?P<rhi>{_DIGITS})(?![\w.])"
    rf"|(?P<vague>{'|'.join(VAGUE_PLURALS)})"
    rf"|(?P<single>{_SINGLE}))(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    bound: Bound


def word_value(words: str) -> float | None:
    """The value of a number in words or digits ("twenty-one", "4 million", "a dozen")."""
    parts = words.lower().replace("-", " ").replace(",", "").split()
    total: float = 0.0
    current: float = 0.0
    for part in parts:
        if part in ("a", "an"):
            current = current or 1
        elif part == "dozen":
            current = (current or 1) * 12
        elif part in SCALES:
            current = (current or 1) * SCALES[part]
            if SCALES[part] >= 1000:
                total, current = total + current, 0.0
        elif part in UNITS or part in TENS:
            current += UNITS.get(part, 0) + TENS.get(part, 0)
        else:
            try:
                current += float(part)
            except ValueError:
                return None
    return total + current


def _interval(value: float, bound: Bound, bound_word: str) -> tuple[float, float]:
    if bound is Bound.AT_LEAST:
        return value, UNBOUNDED
    if bound is Bound.AT_MOST:
        return 0.0, value
    if bound is Bound.ABOUT:
        below = math.floor(value * 0.9)
        return float(below), value if bound_word in BELOW_ONLY else float(math.ceil(value * 1.1))
    return value, value


def _amount(match: re.Match[str]) -> Amount | None:
    bound_word = (match["bound"] or "").lower()
    bound = BOUND_WORDS.get(bound_word, Bound.EXACT)
    if match["vague"]:
        low, high = VAGUE_PLURALS[match["vague"].lower()]
        return Amount(
            match.start(), match.end(), match[0], float(low), float(low), float(high), Bound.ABOUT
        )
    low_text, high_text = match["lo"] or match["rlo"], match["hi"] or match["rhi"]
    if low_text and high_text:
        first, last = word_value(low_text), word_value(high_text)
        if first is None or last is None or first > last:
            return None
        return Amount(match.start(), match.end(), match[0], first, first, last, Bound.RANGE)
    value = word_value(match["single"])
    if value is None:
        return None
    below, above = _interval(value, bound, bound_word)
    return Amount(match.start(), match.end(), match[0], value, below, above, bound)


def find_numbers(text: str) -> Iterator[Amount]:
    for match in NUMBER_RE.finditer(text):
        amount = _amount(match)
        if amount is not None:
            yield amount
