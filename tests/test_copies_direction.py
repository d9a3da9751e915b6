"""Direction of copies (date, containment) and independent reports."""

from __future__ import annotations

from datetime import datetime

from crosscheck.copies.direction import independent_reports, orient
from crosscheck.records import Article, CopyKind, CopyLink, DatePrecision


def article(
    article_id: str, published: datetime | None = None, precision: DatePrecision = DatePrecision.DAY
) -> Article:
    return Article(
        id=article_id,
        source_id=f"src-{article_id}",
        title="",
        paragraphs=("Text.",),
        published=published,
        published_precision=precision if published else DatePrecision.UNKNOWN,
    )


def link(source: str, target: str, kind: CopyKind = CopyKind.NEAR) -> CopyLink:
    return CopyLink(source, target, kind, 0.9, directed=False)


def test_earlier_day_is_the_source() -> None:
    later, earlier = article("a", datetime(2024, 3, 2)), article("b", datetime(2024, 3, 1))
    way = orient(later, earlier, 0.5, 0.5)
    assert (way.source, way.target, way.directed) == ("b", "a", True)
    assert "earlier publication" in way.evidence[0]


def test_same_day_at_day_precision_is_not_ordered_by_the_hour() -> None:
    first = article("a", datetime(2024, 3, 1, 9), DatePrecision.MINUTE)
    second = article("b", datetime(2024, 3, 1, 17), DatePrecision.DAY)
    way = orient(second, first, 0.5, 0.5)
    assert not way.directed
    assert (way.source, way.target) == ("a", "b")  # undirected pairs are ordered by id


def test_minute_precision_orders_within_a_day() -> None:
    first = article("z", datetime(2024, 3, 1, 9, 5), DatePrecision.MINUTE)
    second = article("a", datetime(2024, 3, 1, 9, 40), DatePrecision.MINUTE)
    assert orient(second, first, 0.5, 0.5).source == "z"


def test_the_side_with_extra_material_is_the_original() -> None:
    copy, original = article("a"), article("b")
    way = orient(copy, original, 0.95, 0.3)
    assert (way.source, way.target, way.directed) == ("b", "a", True)
    assert "containment" in way.evidence[0]


def test_date_and_containment_disagreeing_leaves_it_undirected() -> None:
    early_copy, late_original = (
        article("a", datetime(2024, 3, 1)),
        article("b", datetime(2024, 3, 5)),
    )
    way = orient(early_copy, late_original, 0.95, 0.3)
    assert not way.directed
    assert "disagree" in way.evidence[-1]


def test_independent_reports_collapse_copy_families_in_input_order() -> None:
    ids = ["d", "a", "c", "b", "e"]
    links = [link("a", "b"), link("b", "c"), link("d", "e", CopyKind.QUOTE_REUSE), link("x", "a")]
    assert independent_reports(ids, links) == [["d"], ["a", "c", "b"], ["e"]]


def test_independent_reports_ignore_link_order() -> None:
    ids = ["p", "q", "r", "s"]
    links = [link("p", "s"), link("q", "r"), link("s", "q")]
    assert independent_reports(ids, links) == independent_reports(ids, list(reversed(links)))
    assert independent_reports(ids, links) == [["p", "q", "r", "s"]]
