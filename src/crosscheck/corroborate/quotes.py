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


def _same_quote(first: Quote, first_words: str, second: Quote, second_words: str) -> bool:
    """Same words (one may be a cut of the other), and no two different speakers."""
    if not first_words or not second_words:
        return False
    if first_words not in second_words and second_words not in first_words:
        return False
    if first.speaker and second.speaker:
        return names_match(first.speaker, second.speaker)
    return True


def group_quotes(quotes: Sequence[Quote]) -> list[QuoteGroup]:
    """Quotes in the order given, merged when they repeat one another."""
    # Each group is compared through its first quote, whose words are kept with it:
    # normalising per comparison made this quadratic in regex calls.
    groups: list[tuple[str, list[Quote]]] = []
    for quote in quotes:
        quote_words = _normalised(quote.text)
        home = next(
            (
                members
                for first_words, members in groups
                if _same_quote(members[0], first_words, quote, quote_words)
            ),
            None,
        )
        if home is None:
            groups.append((quote_words, [quote]))
        else:
            home.append(quote)
    return [_summarise(members) for _, members in groups]


def _summarise(group: Sequence[Quote]) -> QuoteGroup:
    fullest = max(group, key=lambda quote: len(quote.text))
    speakers = [quote.speaker for quote in group if quote.speaker]
    return QuoteGroup(
        speaker=max(speakers, key=len) if speakers else None,
        text=fullest.text,
        article_ids=tuple(dict.fromkeys(quote.article_id for quote in group)),
        modes=tuple(dict.fromkeys(quote.mode for quote in group)),
    )
