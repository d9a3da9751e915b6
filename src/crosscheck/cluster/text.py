"""Cheap text signals for clustering: content words, names, numbers and dates.

These run on every article, so they are regular expressions, not a parser. When
extraction (`crosscheck.extract`) has found entities and an event date they are
used too, as they were when the link model was trained (eval/cluster.py --train);
these heuristics are what clustering falls back on without them.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from datetime import date
from importlib import resources

from crosscheck.extract.event_day import BIRTH_DISTANCE, is_birth_date
from crosscheck.extract.times import WEEKDAYS

# Years outside this range are more likely counts or street numbers than dates.
FIRST_YEAR, LAST_YEAR = 1900, 2099

_WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[a-z]")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_NAME_PART = r"(?:[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)*|[A-Z]{2,}|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_NAME = re.compile(rf"\b{_NAME_PART}(?:\s+(?:of\s+|de\s+|van\s+)?{_NAME_PART})*")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBREVIATIONS = {name[:3]: index + 1 for index, name in enumerate(_MONTHS)}
_FULL_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(19\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(19\d\d|20\d\d)-(\d\d)-(\d\d)\b")

# Capitalised words that start sentences or name no one: never entities alone.
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "of",
        "and",
        "but",
        "or",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "during",
        "since",
        "until",
        "there",
        "here",
        "what",
        "who",
        "which",
        "where",
        "why",
        "how",
        "not",
        "no",
        "yes",
        "all",
        "some",
        "many",
        "most",
        "one",
        "two",
        "three",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "police",
        "officers",
        "officer",
        "authorities",
        "officials",
        "sheriff",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "posted",
        "updated",
        "copyright",
        "read",
        "more",
        "click",
        "share",
        "comments",
        "photo",
        "video",
        "watch",
        "related",
        "also",
        "however",
        "meanwhile",
        "according",
        "both",
        "several",
        "other",
        "another",
        "each",
        "every",
        "according",
    ]
) | frozenset(_MONTHS)


def _english_stop_words() -> frozenset[str]:
    """The stop-word list of data/stop_words.txt (scikit-learn's, see its header)."""
    text = resources.files("crosscheck.cluster").joinpath("data/stop_words.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


ENGLISH_STOP_WORDS = _english_stop_words()
STOP_WORDS = ENGLISH_STOP_WORDS | {"said", "says", "told", "would", "could", "like"}


def stable_hash(text: str) -> int:
    """A process-independent hash (Python's own `hash` is salted per process)."""
    return zlib.crc32(text.encode("utf-8"))


def content_words(text: str) -> list[str]:
    """Lower-cased words without stop words: what TF-IDF counts."""
    words = _WORD.findall(text.lower())
    return [word for word in words if word not in STOP_WORDS and len(word) > 1]


def term_counts(text: str) -> Counter[str]:
    return Counter(content_words(text))


def names(text: str) -> set[str]:
    """Runs of capitalised words ("Kevin Barbee", "Betty Ford Center"), lower-cased."""
    return set(_name_runs(text))


def salient_names(title: str, body: str, lead_characters: int) -> set[str]:
    """Names in the title or lead, or named twice: not one-off mentions in page furniture."""
    counts = Counter(_name_runs(body))
    lead = set(_name_runs(f"{title}\n{body[:lead_characters]}"))
    return lead | {name for name, count in counts.items() if count > 1}


def _name_runs(text: str) -> list[str]:
    found = []
    for match in _NAME.finditer(text):
        words = [word for word in match.group(0).lower().split() if word not in NOT_NAMES]
        if words and len(" ".join(words)) > 2:
            found.append(" ".join(words))
    return found


# How reports give a person's age: "a 43-year-old climber", "Ada Renn, 43, of Marlow",
# "aged 43", "Ada Renn (43)". One or two digits after a name, so that "May 2, 2031"
# and "12,000" are not ages.
_AGES = (
    re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b", re.IGNORECASE),
    re.compile(r"(?<=[A-Za-z]), (\d{1,2}),"),
    re.compile(r"\baged (\d{1,3})\b", re.IGNORECASE),
    re.compile(r"(?<=[A-Za-z]) \((\d{1,2})\)"),
)
OLDEST = 110


def ages(text: str) -> set[int]:
    """The ages of people the text names ("a 43-year-old", "Ada Renn, 43,")."""
    found = {int(match) for pattern in _AGES for match in pattern.findall(text)}
    return {age for age in found if 0 < age <= OLDEST}


# The day of the week a lead names ("on Thursday", "late Sunday night"): a report of
# Thursday's robbery is not one of Monday's, whatever the year. Newspapers and holidays
# named by a weekday ("Sunday Times", "Good Friday") name no day of the story.
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
_NOT_WEEKDAY_BEFORE = re.compile(
    r"\b(?:good|black|cyber|super|ash|palm|easter|holy|bloody|mail on)\s+$", re.IGNORECASE
)
_NOT_WEEKDAY_AFTER = re.compile(
    r"^\s+(?:times|telegraph|express|mirror|herald|post|mail|people|independent|star|"
    r"tribune|sport|sun|night football)\b",
    re.IGNORECASE,
)


def first_weekday(text: str) -> int | None:
    """The first day of the week the text names, Monday 0 ("on Thursday", "Sunday's vote")."""
    for match in _WEEKDAY.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 30]
        if not _NOT_WEEKDAY_BEFORE.search(before) and not _NOT_WEEKDAY_AFTER.match(after):
            return WEEKDAYS.index(match.group(1).lower())
    return None


def is_year(figure: str) -> bool:
    """Whether a figure as written ("2013", "31-24", "6.1") is a year."""
    return len(figure) == 4 and figure.isdecimal() and FIRST_YEAR <= int(figure) <= LAST_YEAR


def numbers(text: str) -> set[str]:
    """Numbers written in the text other than years ("33", "6.1", "1000")."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group(1).replace(",", "")
        if not is_year(value):
            found.add(value)
    return found


def years(text: str) -> set[int]:
    return {int(year) for year in _YEAR.findall(text)}


# Enough text before a date to find a "born" that dates a birth.
BIRTH_WINDOW = BIRTH_DISTANCE + len("born ")


def first_full_date(text: str) -> date | None:
    """The first explicit calendar date ("May 03, 2013", "2013-05-03") in the text that
    is not someone's birth date."""
    candidates: list[tuple[int, date]] = []
    for match in _FULL_DATE.finditer(text):
        month = _MONTH_ABBREVIATIONS[match.group(1)[:3].lower()]
        candidates.extend(_dated(match.start(), int(match.group(3)), month, int(match.group(2))))
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(part) for part in match.groups())
        candidates.extend(_dated(match.start(), year, month, day))
    kept = [
        (start, day)
        for start, day in candidates
        if not is_birth_date(text[max(0, start - BIRTH_WINDOW) : start])
    ]
    return min(kept)[1] if kept else None


def _dated(position: int, year: int, month: int, day: int) -> list[tuple[int, date]]:
    try:
        return [(position, date(year, month, day))]
    except ValueError:
        return []
