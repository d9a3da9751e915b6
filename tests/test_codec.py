"""The codec round-trips every record in `crosscheck.records` through JSON text."""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck import records
from crosscheck.codec import from_json, to_json
from crosscheck.records import (
    Article,
    ArticleFacts,
    Bound,
    DatePrecision,
    Quantity,
    RemovedSpan,
    Span,
)

RECORD_CLASSES = [
    cls
    for _, cls in inspect.getmembers(records, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__
]

TIMEZONES = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5, minutes=-30))]
)


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """Values of any type a record field may have, built from the type hint."""
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return st.one_of(*(strategy_for(option) for option in get_args(hint)))
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=3).map(tuple)
        return st.tuples(*(strategy_for(arg) for arg in args))
    return _plain_strategy(hint)


def _plain_strategy(cls: type) -> st.SearchStrategy[Any]:
    if cls is Span:  # a span must not run backwards
        return st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(
            lambda start_length: Span(start_length[0], sum(start_length))
        )
    if dataclasses.is_dataclass(cls):
        return record_strategy(cls)
    if issubclass(cls, Enum):
        return st.sampled_from(list(cls))
    return {
        type(None): st.none(),
        str: st.text(max_size=20),
        int: st.integers(-(2**40), 2**40),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
        datetime: st.datetimes(timezones=TIMEZONES),
        date: st.dates(),
    }[cls]


def record_strategy(cls: type) -> st.SearchStrategy[Any]:
    hints = get_type_hints(cls)
    return st.builds(
        cls, **{field.name: strategy_for(hints[field.name]) for field in dataclasses.fields(cls)}
    )


def test_every_record_class_is_covered() -> None:
    assert {cls.__name__ for cls in RECORD_CLASSES} >= {"Article", "ArticleFacts", "Event"}


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_round_trip_through_json_text(cls: type, data: st.DataObject) -> None:
    record = data.draw(strategy_for(cls))
    as_text = json.dumps(to_json(record), allow_nan=False)
    assert from_json(cls, json.loads(as_text)) == record


def test_plain_values_are_what_other_tools_expect() -> None:
    article = Article(
        id="abc",
        source_id="fiction-1",
        title="Bridge closed",
        paragraphs=("One.", "Two."),
        published=datetime(2024, 3, 1, 8, 30, tzinfo=UTC),
        published_precision=DatePrecision.MINUTE,
        removed=(RemovedSpan("Subscribe now", "newsletter", 3),),
    )
    encoded = to_json(article)
    assert encoded["published"] == "2024-03-01T08:30:00+00:00"
    assert encoded["published_precision"] == "minute"
    assert encoded["paragraphs"] == ["One.", "Two."]
    assert encoded["removed"] == [{"text": "Subscribe now", "reason": "newsletter", "position": 3}]


def test_nested_pairs_come_back_as_tuples() -> None:
    quantity = Quantity(
        "a", 0, Span(0, 7), "5 miles", 5, 5, 5, Bound.EXACT, "mi", "distance",
        converted=(("km", 8.0),),
    )  # fmt: skip
    decoded = from_json(Quantity, json.loads(json.dumps(to_json(quantity))))
    assert decoded.converted == (("km", 8.0),)
    assert isinstance(decoded.value, float)


def test_missing_fields_take_their_defaults() -> None:
    assert from_json(ArticleFacts, {"article_id": "a"}) == ArticleFacts("a")


@pytest.mark.parametrize(
    "bad",
    [
        {"start": "1", "end": 2},
        {"start": True, "end": 2},
        {"start": 5, "end": 2},  # the record's own check still applies
    ],
)
def test_bad_values_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        from_json(Span, bad)


def test_unknown_enum_value_is_refused() -> None:
    encoded = to_json(ArticleFacts("a", event_date=date(2024, 1, 2)))
    assert encoded["event_date"] == "2024-01-02"
    with pytest.raises(ValueError):
        from_json(RemovedSpan, {"text": "x", "reason": "r", "position": "3"})
    with pytest.raises(ValueError):
        from_json(Article, {**to_json(Article("a", "s", "t", ())), "published_precision": "week"})


def test_to_json_refuses_non_records() -> None:
    with pytest.raises(TypeError):
        to_json({"id": "a"})
    with pytest.raises(TypeError):
        to_json(Span)
