"""The dossier of one event: everything `crosscheck show EVENT` presents.

`build_dossier` is pure: it takes the event's records (as the store returns
them) and derives independent reports, aligned claim groups with verdicts,
merged quotes and framing. The renderers in `crosscheck.report.dossier_*`
turn the result into text, JSON, Markdown or HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from crosscheck.corroborate.align import Embedder, align_claims
from crosscheck.corroborate.framing import EventFraming, frame_event
from crosscheck.corroborate.places import PlaceVote, vote_places
from crosscheck.corroborate.quotes import QuoteGroup, group_quotes
from crosscheck.corroborate.settings import DEFAULT_SETTINGS, CorroborateSettings
from crosscheck.corroborate.sources import EventSources, independent_reports
from crosscheck.corroborate.verdict import judge_group
from crosscheck.records import (
    Article,
    ArticleFacts,
    Claim,
    ClaimGroup,
    CopyLink,
    Event,
    Placement,
    Reprint,
)


@dataclass(frozen=True, slots=True)
class Dossier:
    """An event with its articles (oldest first) and what corroboration found.

    `independent_reports` holds article ids; renderers show source ids.
    `reprints` are other outlets' records of the articles' very texts: who else
    ran them, in no report of their own (a copy never counts as confirmation).
    """

    event: Event
    articles: tuple[Article, ...]
    facts: tuple[ArticleFacts, ...]
    copies: tuple[CopyLink, ...]
    independent_reports: tuple[tuple[str, ...], ...]
    claims: tuple[ClaimGroup, ...]
    quotes: tuple[QuoteGroup, ...]
    framing: EventFraming
    reprints: tuple[Reprint, ...] = ()
    # How clustering placed each member (records.Placement), where it was recorded.
    placements: tuple[Placement, ...] = ()
    # Where it happened, as the members' event places say, most reports first.
    places: tuple[PlaceVote, ...] = ()
    # Members that joined below the vouch probability: later articles are not
    # compared with them (cluster/vouching.py).
    not_vouching: frozenset[str] = frozenset()
    # Renderers look an article up for every value, quote and link they show: by
    # scanning `articles` that was a fifth of building and rendering all dossiers.
    _by_id: dict[str, Article] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The first of an id wins, as the scan it replaces found it first.
        by_id: dict[str, Article] = {}
        for article in self.articles:
            by_id.setdefault(article.id, article)
        object.__setattr__(self, "_by_id", by_id)

    def article(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def source_id(self, article_id: str) -> str:
        article = self.article(article_id)
        return article.source_id if article else article_id


def build_dossier(
    event: Event,
    articles: Iterable[Article],
    facts: Iterable[ArticleFacts],
    links: Iterable[CopyLink],
    settings: CorroborateSettings = DEFAULT_SETTINGS,
    embedder: Embedder | None = None,
    reprints: Iterable[Reprint] = (),
    placements: Iterable[Placement] = (),
    not_vouching: Iterable[str] = (),
) -> Dossier:
    """The dossier of `event`; records of articles outside the event are ignored."""
    members = set(event.article_ids)
    ordered = sorted((a for a in articles if a.id in members), key=_reading_order)
    by_id = {article.id: article for article in ordered}
    kept_facts = [_within_body(f, by_id[f.article_id]) for f in facts if f.article_id in by_id]
    kept_facts.sort(key=lambda item: list(by_id).index(item.article_id))
    copies = tuple(link for link in links if link.source in by_id and link.target in by_id)
    reports = independent_reports(list(by_id), copies)
    sources = EventSources.build(ordered, reports)
    claims = [claim for item in kept_facts for claim in _in_reading_order(item.claims)]
    groups = tuple(
        judge_group(group, sources, settings)
        for group in align_claims(claims, sources, settings, embedder)
    )
    quotes = tuple(group_quotes([quote for item in kept_facts for quote in item.quotes]))
    framing = frame_event(ordered, {item.article_id: item for item in kept_facts}, groups, sources)
    return Dossier(
        event,
        tuple(ordered),
        tuple(kept_facts),
        copies,
        _as_tuples(reports),
        groups,
        quotes,
        framing,
        tuple(reprint for reprint in reprints if reprint.article_id in by_id),
        tuple(sorted((p for p in placements if p.article_id in by_id), key=_member_order(by_id))),
        vote_places(kept_facts, reports),
        frozenset(by_id).intersection(not_vouching),
    )


def _member_order(by_id: dict[str, Article]) -> Callable[[Placement], int]:
    """Placements in the dossier's reading order of their articles."""
    position = {article_id: index for index, article_id in enumerate(by_id)}
    return lambda placement: position[placement.article_id]


def _reading_order(article: Article) -> tuple[datetime, str]:
    """Oldest first (undated last), then by source id, so output never depends on input order."""
    published = article.published.replace(tzinfo=None) if article.published else datetime.max
    return published, article.source_id


def _in_reading_order(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda claim: (claim.sentence, claim.span.start))


def _within_body(facts: ArticleFacts, article: Article) -> ArticleFacts:
    """Drop claims whose span lies outside the cleaned body (removed boilerplate never counts)."""
    size = len(article.body)
    claims = tuple(claim for claim in facts.claims if claim.span.end <= size)
    return dataclasses.replace(facts, claims=claims)


def _as_tuples(reports: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(report) for report in reports)
