"""How alike an article and an event are, as a few numbers a learned model weighs.

Each feature compares the new article with the event's centroid and with its
closest member (an event drifts: a trial report months later resembles the
arrest report more than the average of all coverage).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TypeVar

import numpy as np

from crosscheck.cluster.profile import ArticleProfile, sublinear
from crosscheck.cluster.stats import DocFreq, EventProfile, name_key
from crosscheck.cluster.text import is_year
from crosscheck.extract.numbers import UNITS

FEATURES = (
    "embedding_max",
    "embedding_centroid",
    "tfidf_max",
    "tfidf_centroid",
    "names_max",
    "names_in_event",
    "names_centroid",
    "numbers_shared",
    "day_gap",
    "undated",
    "year_clash",
    "year_agreement",
    "event_size",
    "injured_clash",
    "title_numbers_clash",
    "ages_clash",
    "tied_day_far",
    "weekday_clash",
    "people_clash",
)

SparseVector = dict[int, float]
_Given = TypeVar("_Given")  # what a clash compares: ages, surnames, headline figures

# Sums run over dicts built from sets of names, whose order changes with
# Python's per-process string hashing; math.fsum is exact, so the features
# (and every decision made on them) are the same in every process.


def _normalised(vector: SparseVector) -> SparseVector:
    norm = math.sqrt(math.fsum(value * value for value in vector.values()))
    return {key: value / norm for key, value in vector.items()} if norm > 0 else {}


def _dot(first: SparseVector, second: SparseVector) -> float:
    # Only shared keys contribute, and fsum is exact, so summing over the key
    # intersection (found in C) gives the very same float as summing over all keys.
    # The intersection copies its left side's keys first: the smaller one goes there.
    if len(first) > len(second):
        first, second = second, first
    return math.fsum([first[key] * second[key] for key in first.keys() & second.keys()])


class Comparer:
    """Feature rows for (article, event) pairs under given frequencies: the definition.

    Each feature is computed plainly, one pair at a time. The linker runs
    `rows.FeatureRows`, which lays the same work out for speed and gives the very
    same floats; tests/test_cluster_rows.py holds it to this form.
    """

    def __init__(self, frequencies: DocFreq) -> None:
        self.frequencies = frequencies

    def tfidf(self, profile: ArticleProfile) -> SparseVector:
        idf = self.frequencies.idf
        return _normalised(
            {key: sublinear(count) * idf(key) for key, count in profile.terms.items()}
        )

    def name_weights(self, profile: ArticleProfile) -> SparseVector:
        idf = self.frequencies.idf
        return {name_key(name): idf(name_key(name)) for name in profile.names}

    def event_tfidf(self, event: EventProfile) -> SparseVector:
        idf = self.frequencies.idf
        return _normalised({key: value * idf(key) for key, value in event.terms.items()})

    def event_names(self, event: EventProfile) -> SparseVector:
        """The event's names weighted by how many members name them."""
        idf = self.frequencies.idf
        return {name_key(n): count * idf(name_key(n)) for n, count in event.names.items()}

    def features(
        self, article: ArticleProfile, event: EventProfile, members: Sequence[ArticleProfile]
    ) -> list[float]:
        """One row in the order of FEATURES; `members` are the event members compared."""
        vector = self.tfidf(article)
        names = self.name_weights(article)
        name_total = math.fsum(names.values())
        shared_in_event = math.fsum(
            names.get(name_key(name), 0.0) for name in article.names if event.names[name]
        )
        nearest = (
            min((abs(article.day - day) for day in event.days), default=None)
            if article.day is not None
            else None
        )
        event_names = self.event_names(event)
        return [
            max((float(article.embedding @ m.embedding) for m in members), default=0.0),
            float(article.embedding @ event.unit_centroid()),
            max((_dot(vector, self.tfidf(m)) for m in members), default=0.0),
            _dot(vector, self.event_tfidf(event)),
            max((_name_cosine(names, self.name_weights(m)) for m in members), default=0.0),
            shared_in_event / name_total if name_total > 0 else 0.0,
            _name_cosine(names, event_names) if event_names else 0.0,
            math.log1p(max((len(article.numbers & m.numbers) for m in members), default=0)),
            math.log1p(nearest) if nearest is not None else 0.0,
            0.0 if nearest is not None else 1.0,
            1.0 if years_clash(article, event) else 0.0,
            year_agreement(article_year(article), main_year(event.years)),
            math.log1p(len(event.members)),
            injured_clash(article, members),
            title_numbers_clash(article, members),
            ages_clash(article, members),
            tied_day_far(article, nearest),
            weekday_clash(article, members),
            people_clash(article, members),
        ]


def injured_clash(article: ArticleProfile, members: Sequence[ArticleProfile]) -> float:
    """1 when the article gives an injured figure, members compared give some, and none
    of theirs is the article's; else 0 (one agreeing member is enough: figures update).

    Shootings of one city and week differ in how many were hurt ("four injured" beside
    "two wounded"); the dead tell less, as a victim who dies later changes the toll
    within one incident (a killed-figure clash trained beside it got next to no weight).
    """
    if article.injured is None:
        return 0.0
    stated = {m.injured for m in members if m.injured is not None}
    return 1.0 if stated and article.injured not in stated else 0.0


# A figure in a headline: "4", "31-24", "5.6" (not inside a word or a longer number).
TITLE_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:-\d+)?(?!\w)")
# Headlines spell small tolls out ("Two dead, three hurt"); as figures they meet "2 dead".
TITLE_NUMBER_WORDS = {word: str(value) for word, value in UNITS.items() if 1 <= value <= 12}
TITLE_NUMBER_WORD_RE = re.compile(rf"\b(?:{'|'.join(TITLE_NUMBER_WORDS)})\b", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def title_numbers(title: str) -> frozenset[str]:
    """The figures a title gives, digits or words, years left out (an anniversary is no clash)."""
    digits = {n for n in TITLE_NUMBER_RE.findall(title) if not is_year(n)}
    spelled = {TITLE_NUMBER_WORDS[w.lower()] for w in TITLE_NUMBER_WORD_RE.findall(title)}
    return frozenset(digits | spelled)


def title_numbers_clash(article: ArticleProfile, members: Sequence[ArticleProfile]) -> float:
    """1 when the article's title and the members' titles give figures and share none.

    Look-alike events are told apart in their headlines by their figures: a score
    ("Harriers beat Owls 31-24" beside "Harriers edge Kestrels 20-13"), a magnitude, a toll.
    """
    return _shares_none(title_numbers(article.title), (title_numbers(m.title) for m in members))


def ages_clash(article: ArticleProfile, members: Sequence[ArticleProfile]) -> float:
    """1 when the article's lead and the members' leads give ages and share none.

    Ages say who a story is about where names do not separate look-alikes: the
    19-year-old shot outside the Marlow depot on Friday is not the 41-year-old shot there
    on Sunday; a champion is 29 at one title defence and 33 at another.
    """
    return _shares_none(article.ages, (m.ages for m in members))


def weekday_clash(article: ArticleProfile, members: Sequence[ArticleProfile]) -> float:
    """1 when the article's lead and the members' leads name a day of the week and no
    member's is the article's; else 0.

    Look-alikes a year or more apart read the same, and an undated report gives no year:
    the day of the week still tells them apart ("robbers struck on Thursday" is not the
    Monday ram raid on the same street). Coverage that runs over several days names
    several, so one member naming the article's day is enough.
    """
    if article.weekday is None:
        return 0.0
    theirs = {m.weekday for m in members if m.weekday is not None}
    return 1.0 if theirs and article.weekday not in theirs else 0.0


def people_clash(article: ArticleProfile, members: Sequence[ArticleProfile]) -> float:
    """1 when the article's lead and the members' leads name people and share no
    surname; else 0.

    Look-alikes share a place, a kind of event, often officials' titles, but seldom
    the people they are about (the climber who fell this year is not last year's).
    Reports of one event quote different people too, so one member naming one of the
    article's people is enough.
    """
    return _shares_none(article.people, (m.people for m in members))


def _shares_none(own: frozenset[_Given], theirs: Iterable[frozenset[_Given]]) -> float:
    """1 when the article gives some, the members give some, and none of theirs is
    the article's; else 0. The members' sets are only read when the article gives some."""
    if not own:
        return 0.0
    given = frozenset().union(*theirs)
    return 1.0 if given and own.isdisjoint(given) else 0.0


# A month: further from every day of the event than its own coverage runs.
FAR_DAYS = 30


def tied_day_far(article: ArticleProfile, nearest_gap: int | None) -> float:
    """1 when the article dates what happened itself more than FAR_DAYS from every day of
    the event (`nearest_gap`: days to the nearest, None when either side is undated).

    A report a year on about the trial is dated by its news ("was sentenced Tuesday") and
    belongs to the attack; a report of "yesterday's explosion" at the same depot a year
    on is another explosion. The day gap alone cannot tell them apart.
    """
    return 1.0 if article.day_tied and nearest_gap is not None and nearest_gap > FAR_DAYS else 0.0


def _name_cosine(first: SparseVector, second: SparseVector) -> float:
    # The numerator squares `first`'s weights (an article's idf weights are the same
    # as a member's, not an event's count-weighted ones); the link model is trained
    # on exactly this, so it stays until the model is retrained.
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    shared = math.fsum([first[key] * first[key] for key in smaller.keys() & larger.keys()])
    norms = math.sqrt(
        math.fsum([w * w for w in first.values()]) * math.fsum([w * w for w in second.values()])
    )
    return shared / norms if norms > 0 else 0.0


def main_year(years: Mapping[int, int]) -> int | None:
    """The most counted year, the latest of equals; None without years."""
    return max(years, key=lambda year: (years[year], year)) if years else None


def article_year(article: ArticleProfile) -> int | None:
    """The year of the article's event date, else the latest year it mentions."""
    event_date = article.event_date
    if event_date is not None:
        return event_date.year
    return max(article.years) if article.years else None


def year_agreement(own: int | None, main: int | None) -> float:
    """+1 when the article's year is the event's main year, -1 when another, 0 unknown."""
    if own is None or main is None:
        return 0.0
    return 1.0 if own == main else -1.0


def years_clash(article: ArticleProfile, event: EventProfile) -> bool:
    """Both mention years and none in common: an anniversary, not the same event."""
    return bool(article.years) and bool(event.years) and article.years.isdisjoint(event.years)


@dataclass(frozen=True, slots=True)
class LinkModel:
    """Logistic regression over FEATURES: P(article belongs to event)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float  # join the best event at or above this probability
    merge_threshold: float = 1.0  # an article this sure of two events merges them

    def probability(self, row: Sequence[float]) -> float:
        score = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        scores = rows @ np.asarray(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(scores, -50, 50))))

    @classmethod
    def from_json(cls, data: str) -> LinkModel:
        raw = json.loads(data)
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"link model features {raw['features']} do not match {FEATURES}")
        weights = tuple(float(raw["weights"][name]) for name in FEATURES)
        merge = float(raw.get("merge_threshold", 1.0))
        return cls(weights, float(raw["bias"]), float(raw["threshold"]), merge)

    @classmethod
    def shipped(cls) -> LinkModel:
        """The model trained by `eval/cluster.py --train` (see data/link_model.json)."""
        path = resources.files("crosscheck.cluster") / "data" / "link_model.json"
        return cls.from_json(path.read_text(encoding="utf-8"))
