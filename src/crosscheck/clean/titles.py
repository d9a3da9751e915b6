"""Article titles: the given one without its site suffix, or one derived from the text."""

from __future__ import annotations

import re

from crosscheck.clean.sentences import sentence_spans

# " - ", " | ", or a bare "|" (which no headline uses): "19 Action News|Cleveland, OH".
_SUFFIX_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
# A trailing "- WKRN News 2" or "| Local News" names the site, not the story.
_SITE_WORDS = re.compile(
    r"\b(news|tv|times|post|herald|tribune|journal|gazette|daily|radio|channel|online|chronicle"
    r"|press|observer|telegraph|independent|magazine|network|media|local|\w+\.com)\b"
    r"|\b(?-i:[A-Z]{3,5})\b",
    re.IGNORECASE,
)
_SITE_SUFFIX_MAX_WORDS = 5
# Local stations append their whole masthead: "KXRT News 9 Millbrook, Ohio News
# Weather & Sports", "KQRV-TV: Riverton, Ashby, KS, News, Weather & Sports".
# Such a part is furniture when it has a site marker and reads like a masthead:
# every word capitalised, a number, a symbol, or one of these section words (a
# headline has lower-case content words: "teen shot", "accused").
_MASTHEAD_MARKER = re.compile(
    r"\b(news\w*|weather|sports|tv|\w+\.com)\b|\b(?-i:[KW][A-Z]{2,3}|[A-Z]{2,4}\d{1,2})\b",
    re.IGNORECASE,
)
_MASTHEAD_WORDS = frozenset(
    [
        "news",
        "weather",
        "sports",
        "video",
        "closings",
        "classifieds",
        "social",
        "and",
        "for",
        "your",
        "of",
        "on",
        "the",
        "in",
        "at",
        "breaking",
        "continuous",
        "coverage",
        "local",
    ]
)
_MASTHEAD_MAX_WORDS = 14
# A place after a masthead ("WQPL Action News 4 - Riverton, Kansas", "Ashby, KS").
_PLACE_TAIL = re.compile(r"^(?:[A-Z][\w.'’-]*\s?){1,3}(?:,\s?(?:[A-Z][\w.'’-]*\s?){1,3}){0,3}$")
# A leading masthead: "CBS 61 - Two hurt as grain silo collapses".
_MASTHEAD_PREFIX_MAX_WORDS = 3
_ELLIPSIS = "…"


def tidy_title(title: str, outlet: str | None = None) -> str | None:
    """The title without the site's name, masthead or place around it; None when nothing is left."""
    text = " ".join(title.split()).rstrip(" |–—-")
    spans, start = [], 0
    for separator in _SUFFIX_SEPARATOR.finditer(text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    parts = [text[begin:end] for begin, end in spans]
    first, last = 0, len(parts)  # the parts kept: parts[first:last]
    while last - first > 1:
        tail = parts[last - 1]
        if not tail.strip() or _is_site_name(tail, outlet) or _is_masthead(tail, outlet):
            last -= 1
        elif last - first > 2 and _PLACE_TAIL.match(tail) and _is_masthead(parts[last - 2], outlet):
            last -= 2
        else:
            break
    if last - first > 1 and _is_masthead_prefix(parts[first], outlet):
        first += 1
    return text[spans[first][0] : spans[last - 1][1]].strip(" |–—-") or None


def derive_title(paragraphs: tuple[str, ...], max_chars: int) -> str:
    """The first sentence of the body, cut at a word boundary near `max_chars`."""
    first = paragraphs[0]
    spans = sentence_spans(first)
    sentence = first[spans[0][0] : spans[0][1]] if spans else first
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + _ELLIPSIS


def _is_masthead(part: str, outlet: str | None) -> bool:
    words = part.split()
    if not words or len(words) > _MASTHEAD_MAX_WORDS:
        return False
    if not (_MASTHEAD_MARKER.search(part) or _is_site_name(part, outlet)):
        return False
    return all(_masthead_word(word) for word in words)


def _masthead_word(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return (
        not letters
        or not word[0].isalpha()
        or word[0].isupper()
        or word.strip(",.:;&-").casefold() in _MASTHEAD_WORDS
    )


def _is_masthead_prefix(part: str, outlet: str | None) -> bool:
    """A short leading part naming the site with a number or site word ("CBS 61", "KQRV News")."""
    words = part.split()
    if not words or len(words) > _MASTHEAD_PREFIX_MAX_WORDS:
        return False
    marked = any(char.isdigit() for char in part) or _MASTHEAD_MARKER.search(part) is not None
    return marked and _is_masthead(part, outlet)


def _is_site_name(suffix: str, outlet: str | None) -> bool:
    if len(suffix.split()) > _SITE_SUFFIX_MAX_WORDS:
        return False
    stem = (outlet or "").split(".")[0].casefold()
    squashed = "".join(char for char in suffix.casefold() if char.isalnum())
    return bool(_SITE_WORDS.search(suffix)) or (len(stem) >= 3 and stem in squashed)
