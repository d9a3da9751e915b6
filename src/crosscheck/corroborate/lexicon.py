"""The framing lexicon (data/loaded_terms.tsv) and a matcher over word tokens."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from crosscheck.corroborate.text import words

CATEGORIES = frozenset(
    {
        "sensational",
        "alarm",
        "contentious-label",
        "partisan",
        "dehumanising",
        "euphemism",
        "editorialising",
    }
)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    term: str
    category: str
    tokens: tuple[str, ...]
    prefix: bool  # the last token matches any word it starts

    def matches(self, tokens: Sequence[str], start: int) -> bool:
        window = tokens[start : start + len(self.tokens)]
        if len(window) != len(self.tokens):
            return False
        if self.prefix:
            return list(window[:-1]) == list(self.tokens[:-1]) and window[-1].startswith(
                self.tokens[-1]
            )
        return tuple(window) == self.tokens


class Lexicon:
    """Entries indexed by first token (prefix entries by their first letters)."""

    def __init__(self, entries: Sequence[LexiconEntry]) -> None:
        self.entries = tuple(entries)
        self._by_first: dict[str, list[LexiconEntry]] = {}
        self._prefixed = [entry for entry in entries if entry.prefix and len(entry.tokens) == 1]
        for entry in entries:
            if entry not in self._prefixed:
                self._by_first.setdefault(entry.tokens[0], []).append(entry)

    def count(self, tokens: Sequence[str]) -> Counter[LexiconEntry]:
        """How often each entry occurs; the longest entry wins at each position."""
        found: Counter[LexiconEntry] = Counter()
        position = 0
        while position < len(tokens):
            entry = self._longest_at(tokens, position)
            if entry is None:
                position += 1
                continue
            found[entry] += 1
            position += len(entry.tokens)
        return found

    def _longest_at(self, tokens: Sequence[str], position: int) -> LexiconEntry | None:
        # Most words start no entry: they are ruled out with one lookup and one
        # prefix test per one-word prefix entry, before any list is built.
        token = tokens[position]
        candidates = self._by_first.get(token, [])
        stems = [entry for entry in self._prefixed if token.startswith(entry.tokens[0])]
        if not candidates and not stems:
            return None
        hits = [entry for entry in candidates + stems if entry.matches(tokens, position)]
        return max(hits, key=lambda entry: len(entry.tokens), default=None)


def parse_entry(line: str) -> LexiconEntry | None:
    """One TSV line as an entry; None for comments, blanks and the header."""
    if not line.strip() or line.startswith("#") or line.startswith("term\t"):
        return None
    term, category = (field.strip() for field in line.split("\t")[:2])
    if category not in CATEGORIES:
        raise ValueError(f"loaded_terms.tsv: {term!r} has unknown category {category!r}")
    prefix = term.endswith("*")
    return LexiconEntry(term, category, tuple(words(term.rstrip("*"))), prefix)


@functools.cache
def default_lexicon() -> Lexicon:
    text = (
        resources.files("crosscheck.corroborate")
        .joinpath("data/loaded_terms.tsv")
        .read_text("utf-8")
    )
    entries = [entry for entry in map(parse_entry, text.splitlines()) if entry is not None]
    return Lexicon(entries)
