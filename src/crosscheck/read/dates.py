"""Publication dates as feeds, pages and files write them, with the precision they carry.

`parse_published("2022-03-30")` knows the day but not the hour, and later stages
(time resolution, event windows) must not pretend otherwise, so the precision
travels beside the value instead of a midnight that nobody wrote.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from crosscheck.records import DatePrecision

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

# US zone abbreviations dominate the pages we read (GVA local news); others are
# written as offsets, which the ISO and RFC 2822 branches already handle.
_ZONES = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "bst": 1,
    "cet": 1,
    "cest": 2,
    "msk": 3,
}

_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
# Separators may be spaced ("3 / 16 / 2021"), as some pages and token-rebuilt corpora write them.
_SLASHED = re.compile(r"(?P<a>\d{1,4}) ?[/.] ?(?P<b>\d{1,2}) ?[/.] ?(?P<c>\d{2,4})")
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WORDY = [
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})"),  # March 30, 2022
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})"),  # 30 March 2022
    re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})"),  # March 2022
]
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?\s*"
    r"(?P<half>[ap]\.?m\.?)?(?:\s+(?P<zone>[A-Za-z]{1,4}\b|[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)

# What may stand between a date and its clock: "2022-03-30T14:05", "May 3 @ 1:25PM", "at 1:00pm".
_CLOCK_LEAD = re.compile(r"^[\s,T@|-]*(?:[Aa][Tt]\s+)?")

Parsed = tuple[datetime | None, DatePrecision]
_NOTHING: Parsed = (None, DatePrecision.UNKNOWN)


def parse_published(text: str | None) -> Parsed:
    """Parse a publication date or date-time; `(None, UNKNOWN)` when it is not one."""
    if not text or not text.strip():
        return _NOTHING
    text = text.strip()
    for parse in (_parse_iso, _parse_rfc2822, _parse_wordy, _parse_slashed):
        try:
            parsed = parse(text)
        except ValueError:  # a shape that matched but named no real date (month 13)
            continue
        if parsed[0] is not None:
            return parsed
    return _NOTHING


def _parse_iso(text: str) -> Parsed:
    match = _ISO.fullmatch(text)
    if not match:
        return _NOTHING
    parts = match.groupdict()
    precision = _precision_of(parts)
    value = datetime(
        int(parts["year"]),
        int(parts["month"] or 1),
        int(parts["day"] or 1),
        int(parts["hour"] or 0),
        int(parts["minute"] or 0),
        int(parts["second"] or 0),
        tzinfo=_zone(parts["zone"]),
    )
    return value, precision


def _precision_of(parts: dict[str, str | None]) -> DatePrecision:
    for key, precision in (
        ("second", DatePrecision.SECOND),
        ("minute", DatePrecision.MINUTE),
        ("day", DatePrecision.DAY),
        ("month", DatePrecision.MONTH),
    ):
        if parts.get(key):
            return precision
    return DatePrecision.YEAR


def _parse_rfc2822(text: str) -> Parsed:
    if not re.match(r"[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return _NOTHING
    value = parsedate_to_datetime(text)
    precision = DatePrecision.SECOND if re.search(r"\d:\d{2}:\d{2}", text) else DatePrecision.MINUTE
    return value, precision


def _parse_wordy(text: str) -> Parsed:
    matches = (match for pattern in _WORDY for match in pattern.finditer(text))
    for match in matches:
        if match["month"].lower() in _MONTHS:
            day = match.groupdict().get("day")
            day_value = int(day) if day else 1
            month = _MONTHS[match["month"].lower()]
            value = datetime(int(match["year"]), month, day_value)
            if not day:
                return value, DatePrecision.MONTH
            return _with_clock(value, text[match.end() :])
    return _NOTHING


def _parse_slashed(text: str) -> Parsed:
    match = _SLASHED.search(text)
    if not match:
        return _NOTHING
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4:  # 2022/03/30
        year, month, day = int(a), int(b), int(c)
    else:  # 03/30/2022: month first, as US pages write it, unless that cannot be
        first, second = int(a), int(b)
        month, day = (second, first) if first > 12 else (first, second)
        year = int(c) + (2000 if len(c) == 2 else 0)
    return _with_clock(datetime(year, month, day), text[match.end() :])


def _with_clock(day: datetime, rest: str) -> Parsed:
    """Add a time of day written after the date ("8:18 PM EST", "| 5:00 PM"), if any."""
    match = _CLOCK.match(_CLOCK_LEAD.sub("", rest))
    if not match or not (match["minute"] or match["half"]):
        return day, DatePrecision.DAY
    hour = int(match["hour"]) % 12 if match["half"] else int(match["hour"])
    if match["half"] and match["half"].lower().startswith("p"):
        hour += 12
    zone = _zone(match["zone"]) if match["zone"] else None
    value = day.replace(
        hour=hour, minute=int(match["minute"] or 0), second=int(match["second"] or 0)
    )
    precision = DatePrecision.SECOND if match["second"] else DatePrecision.MINUTE
    return value.replace(tzinfo=zone), precision


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.lower() in _ZONES:
        return timezone(timedelta(hours=_ZONES[text.lower()]))
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", text)
    if not match:
        return None
    minutes = int(match[2]) * 60 + int(match[3])
    return timezone(timedelta(minutes=-minutes if match[1] == "-" else minutes))
