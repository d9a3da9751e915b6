"""JSON Lines feeds and JSON files: one article per object, known fields only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from crosscheck.errors import InputError
from crosscheck.read.html import extract_page
from crosscheck.read.outlet import choose_outlet
from crosscheck.records import RawDocument, Rejected

# JSON escapes can carry what no text file can: NUL and other control characters
# (PostgreSQL text cannot hold NUL) and lone surrogates (not encodable as UTF-8).
# Neither is ever part of a story.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The only fields ever read; anything else in a record is ignored, never used.
KNOWN_FIELDS = ("id", "url", "title", "published", "outlet", "text", "html")


def read_json_lines(origin: str, text: str, outlet: str | None) -> Iterator[RawDocument | Rejected]:
    """Each non-blank line is one article; a bad line is set aside and the rest go on."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _outcome_of_line(f"{origin}:{number}", line, outlet)


def read_json_file(origin: str, text: str, outlet: str | None) -> Iterator[RawDocument | Rejected]:
    """A JSON file holding one article object, or an array of them."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejected(origin, f"unparsable JSON ({_describe(error)})")
        return
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items, start=1):
        item_origin = f"{origin}[{index}]" if isinstance(value, list) else origin
        yield _outcome_of_record(item_origin, item, outlet)


def all_lines_are_objects(text: str) -> bool:
    """True when every non-blank line parses as a JSON object (stdin sniffing)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(_is_object(line) for line in lines)


def document_from_record(origin: str, record: object, outlet: str | None) -> RawDocument:
    """Build a RawDocument from one decoded JSON record; InputError when it is unusable."""
    if not isinstance(record, dict):
        raise InputError(origin, f"not a JSON object (got {type(record).__name__})")
    fields = {name: _string_field(origin, record, name) for name in KNOWN_FIELDS}
    source_id = fields["id"] or origin
    text = fields["text"] if fields["text"] and fields["text"].strip() else None
    if text is None and fields["html"] and fields["html"].strip():
        return _from_html(origin, source_id, fields, outlet)
    if text is None and fields["title"] and fields["title"].strip():
        # A headline-only item (a feed entry, a one-sentence record): the headline
        # is all the story there is, and cleaning keeps it as the body.
        text = fields["title"]
    if text is None:
        raise InputError(
            origin, "no article text (fields 'text', 'html' and 'title' are missing or empty)"
        )
    return RawDocument(
        source_id=source_id,
        origin=origin,
        text=text,
        url=fields["url"],
        outlet=choose_outlet(outlet, fields["outlet"], fields["url"]),
        title=fields["title"],
        published=fields["published"],
    )


def _from_html(
    origin: str, source_id: str, fields: dict[str, str | None], outlet: str | None
) -> RawDocument:
    page = extract_page(origin, fields["html"] or "", fields["url"])
    url = fields["url"] or page.url
    return RawDocument(
        source_id=source_id,
        origin=origin,
        text=page.text,
        url=url,
        outlet=choose_outlet(outlet, fields["outlet"], url, page.sitename),
        title=fields["title"] or page.title,
        published=fields["published"] or page.published,
    )


def _outcome_of_line(origin: str, line: str, outlet: str | None) -> RawDocument | Rejected:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Rejected(origin, f"unparsable JSON ({_describe(error)})")
    return _outcome_of_record(origin, record, outlet)


def _outcome_of_record(origin: str, record: object, outlet: str | None) -> RawDocument | Rejected:
    try:
        return document_from_record(origin, record, outlet)
    except InputError as error:
        return Rejected(error.origin, error.problem)


def _string_field(origin: str, record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return storable(value)
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # numeric ids are common in exports and unambiguous
    raise InputError(origin, f"field {name!r} is not a string (got {type(value).__name__})")


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _describe(error: json.JSONDecodeError) -> str:
    return f"{error.msg} at column {error.colno}"


def storable(value: str) -> str:
    """`value` without control characters, lone surrogates replaced by "?"."""
    value = _CONTROL_RE.sub("", value)
    return value.encode("utf-8", "replace").decode("utf-8")
