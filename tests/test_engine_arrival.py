"""The engine hands clustering its articles in publication order, a window at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crosscheck.engine.arrival import in_publication_order
from crosscheck.engine.local import PipelineSettings
from crosscheck.errors import SettingsError
from crosscheck.records import Article, Rejected


def _article(name: str, published: datetime | None) -> Article:
    return Article(
        id=f"id-{name}",
        source_id=name,
        title=f"Harbour crane collapses in Velmora ({name})",
        paragraphs=("A crane fell onto the quay.",),
        published=published,
    )


def _names(items: Iterator[Article | Rejected]) -> list[str]:
    return [item.source_id if isinstance(item, Article) else item.origin for item in items]


def test_articles_come_by_publication_date_undated_last_ties_in_arrival_order() -> None:
    may = datetime(2024, 5, 2, 9, tzinfo=UTC)
    items: list[Article | Rejected] = [
        _article("undated-first", None),
        _article("late", may + timedelta(days=3)),
        _article("tie-a", may),
        Rejected("feed.jsonl:4", "not JSON"),
        _article("early", may - timedelta(days=1)),
        _article("tie-b", may),
        _article("undated-second", None),
    ]
    ordered = _names(in_publication_order(items, window=100))
    assert ordered == [
        "feed.jsonl:4",  # set-aside items are reported first
        "early",
        "tie-a",
        "tie-b",
        "late",
        "undated-first",
        "undated-second",
    ]


def test_dates_with_and_without_a_zone_are_compared_as_utc() -> None:
    # 08:00 at UTC+3 is 05:00 UTC: before a zoneless 06:00 (read as UTC).
    east = _article("east", datetime(2024, 5, 2, 8, tzinfo=timezone(timedelta(hours=3))))
    zoneless = _article("zoneless", datetime(2024, 5, 2, 6))
    assert _names(in_publication_order([zoneless, east], window=10)) == ["east", "zoneless"]


def test_each_window_is_ordered_on_its_own() -> None:
    day = datetime(2024, 5, 2, tzinfo=UTC)
    newest_first = [_article(f"a{k}", day - timedelta(days=k)) for k in range(5)]
    # Windows of two: (a0, a1) (a2, a3) (a4), each oldest first.
    assert _names(in_publication_order(newest_first, window=2)) == ["a1", "a0", "a3", "a2", "a4"]


def test_what_was_read_before_a_failure_is_handed_on_before_the_error() -> None:
    day = datetime(2024, 5, 2, tzinfo=UTC)

    def dropping_feed() -> Iterator[Article | Rejected]:
        yield _article("second", day)
        yield _article("first", day - timedelta(hours=1))
        raise OSError("feed connection dropped")

    received: list[str] = []
    with pytest.raises(OSError, match="feed connection dropped"):
        for item in in_publication_order(dropping_feed(), window=100):
            assert isinstance(item, Article)
            received.append(item.source_id)
    assert received == ["first", "second"]


def test_an_empty_input_gives_nothing() -> None:
    assert list(in_publication_order([], window=4)) == []


def test_a_window_below_one_article_is_refused() -> None:
    with pytest.raises(SettingsError, match="order_window"):
        PipelineSettings(order_window=0)
