"""The clean stage: RawDocuments to Articles with story paragraphs, title and date.

    run(raws) -> Article | Rejected, ...
    clean_document(raw) -> Article            (raises InputError)
    split_sentences(article) -> [Sentence]    (spans index article.body)

Cleaning normalises typography, splits the text into paragraphs and sets aside
everything that is not the story (newsletter and donation blocks, contact
lines, "Read more" lines and teaser lists, share prompts, captions, bylines,
stamps, sub-headings), keeping each removed span with its reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from crosscheck.clean.layout import Layout, Line, join_paragraphs, sort_lines, split_lines
from crosscheck.clean.normalise import fingerprint_text, normalise_text
from crosscheck.clean.rules import classify_line
from crosscheck.clean.sentences import sentence_spans, split_sentences
from crosscheck.clean.titles import derive_title, tidy_title
from crosscheck.errors import InputError, SettingsError
from crosscheck.read.dates import parse_published
from crosscheck.read.html import extract_page
from crosscheck.records import (
    PARAGRAPH_SEPARATOR,
    TITLE_POSITION,
    Article,
    DatePrecision,
    RawDocument,
    Rejected,
    RemovedSpan,
)

__all__ = [
    "CleanSettings",
    "article_id",
    "clean_document",
    "normalise_text",
    "run",
    "sentence_spans",
    "split_sentences",
]


@dataclass(frozen=True, slots=True)
class CleanSettings:
    """How cleaning behaves; validated on construction."""

    # Bodies shorter than this after cleaning are rejected; 1 rejects only empty
    # ones, because a two-line wire flash is still a report of an event.
    min_body_chars: int = 1
    # Derived titles are cut near here: long enough for a full headline (GVA
    # headlines average about 60 characters), short enough for a table column.
    max_title_chars: int = 80

    def __post_init__(self) -> None:
        if not isinstance(self.min_body_chars, int) or self.min_body_chars < 1:
            raise SettingsError("min_body_chars", self.min_body_chars, "an integer >= 1")
        if not isinstance(self.max_title_chars, int) or self.max_title_chars < 20:
            raise SettingsError("max_title_chars", self.max_title_chars, "an integer >= 20")


DEFAULT_SETTINGS = CleanSettings()


def run(
    raws: Iterable[RawDocument], settings: CleanSettings = DEFAULT_SETTINGS
) -> Iterator[Article | Rejected]:
    """Clean each document; one that has no story left is a Rejected, and the run goes on."""
    for raw in raws:
        try:
            yield clean_document(raw, settings)
        except InputError as error:
            yield Rejected(error.origin, error.problem)


def clean_document(raw: RawDocument, settings: CleanSettings = DEFAULT_SETTINGS) -> Article:
    """Clean one document into an Article; InputError when no story text is left."""
    text, title, published_text = _content_of(raw)
    given_title = tidy_title(normalise_text(title), raw.outlet) if title else None
    title_stamp = None
    if given_title is not None and classify_line(given_title) == "timestamp":
        # Scrapers often hand over the page's dateline as its title ("Tuesday,
        # March 14, 2023"): it names no story, so the text's own headline line
        # is looked for instead, and the stamp may still date the article.
        title_stamp, given_title = given_title, None
    layout = _headline_only(sort_lines(split_lines(normalise_text(text)), given_title))
    if title_stamp is not None:
        layout.removed.insert(0, RemovedSpan(title_stamp, "timestamp", TITLE_POSITION))
    paragraphs = tuple(join_paragraphs(layout.kept))
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    if not body.strip():
        raise InputError(raw.origin, "no story text left after cleaning")
    if len(body) < settings.min_body_chars:
        raise InputError(
            raw.origin,
            f"too little story text after cleaning ({len(body)} characters; "
            f"minimum {settings.min_body_chars})",
        )
    published, precision = parse_published(published_text)
    if published is None:
        published, precision = _stamped_date(layout)
    return Article(
        id=article_id(body),
        source_id=raw.source_id,
        title=given_title or layout.headline or derive_title(paragraphs, settings.max_title_chars),
        paragraphs=paragraphs,
        published=published,
        published_precision=precision,
        url=raw.url,
        outlet=raw.outlet,
        removed=tuple(layout.removed),
    )


def _headline_only(layout: Layout) -> Layout:
    """A text that is only its headline (a feed item, a one-sentence record) keeps it as its story.

    The headline line is normally set aside as the repeated title; when nothing
    else was there, it is all the report says, and a report of one line is still
    one. A page whose other lines were all boilerplate is not rescued this way.
    """
    if layout.kept or not layout.removed or any(s.reason != "title" for s in layout.removed):
        return layout
    return Layout(kept=[Line(span.text, span.position, 0) for span in layout.removed])


def _stamped_date(layout: Layout) -> tuple[datetime | None, DatePrecision]:
    """The date of the stamps above the story ("Posted 3/16/2021 7:05 AM"), earliest first.

    Only for a record that gives no publication date: a stamp at the head of a
    page (or handed over as its title) is when the page was posted or updated,
    and the earliest of them is the closest to publication. Date lines further
    down may belong to the story (a timeline), so they are not read.
    """
    story_start = min((line.position for line in layout.kept), default=0)
    found = [
        parse_published(span.text)
        for span in layout.removed
        if span.reason == "timestamp" and span.position <= story_start
    ]
    dated = [(value, precision) for value, precision in found if value is not None]
    if not dated:
        return None, DatePrecision.UNKNOWN
    # Aware and naive stamps compare by their wall-clock reading.
    return min(dated, key=lambda item: item[0].replace(tzinfo=None))


def article_id(body: str) -> str:
    """The content hash of a body: the same story ingested twice has one id."""
    return hashlib.sha256(fingerprint_text(body).encode("utf-8")).hexdigest()


def _content_of(raw: RawDocument) -> tuple[str, str | None, str | None]:
    """The text to clean, with title and date; HTML is extracted here if a reader left it."""
    if raw.text is not None and raw.text.strip():
        return raw.text, raw.title, raw.published
    if raw.html is not None and raw.html.strip():
        page = extract_page(raw.origin, raw.html, raw.url)
        return page.text, raw.title or page.title, raw.published or page.published
    raise InputError(raw.origin, "empty article (no text)")
