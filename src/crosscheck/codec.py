"""Records to and from plain JSON values, in one place.

`to_json` turns any record of `crosscheck.records` into dicts, lists, strings,
numbers, booleans and None (dates and times as ISO 8601 strings, enums as their
values, tuples as lists); `from_json` rebuilds the record from its class's type
hints. Both are generic over frozen dataclasses, so a new field or a new record
needs no change here. A field missing from the data takes its default, which
lets records gain defaulted fields without rewriting what the store already holds.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

R = TypeVar("R")

JsonValue = Any  # dict | list | str | int | float | bool | None, nested


def to_json(record: object) -> dict[str, JsonValue]:
    """The record as a dict of plain JSON values, keyed by field name."""
    if not is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"to_json expects a dataclass instance, not {type(record).__name__}")
    return {field.name: _encode(getattr(record, field.name)) for field in fields(record)}


def from_json(cls: type[R], data: Mapping[str, JsonValue]) -> R:
    """Rebuild a `cls` record from what `to_json` made of it."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    kwargs = {
        name: _decode(hint, data[name], f"{cls.__name__}.{name}")
        for name, hint in _field_types(cls).items()
        if name in data
    }
    return cls(**kwargs)


def _encode(value: object) -> JsonValue:
    if is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _field_types(cls: type) -> dict[str, Any]:
    """Init fields and their resolved hints, looked up once per class."""
    if cls not in _FIELD_TYPES:
        if not is_dataclass(cls):
            raise TypeError(f"from_json expects a dataclass type, not {cls!r}")
        hints = get_type_hints(cls)
        _FIELD_TYPES[cls] = {field.name: hints[field.name] for field in fields(cls) if field.init}
    return _FIELD_TYPES[cls]


def _decode(hint: Any, value: JsonValue, where: str) -> Any:
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return _decode_union(get_args(hint), value, where)
    if origin is tuple:
        return _decode_tuple(get_args(hint), value, where)
    if origin is list:
        return [_decode(get_args(hint)[0], item, where) for item in _as_list(value, where)]
    if isinstance(hint, type):
        return _decode_plain(hint, value, where)
    raise TypeError(f"{where}: no JSON decoding for type {hint!r}")


def _decode_union(options: tuple[Any, ...], value: JsonValue, where: str) -> Any:
    if value is None and type(None) in options:
        return None
    problems = []
    for option in (option for option in options if option is not type(None)):
        try:
            return _decode(option, value, where)
        except (TypeError, ValueError) as problem:
            problems.append(str(problem))
    raise ValueError("; ".join(problems) or f"{where}: {value!r} does not fit")


def _decode_tuple(args: tuple[Any, ...], value: JsonValue, where: str) -> tuple[Any, ...]:
    items = _as_list(value, where)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item, where) for item in items)
    if len(args) != len(items):
        raise ValueError(f"{where}: expected {len(args)} items, got {len(items)}")
    return tuple(_decode(arg, item, where) for arg, item in zip(args, items, strict=True))


def _as_list(value: JsonValue, where: str) -> list[JsonValue]:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{where}: expected a list, got {value!r}")
    return list(value)


def _decode_plain(cls: type, value: JsonValue, where: str) -> Any:
    if is_dataclass(cls):
        return from_json(cls, value)
    if issubclass(cls, Enum):
        return cls(value)
    decoder = _SCALAR_DECODERS.get(cls)
    if decoder is None:
        raise TypeError(f"{where}: no JSON decoding for type {cls.__name__}")
    return decoder(value, where)


def _decode_datetime(value: JsonValue, where: str) -> datetime:
    return datetime.fromisoformat(_expect(str, value, where))


def _decode_date(value: JsonValue, where: str) -> date:
    return date.fromisoformat(_expect(str, value, where))


def _decode_float(value: JsonValue, where: str) -> float:
    # JSON writes 3.0 as 3 in some producers; both mean the same number.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where}: expected a number, got {value!r}")
    return float(value)


def _decode_int(value: JsonValue, where: str) -> int:
    return _expect(int, value, where)


def _decode_str(value: JsonValue, where: str) -> str:
    return _expect(str, value, where)


def _decode_bool(value: JsonValue, where: str) -> bool:
    return _expect(bool, value, where)


def _expect(cls: type[R], value: JsonValue, where: str) -> R:
    # bool is an int in Python, but a JSON true is never meant as the number 1.
    if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
        raise ValueError(f"{where}: expected {cls.__name__}, got {value!r}")
    return value


_SCALAR_DECODERS: dict[type, Callable[[JsonValue, str], Any]] = {
    datetime: _decode_datetime,
    date: _decode_date,
    float: _decode_float,
    int: _decode_int,
    str: _decode_str,
    bool: _decode_bool,
}
