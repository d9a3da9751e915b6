"""Bytes to text, or a one-line reason why the bytes are not an article we can read."""

from __future__ import annotations

from crosscheck.errors import InputError

_BOM = b"\xef\xbb\xbf"


def decode_text(origin: str, data: bytes) -> str:
    """Decode UTF-8 text; raise InputError naming binary, non-UTF-8 or empty input."""
    if not data.strip():
        raise InputError(origin, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(origin, f"binary file, not text (NUL byte at offset {nul})")
    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data.removeprefix(_BOM)[error.start]
        offset = error.start + (len(_BOM) if data.startswith(_BOM) else 0)
        raise InputError(origin, f"not UTF-8 text (byte 0x{byte:02x} at offset {offset})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
