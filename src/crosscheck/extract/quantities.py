"""Quantities: what each number in a sentence counts, whose it is, and in what unit.

A number is read with the noun after it ("four servicemen", "12 miles"; see
`counted_nouns`) and the words that tie it to an outcome (see `outcomes`). Victims
named one by one ("a 17-year-old boy was shot", "Jon Reed, 32, and a woman were
killed", "both"; see `victims`) count as many as are named; "no casualties", "no one
was hurt" as zero (`zero_tolls`); a shooter's own death after the others' as one
killed more (`self_killings`); "a triple shooting" as three shot (`implied_tolls`);
"bringing the death toll to three" as three killed; victims told as shot beside the
dead as hurt (`besides_dead`); and a city's tally over several incidents is marked as
such (`area_totals`). Days of the month, years, clock times and a parent's children
("the Nov. 29 death", "0:27", "a father of three") are not counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from crosscheck.extract.area_totals import mark_area_totals
from crosscheck.extract.besides_dead import mark_others_hurt
from crosscheck.extract.counted_nouns import PERSON_NOUNS, SPEED_UNITS, UNIT_NOUNS, quantity_at
from crosscheck.extract.implied_tolls import implied_tolls
from crosscheck.extract.numbers import TENS, UNBOUNDED, UNITS, Amount, find_numbers
from crosscheck.extract.outcomes import (
    NOMINAL_BEFORE_RE,
    TOLL_CUES,
    outcome_after,
    outcome_before,
)
from crosscheck.extract.self_killings import self_killings
from crosscheck.extract.victims import victim_groups
from crosscheck.extract.zero_tolls import zero_quantities
from crosscheck.records import Bound, Quantity, Sentence

NOUN_RE = re.compile(r"\s*(?:[-‐]?\s*)?([A-Za-z]+)")
# "15-year-old", and the typos "15-year-girl", "12-year-boy"
AGE_RE = re.compile(
    r"[-\s](?:(?:year|month|week|day)s?[-\s]old|yo\b|(?:year|month)s?-(?=[a-z]))", re.IGNORECASE
)
OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)
GUNFIRE_RE = re.compile(
    r"\b(?:shot|shoot\w*|gun\w*|bullets?|fired|firing|opened fire)\b", re.IGNORECASE
)
NAUTICAL_RE = re.compile(r"\bnautical\b", re.IGNORECASE)
ZEROS_RE = re.compile(r"00+")
PER_HOUR_RE = re.compile(r"\s*(?:per|an|a)\s+hour\b|/h(?:r|our)?\b", re.IGNORECASE)
# "two of those men died", "killing four of them": a part of a group that is counted.
PART_OF_RE = re.compile(
    r"\s+of\s+(?:them|those|these|the|the \w+|those \w+|the \w+ \w+)"
    rf"(?=\s+(?:{'|'.join(sorted({k for k in PERSON_NOUNS if k.islower()}))})\b|\s*[,.;]|\s+\w+ly\b"
    r"|\s+(?:were|was|are|is|had|have|has|died|remain))",
    re.IGNORECASE,
)
CLOCK_RE = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|o['’]clock|:\d)", re.IGNORECASE)
# "at 0600 hours": a time of day on the 24-hour clock, not six hundred hours.
HOURS_CLOCK_RE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d$")
HOURS_AFTER_RE = re.compile(r"\s+(?:hours|hrs)\b", re.IGNORECASE)
CLOCK_BEFORE_RE = re.compile(r"\b(?:at|by|until|till|from|before|after|around)\s+$", re.IGNORECASE)
AGES_BEFORE_RE = re.compile(
    r"\bages?\s+(?:of\s+)?(?:\w+\s+(?:and|to|-)\s+)?$|\baged\s+(?:\w+\s+(?:and|to)\s+)?$",
    re.IGNORECASE,
)
# "two males, 30 and 42, were injured": ages listed after the people they belong to.
ALSO_AGED_RE = re.compile(r",\s+(?:also|both|each|all)\s+$")  # "another woman, also 22,"
AGE_LIST_BEFORE_RE = re.compile(r"\b[a-z]+,\s+(?:ages?\s+)?(?:\d{1,2},?\s+)*(?:and\s+)?$")
AGE_LIST_AFTER_RE = re.compile(r"(?:,?\s+and\s+|,\s+)\d{1,2}\b")
INCLUDING_BEFORE_RE = re.compile(r"including\s+$")
# "a father of three was fatally shot": his children, not victims.
PARENT_OF_RE = re.compile(
    r"\b(?:father|mother|dad|mom|mum|parent|grand(?:father|mother|parent))\s+of\s+$", re.IGNORECASE
)
# "bringing the death toll in the shooting to three", "raising the number of fatalities to 5"
TOLL_TO_RE = re.compile(
    r"\b(?:death\s+toll|number\s+of\s+(?:fatalities|deaths|dead|people\s+killed))"
    r"(?:\s+[\w-]+){0,4}?\s+to\s+(?:at\s+least\s+)?$",
    re.IGNORECASE,
)
NO_BEFORE_RE = re.compile(r"\bno\s+$", re.IGNORECASE)
# "the Nov. 29 death", "March 18 died": a day of the month, not a count.
MONTH_BEFORE_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$"
)
YEAR_RE = re.compile(r"(?:19|20)\d\d$")
TIMES_RE = re.compile(r"\s+times\b", re.IGNORECASE)
PLURAL_RE = re.compile(r"\s+([a-z]{3,}s)\b")
MEMBERS_RE = re.compile(r"\s+members?\b", re.IGNORECASE)
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS)
# Plurals after a number that count no people: "two vehicles were hit", "three homes
# were struck", "86 tackles".
NOT_COUNTED_PLURALS = frozenset(
    {"vehicles", "cars", "trucks", "homes", "houses", "buildings", "windows"}
    | {"tackles", "yards", "points", "games", "goals", "runs", "wins"}
)


def _noun_after(text: str, end: int) -> tuple[str | None, int]:
    """The counted noun within three words after a number, and where it ends."""
    noun, noun_end = _known_noun_after(text, end)
    if noun is None:
        plural = PLURAL_RE.match(text, end)
        if plural and plural[1].lower() not in NUMBER_WORDS | NOT_COUNTED_PLURALS:
            return plural[1], plural.end()  # "two sailors": any plural may be counted
    return noun, noun_end


def _known_noun_after(text: str, end: int) -> tuple[str | None, int]:
    position = end
    for _ in range(3):
        match = NOUN_RE.match(text, position)
        if not match:
            return None, end
        word = match[1]
        if word.lower() in NUMBER_WORDS:
            return None, end
        if word in PERSON_NOUNS or word.lower() in PERSON_NOUNS or word.lower() in UNIT_NOUNS:
            member = MEMBERS_RE.match(text, match.end())  # "four crew members"
            return word, member.end() if member else match.end()
        position = match.end()
    return None, end


def _read_amount(sentence: Sentence, amount: Amount) -> Quantity | None:
    text = sentence.text
    if ZEROS_RE.fullmatch(amount.text):
        return None  # the tail of "20, 000 feet" as a tokenised text spaces it
    if amount.text == "911":
        return None  # "a 911 caller heard shots": the number people call, not a count
    if AGE_RE.match(text, amount.end):
        return None  # an age ("15-year-old")
    if OF_RE.match(text, amount.end):
        return _part_of(sentence, amount)  # "one of the men" fled, or "two of them died"
    if CLOCK_RE.match(text, amount.end) or _is_apposed_age(text, amount):
        return None  # a time of day ("7 p.m."), or "The man, 28, later died"
    if _is_clock_hours(text, amount):
        return None  # "at 0600 hours"
    if AGES_BEFORE_RE.search(text[max(0, amount.start - 30) : amount.start]):
        return None  # "four boys between ages 12 and 16 were wounded"
    if TIMES_RE.match(text, amount.end) or NO_BEFORE_RE.search(text[: amount.start]):
        return None  # "shot three times"; "no one" is a zero, read by _zeros
    if MONTH_BEFORE_RE.search(text[max(0, amount.start - 12) : amount.start]):
        return None  # a date ("the Nov. 29 death")
    if PARENT_OF_RE.search(text[max(0, amount.start - 20) : amount.start]):
        return None  # "father of 3 fatally shot": one killed
    if YEAR_RE.match(amount.text) and not _noun_after(text, amount.end)[0]:
        return None  # a year ("the May 2016 death")
    if amount.start > 0 and text[amount.start - 1] == "$":
        return quantity_at(
            sentence, replace(amount, start=amount.start - 1), amount.end, "usd", "money", None
        )
    noun, noun_end = _noun_after(text, amount.end)
    if TOLL_TO_RE.search(text[max(0, amount.start - 60) : amount.start]):
        return quantity_at(sentence, amount, noun_end, "people", "killed", "people")
    if noun is not None and noun.lower() in UNIT_NOUNS:
        if noun[0].isupper() and not noun.isupper():
            return None  # "Nine Mile Road", "the Forty Mile": a name, not a length
        unit, counts = UNIT_NOUNS[noun.lower()]
        if unit == "mi" and NAUTICAL_RE.search(text, amount.end, noun_end):
            unit = "nmi"  # "12 nautical miles": 22 km, not 19
        per_hour = PER_HOUR_RE.match(text, noun_end)
        if per_hour is not None and unit in SPEED_UNITS:
            return quantity_at(sentence, amount, per_hour.end(), SPEED_UNITS[unit], "speed", None)
        return quantity_at(sentence, amount, noun_end, unit, counts, None)
    whose = PERSON_NOUNS.get(noun, PERSON_NOUNS.get(noun.lower(), noun.lower())) if noun else None
    outcome = outcome_before(text, amount.start) or outcome_after(text, noun_end)
    if outcome is None:
        return None
    return quantity_at(sentence, amount, noun_end, "people", outcome, whose or "people")


def _is_clock_hours(text: str, amount: Amount) -> bool:
    return bool(
        HOURS_CLOCK_RE.match(amount.text)
        and HOURS_AFTER_RE.match(text, amount.end)
        and CLOCK_BEFORE_RE.search(text[max(0, amount.start - 10) : amount.start])
    )


def _part_of(sentence: Sentence, amount: Amount) -> Quantity | None:
    part = PART_OF_RE.match(sentence.text, amount.end)
    if part is None:
        return None
    noun, noun_end = _noun_after(sentence.text, part.end())
    outcome = outcome_before(sentence.text, amount.start) or outcome_after(
        sentence.text, noun_end if noun else part.end(), passive_only=True
    )
    if outcome not in ("killed", "injured", "shot"):
        return None
    return quantity_at(sentence, amount, part.end(), "people", outcome, "people")


def _is_apposed_age(text: str, amount: Amount) -> bool:
    before, after = text[max(0, amount.start - 2) : amount.start], text[amount.end : amount.end + 1]
    also = ALSO_AGED_RE.search(text[max(0, amount.start - 8) : amount.start])
    if (before == ", " or also) and after == "," and amount.value < 120:
        return True
    listed = AGE_LIST_BEFORE_RE.search(text[max(0, amount.start - 30) : amount.start])
    if listed is None or not amount.text.isdigit():
        return False
    return any(c.isdigit() for c in listed[0]) or bool(AGE_LIST_AFTER_RE.match(text, amount.end))


def _inherit_including(sentence: Sentence, found: list[Quantity]) -> list[Quantity]:
    """ "14 killed, including two children": the children inherit "killed"."""
    for position, quantity in enumerate(found):
        local = quantity.span.start - sentence.span.start
        if re.search(r"including\s+$", sentence.text[max(0, local - 12) : local]) and position:
            found[position] = replace(quantity, counts=found[position - 1].counts)
    return found


def _counted_amounts(sentence: Sentence) -> Iterator[Quantity]:
    found: list[Quantity] = []
    for amount in find_numbers(sentence.text):
        quantity = _read_amount(sentence, amount)
        # "14 killed, including two children" (the toll before it is theirs); not "16
        # people, including five children, were inside", where nothing before is a toll
        if quantity is None and found and INCLUDING_BEFORE_RE.search(sentence.text[: amount.start]):
            noun, noun_end = _noun_after(sentence.text, amount.end)
            if noun and noun in PERSON_NOUNS:
                quantity = quantity_at(
                    sentence, amount, noun_end, "people", "killed", PERSON_NOUNS[noun]
                )
        if quantity is not None:
            found.append(quantity)
    yield from _inherit_including(sentence, found)


def _after_nominal(text: str, start: int) -> bool:
    """ "the shooting of a 4-year-old": whoever follows was shot, unlike after "shot a"."""
    return NOMINAL_BEFORE_RE.search(text[max(0, start - 30) : start]) is not None


def _victim_lists(sentence: Sentence, found: Sequence[Quantity]) -> Iterator[Quantity]:
    """Lists of victims named one by one; a list of several replaces the numbers inside it."""
    if not TOLL_CUES.in_text(sentence.text):
        return  # no outcome a list could be read with: skip the costly list search
    for group in victim_groups(sentence.text):
        # "killed a man and injured a woman"; a bare "shot a clerk" stays unread, as for numbers
        before = outcome_before(sentence.text, group.start)
        nominal = _after_nominal(sentence.text, group.start)  # "the shooting of a boy"
        outcome = before if before in ("killed", "injured") or nominal else None
        outcome = outcome or outcome_after(sentence.text, group.end, passive_only=True)
        if outcome in ("killed", "injured", "shot"):
            count = float(group.count)
            amount = Amount(group.start, group.end, "", count, count, count, Bound.EXACT)
            quantity = quantity_at(sentence, amount, group.end, "people", outcome, "people")
            if group.items > 1 or not _overlaps(quantity, found):
                yield quantity


def sentence_quantities(sentence: Sentence) -> list[Quantity]:
    """Every counted or measured amount in one sentence, in text order."""
    found = list(_counted_amounts(sentence))
    zeros = [zero for zero in zero_quantities(sentence) if not _overlaps(zero, found)]
    zeros += self_killings(sentence)
    zeros += [toll for toll in implied_tolls(sentence) if not _overlaps(toll, found)]
    lists = list(_victim_lists(sentence, found))
    found = [quantity for quantity in found if not _overlaps(quantity, lists)]
    ordered = sorted(found + zeros + lists, key=lambda quantity: quantity.span.start)
    return mark_area_totals(sentence.text, mark_others_hurt(sentence, ordered))


def _overlaps(candidate: Quantity, others: Sequence[Quantity]) -> bool:
    return any(
        candidate.span.start < other.span.end and other.span.start < candidate.span.end
        for other in others
    )


def find_quantities(sentences: Sequence[Sentence]) -> list[Quantity]:
    found = [quantity for sentence in sentences for quantity in sentence_quantities(sentence)]
    if any(GUNFIRE_RE.search(sentence.text) for sentence in sentences):
        return found
    # "Six were taken to hospital with hypothermia", "two were struck by a car": read
    # as shot in gun-violence news, but where no one fired, they are the hurt.
    return [
        replace(quantity, counts="injured") if quantity.counts == "shot" else quantity
        for quantity in found
    ]


def is_unbounded(quantity: Quantity) -> bool:
    return quantity.high >= UNBOUNDED
