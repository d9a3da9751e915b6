"""Cue words: a cheap proof that a costly pattern cannot match a text.

Most patterns run on every sentence and match almost none ("then killed himself",
"a triple shooting"). Each `Cues` lists words of which every match of its patterns
contains at least one, case ignored as the patterns ignore it; a text holding none
of them is skipped without running the patterns. Next to each list its patterns'
alternatives say why the list is complete, and tests check it on the patterns' own
examples and on random text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cues:
    """Lower-case words, one of which is in every text that some patterns match."""

    words: tuple[str, ...]
    in_lowered: re.Pattern[str]  # the words, to search `text.lower()` with
    in_any_case: re.Pattern[str]  # the words under re.IGNORECASE, for text beyond ASCII

    @classmethod
    def of(cls, *words: str) -> Cues:
        if not words or any(word != word.lower() or not word.isascii() for word in words):
            raise ValueError(f"cue words must be lower-case ASCII, not {words!r}")
        alternation = "|".join(re.escape(word) for word in words)
        return cls(words, re.compile(alternation), re.compile(alternation, re.IGNORECASE))

    def in_text(self, text: str) -> bool:
        """False only when no cue word is in `text`, in any case."""
        # In ASCII text str.lower() folds case exactly as re.IGNORECASE does (and a
        # lowered search is several times faster); beyond ASCII, re also pairs "ı"
        # with "i", "ſ" with "s" and the Kelvin sign with "k", so such text (rare) is
        # searched under IGNORECASE itself.
        if text.isascii():
            return self.in_lowered.search(text.lower()) is not None
        return self.in_any_case.search(text) is not None
