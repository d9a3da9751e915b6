"""HTML pages: main text and metadata through trafilatura, offline."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from crosscheck.errors import InputError


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What trafilatura found in a page: its main text and the metadata it could read."""

    text: str
    title: str | None
    published: str | None
    url: str | None
    sitename: str | None


def extract_page(origin: str, html: str, url: str | None = None) -> ExtractedPage:
    """Extract the main text and metadata of a page; InputError when no text is found."""
    # bare_extraction parses the string it is given; the url only labels the
    # result, so nothing is fetched. Comments are readers' text, not the story's.
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(origin, "HTML with no extractable text")
    return ExtractedPage(
        text=text,
        title=_field(document, "title"),
        published=_field(document, "date"),
        url=_field(document, "url") or url,
        sitename=_field(document, "sitename"),
    )


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return (value.strip() or None) if isinstance(value, str) else None
