"""Quantities in an article's title, read with headline grammar.

Headlines state the toll most plainly ("2 killed, 3 hurt in ...") but drop the
articles that `victims` relies on: "Teen shot by cousin dies", "Kannapolis officer's
son killed", "15-Year-Old Shot and Killed". So a title is read as a sentence, and
then every bare singular person or age ("teen", "15-year-old") tied to an outcome
the way a counted noun is ("son killed", "man shot in leg") is one victim more.
Quote marks are blanked first ("Teen 'accidentally' shot"), keeping the length so
that spans still index the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from crosscheck.extract.area_totals import mark_area_totals
from crosscheck.extract.besides_dead import mark_others_hurt
from crosscheck.extract.counted_nouns import quantity_at
from crosscheck.extract.numbers import Amount, word_value
from crosscheck.extract.outcomes import TOLL_CUES, outcome_after, outcome_before
from crosscheck.extract.quantities import sentence_quantities
from crosscheck.extract.victims import PLURAL_PERSONS, SINGULAR_PERSONS
from crosscheck.records import Bound, Quantity, Sentence, Span

# The title is read as a sentence of its own, numbered before the body's first.
TITLE_SENTENCE = -1
VICTIM_OUTCOMES = frozenset({"killed", "injured", "shot"})
QUOTE_MARK_RE = re.compile(r"(?<![\w])['‘’\"“”]|['‘’\"“”](?![\w])")
SINGLE_QUOTES = "'‘’"
_AGE = r"(?:\d{1,2}|[a-z]+)-(?:year|month)s?-old"
BARE_VICTIM_RE = re.compile(
    rf"\b(?:{SINGULAR_PERSONS}|toddler|infant|baby|{_AGE})(?=\s)", re.IGNORECASE
)
SHOOTING_SUSPECT_RE = re.compile(r"\bshooting\s+(?:suspect|gunman|shooter)$", re.IGNORECASE)
# "4 Women, Man Shot", "3 adults, 5 minors shot", "Woman, 1-year-old boy wounded":
# headlines list victims with commas where prose would write "and".
_COUNT = r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten"
_PERSON = rf"(?:{SINGULAR_PERSONS}|{PLURAL_PERSONS}|minors|toddler|infant|baby)"
_LISTED = (
    rf"(?:(?:{_COUNT})\s+)?(?:[\w'’-]+\s+){{0,2}}?"
    rf"(?:{_AGE}(?:\s+{_PERSON})?|{_PERSON}(?:\s+{_PERSON})?)\b"
)
LISTED_RE = re.compile(_LISTED, re.IGNORECASE)
HEADLINE_LIST_RE = re.compile(rf"{_LISTED}(?:(?:,\s*|,?\s+(?:and|&)\s+){_LISTED})+", re.IGNORECASE)
# A count, not an age: "5-year-old girl, woman shot" is two people.
COUNT_RE = re.compile(rf"(?:{_COUNT})\b(?![-\s](?:year|month|week|day)s?[-\s])", re.IGNORECASE)


def title_sentence(article_id: str, title: str) -> Sentence:
    """The title as a sentence numbered before the body's first, quote marks blanked
    ("Teen 'accidentally' shot") with the length kept, so that spans index the title."""
    text = blank_quote_marks(title)
    return Sentence(article_id, TITLE_SENTENCE, Span(0, len(text)), text, TITLE_SENTENCE)


def blank_quote_marks(title: str) -> str:
    """The title with its quote marks blanked, but not a plural possessive's apostrophe
    ("Presidents' Day", "the Owls' coach": after an "s", with no single quote open)."""
    blanked = list(title)
    quote_open = False
    for match in QUOTE_MARK_RE.finditer(title):
        at = match.start()
        closing = bool(re.match(r"\w", title[at - 1 : at]))
        if match.group(0) in SINGLE_QUOTES:
            if not closing:
                quote_open = True
            elif quote_open:
                quote_open = False
            elif title[at - 1] in "sS":
                continue
        blanked[at] = " "
    return "".join(blanked)


def title_quantities(article_id: str, title: str) -> list[Quantity]:
    """The amounts in a title ("2 killed, 3 hurt in ..."); spans index the title."""
    sentence = title_sentence(article_id, title)
    text = sentence.text
    lists = list(_headline_lists(sentence))
    found = [q for q in sentence_quantities(sentence) if not _overlaps(q, lists)]
    found += lists
    bare = [q for q in _bare_victims(sentence) if not _overlaps(q, found)]
    ordered = sorted(found + bare, key=lambda quantity: quantity.span.start)
    return mark_area_totals(text, mark_others_hurt(sentence, ordered))


def _headline_lists(sentence: Sentence) -> Iterator[Quantity]:
    """ "3 adults, 5 minors shot": eight people shot."""
    if not TOLL_CUES.in_text(sentence.text):
        return  # VICTIM_OUTCOMES are TOLL_CUES' outcomes: no list could be read
    for match in HEADLINE_LIST_RE.finditer(sentence.text):
        outcome = outcome_after(sentence.text, match.end(), passive_only=True)
        if outcome in VICTIM_OUTCOMES:
            count = float(sum(_listed_count(item) for item in LISTED_RE.findall(match[0])))
            amount = Amount(match.start(), match.end(), match[0], count, count, count, Bound.EXACT)
            yield quantity_at(sentence, amount, match.end(), "people", outcome, "people")


def _listed_count(item: str) -> int:
    count = COUNT_RE.match(item)
    return int(word_value(count[0]) or 1) if count else 1


def _bare_victims(sentence: Sentence) -> Iterator[Quantity]:
    """ "Teen shot", "son killed", "Shooting Death of 1-Year-Old": one victim each."""
    for match in BARE_VICTIM_RE.finditer(sentence.text):
        if SHOOTING_SUSPECT_RE.search(sentence.text[: match.end()]):
            continue  # "church shooting suspect caught": the suspect of a shooting
        outcome = outcome_before(sentence.text, match.start()) or outcome_after(
            sentence.text, match.end(), passive_only=True
        )
        if outcome in VICTIM_OUTCOMES:
            amount = Amount(match.start(), match.end(), match[0], 1.0, 1.0, 1.0, Bound.EXACT)
            yield quantity_at(sentence, amount, match.end(), "people", outcome, "people")


def _overlaps(candidate: Quantity, others: Sequence[Quantity]) -> bool:
    return any(
        candidate.span.start < other.span.end and other.span.start < candidate.span.end
        for other in others
    )
