"""Claims: what each sentence states about the event, with its source and hedge.

Claims are built from what the other extractors found in the sentence: casualty
and distance quantities, weapons, perpetrators ("fired by the 19th missile
brigade"), targets ("arms depot"), places and dates in sentences that tell the
event, precedents ("the first time"), and direct quotes as statements. The
attribution is the source chain of the quote the words sit in, or of the
reported speech ("according to ...", "X told Y") in the same sentence, nearest
first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from crosscheck.extract.numbers import UNBOUNDED
from crosscheck.records import (
    Claim,
    EntityLabel,
    Hedge,
    Mention,
    Quantity,
    Quote,
    Sentence,
    Slot,
    Span,
    SpeechMode,
    TimeRef,
)

CASUALTY_COUNTS = frozenset({"killed", "injured", "shot", "missing", "displaced", "casualties"})
EVENT_RE = re.compile(
    r"\b(?:explosions?|exploded|blasts?|struck|strikes?|hit|attack(?:ed|s)?|shell(?:ed|ing)|shot"
    r"|shooting|fired|killed|injured|wounded|bombed|destroyed|took place|occurred|happened"
    r"|fires?)\b",
    re.IGNORECASE,
)
PERPETRATOR_RE = re.compile(
    r"\b(?:fired|launched|carried out|bombed|struck|hit|attacked|shelled|destroyed|shot)\s+by\s+"
    r"(?:an?\s+|the\s+)?(?P<who>[^,.;]+)",
    re.IGNORECASE,
)
TARGET_RE = re.compile(
    r"\b(?P<target>(?:(?:arms|ammunition|weapons|fuel|oil|military|army|temporary|air)\s+){0,2}"
    r"(?:depot|warehouse|encampment|camp|airbase|airfield|air base|barracks|base|refinery"
    r"|checkpoint|substation))\b",
    re.IGNORECASE,
)
PRECEDENT_RE = re.compile(
    r"\b(?P<ordinal>first|second|third|fourth)\s+(?:time|(?:\w+\s+){0,2}?(?:strike|attack)|to hit)",
    re.IGNORECASE,
)
PHRASE_END_RE = re.compile(
    r"\s+(?:on|in|at|near|from|after|before|when|with|and|which|that|who|last|this)\b",
    re.IGNORECASE,
)
# "from the border", "from the Russian-Ukrainian border", "from the Lesovian frontier"
BORDER_RE = re.compile(
    r"\W*(?:away\s+)?from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:border|frontier)\b", re.IGNORECASE
)
# "from Tolvagrad", "from the regional capital Tolvagrad": lower-case words, then a name.
NAMED_FROM_RE = re.compile(
    r"\W*(?:away\s+)?from\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)"
)
# More than a day before the event date: "yesterday" in a story filed the next
# morning is still the event itself.
EARLIER_GAP = timedelta(days=1)
OTHER_DAY_RE = re.compile(
    r"\b(?P<gap>(?:a|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?|months?))\s+"
    r"(?P<side>after|before)\b",
    re.IGNORECASE,
)
GENERIC_SOURCES = frozenset({"source", "a source", "sources", "reports"})
STATEMENT_CHARS = 300


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """Everything the extractors found in one sentence, for claim building."""

    sentence: Sentence
    mentions: Sequence[Mention]
    quantities: Sequence[Quantity]
    times: Sequence[TimeRef]
    quotes: Sequence[Quote]  # direct quotes covering it and reported speech inside it
    hedge: Hedge
    # How often each place is named in the whole article: the article's main place
    # is the likeliest start of a distance whose sentence names several.
    article_places: Mapping[str, int] = field(default_factory=dict)
    # The article's own event date: figures told of an earlier day ("two were hurt
    # last week") belong to another incident and must not dispute this one's.
    event_date: date | None = None


def attribution(span: Span, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """The source chain for words at `span`: the quote holding them, else the nearest."""
    holding = [q for q in quotes if q.span.start <= span.start and span.end <= q.span.end + 1]
    if holding:
        return _chain(holding[0])
    if not quotes:
        return ()
    nearest = min(
        quotes, key=lambda q: min(abs(q.span.start - span.end), abs(span.start - q.span.end))
    )
    chain = list(_chain(nearest))
    for quote in quotes:
        chain += [
            name for name in _chain(quote) if name not in chain and name not in GENERIC_SOURCES
        ]
    return tuple(chain)


def _chain(quote: Quote) -> tuple[str, ...]:
    return quote.via or ((quote.speaker,) if quote.speaker else ())


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _claim(facts: SentenceFacts, slot: Slot, value: str, span: Span, **extra: object) -> Claim:
    sentence = facts.sentence
    return Claim(
        article_id=sentence.article_id,
        sentence=sentence.index,
        span=span,
        slot=slot,
        value=value,
        text=sentence.text,
        attribution=attribution(span, facts.quotes),
        hedge=facts.hedge,
        **extra,  # type: ignore[arg-type]
    )


def _quantity_claims(facts: SentenceFacts) -> Iterator[Claim]:
    for quantity in facts.quantities:
        high = None if quantity.high >= UNBOUNDED else quantity.high
        if quantity.counts in CASUALTY_COUNTS:
            yield _claim(
                facts,
                Slot.CASUALTIES,
                _number(quantity.value),
                quantity.span,
                scope=f"{quantity.counts} {quantity.whose or 'people'}"
                f"{_earlier_incident(facts, quantity)}",
                unit="people",
                bound=quantity.bound,
                low=quantity.low,
                high=high,
            )
        elif quantity.counts == "distance":
            yield _claim(
                facts,
                Slot.DISTANCE,
                _number(quantity.value),
                quantity.span,
                scope=_distance_scope(facts, quantity),
                unit=quantity.unit,
                bound=quantity.bound,
                low=quantity.low,
                high=high,
            )


def _earlier_incident(facts: SentenceFacts, quantity: Quantity) -> str:
    """A scope suffix when the figure is told of another, earlier incident.

    Either the sentence is dated well before the article's event ("two were hurt
    last week"), or the figure sits in a clause that the sentence places days away
    from the story ("comes a day after strikes that killed 39").
    """
    offset = quantity.span.start - facts.sentence.span.start
    relative = OTHER_DAY_RE.search(facts.sentence.text)
    if relative is not None and relative.end() <= offset:
        # "The blast came 14 months after an explosion that killed three": the figure
        # is the other incident's, which came 14 months before this one.
        if relative["side"].lower() == "after":
            return f", earlier incident ({relative['gap']} before)"
        return f", later incident ({relative['gap']} after)"
    if facts.event_date is None:
        return ""
    ends = [ref.end or ref.start for ref in facts.times]
    earlier = [end for end in ends if end is not None and end < facts.event_date - EARLIER_GAP]
    return f", earlier incident ({max(earlier).isoformat()})" if earlier else ""


def _distance_scope(facts: SentenceFacts, quantity: Quantity) -> str | None:
    """Between what and what: "village-border", "Belgorod-Kharkiv"."""
    text, offset = facts.sentence.text, facts.sentence.span.start
    after = text[quantity.span.end - offset :]
    places = [m for m in facts.mentions if m.label is EntityLabel.PLACE]
    later = [m for m in places if m.span.start >= quantity.span.end]
    to = (
        "border"
        if BORDER_RE.match(after)
        else (later[0].normalised if later and re.match(r"\W*(?:away\s+)?from\b", after) else None)
    )
    if to is None and (named := NAMED_FROM_RE.match(after)):
        to = named["name"]  # a place the gazetteer does not know: take the name as written
    if to is None:
        return None
    if to == "border" and re.search(r"\b(?:village|settlement)\b", text, re.IGNORECASE):
        return f"village-{to}"
    # The measured-from place is rarely just the nearest name: "Belgorod ... in its
    # invasion of Ukraine; it is about 50 miles from Kharkiv" measures Belgorod, and
    # "a depot near Belgorod, in the settlement of X, about 40 miles from Kharkiv"
    # is read by other outlets as Belgorod-Kharkiv too. So among the places before
    # the figure that are not countries, take the one the article names most
    # (the nearest on a tie), and fall back to the nearest place of any kind.
    from crosscheck.extract.gazetteer import load_gazetteer

    countries = load_gazetteer().countries
    earlier = [m for m in places if m.span.end <= quantity.span.start]
    specific = [m for m in earlier if m.normalised not in countries]
    counts = facts.article_places
    ranked = sorted(enumerate(specific), key=lambda p: (counts.get(p[1].normalised, 0), p[0]))
    anchor = ranked[-1][1] if ranked else (earlier[-1] if earlier else None)
    return f"{anchor.normalised}-{to}" if anchor else to


def _event_claims(facts: SentenceFacts) -> Iterator[Claim]:
    text = facts.sentence.text
    if not EVENT_RE.search(text):
        return
    weapons = [m for m in facts.mentions if m.label is EntityLabel.WEAPON]
    if weapons:
        weapon = max(weapons, key=lambda m: len(m.normalised))
        yield _claim(facts, Slot.WEAPON, weapon.normalised, weapon.span)
    for place in _event_places(facts.mentions):
        yield _claim(facts, Slot.LOCATION, place.normalised, place.span)
    for ref in facts.times:
        if ref.start is not None:
            value = ref.start.isoformat()
            if ref.end is not None and ref.end != ref.start:
                value = f"{value}/{ref.end.isoformat()}"
            yield _claim(facts, Slot.TIME, value, ref.span)
    yield from _pattern_claims(facts)


def _event_places(mentions: Sequence[Mention]) -> list[Mention]:
    from crosscheck.extract.gazetteer import load_gazetteer

    countries = load_gazetteer().countries
    places = [m for m in mentions if m.label is EntityLabel.PLACE]
    specific = [m for m in places if m.normalised not in countries]
    seen: set[str] = set()
    unique = []
    for mention in specific:
        if mention.normalised not in seen:
            seen.add(mention.normalised)
            unique.append(mention)
    return unique


def _span_of(facts: SentenceFacts, match: re.Match[str], group: str) -> Span:
    offset = facts.sentence.span.start
    return Span(offset + match.start(group), offset + match.end(group))


def _pattern_claims(facts: SentenceFacts) -> Iterator[Claim]:
    text = facts.sentence.text
    for match in PERPETRATOR_RE.finditer(text):
        span = _span_of(facts, match, "who")
        units = [
            m
            for m in facts.mentions
            if m.label is EntityLabel.UNIT and span.start <= m.span.start < span.end
        ]
        who = units[0].normalised if units else _perpetrator_phrase(match["who"], span, facts)
        if who:
            yield _claim(facts, Slot.PERPETRATOR, who, span)
    for match in TARGET_RE.finditer(text):
        target = re.sub(r"^(?:temporary)\s+", "", match["target"].lower())
        yield _claim(facts, Slot.TARGET, target, _span_of(facts, match, "target"))
    for match in PRECEDENT_RE.finditer(text):
        yield _claim(
            facts, Slot.PRECEDENT, match["ordinal"].lower(), _span_of(facts, match, "ordinal")
        )


def _perpetrator_phrase(phrase: str, span: Span, facts: SentenceFacts) -> str | None:
    """Who did it, without the trailing time or place, or the weapon named with it."""
    words = PHRASE_END_RE.split(phrase)[0].strip()
    weapons = [
        m
        for m in facts.mentions
        if m.label is EntityLabel.WEAPON and span.start <= m.span.start < span.end
    ]
    if weapons:
        words = facts.sentence.text[
            span.start - facts.sentence.span.start : weapons[0].span.start
            - facts.sentence.span.start
        ].strip()
    return " ".join(words.split()[:5]) or None


def _statement_claims(facts: SentenceFacts) -> Iterator[Claim]:
    for quote in facts.quotes:
        if quote.mode is SpeechMode.DIRECT and quote.sentence == facts.sentence.index:
            yield _claim(facts, Slot.STATEMENT, quote.text[:STATEMENT_CHARS], quote.span)


def sentence_claims(facts: SentenceFacts) -> list[Claim]:
    return [*_quantity_claims(facts), *_event_claims(facts), *_statement_claims(facts)]
