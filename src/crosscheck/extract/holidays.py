"""Holidays as days: "on Christmas Eve", "over the Memorial Day weekend", "on Father's Day".

A holiday names one day a year, fixed ("Halloween": October 31) or by a rule
("Thanksgiving": the fourth Thursday of November; Easter by the Gregorian
computus). Reports date incidents by them as often as by weekdays ("a Fourth of
July party", "shot on Christmas Eve"), and like a weekday a holiday is resolved
against the publication date: the most recent one on or before it, the next
one in a sentence about the future (`crosscheck.extract.times`).

Where countries keep a holiday on different days, the US one is read: the
labelled news this was measured on is American (eval/dates.py), and the names
were chosen to be unambiguous elsewhere: "Labor Day" (US spelling; "Labour Day"
is May 1 in most countries) and "Fourth of July" are read, "Independence Day"
(every country has one) is not. Bare words that also name a season or a
festival ("Christmas shopping", "the Easter holidays") count only with "on",
"last" or "this" before them, or a part of the day or "weekend" after them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

# Names as reports write them: one space between words, the apostrophe optional.
HOLIDAY_NAMES = (
    r"New Year['’]?s (?:Eve|Day)|Valentine['’]?s Day|(?:St\.?|Saint) Patrick['’]?s Day"
    r"|Cinco de Mayo|Juneteenth|Fourth of July|July Fourth|Halloween|Veterans['’]? Day"
    r"|Christmas(?: Eve| Day)?|Boxing Day|Martin Luther King(?: Jr\.?)? Day|MLK Day"
    r"|Presidents['’]? Day|Memorial Day|Labor Day|Columbus Day|Thanksgiving(?: Day)?"
    r"|Black Friday|Mother['’]?s Day|Father['’]?s Day|Easter(?: Sunday| Monday)?|Good Friday"
)
# Names that alone may mean a season or a festival, not its day.
BARE = frozenset({"christmas", "easter", "thanksgiving", "halloween"})
# What before a bare name makes it a day: "on Christmas", "last Easter".
DAY_PREFIXES = frozenset({"on", "last", "this"})

MONDAY, THURSDAY, SUNDAY = 0, 3, 6


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous computus)."""
    golden = year % 19
    century, of_century = divmod(year, 100)
    leap_skips, leap_rest = divmod(century, 4)
    moon_fix = (century + 8) // 25
    moon_skips = (century - moon_fix + 1) // 3
    epact = (19 * golden + century - leap_skips - moon_skips + 15) % 30
    quarters, quarter_rest = divmod(of_century, 4)
    weekday_fix = (32 + 2 * leap_rest + 2 * quarters - epact - quarter_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday_fix) // 451
    month, day = divmod(epact + weekday_fix - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` `weekday` (0 = Monday) of the month; `nth` -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth(month: int, weekday: int, nth: int) -> Callable[[int], date]:
    return lambda year: nth_weekday(year, month, weekday, nth)


def _thanksgiving(year: int) -> date:
    return nth_weekday(year, 11, THURSDAY, 4)


# Canonical name (lower case, no apostrophes or full stops, "saint" as "st") -> its day in a year.
DAYS: dict[str, Callable[[int], date]] = {
    "new years eve": _fixed(12, 31),
    "new years day": _fixed(1, 1),
    "valentines day": _fixed(2, 14),
    "st patricks day": _fixed(3, 17),
    "cinco de mayo": _fixed(5, 5),
    "juneteenth": _fixed(6, 19),
    "fourth of july": _fixed(7, 4),
    "july fourth": _fixed(7, 4),
    "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11),
    "christmas eve": _fixed(12, 24),
    "christmas day": _fixed(12, 25),
    "christmas": _fixed(12, 25),
    "boxing day": _fixed(12, 26),
    "martin luther king jr day": _nth(1, MONDAY, 3),
    "martin luther king day": _nth(1, MONDAY, 3),
    "mlk day": _nth(1, MONDAY, 3),
    "presidents day": _nth(2, MONDAY, 3),
    "memorial day": _nth(5, MONDAY, -1),
    "labor day": _nth(9, MONDAY, 1),
    "columbus day": _nth(10, MONDAY, 2),
    "thanksgiving day": _thanksgiving,
    "thanksgiving": _thanksgiving,
    "black friday": lambda year: _thanksgiving(year) + timedelta(days=1),
    "mothers day": _nth(5, SUNDAY, 2),
    "fathers day": _nth(6, SUNDAY, 3),
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda year: easter(year) + timedelta(days=1),
    "good friday": lambda year: easter(year) - timedelta(days=2),
}


def canonical(name: str) -> str:
    """The key of `DAYS` a written name stands for ("Father’s Day" -> "fathers day")."""
    plain = re.sub(r"['’.]", "", name.lower())
    return re.sub(r"^saint ", "st ", " ".join(plain.split()))


def holiday_in(name: str, year: int) -> date:
    """The holiday's day in `year`."""
    return DAYS[canonical(name)](year)


def resolve_holiday(
    published: date, name: str, future: bool = False, before_publication: bool = False
) -> date:
    """The latest such day on or before `published` (strictly before it when
    `before_publication`: "last Christmas"), or the first on or after it when `future`."""
    found = holiday_in(name, published.year)
    if future:
        return found if found >= published else holiday_in(name, published.year + 1)
    if found > published or (before_publication and found == published):
        return holiday_in(name, published.year - 1)
    return found


def weekend_of(day: date) -> tuple[date, date]:
    """A holiday's weekend: the holiday and the Saturday and Sunday closest to it
    ("Memorial Day weekend" is Saturday to Monday, "Thanksgiving weekend" Thursday
    to Sunday); on a Tuesday the weekend before, on a Wednesday the one after."""
    saturday_after = day + timedelta(days=(5 - day.weekday()) % 7)
    saturday_before = day - timedelta(days=(day.weekday() - 5) % 7)
    saturday = saturday_before if day - saturday_before < saturday_after - day else saturday_after
    return min(day, saturday), max(day, saturday + timedelta(days=1))
