"""Plain-text articles: an optional ` date YYYY-MM-DD` lead, an optional headline line."""

from __future__ import annotations

import re

from crosscheck.errors import InputError
from crosscheck.records import RawDocument

# The seed files open with " date 2022-03-30", and the story may go on on the same line.
_DATE_LEAD = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")
_SENTENCE_END = re.compile(r"[.!?;,:]$")
# A headline is one short line; beyond this it reads as a paragraph (the longest
# seed headline has 15 words; story lines in the seeds run 20 words and more).
HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 160


def read_plain_text(origin: str, source_id: str, text: str, outlet: str | None) -> RawDocument:
    """One plain-text article; the date lead and a headline first line become metadata."""
    published, text = _split_date_lead(text)
    title, text = _split_headline(text)
    if not text.strip():
        raise InputError(origin, "empty article (no text besides the date or headline)")
    return RawDocument(
        source_id=source_id,
        origin=origin,
        text=text,
        outlet=outlet,
        title=title,
        published=published,
    )


def looks_like_headline(line: str) -> bool:
    """Short, one line, and not ended like a sentence or a clause."""
    line = line.strip()
    words = line.split()
    return (
        0 < len(words) <= HEADLINE_MAX_WORDS
        and len(line) <= HEADLINE_MAX_CHARS
        and not _SENTENCE_END.search(line.rstrip("\"'”’"))
        and not line.endswith(("...", "…"))
    )


def _split_date_lead(text: str) -> tuple[str | None, str]:
    match = _DATE_LEAD.match(text)
    if not match:
        return None, text
    return match["date"], text[match.end() :]


def _split_headline(text: str) -> tuple[str | None, str]:
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    wraps = rest[:1].islower()  # "The mayor said the road\nwould reopen": one sentence
    if not rest.strip() or wraps or not looks_like_headline(first):
        return None, text
    return first.strip(), rest.lstrip("\n")
