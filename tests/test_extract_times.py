"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.extract.holidays import easter, nth_weekday
from crosscheck.extract.times import WEEKDAYS, resolve_weekday, sentence_times
from crosscheck.records import Sentence, Span, TimeRef

WEDNESDAY = date(2031, 6, 11)


def times(text: str, published: date | None = WEDNESDAY, **eras: date) -> list[TimeRef]:
    sentence = Sentence("a1", 0, Span(0, len(text)), text, 0)
    return list(sentence_times(sentence, published, eras))


def only(text: str, published: date | None = WEDNESDAY, **eras: date) -> TimeRef:
    (ref,) = times(text, published, **eras)
    return ref


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.sampled_from(WEEKDAYS))
def test_weekday_is_the_latest_such_day_on_or_before_publication(
    published: date, weekday: str
) -> None:
    resolved = resolve_weekday(published, weekday)
    assert WEEKDAYS[resolved.weekday()] == weekday
    assert timedelta(0) <= published - resolved < timedelta(days=7)


def test_same_weekday_as_publication_is_today() -> None:
    assert resolve_weekday(WEDNESDAY, "Wednesday") == WEDNESDAY
    assert only("The depot was hit on Tuesday.").start == date(2031, 6, 10)


def test_future_sentences_point_forward() -> None:
    assert only("Talks are set to resume on Friday.").start == date(2031, 6, 13)
    assert only("The convoy left on Friday.").start == date(2031, 6, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shots were heard last night.", date(2031, 6, 10)),
        ("It happened yesterday.", date(2031, 6, 10)),
        ("It was quiet today.", WEDNESDAY),
        ("The attack came on June 9.", date(2031, 6, 9)),
        ("The attack came on Dec. 30.", date(2030, 12, 30)),
        ("The attack came on 2029-04-01.", date(2029, 4, 1)),
    ],
)
def test_relative_and_dated_days(text: str, expected: date) -> None:
    ref = only(text)
    assert ref.start == ref.end == expected
    assert ref.anchor in ("published", "explicit")


def test_last_week_is_the_calendar_week_before() -> None:
    ref = only("Two people were hurt last week.")
    assert (ref.start, ref.end) == (date(2031, 6, 2), date(2031, 6, 8))


def test_era_phrases_need_the_era_start() -> None:
    unresolved = only("Talks resumed five weeks into the war.")
    assert (unresolved.anchor, unresolved.start) == ("unresolved", None)
    resolved = only("Talks resumed five weeks into the war.", war=date(2031, 1, 6))
    assert resolved.start == date(2031, 2, 10) and resolved.end == date(2031, 2, 16)


def test_unknown_publication_leaves_relative_times_unresolved() -> None:
    ref = only("The depot was hit on Tuesday.", published=None)
    assert (ref.anchor, ref.start) == ("unresolved", None)


@pytest.mark.parametrize("text", ["File 2021-13-45 was leaked.", "Report 2021-02-30 is out."])
def test_an_impossible_iso_date_is_unresolved_not_an_error(text: str) -> None:
    found = only(text)
    assert (found.start, found.end, found.anchor) == (None, None, "unresolved")


# Easter Sundays as published in calendars (Gregorian computus).
EASTERS = {
    1961: date(1961, 4, 2),
    2000: date(2000, 4, 23),
    2008: date(2008, 3, 23),
    2011: date(2011, 4, 24),
    2015: date(2015, 4, 5),
    2019: date(2019, 4, 21),
    2024: date(2024, 3, 31),
    2038: date(2038, 4, 25),
}


@pytest.mark.parametrize(("year", "expected"), sorted(EASTERS.items()))
def test_easter_is_the_calendars_easter(year: int, expected: date) -> None:
    assert easter(year) == expected


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_march_22_and_april_25(year: int) -> None:
    day = easter(year)
    assert day.weekday() == 6 and date(year, 3, 22) <= day <= date(year, 4, 25)


@given(
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=0, max_value=6),
    st.sampled_from([1, 2, 3, 4, -1]),
)
def test_nth_weekday_is_that_weekday_counted_in_its_month(
    year: int, month: int, weekday: int, nth: int
) -> None:
    day = nth_weekday(year, month, weekday, nth)
    assert (day.year, day.month, day.weekday()) == (year, month, weekday)
    if nth > 0:
        assert (day.day - 1) // 7 == nth - 1
    else:
        assert (day + timedelta(days=7)).month != month


# Monday 6 July 2015.
AFTER_THE_FOURTH = date(2015, 7, 6)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Two men were shot on the Fourth of July.", date(2015, 7, 4), date(2015, 7, 4)),
        ("A man was shot on Father’s Day.", date(2015, 6, 21), date(2015, 6, 21)),
        ("It happened Christmas night.", date(2014, 12, 25), date(2014, 12, 25)),
        ("He was shot on Easter Sunday.", date(2015, 4, 5), date(2015, 4, 5)),
        ("He was shot on Thanksgiving.", date(2014, 11, 27), date(2014, 11, 27)),
        ("A New Year's Eve party ended in gunfire.", date(2014, 12, 31), date(2014, 12, 31)),
        ("The march on Martin Luther King Jr. Day.", date(2015, 1, 19), date(2015, 1, 19)),
        # A Monday holiday's weekend runs from Saturday, Thanksgiving's from Thursday.
        ("Five were hurt over the Memorial Day weekend.", date(2015, 5, 23), date(2015, 5, 25)),
        ("Violence over Thanksgiving weekend.", date(2014, 11, 27), date(2014, 11, 30)),
    ],
)
def test_a_holiday_is_the_latest_such_day_by_publication(text: str, start: date, end: date) -> None:
    ref = only(text, published=AFTER_THE_FOURTH)
    assert (ref.start, ref.end, ref.anchor) == (start, end, "published")


def test_a_holiday_points_forward_in_the_future_and_back_after_last() -> None:
    assert only("A vigil will be held on Labor Day.", AFTER_THE_FOURTH).start == date(2015, 9, 7)
    # "last" on the day itself: the year before, as "last Monday" on a Monday
    assert only("He was shot last Christmas.", date(2015, 12, 25)).start == date(2014, 12, 25)
    assert only("He was shot on Christmas.", date(2015, 12, 25)).start == date(2015, 12, 25)


def test_a_holiday_with_a_year_is_explicit_and_needs_no_publication() -> None:
    ref = only("He was shot on Christmas Eve 2013.", published=None)
    assert (ref.start, ref.anchor) == (date(2013, 12, 24), "explicit")
    undated = only("He was shot on Christmas Eve.", published=None)
    assert (undated.start, undated.anchor) == (None, "unresolved")


@pytest.mark.parametrize(
    "text",
    [
        "Christmas shopping was brisk.",  # a season
        "The Easter holidays began.",
        "A Halloween party drew a crowd.",  # the party's day is not said
        "He worked a labor day shift.",  # lower case: no holiday
        "Crowds marked Independence Day.",  # every country has one: not read
    ],
)
def test_names_that_do_not_name_the_day_are_not_dates(text: str) -> None:
    assert times(text, AFTER_THE_FOURTH) == []


@pytest.mark.parametrize(
    ("text", "expected", "anchor"),
    [
        # the date a weekday is given wins over the latest such weekday (June 6)
        ("The depot burned on Saturday, May 17.", date(2031, 5, 17), "published"),
        ("The siege of Marlow ended on Wednesday, July 9, 2014.", date(2014, 7, 9), "explicit"),
        ("The mill blast came on Thursday, 8 January 2015.", date(2015, 1, 8), "explicit"),
        ("It happened Friday night, SEPT. 5.", date(2030, 9, 5), "published"),
        # "may" in lower case is a verb: the weekday alone
        ("The police on Tuesday, may 5 more be charged?", date(2031, 6, 10), "published"),
    ],
)
def test_a_weekday_given_its_date_is_that_date(text: str, expected: date, anchor: str) -> None:
    ref = only(text)
    assert (ref.start, ref.end, ref.anchor) == (expected, expected, anchor)


@pytest.mark.parametrize(
    "text", ["Shot on Christmas Eve 0000.", "Over the New Year's Eve 9999 weekend."]
)
def test_a_holiday_in_a_year_beyond_the_calendar_is_unresolved_not_an_error(text: str) -> None:
    found = only(text)
    assert (found.start, found.end, found.anchor) == (None, None, "unresolved")
