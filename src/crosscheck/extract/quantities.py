"""Quantities: what each number in a sentence counts, whose it is, and in what unit.

A number is read with the noun after it ("four servicemen", "12 miles") and the
words that tie it to an outcome: a verb after the noun with nothing but auxiliaries
and adverbs in between ("were allegedly injured"), or a verb just before it
("killed at least 39 people"). Requiring that tight link keeps "two men shot a
clerk" from being read as two people shot. Victims named one by one ("a 17-year-old
boy was shot", "Jon Reed, 32, and a woman were killed", "both"; see `victims`) count
as many as are named, and "no casualties", "no one was hurt" as zero. Days of the
month, years and clock times ("the Nov. 29 death", "0:27") are not counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from crosscheck.extract.numbers import TENS, UNBOUNDED, UNITS, Amount, find_numbers
from crosscheck.extract.victims import victim_groups
from crosscheck.records import Bound, Quantity, Sentence, Span

KM_PER_MILE = 1.609344

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
    "minutes": ("minute", "duration"),
    "hours": ("hour", "duration"),
    "hour": ("hour", "duration"),
    "days": ("day", "duration"),
    "weeks": ("week", "duration"),
    "months": ("month", "duration"),
    "years": ("year", "duration"),
    "dollars": ("usd", "money"),
    "euros": ("eur", "money"),
    "rounds": ("rounds", "shots fired"),
    "shots": ("rounds", "shots fired"),
}
CONVERSIONS = {"mi": ("km", KM_PER_MILE), "km": ("mi", 1 / KM_PER_MILE)}

# Leftmost match wins, and at one position the first group listed wins, so
# "shot and killed" is read as killed and "shot and wounded" as injured.
OUTCOME_RE = re.compile(
    r"\b(?:(?P<killed>shot (?:and killed|dead|to death)|killed|dead|died|dies|deaths?|slain"
    r"|murdered|fatally(?: shot| wounded| injured)?|lost (?:their|his|her) lives?|perished"
    r"|succumbed|passed away|did not survive|mortally wounded"
    r"|(?:suffered|sustained) (?:[\w-]+ )?fatal)"
    r"|(?P<injured>shot and wounded|injured|hurt|wounded|injuries|hospitali[sz]ed"
    r"|in (?:critical|serious|stable|grave|fair|good) condition)"
    r"|(?P<shot>shot|struck|hit by (?:gunfire|a bullet|bullets)"
    r"|(?:taken|rushed|transported|driven|flown) (?:by [\w ]{1,25}? )?to "
    r"(?:a |the )?(?:[\w-]+ ){0,3}?hospitals?"
    r"|(?:suffered|sustained|suffering|treated for) (?:from )?(?:an? |multiple )?gunshot wounds?)"
    r"|(?P<missing>missing|unaccounted for)"
    r"|(?P<displaced>displaced|fled|flee|fleeing|evacuated|homeless|leaving the country))\b",
    re.IGNORECASE,
)
VERB_BEFORE_RE = re.compile(
    r"\b(?P<verb>fatally (?:wounded|injured|shot|wounding|shooting)|killed|killing|kills"
    r"|injured|injuring|injures|wounded|wounding|hurt|hurting|shot|shooting)\s+$",
    re.IGNORECASE,
)
VERB_COUNTS = {"kill": "killed", "inju": "injured", "woun": "injured", "hurt": "injured"}
# "the shooting death of a 2-year-old", "charged in the killing of two men": a noun
# that says what befell whoever follows "of".
NOMINAL_BEFORE_RE = re.compile(
    r"(?:\b(?P<killed>deaths?|killings?|slayings?|(?<!attempted )murders?|fatal shooting)"
    r"|\b(?P<shot>shooting))\s+of\s+$",
    re.IGNORECASE,
)
# Only these may stand between a counted noun and its outcome verb.
LINK_WORDS_RE = re.compile(
    r"^(?:[\s,]|\b(?:were|was|is|are|have|has|had|been|be|being|got|get|who|all|both|each"
    r"|later|also|reportedly|allegedly|confirmed|with|\w+ly|pronounced|declared|found|listed"
    r"|remains?|remained|then|both|still|now)\b)*$",
    re.IGNORECASE,
)
# Outcomes that say what befell the subject even without an auxiliary ("a man died").
STATE_RE = re.compile(
    r"dead|died|dies|missing|injured|wounded|succumbed|did not|suffer|sustain|treated|in "
    r"|taken|rushed|transported|driven|flown|hit by",
    re.IGNORECASE,
)
# "a man killed in a shooting" describes a victim; "a man killed his son" an attacker.
REDUCED_RELATIVE_RE = re.compile(
    r"\s*(?:$|[,.;]|(?:in|at|on|by|after|during|early|late|when|while|overnight|last|this)\b)",
    re.IGNORECASE,
)
AUXILIARY_RE = re.compile(r"\b(?:were|was|is|are|been|be|being|got|get)\b", re.IGNORECASE)
INCLUDING_RE = re.compile(r",\s*including\b[^,.;]*,?", re.IGNORECASE)
CLAUSE_END_RE = re.compile(r"[.;:!?]|\bbut\b|\bwhile\b")
NOUN_RE = re.compile(r"\s*(?:[-‐]?\s*)?([A-Za-z]+)")
# "15-year-old", and the typos "15-year-girl", "12-year-boy"
AGE_RE = re.compile(
    r"[-\s](?:(?:year|month|week|day)s?[-\s]old|yo\b|(?:year|month)s?-(?=[a-z]))", re.IGNORECASE
)
OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)
# "two of those men died", "killing four of them": a part of a group that is counted.
PART_OF_RE = re.compile(
    r"\s+of\s+(?:them|those|these|the|the \w+|those \w+|the \w+ \w+)"
    rf"(?=\s+(?:{'|'.join(sorted({k for k in PERSON_NOUNS if k.islower()}))})\b|\s*[,.;]|\s+\w+ly\b"
    r"|\s+(?:were|was|are|is|had|have|has|died|remain))",
    re.IGNORECASE,
)
# "shot and later died", "taken to a hospital, where he passed away", "injured in a
# shooting Monday has died": the victim counts as killed.
LATER_DIED_RE = re.compile(
    r"[^,]{0,60}?,?\s*(?:(?:and|where|before)\s+(?:(?:he|she|they)\s+)?(?:(?:later|then|\w+ly)\s+)*"
    r"(?:died|succumbed|passed away|(?:was|were) pronounced dead)"
    r"|(?:has|have)\s+(?:since\s+|now\s+)?died|dies)\b",
    re.IGNORECASE,
)
CLOCK_RE = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|o['’]clock|:\d)", re.IGNORECASE)
AGES_BEFORE_RE = re.compile(
    r"\bages?\s+(?:of\s+)?(?:\w+\s+(?:and|to|-)\s+)?$|\baged\s+(?:\w+\s+(?:and|to)\s+)?$",
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
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS)

PERSONS_PLURAL = "|".join(sorted({k for k in PERSON_NOUNS if k.islower()}, key=len, reverse=True))
ZERO_PATTERNS = (
    re.compile(
        r"\b(?:no one|no-one|nobody|none)\b(?:\s+[\w’']+){0,3}?\s+"
        r"(?P<term>killed|injured|hurt|wounded|died|harmed)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bno\s+(?:[\w-]+\s+){0,2}?(?P<term>casualties|injuries|deaths|fatalities)"
        r"(?:\s+or\s+(?P<term2>injuries|deaths|casualties))?"
        r"(?:\s+among\s+(?:the\s+)?(?P<whose>\w+))?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bno\s+(?:[\w-]+\s+){{0,2}}?(?P<whose>{PERSONS_PLURAL})\s+(?:[\w’']+\s+){{0,3}}?"
        r"(?P<term>killed|injured|hurt|wounded|died|harmed)\b",
        re.IGNORECASE,
    ),
)
# The shooter's own death after killing others, which tolls count too (GVA does):
# "shot his wife, then killed himself", "before turning the gun on herself". Read as
# one killed more, whose is SHOOTER. Only after "then" or "before" (other victims
# came first): a lone "boy accidentally shoots and kills himself" is the victim
# already counted, "shot himself" is often a wound, and "murder-suicide" tolls
# ("3 dead in murder-suicide") mostly include the shooter (tuned on half the GVA dev incidents).
SHOOTER = "shooter"
SELF_KILLED_RE = re.compile(
    r"\b(?:then|before)\s+(?:later\s+)?"
    r"(?:(?:killed|killing|kills|kill|fatally (?:shot|shooting|shoots?))"
    r" (?:him|her|them)sel(?:f|ves)"
    r"|turn(?:ed|ing|s)? (?:the|a|his|her) (?:gun|weapon|rifle|shotgun|handgun) on (?:him|her)self"
    r"|t(?:ook|aking|akes) (?:his|her) own life)\b",
    re.IGNORECASE,
)
ZERO_TERMS = {
    "casualties": "casualties",
    "injuries": "injured",
    "deaths": "killed",
    "fatalities": "killed",
    "killed": "killed",
    "died": "killed",
    "injured": "injured",
    "hurt": "injured",
    "wounded": "injured",
    "harmed": "injured",
}


def _noun_after(text: str, end: int) -> tuple[str | None, int]:
    """The counted noun within three words after a number, and where it ends."""
    noun, noun_end = _known_noun_after(text, end)
    if noun is None:
        plural = PLURAL_RE.match(text, end)
        if plural and plural[1].lower() not in NUMBER_WORDS:
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
            return word, match.end()
        position = match.end()
    return None, end


def outcome_after(text: str, start: int, passive_only: bool = False) -> str | None:
    window = INCLUDING_RE.sub(",", text[start:])
    clause_end = CLAUSE_END_RE.search(window)
    window = window[: clause_end.start()] if clause_end else window
    match = OUTCOME_RE.search(window)
    if match is None:
        return None
    between = window[: match.start()]
    if not LINK_WORDS_RE.match(between):
        return None
    active = not AUXILIARY_RE.search(between) and not STATE_RE.match(match[0])
    active = active and not REDUCED_RELATIVE_RE.match(window, match.end())
    if active and (passive_only or match.lastgroup == "shot"):
        return None  # "two men shot a clerk", "a man killed his son": they did it
    if match.lastgroup in ("shot", "injured") and LATER_DIED_RE.match(window, match.end()):
        return "killed"  # "was shot and later died", "taken to a hospital, where he died"
    return match.lastgroup


def outcome_before(text: str, start: int) -> str | None:
    nominal = NOMINAL_BEFORE_RE.search(text[max(0, start - 30) : start])
    if nominal is not None:
        return nominal.lastgroup
    match = VERB_BEFORE_RE.search(text[max(0, start - 20) : start])
    if match is None:
        return None
    verb = match["verb"].lower()
    if verb.startswith("fatally"):
        return "killed"
    return "shot" if verb.startswith("sho") else VERB_COUNTS[verb[:4]]


def quantity_at(
    sentence: Sentence, amount: Amount, end: int, unit: str, counts: str, whose: str | None
) -> Quantity:
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


def _read_amount(sentence: Sentence, amount: Amount) -> Quantity | None:
    text = sentence.text
    if AGE_RE.match(text, amount.end):
        return None  # an age ("15-year-old")
    if OF_RE.match(text, amount.end):
        return _part_of(sentence, amount)  # "one of the men" fled, or "two of them died"
    if CLOCK_RE.match(text, amount.end) or _is_apposed_age(text, amount):
        return None  # a time of day ("7 p.m."), or "The man, 28, later died"
    if AGES_BEFORE_RE.search(text[max(0, amount.start - 30) : amount.start]):
        return None  # "four boys between ages 12 and 16 were wounded"
    if TIMES_RE.match(text, amount.end) or NO_BEFORE_RE.search(text[: amount.start]):
        return None  # "shot three times"; "no one" is a zero, read by _zeros
    if MONTH_BEFORE_RE.search(text[max(0, amount.start - 12) : amount.start]):
        return None  # a date ("the Nov. 29 death")
    if YEAR_RE.match(amount.text) and not _noun_after(text, amount.end)[0]:
        return None  # a year ("the May 2016 death")
    if amount.start > 0 and text[amount.start - 1] == "$":
        return quantity_at(
            sentence, replace(amount, start=amount.start - 1), amount.end, "usd", "money", None
        )
    noun, noun_end = _noun_after(text, amount.end)
    if noun is not None and noun.lower() in UNIT_NOUNS:
        unit, counts = UNIT_NOUNS[noun.lower()]
        return quantity_at(sentence, amount, noun_end, unit, counts, None)
    whose = PERSON_NOUNS.get(noun, PERSON_NOUNS.get(noun.lower(), noun.lower())) if noun else None
    outcome = outcome_before(text, amount.start) or outcome_after(text, noun_end)
    if outcome is None:
        return None
    return quantity_at(sentence, amount, noun_end, "people", outcome, whose or "people")


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
    return before == ", " and after == "," and amount.value < 120


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
        if quantity is None and re.search(r"including\s+$", sentence.text[: amount.start]):
            noun, noun_end = _noun_after(sentence.text, amount.end)
            if noun and noun in PERSON_NOUNS:
                quantity = quantity_at(
                    sentence, amount, noun_end, "people", "killed", PERSON_NOUNS[noun]
                )
        if quantity is not None:
            found.append(quantity)
    yield from _inherit_including(sentence, found)


def _zero(sentence: Sentence, match: re.Match[str], term: str) -> Quantity:
    whose_word = (match.groupdict().get("whose") or "people").lower()
    amount = Amount(match.start(), match.end(), match[0], 0.0, 0.0, 0.0, Bound.EXACT)
    return quantity_at(
        sentence,
        amount,
        match.end(),
        "people",
        ZERO_TERMS[term.lower()],
        PERSON_NOUNS.get(whose_word, whose_word),
    )


def _zeros(sentence: Sentence) -> Iterator[Quantity]:
    for pattern in ZERO_PATTERNS:
        for match in pattern.finditer(sentence.text):
            yield _zero(sentence, match, match["term"])
            if match.groupdict().get("term2"):
                yield _zero(sentence, match, match["term2"])


def _self_killings(sentence: Sentence) -> Iterator[Quantity]:
    for match in SELF_KILLED_RE.finditer(sentence.text):
        amount = Amount(match.start(), match.end(), match[0], 1.0, 1.0, 1.0, Bound.EXACT)
        yield quantity_at(sentence, amount, match.end(), "people", "killed", SHOOTER)


def _after_nominal(text: str, start: int) -> bool:
    """ "the shooting of a 4-year-old": whoever follows was shot, unlike after "shot a"."""
    return NOMINAL_BEFORE_RE.search(text[max(0, start - 30) : start]) is not None


def _victim_lists(sentence: Sentence, found: Sequence[Quantity]) -> Iterator[Quantity]:
    """Lists of victims named one by one; a list of several replaces the numbers inside it."""
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
    zeros = [zero for zero in _zeros(sentence) if not _overlaps(zero, found)]
    zeros += _self_killings(sentence)
    lists = list(_victim_lists(sentence, found))
    found = [quantity for quantity in found if not _overlaps(quantity, lists)]
    return sorted(found + zeros + lists, key=lambda quantity: quantity.span.start)


def _overlaps(candidate: Quantity, others: Sequence[Quantity]) -> bool:
    return any(
        candidate.span.start < other.span.end and other.span.start < candidate.span.end
        for other in others
    )


def find_quantities(sentences: Sequence[Sentence]) -> list[Quantity]:
    return [quantity for sentence in sentences for quantity in sentence_quantities(sentence)]


def is_unbounded(quantity: Quantity) -> bool:
    return quantity.high >= UNBOUNDED
