"""Area-wide totals: figures summed over several incidents, not one incident's toll.

Local news leads with a city's tally ("3 dead, 26 wounded in weekend Detroit
shootings", "Five people were shot in separate shootings", "15 shot across the city
since Friday"). Such a figure is true but belongs to no single incident, so its
whose is `AREA_TOTAL`: an article's figures leave it out (`figures`), and its
claim's scope says so, so it never disputes an incident's own toll.

The cues were chosen on the tuning half of the GVA dev incidents (eval/casualties.py):
several incidents named outright ("separate", "a series of", "three incidents",
"weekend shootings"; not "two shootings", which may be one incident's two scenes),
shootings in a place rather than at one ("in Chicago shootings", not "in the
shootings"), or a city-wide span ("across the city", "in shootings from Friday").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.records import Quantity

AREA_TOTAL = "area total"
TOLL_COUNTS = frozenset({"killed", "injured", "shot", "casualties"})
_SEVERAL = (
    r"separate|unrelated|different|several|multiple|numerous|weekend|overnight|recent"
    r"|(?:a\s+)?(?:series|string|spate|rash|wave|number)\s+of|dozens?(?:\s+of)?"
)
AREA_RE = re.compile(
    rf"\b(?:{_SEVERAL})\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:shootings|incidents|attacks|accidents|crime scenes)\b"
    # "three incidents of gunfire"; not "two shootings", which may be one incident's two scenes
    r"|\b(?:three|four|five|six|seven|eight|nine|ten|half a dozen)\s+(?:separate\s+)?"
    r"(?:shootings|incidents)\b"
    # "in weekend Detroit shootings", "in Chicago shootings"; not "in the shootings"
    r"|\bin\s+(?!the\b|two\b|both\b|these\b|those\b)(?:[\w.-]+\s+){1,3}?shootings\b"
    r"|\bshootings\s+(?:since|across|throughout|around|from|over)\b"
    r"|\b(?:across|throughout|around)\s+the\s+city\b|\bcity-?wide\b",
    re.IGNORECASE,
)


def is_area_wide(text: str) -> bool:
    """True when a sentence tells a total over several incidents."""
    return AREA_RE.search(text) is not None


def mark_area_totals(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """The sentence's tolls marked as `AREA_TOTAL` when the sentence is area-wide."""
    # The sentence is searched only when there is a toll to mark.
    if not any(quantity.counts in TOLL_COUNTS for quantity in quantities) or not is_area_wide(text):
        return list(quantities)
    return [
        replace(quantity, whose=AREA_TOTAL) if quantity.counts in TOLL_COUNTS else quantity
        for quantity in quantities
    ]
