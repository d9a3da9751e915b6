"""Records to and from plain JSON values, in one place.

`to_json` turns any record of `crosscheck.records` into dicts, lists, strings,
numbers, booleans and None (dates and times as ISO 8601 strings, enums as their
values, tuples as lists); `from_json` rebuilds the record from its class's type
hints. Both are generic over frozen dataclasses, so a new field or a new record
needs no change here. A field missing from the data takes its default, which
lets records gain defaulted fields without rewriting what the store already holds.

Each class and type hint is looked at once: the first encode of a type, or the
first decode into a class, builds a small function for it that later calls
reuse (a 1k-article ingest encodes and decodes about a million values, and
walking the type hints every time was most of the codec's cost).
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
Encoder = Callable[[Any], JsonValue]
Decoder = Callable[[JsonValue, str], Any]  # (value, where) -> decoded value


def to_json(record: object) -> dict[str, JsonValue]:
    """The record as a dict of plain JSON values, keyed by field name."""
    if not is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"to_json expects a dataclass instance, not {type(record).__name__}")
    encoded: dict[str, JsonValue] = _encoder(type(record))(record)
    return encoded


def from_json(cls: type[R], data: Mapping[str, JsonValue]) -> R:
    """Rebuild a `cls` record from what `to_json` made of it."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    decode = _RECORD_DECODERS.get(cls) or _new_record_decoder(cls)
    record: R = decode(data)
    return record


# ----------------------------------------------------------------- encoding
_ENCODERS: dict[type, Encoder] = {}


def _encode(value: object) -> JsonValue:
    return _encoder(type(value))(value)


def _encoder(kind: type) -> Encoder:
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _new_encoder(kind)
    return encoder


def _new_encoder(kind: type) -> Encoder:
    """How values of exactly `kind` are encoded (the checks run in this order once per type)."""
    if is_dataclass(kind):
        return _record_encoder(kind)
    if issubclass(kind, Enum):
        return _enum_value
    if issubclass(kind, date):  # datetime is a date too
        return _isoformat
    if issubclass(kind, tuple | list):
        return _encode_items
    if kind is type(None) or issubclass(kind, str | int | float | bool):
        return _unchanged
    return _refuse_encoding(kind)


def _record_encoder(kind: type) -> Encoder:
    names = tuple(field.name for field in fields(kind))
    encoders = _ENCODERS

    def encode(record: object) -> dict[str, JsonValue]:
        encoded = {}
        for name in names:
            value = getattr(record, name)
            encoder = encoders.get(type(value)) or _encoder(type(value))
            encoded[name] = encoder(value)
        return encoded

    return encode


def _enum_value(value: Enum) -> JsonValue:
    return value.value


def _isoformat(value: date) -> str:
    return value.isoformat()


def _encode_items(value: tuple[object, ...] | list[object]) -> list[JsonValue]:
    return [_encode(item) for item in value]


def _unchanged(value: JsonValue) -> JsonValue:
    return value


def _refuse_encoding(kind: type) -> Encoder:
    def refuse(value: object) -> JsonValue:
        raise TypeError(f"cannot encode {kind.__name__} as JSON")

    return refuse


# ----------------------------------------------------------------- decoding
_RECORD_DECODERS: dict[type, Callable[[Mapping[str, JsonValue]], Any]] = {}
_HINT_DECODERS: dict[Any, Decoder] = {}


def _new_record_decoder(cls: type) -> Callable[[Mapping[str, JsonValue]], Any]:
    """Init fields with their decoders and where-labels, resolved once per class."""
    if not is_dataclass(cls):
        raise TypeError(f"from_json expects a dataclass type, not {cls!r}")
    hints = get_type_hints(cls)
    plan = tuple(
        (field.name, _decoder(hints[field.name]), f"{cls.__name__}.{field.name}")
        for field in fields(cls)
        if field.init
    )

    def decode(data: Mapping[str, JsonValue]) -> Any:
        kwargs = {name: decoder(data[name], where) for name, decoder, where in plan if name in data}
        return cls(**kwargs)

    _RECORD_DECODERS[cls] = decode
    return decode


def _decoder(hint: Any) -> Decoder:
    decoder = _HINT_DECODERS.get(hint)
    if decoder is None:
        decoder = _HINT_DECODERS[hint] = _new_decoder(hint)
    return decoder


def _new_decoder(hint: Any) -> Decoder:
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return _union_decoder(get_args(hint))
    if origin is tuple:
        return _tuple_decoder(get_args(hint))
    if origin is list:
        return _list_decoder(get_args(hint)[0])
    if isinstance(hint, type):
        return _plain_decoder(hint)
    return _refuse_decoding(f"no JSON decoding for type {hint!r}")


def _union_decoder(options: tuple[Any, ...]) -> Decoder:
    nullable = type(None) in options
    decoders = [_decoder(option) for option in options if option is not type(None)]

    def decode(value: JsonValue, where: str) -> Any:
        if value is None and nullable:
            return None
        problems = []
        for decoder in decoders:
            try:
                return decoder(value, where)
            except (TypeError, ValueError) as problem:
                problems.append(str(problem))
        raise ValueError("; ".join(problems) or f"{where}: {value!r} does not fit")

    return decode


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])

        def decode_variadic(value: JsonValue, where: str) -> tuple[Any, ...]:
            return tuple([item(entry, where) for entry in _as_list(value, where)])

        return decode_variadic
    decoders = [_decoder(arg) for arg in args]

    def decode_fixed(value: JsonValue, where: str) -> tuple[Any, ...]:
        items = _as_list(value, where)
        if len(decoders) != len(items):
            raise ValueError(f"{where}: expected {len(decoders)} items, got {len(items)}")
        return tuple(decoder(entry, where) for decoder, entry in zip(decoders, items, strict=True))

    return decode_fixed


def _list_decoder(arg: Any) -> Decoder:
    item = _decoder(arg)

    def decode(value: JsonValue, where: str) -> list[Any]:
        return [item(entry, where) for entry in _as_list(value, where)]

    return decode


def _as_list(value: JsonValue, where: str) -> list[JsonValue] | tuple[JsonValue, ...]:
    if not isinstance(value, list | tuple):
        raise ValueError(f"{where}: expected a list, got {value!r}")
    return value


def _plain_decoder(cls: type) -> Decoder:
    if is_dataclass(cls):
        return lambda value, where: from_json(cls, value)
    if issubclass(cls, Enum):
        return lambda value, where: cls(value)
    decoder = _SCALAR_DECODERS.get(cls)
    if decoder is None:
        return _refuse_decoding(f"no JSON decoding for type {cls.__name__}")
    return decoder


def _refuse_decoding(problem: str) -> Decoder:
    def refuse(value: JsonValue, where: str) -> Any:
        raise TypeError(f"{where}: {problem}")

    return refuse


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
    # The common case first: nearly every decoded value is a string.
    if type(value) is str:
        return value
    return _expect(str, value, where)


def _decode_bool(value: JsonValue, where: str) -> bool:
    return _expect(bool, value, where)


def _expect(cls: type[R], value: JsonValue, where: str) -> R:
    # bool is an int in Python, but a JSON true is never meant as the number 1.
    if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
        raise ValueError(f"{where}: expected {cls.__name__}, got {value!r}")
    return value


_SCALAR_DECODERS: dict[type, Decoder] = {
    datetime: _decode_datetime,
    date: _decode_date,
    float: _decode_float,
    int: _decode_int,
    str: _decode_str,
    bool: _decode_bool,
}
