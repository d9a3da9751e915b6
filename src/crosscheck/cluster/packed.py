"""Numeric arrays of a stored profile, packed into one base64 text field.

Profiles are read by the dozen for every new article (cluster/state.py); parsing
their hashed terms and vectors as JSON numbers cost most of a read once the store
outgrows the caches. Packed little-endian arrays decode with one base64 pass and
a `numpy.frombuffer` view per array, and keep every value bit for bit (the float
values are the same doubles JSON gave back), so clustering decisions do not change.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

# The format marker that leads a packed profile's JSON list; the first encoding
# was a JSON object, so stores written before it still read (`isinstance(raw, dict)`).
PACKED_FORMAT = 2

Layout = Sequence[tuple[str, int]]  # (numpy dtype, element count) per array, in order


def pack(arrays: Sequence[npt.ArrayLike], dtypes: Sequence[str]) -> str:
    """The arrays, each cast to its dtype, as one base64 string."""
    pairs = zip(arrays, dtypes, strict=True)
    raw = b"".join(np.asarray(array, dtype=dtype).tobytes() for array, dtype in pairs)
    return base64.b64encode(raw).decode("ascii")


def unpack(text: str, layout: Layout) -> list[npt.NDArray[np.generic]]:
    """The arrays `pack` wrote under this layout (read-only views of one buffer)."""
    raw = base64.b64decode(text)
    arrays: list[npt.NDArray[np.generic]] = []
    offset = 0
    for dtype, count in layout:
        array = np.frombuffer(raw, dtype=dtype, count=count, offset=offset)
        arrays.append(array)
        offset += array.nbytes
    if offset != len(raw):
        raise ValueError(f"packed arrays hold {len(raw)} bytes, the layout {offset}")
    return arrays
