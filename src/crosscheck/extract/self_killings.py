"""The shooter's own death after killing others: "then killed himself"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crosscheck.extract.counted_nouns import quantity_at
from crosscheck.extract.cues import Cues
from crosscheck.extract.numbers import Amount
from crosscheck.records import Bound, Quantity, Sentence

# The shooter's own death after killing others, which tolls count too (GVA does):
# "shot his wife, then killed himself", "before turning the gun on herself". Read as
# one killed more, whose is SHOOTER. Only after "then" or "before" (other victims
# came first): a lone "boy accidentally shoots and kills himself" is the victim
# already counted, "shot himself" is often a wound, and "murder-suicide" tolls
# ("3 dead in murder-suicide") mostly include the shooter (tuned on half the GVA dev incidents).
SHOOTER = "shooter"
# Also "killed four classmates and himself", "then fatally shoots self", "then
# committed suicide", and the headline's "Two boys killed, father commits suicide".
SELF_KILLED_RE = re.compile(
    r"\b(?:then|before)\s+(?:later\s+)?"
    r"(?:(?:killed|killing|kills|kill|fatally (?:shot|shooting|shoots?))"
    r" (?:(?:him|her|them)sel(?:f|ves)|self)"
    r"|turn(?:ed|ing|s)? (?:the|a|his|her) (?:gun|weapon|rifle|shotgun|handgun) on (?:him|her)self"
    r"|t(?:ook|aking|akes) (?:his|her) own life|commit(?:ted|ting|s)? suicide)\b"
    r"|(?<=killed),\s+(?:\w+\s+){1,2}commits suicide\b",
    re.IGNORECASE,
)
AND_SELF_RE = re.compile(r"\s+and\s+(?:then\s+)?(?:him|her)self\b", re.IGNORECASE)
# Every match of SELF_KILLED_RE or AND_SELF_RE holds one: "himself", "self" -> "sel".
SELF_CUES = Cues.of("sel", "own life", "suicide")
KILLING_BEFORE_RE = re.compile(
    r"\b(?:killed|killing|kills|fatally (?:shot|shooting|shoots))\s+[^,.;]{1,40}$", re.IGNORECASE
)


def self_killings(sentence: Sentence) -> Iterator[Quantity]:
    """One killed more, whose is SHOOTER, for each self-killing after other victims."""
    text = sentence.text
    if not SELF_CUES.in_text(text):
        return
    for match in [*SELF_KILLED_RE.finditer(text), *AND_SELF_RE.finditer(text)]:
        if match.re is AND_SELF_RE and not KILLING_BEFORE_RE.search(text[: match.start()]):
            continue  # "shot his wife and himself" may be a wound
        amount = Amount(match.start(), match.end(), match[0], 1.0, 1.0, 1.0, Bound.EXACT)
        yield quantity_at(sentence, amount, match.end(), "people", "killed", SHOOTER)
