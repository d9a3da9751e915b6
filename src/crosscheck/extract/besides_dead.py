"""Victims told as shot beside victims told as killed: others, so hurt, not a total.

"Family identifies 2-year-old killed, mother who was shot", "officers found a
56-year-old who had been shot in the leg and a child who had died": the shot are
besides the dead. `figures` reads a "shot" figure as a total that holds the killed
("Two people were shot, one fatally" is one hurt), which would leave these at none
hurt. So within one sentence, a "shot" victim joined to a "killed" one by "and" or a
comma, and no more of them than the dead, counts as injured. Pronouns ("A child is
dead after he was shot") and "the son of" are the same person again; "two days
after" is another shooting. Chosen on the tuning half of the GVA dev incidents
(eval/casualties.py): 2 articles right, none lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.records import Bound, Quantity, Sentence

PRONOUN_RE = re.compile(r"(?:he|she|they|him|her|them)", re.IGNORECASE)
JOINED_RE = re.compile(r",|\band\b")
OTHER_CLAUSE_RE = re.compile(
    r"\b(?:after|before|when|while|of|since|than|days?|weeks?|months?|years?)\b|[;:]",
    re.IGNORECASE,
)
MAX_GAP = 60  # characters between the two victims: one list, not two clauses apart


def mark_others_hurt(sentence: Sentence, quantities: Sequence[Quantity]) -> list[Quantity]:
    """The sentence's quantities, shot victims told beside the dead turned injured."""
    dead = [q for q in quantities if q.counts == "killed" and q.bound is Bound.EXACT]
    return [
        replace(q, counts="injured") if any(_beside(sentence, q, d) for d in dead) else q
        for q in quantities
    ]


def _beside(sentence: Sentence, shot: Quantity, dead: Quantity) -> bool:
    if shot.counts != "shot" or shot.value > dead.value or PRONOUN_RE.fullmatch(shot.text):
        return False
    first, second = sorted((shot, dead), key=lambda quantity: quantity.span.start)
    offset = sentence.span.start
    between = sentence.text[first.span.end - offset : second.span.start - offset]
    if not 0 < len(between) <= MAX_GAP:
        return False
    return JOINED_RE.search(between) is not None and OTHER_CLAUSE_RE.search(between) is None
