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
    "|mom|dad|stepfather|stepmother"
)
PLURAL_PERSONS = (
    "men|women|boys|girls|teens|teenagers|people|persons|children|kids|students|officers"
    "|victims|residents|adults|juveniles|others|bystanders|brothers|sisters|sons|daughters"
    "|males|females"
)
# Words that end a noun phrase before its noun: "the name of the woman", "The coroner
# says the daughter", "the hospital but the child" are not one person each.
_NOT_INSIDE = r"(?!(?:the|an?|of|and|but|or|to|in|at|on|for|with|after|says?|said|his|her|their)\b)"
_NAME = r"[A-Z][\w'’-]+"
_AGE = r"(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)[- ]years?[- ]old"
_COUNTED_WORD = r"(?i:two|three|four|five|six|seven|eight|nine|ten)|\d{1,2}"
# One item of a list, with the number of people it names in the group that matched.
_ITEMS = (
    # "a man", "one teenage girl", "another victim"; not "a second shooting"
    rf"(?P<one>\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?!\w+(?:st|nd|rd|th)\b|second|third)"
    rf"(?:{_NOT_INSIDE}[\w-]+\s+){{0,3}}?(?:{SINGULAR_PERSONS})\b"
    # "a fourth person", "a second victim": one more person, not "a second shooting"
    rf"|\b[Aa] (?:second|third|fourth|fifth|sixth)\s+(?:[\w-]+\s+)?(?:{SINGULAR_PERSONS})\b"
    # "a man and woman": the article left out after "and"
    # ("and younger brother"; not "and son of a police officer", who describes the first)
    rf"|(?<=and )(?:{_NOT_INSIDE}[\w-]+\s+)?(?:{SINGULAR_PERSONS})\b(?!\s+of\b)"
    # "a 17-year-old" with no noun after the age
    rf"|\b[Aa]n?\s+{_AGE}\b(?!\s+(?:[\w-]+\s+)?(?:{SINGULAR_PERSONS})\b)"
    # "Leonard Moe, 26," and "17-year-old Dallas Roe"
    rf"|\b(?:{_NAME}\s+){{1,3}}?{_NAME},\s+\d{{1,2}},?"
    rf"|(?:^|(?<=, )|(?<=said )|(?<=says )|(?<=say )|(?<=and )|(?<=of )|(?<=killing )"
    rf"|(?<=killed )|(?<=wounding )|(?<=injuring ))"
    rf"\d{{1,2}}-year-old\s+{_NAME}(?:\s+{_NAME}){{0,2}}"
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
# "The victim, a 1-year-old girl,", "One person, a 19-year-old man,", "his daughter,
# Akira Roe, 16,": a noun and its appositive name one person.
APPOSITION_RE = re.compile(
    rf"(?:[Tt]he|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w-]+\s+){{0,2}}?(?:{SINGULAR_PERSONS})\b"
)
NAMED_RE = re.compile(rf"(?:{_NAME}\s+){{1,3}}?{_NAME},\s+\d|\d{{1,2}}-year-old\s+[A-Z]|[Aa]n?\s")
# ", and" before ",": "a 31-year-old man, a 40-year-old man, and a 52-year-old man"
SEPARATOR_RE = re.compile(r"\s*(?:,?\s+and\s+|,\s*)")
BOTH_RE = re.compile(r"[Bb]oth\b")


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


def _list_items(text: str, start: int, end: int) -> Iterator[tuple[re.Match[str], str]]:
    """Each item of the list in text[start:end], with the separator before it."""
    position, joined = start, ""
    while position < end:
        item = ITEM_RE.match(text, position)
        if item is None or item.end() > end:
            return
        yield item, joined
        separator = SEPARATOR_RE.match(text, item.end())
        position, joined = (separator.end(), separator[0]) if separator else (end, "")


def _counted(text: str, start: int, end: int) -> tuple[int, int]:
    """(people, items) of a list; (0, 0) when one number alone names its people."""
    listed = list(_list_items(text, start, end))
    kept = [
        item
        for n, (item, joined) in enumerate(listed)
        if not n or not _apposed(listed[n - 1][0], joined, item)
    ]
    count, first = sum(_item_count(item) for item in kept), _item_count(kept[0]) if kept else 0
    if len(kept) > 1 and BOTH_RE.match(text, start):
        return 2, len(kept)  # "both the mother and daughter"
    if len(kept) > 1 and kept[0]["some"] and "and" not in listed[1][1] and count == 2 * first:
        return first, len(kept)  # "Two victims, a man and a woman,": the same two
    # "four men and two women" is six; a number alone is read as a number
    return (count, len(kept)) if len(kept) > 1 or (kept and not kept[0]["some"]) else (0, 0)


def _apposed(previous: re.Match[str] | None, joined: str, item: re.Match[str]) -> bool:
    """ "The victim, Ezra Roe, 16,": the name after a noun and a comma is the same person."""
    if previous is None or "and" in joined or not APPOSITION_RE.fullmatch(previous[0]):
        return False
    return NAMED_RE.match(item[0]) is not None


def victim_groups(text: str) -> Iterator[VictimGroup]:
    """Every list of individually named people in a sentence, in text order."""
    for match in LIST_RE.finditer(text):
        count, items = _counted(text, match.start(), match.end())
        if count:
            yield VictimGroup(match.start(), match.end(), count, items)
