"""The read stage: files, folders, JSON Lines feeds, HTML pages and stdin to RawDocuments.

    run(["seeds/", "feed.jsonl", "-"], outlet=None) -> RawDocument | Rejected, ...

Reading never fetches anything and never raises for one bad item: a file that is
binary, not UTF-8, empty or unparsable comes out as a `Rejected` naming it, and
the run goes on with the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from crosscheck.errors import InputError
from crosscheck.read.dates import parse_published
from crosscheck.read.decode import decode_text
from crosscheck.read.files import SUPPORTED_SUFFIXES, files_under, read_bytes
from crosscheck.read.html import extract_page
from crosscheck.read.jsonrecords import all_lines_are_objects, read_json_file, read_json_lines
from crosscheck.read.outlet import choose_outlet, outlet_from_url
from crosscheck.read.plaintext import read_plain_text
from crosscheck.records import RawDocument, Rejected

__all__ = [
    "SUPPORTED_SUFFIXES",
    "outlet_from_url",
    "parse_published",
    "read_file",
    "read_stdin",
    "run",
]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
STDIN_SOURCE_ID = "stdin"

Outcome = RawDocument | Rejected


def run(
    paths: Sequence[str], outlet: str | None = None, stdin: TextIO | None = None
) -> Iterator[Outcome]:
    """Read every article under the given paths ("-" is stdin), in a stable order."""
    for given in paths:
        if given == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin, outlet)
        elif Path(given).is_dir():
            yield from _read_folder(Path(given), outlet)
        else:
            yield from read_file(Path(given), outlet)


def read_file(path: Path, outlet: str | None = None) -> Iterator[Outcome]:
    """Read one file by its extension: .txt, .jsonl, .json, .html or .htm."""
    origin = str(path)
    try:
        text = decode_text(origin, read_bytes(path))
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from read_json_lines(origin, text, outlet)
        elif suffix == ".json":
            yield from read_json_file(origin, text, outlet)
        elif suffix in (".html", ".htm"):
            yield _read_html(origin, path.stem, text, outlet)
        else:
            yield read_plain_text(origin, path.stem, text, outlet)
    except InputError as error:
        yield Rejected(error.origin, error.problem)


def read_stdin(stream: TextIO, outlet: str | None = None) -> Iterator[Outcome]:
    """JSON Lines when every non-blank line is a JSON object, else one plain-text article."""
    try:
        text = stream.read()
    except (UnicodeDecodeError, OSError) as error:
        yield Rejected(STDIN_ORIGIN, f"unreadable input ({error})")
        return
    if not text.strip():
        yield Rejected(STDIN_ORIGIN, "empty input")
    elif "\x00" in text:
        yield Rejected(STDIN_ORIGIN, f"binary input, not text (NUL at offset {text.index(chr(0))})")
    elif all_lines_are_objects(text):
        yield from read_json_lines(STDIN_ORIGIN, text, outlet)
    else:
        try:
            yield read_plain_text(STDIN_ORIGIN, STDIN_SOURCE_ID, text, outlet)
        except InputError as error:
            yield Rejected(error.origin, error.problem)


def _read_folder(root: Path, outlet: str | None) -> Iterator[Outcome]:
    for found in files_under(root):
        if isinstance(found, Rejected):
            yield found
        else:
            yield from read_file(found, outlet)


def _read_html(origin: str, source_id: str, html: str, outlet: str | None) -> RawDocument:
    page = extract_page(origin, html)
    return RawDocument(
        source_id=source_id,
        origin=origin,
        text=page.text,
        url=page.url,
        outlet=choose_outlet(outlet, None, page.url, page.sitename),
        title=page.title,
        published=page.published,
    )
