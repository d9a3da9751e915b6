"""A fictional event, built as records, shared by the corroboration and dossier tests.

Everything here is invented: the town of Varnhollow, the city of Castel, the
outlets and the people. Four articles report a fuel-depot blast:

- `wire-1`   Northwire (a wire agency), first out;
- `clarion`  Daily Clarion, a rewrite of `wire-1` (one independent report with it);
- `harbour`  Harbour Times, its own reporting: a different distance, a "first" attack;
- `ledger`   Eastern Ledger, a day later: a "second" attack, the mayor's revised
  figure, a denial of the garrison statement.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from datetime import UTC, date, datetime

import numpy as np
import numpy.typing as npt

from crosscheck.corroborate.text import words
from crosscheck.records import (
    Article,
    ArticleFacts,
    Bound,
    Claim,
    CopyKind,
    CopyLink,
    DatePrecision,
    EntityLabel,
    Event,
    Hedge,
    Mention,
    Placement,
    PlacementKind,
    Quantity,
    Quote,
    SentencePair,
    Slot,
    Span,
    SpeechMode,
    TimeRef,
)


def make_article(source_id: str, outlet: str, published: datetime, *paragraphs: str) -> Article:
    body_hash = hashlib.sha256("\n\n".join(paragraphs).encode()).hexdigest()[:16]
    return Article(
        id=body_hash,
        source_id=source_id,
        title=paragraphs[0].split(".")[0],
        paragraphs=tuple(paragraphs),
        published=published,
        published_precision=DatePrecision.MINUTE,
        outlet=outlet,
    )


def span_of(article: Article, text: str) -> Span:
    start = article.body.index(text)
    return Span(start, start + len(text))


def make_claim(article: Article, text: str, slot: Slot, value: str, **fields: object) -> Claim:
    """A claim on the sentence `text` of `article` (its span found in the body)."""
    sentence = article.body[: article.body.index(text)].count(". ")
    return Claim(article.id, sentence, span_of(article, text), slot, value, text, **fields)  # type: ignore[arg-type]


def fake_embedder(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Hashed bag of words, unit length: a deterministic stand-in for the model.

    Texts sharing most of their words score high, as paraphrases would."""
    vectors = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in words(text):
            if word not in {"the", "a", "did", "not", "n't", "to"}:
                vectors[row, zlib.crc32(word.encode()) % 64] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _at(day: int, hour: int) -> datetime:
    return datetime(2031, 5, day, hour, 0, tzinfo=UTC)


WIRE = make_article(
    "wire-1",
    "Northwire",
    _at(3, 9),
    "Blast hits fuel depot near Varnhollow. A fuel depot near Varnhollow exploded overnight, "
    "about 30 miles from Castel.",
    "The depot lies 8 km from the border. Three firefighters were injured, a fire service "
    "source told Northwire. Blogger Tomas Reyl claimed a drone hit the depot, which could not "
    "be verified. The depot supplied fuel to the Castel garrison.",
    'Mayor Ilsa Brant said: "No residents were hurt. The fire is under control."',
)
CLARION = make_article(
    "clarion",
    "Daily Clarion",
    _at(3, 11),
    "Dramatic blast rocks Varnhollow fuel depot. A huge fuel depot near Varnhollow blew up "
    "overnight in a terrifying fireball, about 30 miles from Castel.",
    "Three firefighters were hurt, according to a fire service source quoted by Northwire. "
    "The so-called regime in Castel has said nothing.",
    'Mayor Ilsa Brant said: "No residents were hurt." [Watch the video] <b>exclusive</b>',
)
HARBOUR = make_article(
    "harbour",
    "Harbour Times",
    _at(3, 15),
    "Varnhollow depot fire is first attack of its kind. The depot at Varnhollow, about 40 miles "
    "from Castel, burned through the night.",
    "It sits 5 miles from the border. It was the first attack on the region since the spring. "
    "Tomas Reyl, a blogger, claimed a drone was used. The depot provided fuel to the garrison "
    "in Castel.",
)
LEDGER = make_article(
    "ledger",
    "Eastern Ledger",
    _at(4, 8),
    "Mayor revises Varnhollow injury count. Two residents were treated for smoke, Mayor Ilsa "
    "Brant said on Sunday.",
    "The blast was the second attack on the region this year. Officials said the depot did not "
    "supply fuel to the garrison.",
)
ARTICLES = (WIRE, CLARION, HARBOUR, LEDGER)

EVENT = Event(
    id="E000042",
    title="Fuel depot blast near Varnhollow",
    start=date(2031, 5, 2),
    end=date(2031, 5, 3),
    article_ids=tuple(article.id for article in ARTICLES),
    places=("Varnhollow", "Castel"),
    entities=("Ilsa Brant", "Tomas Reyl"),
)

COPY_LINK = CopyLink(
    source=WIRE.id,
    target=CLARION.id,
    kind=CopyKind.PARAPHRASE,
    score=0.91,
    directed=True,
    direction_evidence=("earlier publication",),
    sentence_pairs=(
        SentencePair(1, 1, 0.93, CopyKind.PARAPHRASE),
        SentencePair(4, 2, 0.88, CopyKind.PARAPHRASE),
    ),
)
# Both quote the mayor: quote reuse, which must not join two independent reports.
QUOTE_LINK = CopyLink(HARBOUR.id, LEDGER.id, CopyKind.QUOTE_REUSE, 0.8, False)
LINKS = (COPY_LINK, QUOTE_LINK)

# How clustering placed them: the wire report opened the event, the Clarion and the
# Harbour joined it; the Ledger's placement was never recorded (a store older than
# placements), which the dossier shows as "-".
PLACEMENTS = (
    Placement(WIRE.id, EVENT.id, PlacementKind.OPENED, 0.3),
    Placement(CLARION.id, EVENT.id, PlacementKind.JOINED, 0.3, EVENT.id, 0.97),
    Placement(HARBOUR.id, EVENT.id, PlacementKind.JOINED, 0.3, EVENT.id, 0.81, "E000040", 0.12),
)

SOURCE = ("fire service source", "Northwire")


def _wire_facts() -> ArticleFacts:
    a = WIRE
    return ArticleFacts(
        a.id,
        mentions=(
            Mention(
                a.id, 0, span_of(a, "Varnhollow"), "Varnhollow", EntityLabel.PLACE, "Varnhollow"
            ),
            Mention(
                a.id, 6, span_of(a, "Ilsa Brant"), "Ilsa Brant", EntityLabel.PERSON, "Ilsa Brant"
            ),
        ),
        times=(
            TimeRef(
                a.id, 1, span_of(a, "overnight"), "overnight", date(2031, 5, 2), None, "published"
            ),
        ),
        quantities=(
            Quantity(
                a.id,
                1,
                span_of(a, "about 30 miles"),
                "about 30 miles",
                30,
                27,
                33,
                Bound.ABOUT,
                "mi",
                "distance",
            ),
        ),
        quotes=(
            Quote(
                a.id,
                6,
                span_of(a, "No residents were hurt. The fire is under control."),
                "Ilsa Brant",
                "No residents were hurt. The fire is under control.",
                SpeechMode.DIRECT,
                "said",
            ),
        ),
        claims=(
            make_claim(
                a,
                "about 30 miles from Castel",
                Slot.DISTANCE,
                "30",
                scope="Varnhollow-Castel",
                unit="mi",
                bound=Bound.ABOUT,
            ),
            make_claim(
                a,
                "The depot lies 8 km from the border",
                Slot.DISTANCE,
                "8",
                scope="Varnhollow-border",
                unit="km",
                bound=Bound.EXACT,
            ),
            make_claim(
                a,
                "Three firefighters were injured",
                Slot.CASUALTIES,
                "3",
                scope="injured firefighters",
                unit="people",
                attribution=SOURCE,
            ),
            make_claim(
                a,
                "Blogger Tomas Reyl claimed a drone hit the depot",
                Slot.WEAPON,
                "drone",
                attribution=("Tomas Reyl",),
                hedge=Hedge.UNVERIFIED,
            ),
            make_claim(
                a,
                "The depot supplied fuel to the Castel garrison",
                Slot.STATEMENT,
                "The depot supplied fuel to the Castel garrison",
            ),
            make_claim(
                a,
                "No residents were hurt",
                Slot.CASUALTIES,
                "0",
                scope="injured residents",
                unit="people",
                attribution=("Mayor Ilsa Brant",),
            ),
        ),
        event_date=date(2031, 5, 2),
    )


def _clarion_facts() -> ArticleFacts:
    a = CLARION
    return ArticleFacts(
        a.id,
        quotes=(
            Quote(
                a.id,
                5,
                span_of(a, "No residents were hurt."),
                "Brant",
                "No residents were hurt.",
                SpeechMode.DIRECT,
                "said",
            ),
        ),
        claims=(
            make_claim(
                a,
                "about 30 miles from Castel",
                Slot.DISTANCE,
                "30",
                scope="Castel-Varnhollow",
                unit="mi",
                bound=Bound.ABOUT,
            ),
            make_claim(
                a,
                "Three firefighters were hurt",
                Slot.CASUALTIES,
                "3",
                scope="firefighters injured",
                unit="people",
                attribution=SOURCE,
            ),
            make_claim(
                a,
                "No residents were hurt",
                Slot.CASUALTIES,
                "0",
                scope="injured residents",
                unit="people",
                attribution=("Ilsa Brant",),
            ),
        ),
    )


def _harbour_facts() -> ArticleFacts:
    a = HARBOUR
    return ArticleFacts(
        a.id,
        claims=(
            make_claim(
                a,
                "about 40 miles from Castel",
                Slot.DISTANCE,
                "40",
                scope="Varnhollow-Castel",
                unit="mi",
                bound=Bound.ABOUT,
            ),
            make_claim(
                a,
                "It sits 5 miles from the border",
                Slot.DISTANCE,
                "5",
                scope="Varnhollow-border",
                unit="mi",
                bound=Bound.EXACT,
            ),
            make_claim(
                a, "It was the first attack on the region since the spring", Slot.PRECEDENT, "first"
            ),
            make_claim(
                a,
                "Tomas Reyl, a blogger, claimed a drone was used",
                Slot.WEAPON,
                "drone",
                attribution=("Tomas Reyl",),
                hedge=Hedge.CLAIMED,
            ),
            make_claim(
                a,
                "The depot provided fuel to the garrison in Castel",
                Slot.STATEMENT,
                "The depot provided fuel to the garrison in Castel",
            ),
        ),
    )


def _ledger_facts() -> ArticleFacts:
    a = LEDGER
    return ArticleFacts(
        a.id,
        claims=(
            make_claim(
                a,
                "Two residents were treated for smoke",
                Slot.CASUALTIES,
                "2",
                scope="injured residents",
                unit="people",
                attribution=("Ilsa Brant",),
            ),
            make_claim(
                a,
                "The blast was the second attack on the region this year",
                Slot.PRECEDENT,
                "second",
            ),
            make_claim(
                a,
                "the depot did not supply fuel to the garrison",
                Slot.STATEMENT,
                "the depot did not supply fuel to the garrison",
                attribution=("officials",),
            ),
        ),
    )


def event_facts() -> tuple[ArticleFacts, ...]:
    return (_wire_facts(), _clarion_facts(), _harbour_facts(), _ledger_facts())


def test_fixture_claims_rest_on_their_own_words() -> None:
    for article, facts in zip(ARTICLES, event_facts(), strict=True):
        for claim in facts.claims:
            assert article.body[claim.span.start : claim.span.end] == claim.text
