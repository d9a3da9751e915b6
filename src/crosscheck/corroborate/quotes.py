"""Who is quoted: the same quote carried by several articles is listed once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.corroborate.text import names_match, words
from crosscheck.records import Quote, SpeechMode


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One quote (its fullest wording) and every article that carries it."""

    speaker: str | None
    text: str
    article_ids: tuple[str, ...]
    modes: tuple[SpeechMode, ...]


def _normalised(text: str) -> str:
    return " ".join(words(text))


def _same_quote(first: Quote, second: Quote) -> bool:
    """Same words (one may be a cut of the other), and no two different speakers."""
    left, right = _normalised(first.text), _normalised(second.text)
    if not left or not right or (left not in right and right not in left):
        return False
    if first.speaker and second.speaker:
        return names_match(first.speaker, second.speaker)
    return True


def group_quotes(quotes: Sequence[Quote]) -> list[QuoteGroup]:
    """Quotes in the order given, merged when they repeat one another."""
    groups: list[list[Quote]] = []
    for quote in quotes:
        home = next((group for group in groups if _same_quote(group[0], quote)), None)
        if home is None:
            groups.append([quote])
        else:
            home.append(quote)
    return [_summarise(group) for group in groups]


def _summarise(group: Sequence[Quote]) -> QuoteGroup:
    fullest = max(group, key=lambda quote: len(quote.text))
    speakers = [quote.speaker for quote in group if quote.speaker]
    return QuoteGroup(
        speaker=max(speakers, key=len) if speakers else None,
        text=fullest.text,
        article_ids=tuple(dict.fromkeys(quote.article_id for quote in group)),
        modes=tuple(dict.fromkeys(quote.mode for quote in group)),
    )
