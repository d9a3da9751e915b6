"""Tolls that a noun phrase implies: "a triple shooting", "a double homicide", "a fatal shooting".

Local news often names the incident by its size before (or instead of) counting its
victims: "a triple shooting that left one man dead" is three shot, one killed;
"police respond to a double homicide" is two killed; "a fatal shooting" is at least
one killed (a bound, so any stated count wins over it). "the fatal shooting of a
boy" is left to `outcomes`, which reads the victim after "of". Chosen on the tuning
half of the GVA dev incidents (eval/casualties.py): 20 articles right, 2 wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crosscheck.extract.counted_nouns import quantity_at
from crosscheck.extract.cues import Cues
from crosscheck.extract.numbers import UNBOUNDED, Amount
from crosscheck.records import Bound, Quantity, Sentence

SIZES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
IMPLIED_RE = re.compile(
    r"\b(?:(?P<size>double|triple|quadruple|quintuple)[- ]"
    r"(?:(?P<shot>shootings?)|(?P<killed>homicides?|murders?|slayings?))"
    r"|(?<!non-)(?<!non )(?P<fatal>fatal|deadly)\s+(?:[\w-]+\s+)?shooting)\b(?!\s+of\b)",
    re.IGNORECASE,
)

# Every match of IMPLIED_RE opens with a size or "fatal"/"deadly".
IMPLIED_CUES = Cues.of(*SIZES, "fatal", "deadly")


def implied_tolls(sentence: Sentence) -> Iterator[Quantity]:
    """One quantity for each incident named by its toll in a sentence."""
    if not IMPLIED_CUES.in_text(sentence.text):
        return
    for match in IMPLIED_RE.finditer(sentence.text):
        if match["fatal"]:
            amount = Amount(
                match.start(), match.end(), match[0], 1.0, 1.0, UNBOUNDED, Bound.AT_LEAST
            )
            counts = "killed"
        else:
            size = float(SIZES[match["size"].lower()])
            amount = Amount(match.start(), match.end(), match[0], size, size, size, Bound.EXACT)
            counts = "shot" if match["shot"] else "killed"
        yield quantity_at(sentence, amount, match.end(), "people", counts, "people")
