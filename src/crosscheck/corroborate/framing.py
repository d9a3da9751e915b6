"""How each article and outlet tells the event.

Per article: loaded wording in the outlet's own voice (lexicon in
data/loaded_terms.tsv; quoted speech is masked first, since a loaded word inside
a quote is the speaker's), the share of its claims that are hedged and that are
unattributed, which of the event's agreed facts it leaves out, and which facts
only its independent report carries. Per outlet: the same, over its articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosscheck.corroborate.lexicon import Lexicon, LexiconEntry, default_lexicon
from crosscheck.corroborate.sources import EventSources
from crosscheck.corroborate.text import words
from crosscheck.corroborate.verdict import group_label
from crosscheck.records import Article, ArticleFacts, Claim, ClaimGroup, Hedge, Verdict

# Straight, curly and guillemet pairs; a quote never spans a paragraph break.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»')
_PLAIN_HEDGES = frozenset({Hedge.ASSERTED, Hedge.CONFIRMED})


@dataclass(frozen=True, slots=True)
class LoadedTerm:
    term: str
    category: str
    count: int


@dataclass(frozen=True, slots=True)
class ArticleFraming:
    article_id: str
    loaded: tuple[LoadedTerm, ...]
    claims: int
    hedged_share: float
    unattributed_share: float
    omits: tuple[str, ...]  # labels of agreed facts this article does not state
    adds: tuple[str, ...]  # labels of facts only this article's independent report states


@dataclass(frozen=True, slots=True)
class OutletFraming:
    outlet: str
    article_ids: tuple[str, ...]
    loaded: tuple[LoadedTerm, ...]
    claims: int
    hedged_share: float
    unattributed_share: float


@dataclass(frozen=True, slots=True)
class EventFraming:
    articles: tuple[ArticleFraming, ...]
    outlets: tuple[OutletFraming, ...]


# --------------------------------------------------------------------------- wording


def own_voice(article: Article, facts: ArticleFacts | None) -> str:
    """The body with quoted speech blanked out (quote marks, and quotes extraction found)."""
    body = list(_QUOTED.sub(lambda match: " " * len(match.group()), article.body))
    for quote in facts.quotes if facts else ():
        end = min(quote.span.end, len(body))
        body[quote.span.start : end] = " " * max(end - quote.span.start, 0)
    return "".join(body)


def loaded_terms(text: str, lexicon: Lexicon) -> Counter[LexiconEntry]:
    return lexicon.count(words(text))


def _as_terms(found: Counter[LexiconEntry]) -> tuple[LoadedTerm, ...]:
    ordered = sorted(found.items(), key=lambda item: (-item[1], item[0].term))
    return tuple(LoadedTerm(entry.term, entry.category, count) for entry, count in ordered)


def _shares(claims: Sequence[Claim]) -> tuple[float, float]:
    if not claims:
        return 0.0, 0.0
    hedged = sum(claim.hedge not in _PLAIN_HEDGES for claim in claims)
    unattributed = sum(not claim.attribution for claim in claims)
    return hedged / len(claims), unattributed / len(claims)


# --------------------------------------------------------------------------- coverage


def _group_articles(group: ClaimGroup) -> set[str]:
    return {article_id for value in group.values for article_id in value.article_ids}


def omitted_facts(article_id: str, groups: Sequence[ClaimGroup]) -> tuple[str, ...]:
    agreed = [group for group in groups if group.verdict is Verdict.AGREED]
    return tuple(group_label(group) for group in agreed if article_id not in _group_articles(group))


def unique_facts(article_id: str, groups: Sequence[ClaimGroup]) -> tuple[str, ...]:
    return tuple(
        group_label(group)
        for group in groups
        if group.independent_count == 1 and article_id in _group_articles(group)
    )


# --------------------------------------------------------------------------- assembly


def frame_event(
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    groups: Sequence[ClaimGroup],
    sources: EventSources,
    lexicon: Lexicon | None = None,
) -> EventFraming:
    lexicon = lexicon or default_lexicon()
    counts = {a.id: loaded_terms(own_voice(a, facts.get(a.id)), lexicon) for a in articles}
    claims = {a.id: list(facts[a.id].claims) if a.id in facts else [] for a in articles}
    per_article = tuple(
        ArticleFraming(
            a.id,
            _as_terms(counts[a.id]),
            len(claims[a.id]),
            *_shares(claims[a.id]),
            omitted_facts(a.id, groups),
            unique_facts(a.id, groups),
        )
        for a in articles
    )
    return EventFraming(per_article, _per_outlet(articles, counts, claims, sources))


def _per_outlet(
    articles: Sequence[Article],
    counts: Mapping[str, Counter[LexiconEntry]],
    claims: Mapping[str, list[Claim]],
    sources: EventSources,
) -> tuple[OutletFraming, ...]:
    by_outlet: dict[str, list[str]] = {}
    for article in articles:
        by_outlet.setdefault(sources.outlet(article.id), []).append(article.id)
    outlets = []
    for outlet, article_ids in by_outlet.items():
        found = sum((counts[article_id] for article_id in article_ids), Counter[LexiconEntry]())
        stated = [claim for article_id in article_ids for claim in claims[article_id]]
        outlets.append(
            OutletFraming(
                outlet, tuple(article_ids), _as_terms(found), len(stated), *_shares(stated)
            )
        )
    return tuple(outlets)
