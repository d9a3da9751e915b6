"""What a number counts: the nouns of counted people and measured units, and the
`Quantity` record built for a count once its outcome or unit is known.
"""

from __future__ import annotations

from crosscheck.extract.numbers import Amount
from crosscheck.records import Quantity, Sentence, Span

KM_PER_MILE = 1.609344
KM_PER_NAUTICAL_MILE = 1.852

# Nouns for counted people -> the normalised "whose".
PERSON_NOUNS = {
    "people": "people",
    "persons": "people",
    "person": "people",
    "individuals": "people",
    "individual": "people",
    "others": "people",
    "civilians": "civilians",
    "civilian": "civilians",
    "residents": "residents",
    "resident": "residents",
    "citizens": "civilians",
    "servicemen": "servicemen",
    "serviceman": "servicemen",
    "personnel": "servicemen",
    "soldiers": "soldiers",
    "soldier": "soldiers",
    "troops": "soldiers",
    "children": "children",
    "child": "children",
    "kids": "children",
    "kid": "children",
    "men": "men",
    "man": "men",
    "women": "women",
    "woman": "women",
    "boys": "boys",
    "boy": "boys",
    "girls": "girls",
    "girl": "girls",
    "teens": "teens",
    "teen": "teens",
    "teenagers": "teens",
    "teenager": "teens",
    "students": "students",
    "student": "students",
    "officers": "officers",
    "officer": "officers",
    "victims": "victims",
    "victim": "victims",
    "adults": "adults",
    "adult": "adults",
    "toddler": "children",
    "infant": "children",
    "baby": "children",
    "juveniles": "teens",
    "juvenile": "teens",
    "workers": "workers",
    # Uncountable-looking or "-men" words the any-plural fallback cannot see.
    "crew": "crew",
    "crewmen": "crew",
    "crewman": "crew",
    "staff": "staff",
    "bystanders": "bystanders",
    "bystander": "bystanders",
    "patrons": "people",
    "Ukrainians": "Ukrainians",
    "Russians": "Russians",
    "Americans": "Americans",
}
# Nouns for measured amounts -> (unit, what it counts).
UNIT_NOUNS = {
    "miles": ("mi", "distance"),
    "mile": ("mi", "distance"),
    "mi": ("mi", "distance"),
    "kilometers": ("km", "distance"),
    "kilometres": ("km", "distance"),
    "kilometer": ("km", "distance"),
    "kilometre": ("km", "distance"),
    "km": ("km", "distance"),
    "meters": ("m", "distance"),
    "metres": ("m", "distance"),
    "feet": ("ft", "distance"),
    "mph": ("mph", "speed"),
    "knots": ("knots", "speed"),
    "seconds": ("second", "duration"),
    "minutes": ("minute", "duration"),
    "hours": ("hour", "duration"),
    "hour": ("hour", "duration"),
    "days": ("day", "duration"),
    "weeks": ("week", "duration"),
    "months": ("month", "duration"),
    "years": ("year", "duration"),
    "decades": ("decade", "duration"),
    "dollars": ("usd", "money"),
    "euros": ("eur", "money"),
    "rounds": ("rounds", "shots fired"),
    "shots": ("rounds", "shots fired"),
}
# A length per hour is a speed ("gusts of up to 45 miles per hour"), not a distance.
SPEED_UNITS = {"mi": "mph", "km": "km/h"}
CONVERSIONS = {
    "mi": ("km", KM_PER_MILE),
    "nmi": ("km", KM_PER_NAUTICAL_MILE),
    "km": ("mi", 1 / KM_PER_MILE),
    "mph": ("km/h", KM_PER_MILE),
    "km/h": ("mph", 1 / KM_PER_MILE),
}
PERSONS_PLURAL = "|".join(sorted({k for k in PERSON_NOUNS if k.islower()}, key=len, reverse=True))


def quantity_at(
    sentence: Sentence, amount: Amount, end: int, unit: str, counts: str, whose: str | None
) -> Quantity:
    """The quantity for `amount` in `sentence`, its span running to `end` (past the noun)."""
    converted: tuple[tuple[str, float], ...] = ()
    if unit in CONVERSIONS:
        other, factor = CONVERSIONS[unit]
        converted = ((other, round(amount.value * factor, 1)),)
    offset = sentence.span.start
    return Quantity(
        article_id=sentence.article_id,
        sentence=sentence.index,
        span=Span(offset + amount.start, offset + end),
        text=sentence.text[amount.start : end],
        value=amount.value,
        low=amount.low,
        high=amount.high,
        bound=amount.bound,
        unit=unit,
        counts=counts,
        whose=whose,
        converted=converted,
    )
