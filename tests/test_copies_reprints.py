"""Which records of an already stored text are kept as other outlets' reprints."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from crosscheck.copies.reprints import as_reprint, new_reprints, outlet_key
from crosscheck.records import Article

STORY = Article(
    id="h1",
    source_id="nw-1",
    title="Ferry aground off Kessel Point",
    paragraphs=("The ferry ran aground.",),
    published=datetime(2024, 5, 7, 9, tzinfo=UTC),
    outlet="Northwire",
)


def record(source_id: str, outlet: str | None, article_id: str = "h1") -> Article:
    """Another record of the same text, as the cleaner gives it (same id, own metadata)."""
    return dataclasses.replace(
        STORY, id=article_id, source_id=source_id, outlet=outlet, title=f"{source_id} headline"
    )


def kept(*records: Article, known: tuple = ()) -> list[tuple[str, str]]:
    found = new_reprints(records, {STORY.id: STORY}, known)
    return [(reprint.source_id, reprint.outlet) for reprint in found]


def test_another_outlet_is_kept_with_its_own_headline_and_date() -> None:
    dalepost = dataclasses.replace(
        record("dp-7", " Dalepost "), published=datetime(2024, 5, 7, 11, tzinfo=UTC)
    )
    (reprint,) = new_reprints([dalepost], {STORY.id: STORY}, ())
    assert (reprint.article_id, reprint.source_id, reprint.outlet) == ("h1", "dp-7", "Dalepost")
    assert reprint.title == "dp-7 headline" and reprint.published == dalepost.published


def test_the_stored_articles_own_outlet_adds_nobody() -> None:
    # Re-reading the same file, or the outlet's archive copy of its own story.
    assert kept(record("nw-1", "Northwire"), record("nw-1-archive", "  NORTHWIRE ")) == []


def test_each_outlet_is_kept_once_first_record_first() -> None:
    records = [
        record("dp-7", "Dalepost"),
        record("dp-8", "dalepost"),
        record("ft-3", "Ferry Times"),
    ]
    assert kept(*records) == [("dp-7", "Dalepost"), ("ft-3", "Ferry Times")]


def test_an_outlet_already_kept_is_not_kept_again() -> None:
    earlier = as_reprint(record("dp-7", "Dalepost"))
    assert earlier is not None
    assert kept(record("dp-9", "DALEPOST"), known=(earlier,)) == []


def test_records_without_an_outlet_or_a_stored_text_are_not_kept() -> None:
    assert as_reprint(record("anon", None)) is None
    assert as_reprint(record("blank", "  ")) is None
    assert kept(record("anon", None), record("elsewhere", "Dalepost", article_id="h2")) == []


def test_outlet_names_compare_without_case_and_spacing() -> None:
    assert outlet_key("Ferry  Times ") == outlet_key("ferry times")
    assert outlet_key("Ferry Times") != outlet_key("Ferrytimes")
