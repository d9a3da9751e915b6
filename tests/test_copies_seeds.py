"""The canonical example: the seed articles, read and cleaned by the real stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck import clean, read
from crosscheck.copies import independent_reports, link_copies
from crosscheck.records import Article, CopyKind, CopyLink

pytestmark = pytest.mark.slow  # loads the embedding model


@pytest.fixture(scope="module")
def seed_links(seed_paths: dict[str, Path]) -> tuple[dict[str, str], list[CopyLink]]:
    articles: list[Article] = []
    for path in seed_paths.values():
        articles.extend(
            item for item in clean.run(read.read_file(path)) if isinstance(item, Article)
        )
    assert len(articles) == len(seed_paths)
    sentences = {article.id: clean.split_sentences(article) for article in articles}
    prefix = {article.id: article.source_id[:3] for article in articles}
    return prefix, link_copies(articles, sentences)


def pairs_between(
    links: list[CopyLink], prefix: dict[str, str], first: str, second: str
) -> list[CopyLink]:
    return [link for link in links if {prefix[link.source], prefix[link.target]} == {first, second}]


def test_spun_rewrite_002_links_to_001_by_five_sentence_pairs(
    seed_links: tuple[dict[str, str], list[CopyLink]],
) -> None:
    prefix, links = seed_links
    [link] = pairs_between(links, prefix, "001", "002")
    copied = [pair for pair in link.sentence_pairs if pair.kind is not CopyKind.QUOTE_REUSE]
    assert len(copied) >= 5
    assert link.kind in (CopyKind.PARAPHRASE, CopyKind.NEAR)


def test_001_and_002_are_one_independent_report(
    seed_links: tuple[dict[str, str], list[CopyLink]],
) -> None:
    prefix, links = seed_links
    reports = independent_reports(sorted(prefix), links)
    [family] = [report for report in reports if any(prefix[i] == "001" for i in report)]
    assert {prefix[i] for i in family} >= {"001", "002"}


def test_000_and_003_are_not_copies_of_001(
    seed_links: tuple[dict[str, str], list[CopyLink]],
) -> None:
    prefix, links = seed_links
    assert pairs_between(links, prefix, "000", "001") == []
    assert pairs_between(links, prefix, "003", "001") == []


def test_004_another_attack_links_to_nothing(
    seed_links: tuple[dict[str, str], list[CopyLink]],
) -> None:
    prefix, links = seed_links
    assert not [link for link in links if "004" in (prefix[link.source], prefix[link.target])]
