"""Article titles: the given one without its site suffix, or one derived from the text."""

from __future__ import annotations

import re

from crosscheck.clean.sentences import sentence_spans

_SUFFIX_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# A trailing "- WKRN News 2" or "| Local News" names the site, not the story.
_SITE_WORDS = re.compile(
    r"\b(news|tv|times|post|herald|tribune|journal|gazette|daily|radio|channel|online|chronicle"
    r"|press|observer|telegraph|independent|magazine|network|media|local|\w+\.com)\b"
    r"|\b(?-i:[A-Z]{3,5})\b",
    re.IGNORECASE,
)
_SITE_SUFFIX_MAX_WORDS = 5
_ELLIPSIS = "…"


def tidy_title(title: str, outlet: str | None = None) -> str | None:
    """The title without site-name suffixes; None when nothing is left."""
    title = " ".join(title.split())
    while True:
        parts = _SUFFIX_SEPARATOR.split(title)
        if len(parts) < 2 or not _is_site_name(parts[-1], outlet):
            break
        title = title[: title.rfind(parts[-1])].rstrip(" |–—-")
    return title or None


def derive_title(paragraphs: tuple[str, ...], max_chars: int) -> str:
    """The first sentence of the body, cut at a word boundary near `max_chars`."""
    first = paragraphs[0]
    spans = sentence_spans(first)
    sentence = first[spans[0][0] : spans[0][1]] if spans else first
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + _ELLIPSIS


def _is_site_name(suffix: str, outlet: str | None) -> bool:
    if len(suffix.split()) > _SITE_SUFFIX_MAX_WORDS:
        return False
    stem = (outlet or "").split(".")[0].casefold()
    squashed = "".join(char for char in suffix.casefold() if char.isalnum())
    return bool(_SITE_WORDS.search(suffix)) or (len(stem) >= 3 and stem in squashed)
