"""Numeric arrays of a stored profile, packed beside a small JSON head.

Profiles are read by the dozen for every new article (cluster/state.py); parsing
their hashed terms and vectors as JSON numbers cost most of a read once the store
outgrows the caches. Packed little-endian arrays decode with a `numpy.frombuffer`
view per array and keep every value bit for bit (the float values are the same
doubles JSON gave back), so clustering decisions do not change.

Two encodings exist. A *record* (`pack_record`) is bytes: a marker byte, the
head's length, the JSON head, then the raw arrays; it lives in a binary column
(store table `cluster_state`). The older text form (`pack`) put the arrays in one
base64 field of a JSON list in the text state table: at 100k stored articles
base64 and JSON decoding were the main cost of a profile read (bench/cluster.py).
The text form is still read, to migrate stores written with it.
"""

from __future__ import annotations

import base64
import json
import struct
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

# The format marker that leads a packed profile's JSON list; the first encoding
# was a JSON object, so stores written before it still read (`isinstance(raw, dict)`).
PACKED_FORMAT = 2
# The first byte of a binary record: never "[" or "{", which open the JSON forms.
RECORD_FORMAT = 3
_RECORD_HEAD = struct.Struct("<BI")  # marker, byte length of the JSON head

Value = TypeVar("Value", int, float)
Layout = Sequence[tuple[str, int]]  # (numpy dtype, element count) per array, in order
Arrays = list[npt.NDArray[np.generic]]


def pack(arrays: Sequence[npt.ArrayLike], dtypes: Sequence[str]) -> str:
    """The arrays, each cast to its dtype, as one base64 string."""
    return base64.b64encode(_raw(arrays, dtypes)).decode("ascii")


def unpack(text: str, layout: Layout) -> Arrays:
    """The arrays `pack` wrote under this layout (read-only views of one buffer)."""
    return arrays_at(base64.b64decode(text), 0, layout)


def pack_record(head: Any, arrays: Sequence[npt.ArrayLike], dtypes: Sequence[str]) -> bytes:
    """A JSON-able head and the arrays, each cast to its dtype, as one binary record."""
    text = json.dumps(head, separators=(",", ":")).encode()
    return b"".join((_RECORD_HEAD.pack(RECORD_FORMAT, len(text)), text, _raw(arrays, dtypes)))


def unpack_record(data: bytes) -> tuple[Any, int]:
    """A record's head, and the offset where its arrays start (read them with `arrays_at`)."""
    marker, length = _RECORD_HEAD.unpack_from(data)
    if marker != RECORD_FORMAT:
        raise ValueError(f"not a packed record: it starts with byte {marker}")
    start = _RECORD_HEAD.size
    return json.loads(data[start : start + length]), start + length


def arrays_at(raw: bytes, offset: int, layout: Layout) -> Arrays:
    """The arrays laid out from `offset` to the end of `raw` (read-only views)."""
    arrays: Arrays = []
    for dtype, count in layout:
        array = np.frombuffer(raw, dtype=dtype, count=count, offset=offset)
        arrays.append(array)
        offset += array.nbytes
    if offset != len(raw):
        raise ValueError(f"packed arrays end at byte {len(raw)}, the layout at {offset}")
    return arrays


def _raw(arrays: Sequence[npt.ArrayLike], dtypes: Sequence[str]) -> bytes:
    pairs = zip(arrays, dtypes, strict=True)
    return b"".join(np.asarray(array, dtype=dtype).tobytes() for array, dtype in pairs)


class PackedTerms(Mapping[int, Value]):
    """A stored record's hashed terms, read-only: packed arrays until looked into.

    At 100k stored articles a new article meets ~40 member profiles and ~14
    events that are not cached (bench/cluster.py), and the features only weigh
    their terms, from arrays (`cluster.rows`); building each one's dict of a few
    hundred terms was half of decoding it. The dict is built on first lookup,
    in the stored (sorted) key order, with the same values the arrays hold.
    """

    __slots__ = ("_built", "key_array", "value_array")

    def __init__(self, keys: npt.NDArray[Any], values: npt.NDArray[Any]) -> None:
        if len(keys) != len(values):
            raise ValueError(f"{len(keys)} term keys but {len(values)} values")
        self.key_array = keys
        self.value_array = values
        self._built: dict[int, Value] | None = None

    def _terms(self) -> dict[int, Value]:
        if self._built is None:
            pairs = zip(self.key_array.tolist(), self.value_array.tolist(), strict=True)
            self._built = dict(pairs)
        return self._built

    def __getitem__(self, key: int) -> Value:
        return self._terms()[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._terms())

    def __len__(self) -> int:
        return len(self.key_array)

    def __contains__(self, key: object) -> bool:
        return key in self._terms()

    def keys(self) -> KeysView[int]:
        return self._terms().keys()

    def items(self) -> ItemsView[int, Value]:
        return self._terms().items()

    def values(self) -> ValuesView[Value]:
        return self._terms().values()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._terms() == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"PackedTerms({self._terms()!r})"
