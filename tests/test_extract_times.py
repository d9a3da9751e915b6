"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
