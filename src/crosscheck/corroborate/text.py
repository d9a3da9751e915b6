"""Small text helpers shared by alignment, verdicts and framing."""

from __future__ import annotations

import re

# Titles and roles that precede a name ("Regional Gov. Vyacheslav Gladkov"):
# dropped so that the bare name and the titled name match as one source.
_TITLES_WORDS = (
    "mr mrs ms dr gov governor regional president minister prime deputy general gen "
    "col colonel sen senator rep mayor chief head spokesman spokeswoman spokesperson "
    "journalist the a an"
)
_TITLES = frozenset(_TITLES_WORDS.split())

_NEGATIONS_WORDS = "not no never none nobody n't denied denies deny neither nor"
NEGATIONS = frozenset(_NEGATIONS_WORDS.split())

_STOPWORDS_WORDS = (
    "the a an of to in on at for and or but is was were be been are it its this that with by "
    "from as he she they we you i his her their our said says will would has have had"
)
STOPWORDS = frozenset(_STOPWORDS_WORDS.split())

# Counted casualties are in "people": one of them is a person.
_SINGULAR_UNITS = {"people": "person"}


def unit_for(value: str, unit: str | None) -> str | None:
    """The unit as it reads after the value: '1 person', '2 people'."""
    if unit in _SINGULAR_UNITS and value.strip() in ("1", "1.0"):
        return _SINGULAR_UNITS[unit]
    return unit


ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


def words(text: str) -> list[str]:
    """Lower-case word tokens; "didn't" splits into "did" and "n't" for negation."""
    lowered = text.lower().replace("’", "'").replace("n't", " n't")
    return re.findall(r"n't|[a-z0-9]+", lowered)


def content_words(text: str) -> frozenset[str]:
    return frozenset(words(text))


def meaningful_words(text: str) -> frozenset[str]:
    """Words that carry content: stop words dropped, negations kept."""
    return frozenset(words(text)) - STOPWORDS


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 1.0


def is_negated(text: str) -> bool:
    return any(token in NEGATIONS for token in words(text))


def ordinals_in(text: str) -> frozenset[int]:
    return frozenset(ORDINALS[token] for token in words(text) if token in ORDINALS)


def name_tokens(name: str) -> frozenset[str]:
    return frozenset(token for token in words(name) if token not in _TITLES)


# Words that name a kind of source, not a source: "a source" is not the same
# source as "an emergency services source", so these match only word for word.
_KINDS_OF_SOURCE = frozenset(
    {"source", "sources", "official", "officials", "authorities", "report", "reports", "witnesses"}
)


def names_match(first: str, second: str) -> bool:
    """Same source: equal names, or one name's words inside the other's ("Gladkov")."""
    left, right = name_tokens(first), name_tokens(second)
    if not left or not right:
        return first.strip().lower() == second.strip().lower()
    if left <= _KINDS_OF_SOURCE or right <= _KINDS_OF_SOURCE:
        return left == right
    return left <= right or right <= left


def clip(text: str, limit: int = 60) -> str:
    """One line, at most `limit` characters, for labels."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
