"""What the sentence aligner needs to know about one sentence, computed once.

Words and word-trigram shingles (verbatim reuse), content words (lexical
overlap), the numbers it states (so "40 miles" and "50 miles" disagree, and "no
one" counts as zero against "four"), whether it is negated, its capitalised
names, and how much of it is inside quotation marks (quoted speech that several
outlets carry is quote reuse, not copying).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.copies.text import shingle_hashes, shingle_hashes_many, words

VERBATIM_SHINGLE = 3  # word trigrams: long enough to be specific, short enough for light edits

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NONE_WORDS = {"nobody", "none", "noone"}
_NEGATIONS = {
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
    "cannot", "didnt", "doesnt", "dont", "isnt", "wasnt", "werent", "arent", "hasnt",
    "havent", "hadnt", "cant", "couldnt", "wont", "wouldnt", "shouldnt", "aint",
    # verbs that negate their complement: "refused to say" ~ "did not say"
    "refused", "refuses", "refuse", "declined", "declines", "denied", "denies", "failed",
}  # fmt: skip
_STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "as", "into", "onto", "about", "over", "after", "before", "than", "then",
    "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been",
    "being", "has", "have", "had", "do", "does", "did", "he", "she", "they", "them", "his",
    "her", "their", "we", "our", "you", "your", "i", "me", "my", "him", "who", "whom", "which",
    "what", "when", "where", "while", "there", "here", "so", "such", "also", "just", "very",
    "can", "could", "would", "should", "will", "may", "might", "must", "said", "says", "say",
    "told", "according",
}  # fmt: skip
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_NUMBER_TOKENS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+")
_QUOTE_OPEN = {"“", "„", "«"}
_QUOTE_CLOSE = {"”", "»"}
# What can open or close a quote, or end a paragraph (see quoted_characters).
_QUOTE_EVENT = re.compile('[\n"“„«‘”»’]')


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    text: str
    words: tuple[str, ...]
    shingles: frozenset[int]
    content: frozenset[str]
    numbers: frozenset[float]
    negated: bool
    names: frozenset[str]
    quoted_share: float = 0.0


def sentence_facts(text: str, quoted_share: float = 0.0) -> SentenceFacts:
    tokens = words(text)
    return _facts(text, tokens, shingle_hashes(tokens, VERBATIM_SHINGLE).tolist(), quoted_share)


def many_sentence_facts(
    texts: Sequence[str], quoted_shares: Sequence[float]
) -> list[SentenceFacts]:
    """`sentence_facts` of each text, the shingles of all of them hashed in one pass.

    Hashing one short sentence at a time was mostly numpy's per-call overhead:
    half of the facts' cost on bench/pipeline.py.
    """
    token_lists = [words(text) for text in texts]
    hashes, offsets = shingle_hashes_many(token_lists, VERBATIM_SHINGLE)
    listed, bounds = hashes.tolist(), offsets.tolist()
    return [
        _facts(text, tokens, listed[bounds[i] : bounds[i + 1]], share)
        for i, (text, tokens, share) in enumerate(
            zip(texts, token_lists, quoted_shares, strict=True)
        )
    ]


def _facts(text: str, tokens: list[str], shingles: list[int], quoted_share: float) -> SentenceFacts:
    return SentenceFacts(
        text=text,
        words=tuple(tokens),
        shingles=frozenset(shingles),
        content=frozenset(token for token in tokens if token not in _STOPWORDS),
        numbers=frozenset(numbers_in(text)),
        negated=any(token in _NEGATIONS for token in tokens) or "no one" in " ".join(tokens),
        names=frozenset(capitalised_names(text)),
        quoted_share=quoted_share,
    )


def numbers_in(text: str) -> list[float]:
    """Numbers stated in digits or words; "4,000" -> 4000, "4 million" -> 4e6, "no one" -> 0."""
    tokens = _NUMBER_TOKENS.findall(text.lower().replace("’", "").replace("'", ""))
    found: list[float] = []
    for index, token in enumerate(tokens):
        value = _token_value(token)
        if token == "no" and tokens[index + 1 : index + 2] == ["one"]:
            value = 0.0
        elif token == "one" and index > 0 and tokens[index - 1] == "no":
            value = None  # counted at "no"
        if value is None:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        found.append(value * _SCALES.get(following, 1.0))
    return found


def _token_value(token: str) -> float | None:
    if token in _UNITS:
        return float(_UNITS[token])
    if token in _NONE_WORDS:
        return 0.0
    if _NUMBER.fullmatch(token):
        return float(token.replace(",", ""))
    return None


def capitalised_names(text: str) -> list[str]:
    """Capitalised words that do not start the sentence: a cheap stand-in for names."""
    found = []
    for index, raw in enumerate(re.findall(r"[\w’'.-]+", text)):
        word = raw.strip(".’'-")
        if index == 0 or len(word) < 2 or not word[0].isupper():
            continue
        lowered = word.lower()
        if lowered not in _STOPWORDS and not lowered.isdigit():
            found.append(lowered)
    return found


def quoted_characters(body: str) -> list[bool]:
    """Per character of `body`: inside quotation marks? Quotes reset at paragraph ends.

    A quote left open at a paragraph end closes there: newspapers reopen a
    multi-paragraph quote at each paragraph. Straight double quotes toggle; a
    single quote opens after a space and closes before a non-letter, so the
    apostrophe in "it’s" is not a quote mark.

    Only quote marks and line breaks can change the state, so only they are
    visited (a character-by-character walk was a tenth of the copy stage's
    Python time on bench/pipeline.py); the quoted stretches are then filled in.
    """
    mask = [False] * len(body)
    opened: int | None = None  # where the quote now open began
    for found in _QUOTE_EVENT.finditer(body):
        index, char = found.start(), found.group()
        before = body[index - 1] if index else "\n"
        if char == "\n":
            if before == "\n" and opened is not None:
                mask[opened:index] = [True] * (index - opened)
                opened = None
        elif opened is None:
            opened = index if _opens_quote(char, before) else None
        elif _closes_quote(char, body[index + 1] if index + 1 < len(body) else " "):
            mask[opened : index + 1] = [True] * (index + 1 - opened)
            opened = None
    if opened is not None:
        mask[opened:] = [True] * (len(body) - opened)
    return mask


def _opens_quote(char: str, before: str) -> bool:
    return char in _QUOTE_OPEN or char == '"' or (char == "‘" and not before.isalnum())


def _closes_quote(char: str, after: str) -> bool:
    return char in _QUOTE_CLOSE or char == '"' or (char == "’" and not after.isalnum())


def quoted_share(mask: list[bool], start: int, end: int, text: str) -> float:
    """Share of the non-space characters of `text` (at body[start:end]) inside quotes."""
    if True not in mask[start:end]:
        return 0.0  # most sentences quote nothing: no need to walk their characters
    letters = [
        inside for inside, char in zip(mask[start:end], text, strict=False) if not char.isspace()
    ]
    return sum(letters) / len(letters) if letters else 0.0
