"""A rule-based sentence splitter for news English.

A boundary is terminal punctuation (with any closing quotes or brackets after
it) followed by a capital, a digit-free opening quote, or the end of the
paragraph. It is vetoed after titles and other abbreviations ("Gov.", "Col.
Gen.", "Dec. 30"), single initials ("William A. Young"), and dotted acronyms
("U.S.", "p.m.") unless the next word plainly opens a sentence. Decimals never
split because no space follows their point. Page text that lost its spaces
("police said.The shooting") is split where a lowercase word ends and a
capitalised one starts.
"""

from __future__ import annotations

import re

from crosscheck.records import Article, Sentence, Span


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end with a period inside a sentence far more often than at its end.
ABBREVIATIONS = _word_set(
    """
    mr mrs ms messrs dr prof gov govs sen sens rep reps gen col lt sgt capt maj cpl pvt
    adm cmdr cdr brig supt insp det ofc dep atty rev fr hon pres sr jr st mt ft
    ave blvd rd hwy no nos vs jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat approx dept ca cf fig
    """
)
# After a dotted acronym ("U.S.", "a.m.") a capital usually continues the
# sentence ("U.S. Army", "p.m. Saturday"); these words almost only open one.
SENTENCE_OPENERS = _word_set(
    """
    the a an he she it they we i you his her its their our this that these those
    there but and so yet then after before when while as if in on at by for no
    police officials authorities
    """
)
_TIME_WORDS = _word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december local eastern
    central pacific mountain est edt cst cdt pst pdt et ct pt gmt utc
    """
)

_TERMINAL = re.compile(r"(?:\.{3}|…|[.!?]+)[\"']?[)\]]?")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_INITIAL = re.compile(r"(?:^|[\s(\"'])[A-Z]\.$")
_OPENING = "\"'([-•*"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open `(start, end)` ranges of the sentences in one paragraph."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _TERMINAL.finditer(text):
        end = match.end()
        following = _skip_space(text, end)
        if following >= len(text):
            continue
        if _is_boundary(text, match, following):
            spans.append((start, end))
            start = following
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(first, last) for first, last in spans if last > first]


def split_sentences(article: Article) -> list[Sentence]:
    """The article's sentences, with spans that index `article.body`."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph_index, paragraph in enumerate(article.paragraphs):
        for start, end in sentence_spans(paragraph):
            span = Span(offset + start, offset + end)
            sentences.append(
                Sentence(article.id, len(sentences), span, paragraph[start:end], paragraph_index)
            )
        offset += len(paragraph) + 2  # PARAGRAPH_SEPARATOR is two characters
    return sentences


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _is_boundary(text: str, match: re.Match[str], following: int) -> bool:
    nxt = text[following]
    if following == match.end():  # no space: only a glued "said.The" splits
        return _is_glued_boundary(text, match)
    if nxt.islower() or nxt.isdigit() or not (nxt.isupper() or nxt in _OPENING):
        return False
    if match.group().rstrip("\"')]") != ".":
        return True  # "!", "?" and ellipses end a sentence before a capital
    return not _period_continues(_word_before(text, match.start()), _word_after(text, following))


def _period_continues(before: str, after: str) -> bool:
    """Whether the period after `before` belongs to an abbreviation, not a sentence end."""
    bare = before.lstrip("\"'([").rstrip(".")
    if bare.lower() in ABBREVIATIONS or _INITIAL.search(" " + before.lstrip("\"'([")):
        return True
    if _DOTTED_ACRONYM.search(before):
        if before.lower().endswith(("a.m.", "p.m.")):
            return after.lower().strip(".,") in _TIME_WORDS
        return after.lower() not in SENTENCE_OPENERS
    return False


def _is_glued_boundary(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 2) : match.start()]
    after = text[match.end() : match.end() + 3].lstrip("\"'")
    glued_word = _word_before(text, match.start()).lower()
    return (
        len(before) == 2
        and before.isalpha()
        and before.islower()
        and len(after) >= 2
        and after[0].isupper()
        and (after[1].islower() or after[1] == " ")
        and glued_word not in ABBREVIATIONS
    )


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end] + "."


def _word_after(text: str, start: int) -> str:
    match = re.match(r"[\"'(\[]*([A-Za-z']+)", text[start:])
    return match.group(1) if match else ""
