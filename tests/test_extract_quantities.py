"""Numbers and quantities: values, bounds, units, what they count and whose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.extract.numbers import find_numbers, word_value
from crosscheck.extract.quantities import find_quantities, is_unbounded, sentence_quantities
from crosscheck.records import Bound, Quantity, Sentence, Span


def quantities(text: str) -> list[Quantity]:
    return sentence_quantities(Sentence("a1", 0, Span(0, len(text)), text, 0))


def only(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [("four", 4), ("twenty-one", 21), ("a dozen", 12), ("4 million", 4_000_000), ("1,250", 1250)],
)
def test_word_value_reads_digits_and_words(words: str, value: float) -> None:
    assert word_value(words) == value


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_thousands_separators_round_trip(value: int) -> None:
    (amount,) = list(find_numbers(f"there were {value:,} of them"))
    assert amount.value == value


def test_bounds_become_intervals() -> None:
    at_least, about, nearly, at_most = (
        only("at least 12 people were killed"),
        only("about 40 people were injured"),
        only("nearly 20 residents were hurt"),
        only("up to 7 soldiers were wounded"),
    )
    assert (at_least.bound, at_least.low, is_unbounded(at_least)) == (Bound.AT_LEAST, 12, True)
    assert about.bound is Bound.ABOUT and about.low < 40 < about.high
    assert nearly.bound is Bound.ABOUT and nearly.low < 20 == nearly.high
    assert (at_most.bound, at_most.low, at_most.high) == (Bound.AT_MOST, 0, 7)


def test_what_is_counted_and_whose() -> None:
    found = quantities("Three sailors and two children were killed and 14 others injured.")
    assert [(q.value, q.counts, q.whose) for q in found if q.counts != "killed"] == [
        (14, "injured", "people")
    ]
    assert only("four servicemen were injured").whose == "servicemen"
    assert only("The blast killed at least 39 people").counts == "killed"


@pytest.mark.parametrize(
    ("text", "value", "counts", "counted"),
    [
        ("Four crew were injured in the grounding.", 4, "injured", "Four crew"),
        ("four crew members were injured, the coastguard said", 4, "injured", "four crew members"),
        ("One crewman was killed.", 1, "killed", "One crewman"),
        ("Two staff members died in the fire.", 2, "killed", "Two staff members"),
    ],
)
def test_crews_and_staff_are_counted_people(
    text: str, value: int, counts: str, counted: str
) -> None:
    # Neither "crew" nor "crewmen" looks like a plural, so they must be known nouns;
    # "members" after a known noun belongs to it ("crew members").
    found = only(text)
    assert (found.value, found.counts, found.text) == (value, counts, counted)
    assert found.whose in {"crew", "staff"}


def test_including_inherits_what_the_total_counts() -> None:
    found = quantities("Some 108 people, including 15 children, were allegedly injured.")
    assert [(q.value, q.counts, q.whose) for q in found] == [
        (108, "injured", "people"),
        (15, "injured", "children"),
    ]


def test_miles_and_kilometres_are_both_kept() -> None:
    miles = only("the depot is about 12 miles from the border")
    km = only("a town 30 kilometres away")
    assert (miles.unit, miles.counts, miles.converted[0][0]) == ("mi", "distance", "km")
    assert miles.converted[0][1] == pytest.approx(19.3, abs=0.1)
    assert (km.unit, km.converted[0][0]) == ("km", "mi")


@pytest.mark.parametrize(
    ("text", "unit", "converted"),
    [
        ("wind gusts of up to 45 miles per hour were recorded", "mph", ("km/h", 72.4)),
        ("the car was doing 80 kilometres an hour", "km/h", ("mph", 49.7)),
        ("a 60 km/h limit on the bridge", "km/h", ("mph", 37.3)),
        ("gusts of 50 mph", "mph", ("km/h", 80.5)),
    ],
)
def test_a_length_per_hour_is_a_speed_not_a_distance(
    text: str, unit: str, converted: tuple[str, float]
) -> None:
    speed = only(text)
    assert (speed.unit, speed.counts) == (unit, "speed")
    assert speed.converted[0][0] == converted[0]
    assert speed.converted[0][1] == pytest.approx(converted[1], abs=0.1)
    assert "hour" in speed.text or "/h" in speed.text or "mph" in speed.text


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("There were no casualties.", "casualties"),
        ("No one was injured in the fire.", "injured"),
        ("Nobody was hurt.", "injured"),
        ("no civilians had been killed", "killed"),
    ],
)
def test_none_hurt_is_zero(text: str, counts: str) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.counts) == (0, counts)


def test_lone_victims_count_as_one_but_attackers_do_not() -> None:
    assert only("A 17-year-old boy was shot and killed on Elm Street.").counts == "killed"
    # the man did it; his neighbour is the one killed
    killed = quantities("A man killed his neighbour with a rifle.")
    assert [(q.text, q.value, q.counts) for q in killed] == [("his neighbour", 1, "killed")]
    assert quantities("Two men shot a clerk during the robbery.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The 15-year-old was arrested.",
        "Police were called around 7 p.m. to the house.",
        "The man, 28, was taken into custody.",
        "One of the men fled.",
    ],
)
def test_ages_clock_times_and_parts_are_not_counts(text: str) -> None:
    assert quantities(text) == []


def test_spans_point_at_the_words_in_the_body() -> None:
    text = "Officials said 5 people were hurt."
    sentence = Sentence("a1", 3, Span(100, 100 + len(text)), text, 1)
    (quantity,) = sentence_quantities(sentence)
    assert text[quantity.span.start - 100 : quantity.span.end - 100] == quantity.text
    assert quantity.sentence == 3


def test_taken_to_hospital_is_shot_only_where_someone_fired() -> None:
    """Gun-violence news says "taken to hospital" of the shot; a capsized ferry's are hurt."""
    hospital = "Nine of them were taken to Varn County Hospital with hypothermia."
    ferry = ["A ferry overturned on Lake Tessel on Sunday.", hospital]
    shooting = ["Gunfire broke out outside a bar on Sunday.", hospital]

    def counted(texts: list[str]) -> list[tuple[float, str]]:
        sentences = [Sentence("a1", i, Span(0, len(t)), t, 0) for i, t in enumerate(texts)]
        return [(q.value, q.counts) for q in find_quantities(sentences)]

    assert counted(ferry) == [(9, "injured")]
    assert counted(shooting) == [(9, "shot")]


def test_nautical_miles_are_not_statute_miles() -> None:
    sea = only("the trawler sank some 12 nautical miles off the cape")
    assert (sea.unit, sea.counts, sea.value) == ("nmi", "distance", 12)
    assert sea.converted[0] == ("km", pytest.approx(22.2, abs=0.1))


def test_a_run_of_zeros_is_not_an_amount() -> None:
    """'20, 000 feet' in a text whose tokeniser spaced the comma: not '0 feet'."""
    assert all(q.value != 0 for q in quantities("the jet climbed to 20, 000 feet"))


def test_a_time_on_the_24_hour_clock_is_not_a_duration() -> None:
    assert quantities("the ship was boarded at 0600 hours local time") == []
    assert only("the siege lasted 1200 hours").unit == "hour"


def test_a_road_named_for_its_milepost_and_the_emergency_number_count_nothing() -> None:
    assert quantities("the crash happened on Nine Mile near Harlow Avenue") == []
    assert quantities("a 911 caller heard shots near the mill") == []
    assert only("the car was found seven miles away").unit == "mi"


@pytest.mark.parametrize(
    "text",
    [
        "two vehicles were hit by gunfire outside the depot",
        "three homes were struck by stray bullets",
    ],
)
def test_plurals_that_count_no_people_are_not_casualties(text: str) -> None:
    assert not [q for q in quantities(text) if q.unit == "people"]
