"""What a claim is about beyond its slot: "injured servicemen", "Belgorod-Kharkiv".

Two claims compete only when they share slot and scope. A scope is reduced to a
key of two word sets: the *measure* (injured, killed, missing ...) and the
*subject* (servicemen, residents; or the two ends of a distance). Synonyms fold
together ("wounded" = "injured", "locals" = "residents"), word order does not
matter ("Kharkiv-Belgorod" = "Belgorod-Kharkiv"). A looser scope
("four people were hurt", "no casualties", "12 miles from the border") may be
folded into a narrower one; see `crosscheck.corroborate.align`.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.corroborate.text import words
from crosscheck.records import Slot

_MEASURES = {
    "injured": "injured",
    "injury": "injured",
    "injuries": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "death": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "missing": "missing",
    "displaced": "displaced",
    "evacuated": "displaced",
    "casualties": "casualties",
    "casualty": "casualties",
}

# "casualties" covers both killed and injured, so it never splits a group on its own.
_BROAD_MEASURES = frozenset({"casualties"})

_SUBJECTS = {
    "serviceman": "servicemen",
    "servicemen": "servicemen",
    "soldier": "servicemen",
    "soldiers": "servicemen",
    "troops": "servicemen",
    "military": "servicemen",
    # Residents of a struck town are its civilians: one scope, so a governor's
    # "no casualties among the residents" and "no civilians injured" line up.
    "resident": "civilians",
    "residents": "civilians",
    "locals": "civilians",
    "inhabitants": "civilians",
    "civilian": "civilians",
    "civilians": "civilians",
    "child": "children",
    "children": "children",
    "kids": "children",
}

_GENERIC_WORDS = (
    "people person persons individuals individual victims the of to from among "
    "between and in at a an"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


# Slots whose values describe the event rather than measure it: an event has
# several places, and "missile" and "Tochka-U ballistic missile" are not rival
# answers. Each distinct value is its own group (how many independent reports
# name it, on whose word); only a denial of that very value disputes it.
DESCRIPTIVE_SLOTS = frozenset(
    {Slot.LOCATION, Slot.TARGET, Slot.WEAPON, Slot.PERPETRATOR, Slot.TIME}
)


@dataclass(frozen=True, slots=True)
class ScopeKey:
    slot: Slot
    measure: frozenset[str]
    subject: frozenset[str]
    value: str = ""  # descriptive slots only: the value itself, in lower-case words

    @property
    def specificity(self) -> int:
        """How narrow the scope is: "casualties" alone narrows nothing."""
        return len(self.subject) + len(self.measure - _BROAD_MEASURES)

    def refines(self, looser: ScopeKey) -> bool:
        """Is this scope a narrower wording of `looser` ("injured servicemen" of
        "injured people"; "village to border" of "from the border")?"""
        if self == looser or (self.slot, self.value) != (looser.slot, looser.value):
            return False
        narrow = looser.measure - _BROAD_MEASURES
        return looser.subject <= self.subject and narrow <= self.measure


def scope_key(slot: Slot, scope: str | None, value: str = "") -> ScopeKey:
    measure: set[str] = set()
    subject: set[str] = set()
    for token in words(scope or ""):
        if token in _MEASURES:
            measure.add(_MEASURES[token])
        elif token not in _GENERIC:
            subject.add(_SUBJECTS.get(token, token))
    described = " ".join(words(value)) if slot in DESCRIPTIVE_SLOTS else ""
    return ScopeKey(slot, frozenset(measure), frozenset(subject), described)
