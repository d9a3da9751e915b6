"""Zero tolls: "no casualties", "no one was hurt", "no civilians were killed"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crosscheck.extract.counted_nouns import PERSON_NOUNS, PERSONS_PLURAL, quantity_at
from crosscheck.extract.cues import Cues
from crosscheck.extract.numbers import Amount
from crosscheck.records import Bound, Quantity, Sentence

ZERO_PATTERNS = (
    re.compile(
        # not "no one else was hurt": none besides the victims, who may go untold
        r"\b(?:no one|no-one|nobody|none)\b(?!\s+else\b)(?:\s+[\w’']+){0,3}?\s+"
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

# Every match of ZERO_PATTERNS ends in a term: ZERO_TERMS' words, "injured" and
# "injuries" -> "injur", "casualties" -> "casualt".
ZERO_CUES = Cues.of("kill", "died", "death", "fatalit", "injur", "hurt", "wound", "harm", "casualt")


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


def zero_quantities(sentence: Sentence) -> Iterator[Quantity]:
    """Every stated zero toll in one sentence, as quantities of value 0."""
    if not ZERO_CUES.in_text(sentence.text):
        return
    for pattern in ZERO_PATTERNS:
        for match in pattern.finditer(sentence.text):
            yield _zero(sentence, match, match["term"])
            if match.groupdict().get("term2"):
                yield _zero(sentence, match, match["term2"])
