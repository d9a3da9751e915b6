"""Who stands behind a claim: its article's independent report, its attribution.

Copies and rewrites of one article form one *independent report* and count once.
The grouping is the copies stage's (`crosscheck.copies.direction`): articles
joined by copy links of any kind but quote reuse (many outlets quoting one
speaker is not copying) form one report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from crosscheck.copies.direction import independent_reports as copies_reports
from crosscheck.corroborate.text import names_match
from crosscheck.records import Article, Claim, CopyLink

ATTRIBUTION_LINK = " via "


def independent_reports(article_ids: Sequence[str], links: Iterable[CopyLink]) -> list[list[str]]:
    """Article ids grouped into independent reports, each in `article_ids` order."""
    return copies_reports(list(article_ids), list(links))


@dataclass(frozen=True, slots=True)
class EventSources:
    """The event's articles by id, and which independent report each belongs to."""

    articles: Mapping[str, Article]
    report_of: Mapping[str, int]

    @classmethod
    def build(cls, articles: Sequence[Article], reports: Sequence[Sequence[str]]) -> EventSources:
        report_of = {
            article_id: index for index, report in enumerate(reports) for article_id in report
        }
        for article in articles:  # an article no report names stands alone
            report_of.setdefault(article.id, len(report_of) + len(reports))
        return cls({article.id: article for article in articles}, report_of)

    def report(self, article_id: str) -> int:
        return self.report_of[article_id]

    def outlet(self, article_id: str) -> str:
        """The article's outlet; one with none is named by its source id, as the user knows it."""
        article = self.articles.get(article_id)
        if article is None:
            return article_id
        return article.outlet or article.source_id

    def published(self, article_id: str) -> datetime | None:
        article = self.articles.get(article_id)
        return article.published if article else None

    def origins(self, claim: Claim) -> tuple[str, ...]:
        """Who a claim rests on: its attribution chain, or else the outlet itself."""
        return claim.attribution or (self.outlet(claim.article_id),)


def attribution_text(claim: Claim) -> str:
    """ "emergency services source via TASS"; empty when unattributed."""
    return ATTRIBUTION_LINK.join(claim.attribution)


def share_an_origin(first: Sequence[str], second: Sequence[str]) -> bool:
    return any(names_match(left, right) for left in first for right in second)


def common_origin(chains: Sequence[Sequence[str]]) -> str | None:
    """The names found in every chain ("emergency services source via TASS"), if any."""
    if not chains:
        return None
    shared = [
        candidate
        for candidate in chains[0]
        if all(any(names_match(candidate, name) for name in chain) for chain in chains[1:])
    ]
    return ATTRIBUTION_LINK.join(shared) or None
