"""`extract_facts`: one article's sentences in, its `ArticleFacts` out.

Pure and model-free (tokenizer, entity ruler, regular expressions), so it runs at
hundreds of articles a second on one core; see `bench/extract.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from crosscheck.errors import SettingsError
from crosscheck.extract.claims import SentenceFacts, sentence_claims
from crosscheck.extract.entities import find_entities
from crosscheck.extract.event_day import event_day
from crosscheck.extract.event_place import event_place
from crosscheck.extract.headlines import title_quantities, title_sentence
from crosscheck.extract.hedges import sentence_hedges
from crosscheck.extract.quantities import find_quantities
from crosscheck.extract.quotes import find_quotes
from crosscheck.extract.single_victims import mark_single_victims
from crosscheck.extract.times import find_times
from crosscheck.records import Article, ArticleFacts, Claim, EntityLabel, Quote, Sentence


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """How extraction behaves; validated on construction."""

    # Start dates of eras that "N weeks into the war" counts from, e.g.
    # (("war", date(2022, 2, 24)),); none by default, so such phrases stay unresolved.
    era_starts: tuple[tuple[str, date], ...] = ()
    # The event's own date is looked for in the lead: news puts when it happened in
    # the first sentences (000's "on Tuesday" is in its first).
    lead_sentences: int = 5

    def __post_init__(self) -> None:
        if not isinstance(self.lead_sentences, int) or self.lead_sentences < 1:
            raise SettingsError("lead_sentences", self.lead_sentences, "an integer >= 1")
        for entry in self.era_starts:
            if len(entry) != 2 or not isinstance(entry[0], str) or not isinstance(entry[1], date):
                raise SettingsError("era_starts", self.era_starts, "(name, date) pairs")


DEFAULT_SETTINGS = ExtractSettings()


def _quotes_about(sentence: Sentence, quotes: Sequence[Quote]) -> list[Quote]:
    start, end = sentence.span.start, sentence.span.end
    return [
        q
        for q in quotes
        if q.sentence == sentence.index or (q.span.start < end and start < q.span.end)
    ]


class _InSentence(Protocol):
    @property
    def sentence(self) -> int: ...


FactT = TypeVar("FactT", bound=_InSentence)


def by_sentence(items: Iterable[FactT]) -> dict[int, list[FactT]]:
    """Items grouped by sentence index, each group in the items' order (the article's
    facts are grouped once rather than filtered again for every sentence)."""
    groups: dict[int, list[FactT]] = {}
    for item in items:
        groups.setdefault(item.sentence, []).append(item)
    return groups


def _claims(sentences: Sequence[Sentence], facts: ArticleFacts) -> list[Claim]:
    hedges = sentence_hedges(sentences)
    places = Counter(m.normalised for m in facts.mentions if m.label is EntityLabel.PLACE)
    mentions, quantities, times = (
        by_sentence(facts.mentions),
        by_sentence(facts.quantities),
        by_sentence(facts.times),
    )
    claims: list[Claim] = []
    for sentence in sentences:
        index = sentence.index
        claims += sentence_claims(
            SentenceFacts(
                sentence=sentence,
                mentions=mentions.get(index, []),
                quantities=quantities.get(index, []),
                times=times.get(index, []),
                quotes=_quotes_about(sentence, facts.quotes),
                hedge=hedges[index],
                article_places=places,
                event_date=facts.event_date,
            )
        )
    return mark_single_victims(claims)


def extract_facts(
    article: Article, sentences: Sequence[Sentence], settings: ExtractSettings = DEFAULT_SETTINGS
) -> ArticleFacts:
    """Entities, times, quantities, quotes and claims of one article, each traceable."""
    published = article.published.date() if article.published else None
    entities = find_entities(sentences)
    era_starts = dict(settings.era_starts)
    times = find_times(sentences, published, era_starts)
    title = title_sentence(article.id, article.title)
    title_times = find_times([title], published, era_starts)
    dated = event_day(times, sentences, published, settings.lead_sentences, title, title_times)
    facts = ArticleFacts(
        article_id=article.id,
        mentions=entities.mentions,
        times=tuple(times),
        quantities=tuple(find_quantities(sentences)),
        quotes=tuple(find_quotes(article.paragraphs, sentences, entities, article.id)),
        event_date=dated.day,
        title_quantities=tuple(title_quantities(article.id, article.title)),
        event_date_tied=dated.tied,
        event_place=event_place(article.title, article.paragraphs, sentences, entities.mentions),
    )
    return _with_claims(facts, sentences)


def _with_claims(facts: ArticleFacts, sentences: Sequence[Sentence]) -> ArticleFacts:
    from dataclasses import replace

    return replace(facts, claims=tuple(_claims(sentences, facts)))
