"""Victims told one by one: "a man", "Leonard Moe, 26,", "both", "a woman and two men".

Local news often never writes the total: "A 17-year-old was shot and killed",
"Justin Roe, 32, and Dan Poe, 26, were killed", "Both were pronounced dead". This
module finds such subjects (a list of victims joined by commas and "and") and says
how many people each list names; `quantities` then reads the outcome after it the
way it reads one after a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crosscheck.extract.numbers import word_value

SINGULAR_PERSONS = (
    "man|woman|boy|girl|teen|teenager|person|child|toddler|infant|baby|student|officer"
    "|victim|resident|civilian|soldier|serviceman|bystander|adult|juvenile|motorist|driver"
    "|passenger|customer|clerk|employee|deputy|trooper|suspect|gunman|father|mother|son"
    "|daughter|brother|sister|husband|wife|friend|relative|neighbor|neighbour|male|female"
    "|grandson|granddaughter|grandmother|grandfather|nephew|niece|cousin|uncle|aunt|girlfriend"
    "|boyfriend|fiance|fiancee|roommate|classmate|stepson|stepdaughter|firefighter|guard"
)
PLURAL_PERSONS = (
    "men|women|boys|girls|teens|teenagers|people|persons|children|kids|students|officers"
    "|victims|residents|adults|juveniles|others|bystanders|brothers|sisters|sons|daughters"
)
_NAME = r"[A-Z][\w'’-]+"
_AGE = r"(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)[- ]years?[- ]old"
_COUNTED_WORD = r"two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
# One item of a list, with the number of people it names in the group that matched.
_ITEMS = (
    # "a man", "one teenage girl", "another victim"; not "a second shooting"
    rf"(?P<one>\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?!\w+(?:st|nd|rd|th)\b|second|third)"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{SINGULAR_PERSONS})\b"
    # "a fourth person", "a second victim": one more person, not "a second shooting"
    rf"|\b[Aa] (?:second|third|fourth|fifth|sixth)\s+(?:[\w-]+\s+)?(?:{SINGULAR_PERSONS})\b"
    # "a man and woman": the article left out after "and"
    rf"|(?<=and )(?:{SINGULAR_PERSONS})\b"
    # "a 17-year-old" with no noun after the age
    rf"|\b[Aa]n?\s+{_AGE}\b(?!\s+(?:[\w-]+\s+)?(?:{SINGULAR_PERSONS})\b)"
    # "Leonard Moe, 26," and "17-year-old Dallas Roe"
    rf"|\b(?:{_NAME}\s+){{1,3}}?{_NAME},\s+\d{{1,2}},?"
    rf"|(?:^|(?<=, )|(?<=said )|(?<=says )|(?<=say )|(?<=and )|(?<=of ))"
    rf"\d{{1,2}}-year-old\s+(?:{_NAME}\s*){{1,3}}"
    # "He was pronounced dead": a pronoun opening its clause
    r"|(?:^|(?<=said )|(?<=says )|(?<=say ))(?:He|She|he|she)\b"
    # "one man dead and another wounded"
    r"|\b[Aa]nother\b(?!\s+(?:[\w-]+\s+)?(?:shooting|incident|time|day|night|one)\b))"
    # "both", "both men"
    rf"|(?P<two>\b[Bb]oth(?:\s+(?:of\s+them|the\s+\w+|(?:{PLURAL_PERSONS})))?)"
    # "two other men" inside a list ("a woman and two other men")
    rf"|(?P<some>\b(?:{_COUNTED_WORD})\s+(?:other\s+)?(?:[\w-]+\s+)?(?:{PLURAL_PERSONS})\b)"
)
ITEM_RE = re.compile(_ITEMS)
_ANY_ITEM = re.sub(r"\(\?P<\w+>", "(?:", _ITEMS)
LIST_RE = re.compile(rf"(?:{_ANY_ITEM})(?:(?:,\s*|,?\s+and\s+)(?:{_ANY_ITEM}))*")
# "The victim, a 1-year-old girl,": a definite noun and its appositive name one person.
APPOSITION_RE = re.compile(
    r"[Tt]he\s+(?:[\w-]+\s+){0,2}?(?:victim|man|woman|boy|girl|child|teen)\b"
)
SEPARATOR_RE = re.compile(r"\s*(?:,\s*|,?\s+and\s+)")


@dataclass(frozen=True, slots=True)
class VictimGroup:
    """People named one by one in text[start:end]: `count` of them, from `items` mentions."""

    start: int
    end: int
    count: int
    items: int


def _item_count(match: re.Match[str]) -> int:
    if match["two"]:
        return 2
    if match["some"]:
        return int(word_value(match["some"].split()[0]) or 0)
    return 1


def _counted(text: str, start: int, end: int) -> tuple[int, int]:
    """(people, items) of a list; (0, 0) when only numbers name its people (read as numbers)."""
    count = items = named = 0
    position = start
    while position < end:
        item = ITEM_RE.match(text, position)
        if item is None or item.end() > end:
            break
        count, items = count + _item_count(item), items + 1
        named += not item["some"]
        separator = SEPARATOR_RE.match(text, item.end())
        position = separator.end() if separator else end
    if items > 1 and APPOSITION_RE.match(text, start) and " and " not in text[start:end]:
        return 1, 1  # "The victim, Ezra Roe, 16," is one person named twice
    return (count, items) if named else (0, 0)


def victim_groups(text: str) -> Iterator[VictimGroup]:
    """Every list of individually named people in a sentence, in text order."""
    for match in LIST_RE.finditer(text):
        count, items = _counted(text, match.start(), match.end())
        if count:
            yield VictimGroup(match.start(), match.end(), count, items)
