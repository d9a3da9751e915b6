"""What clustering keeps of one article: hashed terms, names, numbers, dates, embedding.

A profile is built once, when the article is assigned, and persisted in the
store's state so a later process compares new articles with it without
re-reading or re-embedding the old article.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from crosscheck.cluster import text
from crosscheck.cluster.packed import (
    PACKED_FORMAT,
    PackedTerms,
    arrays_at,
    pack,
    pack_record,
    unpack,
    unpack_record,
)
from crosscheck.extract.figures import article_figures
from crosscheck.records import Article, ArticleFacts, EntityLabel

Vector = npt.NDArray[np.float32]

# An article's 200 most frequent content words carry its TF-IDF vector; the
# tail is mostly boilerplate and single mentions (cuts state size by ~half).
MAX_TERMS = 200
# Title plus the opening of the body is what the lead encoder sees (`embed_leads`,
# cut at 192 word pieces): the lead is where a news story says what happened. With
# plain MiniLM 250 characters scored as well as 600 and cost a third; the encoder
# tuned to tell events apart gains from the details further down (held-out pair AUC
# ECB+ 0.885 at 250 characters, 0.911 at 1,000; GVA 0.933 and 0.949).
LEAD_CHARACTERS = 1000
NAME_LEAD_CHARACTERS = 1000
# The people a story is about are introduced with their ages in its first paragraphs.
AGE_LEAD_CHARACTERS = 600
# A report names the day of the week its event happened on in its first sentences,
# before any later day ("robbers struck on Thursday ... police said Friday").
WEEKDAY_LEAD_CHARACTERS = 600
# Who a story is about is named in its first paragraphs; reaching further finds
# fewer look-alike reports without one (ECB+: 640 of 772 name someone by 1,000).
PEOPLE_LEAD_CHARACTERS = 1000


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    article_id: str
    title: str
    terms: Mapping[int, int]  # hashed content word -> count (`PackedTerms` when read back)
    names: frozenset[str]
    places: frozenset[str]
    numbers: frozenset[str]
    years: frozenset[int]
    day: int | None  # the event's date as an ordinal (date.toordinal), best guess
    embedding: Vector
    # How many people the article says were injured (extraction's figure), if it says:
    # incidents of one city and week differ in it more than in anything else.
    injured: int | None = None
    # The ages the title and lead give ("a 43-year-old climber"): who the story is about.
    ages: frozenset[int] = frozenset()
    # The day is one the text ties to what happened itself (ArticleFacts.event_date_tied).
    day_tied: bool = False
    # The first day of the week the title and lead name (Monday 0): "struck on Thursday".
    weekday: int | None = None
    # The surnames of the people the lead names ("Ada Renn" -> "renn"): who the story is
    # about; look-alikes share places and kinds of event, seldom their people.
    people: frozenset[str] = frozenset()

    @property
    def event_date(self) -> date | None:
        return date.fromordinal(self.day) if self.day is not None else None

    def to_bytes(self) -> bytes:
        """The binary record clustering stores (cluster/packed.py)."""
        keys = sorted(self.terms)
        counts = [self.terms[key] for key in keys]
        head = [*self._listed_fields(), len(keys), self.embedding.size]
        return pack_record(head, [[*keys, *counts], self.embedding], ["<u4", "<f2"])

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleProfile:
        head, offset = unpack_record(data)
        *fields, terms, size = head
        pairs, half = arrays_at(data, offset, [("<u4", 2 * terms), ("<f2", size)])
        return cls._from_fields(fields, terms, pairs, half)

    def to_json(self) -> str:
        """The text form stores kept before the binary record (read by a migration, tests)."""
        keys = sorted(self.terms)
        counts = [self.terms[key] for key in keys]
        packed = pack([[*keys, *counts], self.embedding], ["<u4", "<f2"])
        sizes = [len(keys), self.embedding.size]
        return json.dumps([PACKED_FORMAT, *self._listed_fields(), sizes, packed])

    def _listed_fields(self) -> list[Any]:
        return [
            self.article_id,
            self.title,
            sorted(self.names),
            sorted(self.places),
            sorted(self.numbers),
            sorted(self.years),
            self.day,
            self.injured,
            sorted(self.ages),
            self.day_tied,
            self.weekday,
            sorted(self.people),
        ]

    @classmethod
    def from_json(cls, data: str) -> ArticleProfile:
        raw = json.loads(data)
        if isinstance(raw, dict):
            return cls._from_first_encoding(raw)
        _, *fields, sizes, packed = raw
        terms, size = sizes
        pairs, half = unpack(packed, [("<u4", 2 * terms), ("<f2", size)])
        return cls._from_fields(fields, terms, pairs, half)

    @classmethod
    def _from_fields(
        cls, fields: list[Any], terms: int, pairs: npt.NDArray[Any], half: npt.NDArray[Any]
    ) -> ArticleProfile:
        # Profiles stored before the injured figure was kept have seven fields, before
        # the ages eight, before the day's tie nine, before the weekday ten, before the
        # people eleven.
        article_id, title, names, places, numbers, years, day, *rest = fields
        return cls(
            article_id=article_id,
            title=title,
            # Key order as written (sorted): event sums insert terms in this order.
            terms=PackedTerms(pairs[:terms], pairs[terms:]),
            names=frozenset(names),
            places=frozenset(places),
            numbers=frozenset(numbers),
            years=frozenset(years),
            day=day,
            embedding=half.astype(np.float32),
            injured=rest[0] if rest else None,
            ages=frozenset(rest[1]) if len(rest) > 1 else frozenset(),
            day_tied=bool(rest[2]) if len(rest) > 2 else False,
            weekday=rest[3] if len(rest) > 3 else None,
            people=frozenset(rest[4]) if len(rest) > 4 else frozenset(),
        )

    @classmethod
    def _from_first_encoding(cls, raw: dict[str, Any]) -> ArticleProfile:
        """A profile as stores written before the packed encoding hold it."""
        half = np.frombuffer(base64.b64decode(raw["embedding"]), dtype=np.float16)
        return cls(
            article_id=raw["id"],
            title=raw["title"],
            terms={int(term): int(count) for term, count in raw["terms"]},
            names=frozenset(raw["names"]),
            places=frozenset(raw["places"]),
            numbers=frozenset(raw["numbers"]),
            years=frozenset(raw["years"]),
            day=raw["day"],
            embedding=half.astype(np.float32),
            injured=raw.get("injured"),
            ages=frozenset(raw.get("ages", ())),
            day_tied=bool(raw.get("day_tied", False)),
            weekday=raw.get("weekday"),
            people=frozenset(raw.get("people", ())),
        )


def embedding_text(article: Article, characters: int = LEAD_CHARACTERS) -> str:
    """The one short text per article that gets embedded: title and lead."""
    return f"{article.title}. {article.body[:characters]}"


def build_profile(
    article: Article, facts: ArticleFacts | None, embedding: Vector
) -> ArticleProfile:
    full_text = f"{article.title}\n{article.body}"
    counts = text.term_counts(full_text)
    hashed: dict[int, int] = {}
    for word, count in counts.most_common(MAX_TERMS):
        bucket = text.stable_hash(word)
        hashed[bucket] = hashed.get(bucket, 0) + count
    found_names = text.salient_names(article.title, article.body, NAME_LEAD_CHARACTERS)
    places: set[str] = set()
    if facts is not None:
        for mention in facts.mentions:
            found_names.add(mention.normalised.lower())
            if mention.label is EntityLabel.PLACE:
                places.add(mention.normalised)
    dated_text = f"{_timestamps(article)}\n{full_text}"
    event_day = _event_day(article, facts, dated_text)
    mentioned_years = text.years(dated_text)
    if event_day is not None:
        mentioned_years.add(date.fromordinal(event_day).year)
    return ArticleProfile(
        article_id=article.id,
        title=article.title,
        terms=hashed,
        names=frozenset(found_names),
        places=frozenset(places),
        numbers=frozenset(text.numbers(full_text)),
        years=frozenset(mentioned_years),
        day=event_day,
        embedding=np.asarray(embedding, dtype=np.float32),
        injured=article_figures(facts).injured if facts is not None else None,
        ages=frozenset(text.ages(f"{article.title}\n{article.body[:AGE_LEAD_CHARACTERS]}")),
        day_tied=facts is not None and facts.event_date is not None and facts.event_date_tied,
        weekday=text.first_weekday(f"{article.title}\n{article.body[:WEEKDAY_LEAD_CHARACTERS]}"),
        people=_lead_people(facts),
    )


def _lead_people(facts: ArticleFacts | None) -> frozenset[str]:
    """Surnames of the people named in full in the lead (a lone "Smith" may be anyone's)."""
    if facts is None:
        return frozenset()
    return frozenset(
        words[-1]
        for mention in facts.mentions
        if mention.label is EntityLabel.PERSON and mention.span.start < PEOPLE_LEAD_CHARACTERS
        if len(words := mention.normalised.lower().split()) > 1
    )


def _timestamps(article: Article) -> str:
    """Date lines the cleaner set aside ("May 03, 2013"): not story, but they date it.

    ECB+ articles carry no publication date; a third of them open with such a
    line, and the year is what tells two look-alike events apart.
    """
    return "\n".join(span.text for span in article.removed if span.reason == "timestamp")


def _event_day(article: Article, facts: ArticleFacts | None, dated_text: str) -> int | None:
    """Extraction's event date, else the publication date, else a date in the text."""
    if facts is not None and facts.event_date is not None:
        return facts.event_date.toordinal()
    if article.published is not None:
        return article.published.date().toordinal()
    found = text.first_full_date(dated_text)
    return found.toordinal() if found is not None else None


def sublinear(count: float) -> float:
    """1 + log(tf): a word said ten times is not ten times the evidence."""
    return 1.0 + math.log(count) if count > 0 else 0.0


# `sublinear` of the counts below 1024, for arrays of counts: `np.log` may round
# differently from `math.log` (it does for 9170 and 7 more counts below 200k),
# and an article says hardly any word more often.
_SUBLINEARS = np.array([sublinear(count) for count in range(1024)])


def sublinears(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """`sublinear` of each whole count: the very same floats."""
    if counts.size and (counts.min() < 0 or counts.max() >= _SUBLINEARS.size):
        return np.array([sublinear(count) for count in counts.tolist()], dtype=np.float64)
    looked_up: npt.NDArray[np.float64] = _SUBLINEARS[counts]
    return looked_up
