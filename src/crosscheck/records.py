"""The records that pass between stages: frozen, typed, and traceable.

Every record a stage derives names the article it came from and, where it rests
on words, the sentence index and the character span inside the article body
(`Article.body`, paragraphs joined by a blank line), so any figure on screen can
be traced back to the words that support it.

Stages never exchange open dicts; the store and the exports convert these
records to and from plain JSON values in one place (`crosscheck.codec`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

PARAGRAPH_SEPARATOR = "\n\n"


class DatePrecision(StrEnum):
    """How much of a date or time is actually known."""

    UNKNOWN = "unknown"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"
    SECOND = "second"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range `[start, end)` in an article body."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")


# --------------------------------------------------------------------------- read


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    `origin` says where it came from for error messages ("seeds/001.txt",
    "feed.jsonl:12", "<stdin>"). Exactly one of `text` and `html` is the main
    content; the other is None.
    """

    source_id: str
    origin: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input item set aside, with a one-line reason naming it."""

    origin: str
    reason: str

    def message(self) -> str:
        return f"{self.origin}: {self.reason}"


# --------------------------------------------------------------------------- clean

# The position of a removed span that was the record's title field, not a line of its text.
TITLE_POSITION = -1


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """Text the cleaner dropped as not part of the story, and why."""

    text: str
    reason: str  # e.g. "newsletter", "donation", "read-more", "caption", "contact"
    position: int  # index of the line in the raw text it came from; TITLE_POSITION: the title


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. `id` is the content hash of the normalised body."""

    id: str
    source_id: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime | None = None
    published_precision: DatePrecision = DatePrecision.UNKNOWN
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    removed: tuple[RemovedSpan, ...] = ()

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int
    span: Span
    text: str
    paragraph: int


# --------------------------------------------------------------------------- copies


class CopyKind(StrEnum):
    EXACT = "exact"
    NEAR = "near"
    PARAPHRASE = "paraphrase"
    QUOTE_REUSE = "quote-reuse"


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Evidence for a copy link: sentence `source` of the original reused as `target`."""

    source_sentence: int
    target_sentence: int
    score: float
    kind: CopyKind


@dataclass(frozen=True, slots=True)
class CopyLink:
    """`source` article was copied or rewritten into `target` article.

    `directed` is False when the evidence cannot tell who copied whom (same
    publication time, no containment); the pair is then ordered by id.
    """

    source: str
    target: str
    kind: CopyKind
    score: float
    directed: bool
    direction_evidence: tuple[str, ...] = ()
    sentence_pairs: tuple[SentencePair, ...] = ()


@dataclass(frozen=True, slots=True)
class Reprint:
    """Another outlet's record of a stored article's very text (a verbatim wire pickup).

    The store keeps one article per text (its id is the text's hash), under the
    first record read; each other outlet that ran the same text, under its own
    headline, URL and date, is kept as a reprint of it. A reprint is a copy: it
    is shown as who carried the story, never counted as an independent report.
    """

    article_id: str  # the stored article whose text it is
    source_id: str
    outlet: str
    title: str
    published: datetime | None = None
    url: str | None = None


# --------------------------------------------------------------------------- extract


class EntityLabel(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    WEAPON = "weapon"
    UNIT = "unit"


@dataclass(frozen=True, slots=True)
class Mention:
    article_id: str
    sentence: int
    span: Span
    text: str
    label: EntityLabel
    normalised: str


class Bound(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at-least"  # "at least", "over", "more than"
    AT_MOST = "at-most"  # "up to", "fewer than"
    ABOUT = "about"  # "about", "nearly", "some", "approximately"
    RANGE = "range"  # "between 10 and 12", "10-12"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted or measured amount: `low`..`high` is the interval the words allow."""

    article_id: str
    sentence: int
    span: Span
    text: str
    value: float
    low: float
    high: float
    bound: Bound
    unit: str  # normalised: "people", "km", "mi", "hour", "usd" ...
    counts: str  # "killed", "injured", "missing", "displaced", "distance", ...
    whose: str | None = None  # "civilians", "servicemen", "children", "people" ...
    converted: tuple[tuple[str, float], ...] = ()  # e.g. (("km", 19.3),) for miles


@dataclass(frozen=True, slots=True)
class TimeRef:
    article_id: str
    sentence: int
    span: Span
    text: str
    start: date | None
    end: date | None
    anchor: str  # "published", "explicit", "unresolved"
    precision: DatePrecision = DatePrecision.DAY


class SpeechMode(StrEnum):
    DIRECT = "direct"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Quote:
    article_id: str
    sentence: int
    span: Span
    speaker: str | None
    text: str
    mode: SpeechMode
    cue: str
    via: tuple[str, ...] = ()  # source chain: ("emergency services source", "TASS")


class Hedge(StrEnum):
    CONFIRMED = "confirmed"
    ASSERTED = "asserted"  # stated plainly, no hedge either way
    CLAIMED = "claimed"
    ALLEGED = "alleged"
    UNVERIFIED = "unverified"
    CONDITIONAL = "conditional"
    DENIED = "denied"


class Slot(StrEnum):
    CASUALTIES = "casualties"
    WEAPON = "weapon"
    PERPETRATOR = "perpetrator"
    TARGET = "target"
    LOCATION = "location"
    DISTANCE = "distance"
    TIME = "time"
    PRECEDENT = "precedent"
    STATEMENT = "statement"


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing an article states about its event, with who it says says so."""

    article_id: str
    sentence: int
    span: Span
    slot: Slot
    value: str
    text: str
    scope: str | None = None  # "injured servicemen", "Belgorod-Kharkiv" ...
    unit: str | None = None
    bound: Bound | None = None
    low: float | None = None
    high: float | None = None
    attribution: tuple[str, ...] = ()  # source chain, nearest first
    hedge: Hedge = Hedge.ASSERTED


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where an article's event happened: a town, with its state or country when known."""

    town: str
    region: str | None = None
    # The strongest evidence for the town: "dateline", "town-region" ("Marlow, Ore."),
    # "police" ("Marlow police said"), "in", "modifier", "named", "hometown", "mentioned".
    evidence: str = ""

    @property
    def label(self) -> str:
        return f"{self.town}, {self.region}" if self.region else self.town


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """All that extraction found in one article."""

    article_id: str
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    event_date: date | None = None  # the article's best guess at when its event happened
    # Quantities read in the article's title ("2 killed, 3 hurt in ..."): sentence -1,
    # spans index Article.title, not the body.
    title_quantities: tuple[Quantity, ...] = ()
    # Whether event_date is a date the text ties to what happened itself ("yesterday's
    # explosion"), not the news ("was sentenced Tuesday"), a fallback or the publication.
    event_date_tied: bool = False
    # The town where the event happened, as the dateline, the lead or the title say it.
    event_place: EventPlace | None = None


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    start: date | None
    end: date | None
    article_ids: tuple[str, ...]
    places: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    merged_into: str | None = None


class PlacementKind(StrEnum):
    JOINED = "joined"  # the link model put it in its most probable candidate event
    OPENED = "opened"  # no candidate was probable enough: it opened a new event
    TOGETHER = "together"  # a user's merge put it beside an article it must stay with


@dataclass(frozen=True, slots=True)
class Signal:
    """One number the link model weighed (cluster/features.py FEATURES)."""

    name: str
    value: float


@dataclass(frozen=True, slots=True)
class Placement:
    """How the clusterer placed an article when it arrived, and why.

    `event_id` is the event it was put in then; a later merge or split moves the
    article on (the store's event membership is the current truth), this stays
    the record of the decision. `best_event` is the most probable candidate (the
    one joined, or the one that fell short of `threshold`), `runner_up` the next.
    """

    article_id: str
    event_id: str
    kind: PlacementKind
    threshold: float  # the link probability a candidate needed
    best_event: str | None = None
    best_probability: float | None = None
    runner_up: str | None = None
    runner_up_probability: float | None = None
    merged: tuple[str, ...] = ()  # events this article bridged, merged into `event_id`
    signals: tuple[Signal, ...] = ()  # the model's inputs for `best_event`


class Verdict(StrEnum):
    AGREED = "agreed"
    DISPUTED = "disputed"
    SINGLE_SOURCE = "single-source"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class ClaimValue:
    value: str
    unit: str | None
    bound: Bound | None
    article_ids: tuple[str, ...]
    attributions: tuple[str, ...]
    hedges: tuple[Hedge, ...]
    outlets: tuple[str, ...] = ()
    independent_count: int = 0  # independent reports behind this value (copies count once)


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    slot: Slot
    scope: str | None
    values: tuple[ClaimValue, ...]
    verdict: Verdict
    independent_count: int
    why: str = ""


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did; the CLI prints it and derives the exit status from it."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0  # records whose text was stored already (or earlier in the run)
    skipped: tuple[Rejected, ...] = field(default=())
    reprints: int = 0  # of the duplicates, those kept as another outlet's reprint
    # Stored articles whose lead vectors a new lead encoder made again (`cluster.reembed`).
    reembedded: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped
