"""Time expressions resolved against the publication date.

Relative expressions ("on Tuesday", "yesterday", "last week") need the day the
piece was published; without it they stay unresolved (anchor "unresolved",
start None). Weekdays point back to the most recent such day, the publication day
itself counting as "today", unless the sentence speaks of the future ("talks are
set to begin on Wednesday"), when they point forward; a weekday given its date
("on Saturday, May 17") is that date. Holidays ("on Christmas Eve", "over the
Memorial Day weekend") resolve as weekdays do (`crosscheck.extract.holidays`).
"Five weeks into the war" needs the war's start, given in `ExtractSettings.era_starts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta

from crosscheck.extract.cues import Cues
from crosscheck.extract.holidays import (
    BARE,
    DAY_PREFIXES,
    HOLIDAY_NAMES,
    canonical,
    holiday_in,
    resolve_holiday,
    weekend_of,
)
from crosscheck.extract.numbers import word_value
from crosscheck.records import DatePrecision, Sentence, Span, TimeRef

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July"
    r"|Jul\.|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_COUNT = r"(?P<count>\d+|[a-z]+(?:-[a-z]+)?)"
TIME_RE = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}(?:\s+(?P<year2>\d{{4}}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<yesterday>yesterday|last night)"
    r"|(?P<today>today|tonight|this (?:morning|afternoon|evening))"
    r"|(?P<lastweek>last week|this week)"
    r"|(?:(?P<holprefix>on|last|this|over|during)\s+(?:the\s+)?)?"
    rf"(?P<holiday>{HOLIDAY_NAMES})(?:,?\s+(?P<holyear>\d{{4}}))?"
    r"(?:\s+(?P<holpart>night|morning|afternoon|evening|weekend))?"
    r"|(?:(?P<weekprefix>on|last|this|late|early)\s+)?"
    rf"(?P<weekday>{'|'.join(WEEKDAYS)})(?:\s+(?:night|morning|afternoon|evening))?"
    # a weekday given its date ("Saturday, May 17", "Thursday, 8 January 2015")
    rf"(?:,?\s+(?:{_MONTH.replace('month', 'month3')}\s+(?P<day3>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year3>\d{{4}}))?|(?P<day4>\d{{1,2}})\s+{_MONTH.replace('month', 'month4')}"
    r"(?:\s+(?P<year4>\d{4}))?))?"
    rf"|{_COUNT}\s+(?P<era_unit>days?|weeks?|months?)\s+(?:into|after|since|of)\s+"
    r"(?:(?:the|a|an)\s+)?(?:start of the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?P<era>war|conflict|invasion|fighting))\b",
    re.IGNORECASE,
)
# Every match of TIME_RE holds one of these, branch by branch: a month's first three
# letters ("Sept." -> "sep"); "-" and a digit inside an ISO date; "day" in weekdays,
# "yesterday" and "today"; "night" in "last night" and "tonight"; the parts of the
# day after "this"; "week"; the era's unit (day, week, month); and in holidays "day"
# (the named days and weekdays: "Labor Day", "Easter Sunday", "Black Friday"), a
# month ("Fourth of July", "Juneteenth", "Cinco de Mayo") or one of the names that
# hold neither. Two sentences in three hold none.
TIME_CUES = Cues.of(
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "-0", "-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9",
    "day", "night", "morning", "afternoon", "evening", "week", "month",
    "christmas", "easter", "halloween", "thanksgiving", "new year",
)  # fmt: skip
FUTURE_RE = re.compile(
    r"\b(?:will|shall|set to|expected to|scheduled|due to|plans? to|going to|to resume|next)\b",
    re.IGNORECASE,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


def resolve_weekday(published: date, weekday: str, future: bool = False) -> date:
    """The most recent `weekday` on or before `published` (or on or after it, if `future`)."""
    target = WEEKDAYS.index(weekday.lower())
    if future:
        return published + timedelta(days=(target - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - target) % 7)


def resolve_month_day(
    published: date | None, month: int, day: int, year: int | None
) -> date | None:
    """A dated day; without a year, the one nearest before publication (a few days' grace)."""
    if year is None and published is None:
        return None
    try:
        if year is not None:
            return date(year, month, day)
        assert published is not None
        candidate = date(published.year, month, day)
    except ValueError:
        return None
    if candidate - published > timedelta(days=31):
        candidate = candidate.replace(year=published.year - 1)
    return candidate


def _week_interval(published: date, last: bool) -> tuple[date, date]:
    monday = published - timedelta(days=published.weekday() + (7 if last else 0))
    return monday, monday + timedelta(days=6)


Resolved = tuple[date | None, date | None, str, DatePrecision]


def _explicit(match: re.Match[str], published: date | None) -> Resolved:
    if match["iso"]:
        try:
            day = date.fromisoformat(match["iso"])
        except ValueError:  # "2021-13-45" is a code or a typo, unresolved like "31 February"
            return None, None, "unresolved", DatePrecision.DAY
        return day, day, "explicit", DatePrecision.DAY
    return _month_day(match, published, _month_groups(match))


# The groups of each way TIME_RE gives a month and day: month, day, year.
MONTH_DAY_GROUPS = (
    ("month", "day", "year"),
    ("month2", "day2", "year2"),
    ("month3", "day3", "year3"),
    ("month4", "day4", "year4"),
)


def _month_groups(match: re.Match[str]) -> tuple[str, str, str]:
    return next(groups for groups in MONTH_DAY_GROUPS if match[groups[0]])


def _month_day(
    match: re.Match[str], published: date | None, groups: tuple[str, str, str]
) -> Resolved:
    month_group, day_group, year_group = groups
    month_name = match[month_group].lower().rstrip(".")[:4]
    month = MONTHS.get(month_name, MONTHS.get(month_name[:3], 0))
    year_text = match[year_group]
    resolved = resolve_month_day(
        published, month, int(match[day_group]), int(year_text) if year_text else None
    )
    anchor = "explicit" if year_text else "published"
    return resolved, resolved, anchor if resolved else "unresolved", DatePrecision.DAY


def _relative(match: re.Match[str], published: date, future: bool) -> Resolved:
    if match["yesterday"]:
        day = published - timedelta(days=1)
        return day, day, "published", DatePrecision.DAY
    if match["today"]:
        return published, published, "published", DatePrecision.DAY
    if match["lastweek"]:
        start, end = _week_interval(published, match["lastweek"].lower().startswith("last"))
        return start, end, "published", DatePrecision.DAY
    prefix = (match["weekprefix"] or "").lower()
    day = resolve_weekday(published, match["weekday"], future and prefix != "last")
    if prefix == "last" and day == published:
        day -= timedelta(days=7)
    return day, day, "published", DatePrecision.DAY


def _holiday(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    name, year = match["holiday"], match["holyear"]
    if not year and published is None:
        return None, None, "unresolved", DatePrecision.DAY
    prefix = (match["holprefix"] or "").lower()
    try:
        if year:
            day, anchor = holiday_in(name, int(year)), "explicit"
        else:
            assert published is not None
            forward = future and prefix != "last"
            day = resolve_holiday(published, name, forward, prefix == "last")
            anchor = "published"
        weekend = (match["holpart"] or "").lower() == "weekend"
        start, end = weekend_of(day) if weekend else (day, day)
    except (ValueError, OverflowError):  # "Christmas Eve 0000", "New Year's Eve 9999 weekend"
        return None, None, "unresolved", DatePrecision.DAY
    return start, end, anchor, DatePrecision.DAY


def is_bare_holiday(match: re.Match[str]) -> bool:
    """A holiday name that alone may mean a season ("Christmas shopping"), with nothing
    around it that makes it a day ("on Christmas", "Christmas night")."""
    prefix = (match["holprefix"] or "").lower()
    return (
        canonical(match["holiday"]) in BARE
        and prefix not in DAY_PREFIXES
        and not match["holpart"]
        and not match["holyear"]
    )


def _era(match: re.Match[str], era_starts: Mapping[str, date]) -> Resolved:
    start_of_era = era_starts.get(match["era"].lower()) or era_starts.get("war")
    count = word_value(match["count"])
    if start_of_era is None or count is None:
        return None, None, "unresolved", DatePrecision.DAY
    days = UNIT_DAYS[match["era_unit"].lower().rstrip("s")]
    start = start_of_era + timedelta(days=int(count * days))
    return start, start + timedelta(days=days - 1), "explicit", DatePrecision.DAY


def _resolve(
    match: re.Match[str], published: date | None, future: bool, era_starts: Mapping[str, date]
) -> Resolved:
    if match["era"]:
        return _era(match, era_starts)
    if match["holiday"]:
        return _holiday(match, published, future)
    if match["iso"] or match["month"] or match["month2"]:
        return _explicit(match, published)
    given = match["month3"] or match["month4"]
    if given and not given.islower():
        # The date a weekday is given says which one it is; the weekday only repeats it
        # ("on Tuesday, may 5 ..." is a weekday and a verb).
        return _month_day(match, published, _month_groups(match))
    if published is None:
        return None, None, "unresolved", DatePrecision.DAY
    return _relative(match, published, future)


def sentence_times(
    sentence: Sentence, published: date | None, era_starts: Mapping[str, date] | None = None
) -> Iterator[TimeRef]:
    if not TIME_CUES.in_text(sentence.text):
        return
    future: bool | None = None  # searched for at the first time found, as most have none
    for match in TIME_RE.finditer(sentence.text):
        if (match["month"] or match["month2"] or "").islower():
            continue  # "may 5" is a verb and a number, not a date
        if match["holiday"] and (match["holiday"][0].islower() or is_bare_holiday(match)):
            continue  # "a labor day" is no holiday; "Christmas shopping" no day
        if future is None:
            future = FUTURE_RE.search(sentence.text) is not None
        start, end, anchor, precision = _resolve(match, published, future, era_starts or {})
        offset = sentence.span.start
        yield TimeRef(
            article_id=sentence.article_id,
            sentence=sentence.index,
            span=Span(offset + match.start(), offset + match.end()),
            text=match[0],
            start=start,
            end=end,
            anchor=anchor,
            precision=precision,
        )


def find_times(
    sentences: Sequence[Sentence],
    published: date | None,
    era_starts: Mapping[str, date] | None = None,
) -> list[TimeRef]:
    return [
        ref for sentence in sentences for ref in sentence_times(sentence, published, era_starts)
    ]
