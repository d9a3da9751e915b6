"""Running statistics clustering keeps: document frequencies and event profiles.

Document frequencies live in a fixed-size hashed table, so IDF can be updated
incrementally without a vocabulary and without refitting: its size never grows
with the store. An event profile is the running sum of its members' signals.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from crosscheck.cluster.packed import (
    PACKED_FORMAT,
    Arrays,
    Layout,
    PackedTerms,
    arrays_at,
    pack,
    pack_record,
    unpack,
    unpack_record,
)
from crosscheck.cluster.profile import ArticleProfile, Vector, sublinear
from crosscheck.cluster.text import stable_hash

# Term sums kept per event: enough for the centroid cosine, bounded in size.
MAX_EVENT_TERMS = 400
# A member must be this much closer to the centroid to take over naming the event,
# so that arithmetic noise (bfloat16 vs float32 embeddings differ by ~1e-5) cannot
# rename it; a real change of centre moves cosines by hundredths.
CENTRAL_MARGIN = 1e-3


def name_key(name: str) -> int:
    """Names share the hashed frequency table with words, under their own prefix."""
    return stable_hash("name:" + name)


class DocFreq:
    """How many stored articles contain each (hashed) word or name."""

    def __init__(self, bits: int, documents: int = 0, counts: npt.NDArray[np.uint32] | None = None):
        self.mask = (1 << bits) - 1
        self.documents = documents
        self.counts = counts if counts is not None else np.zeros(1 << bits, dtype=np.uint32)
        # IDF by frequency (NaN: not computed yet); `add` changes them all, so drops it.
        self._idf_table: npt.NDArray[np.float64] | None = None

    def add(self, profile: ArticleProfile) -> None:
        self.documents += 1
        self._idf_table = None
        keys = [*profile.terms, *(name_key(name) for name in profile.names)]
        buckets = np.unique(np.asarray(keys, dtype=np.int64) & self.mask)
        self.counts[buckets] += 1

    def idf(self, key: int) -> float:
        return self._idf_of_frequency(int(self.counts[key & self.mask]))

    def _idf_of_frequency(self, frequency: int) -> float:
        return math.log((self.documents + 1) / (frequency + 1)) + 1.0

    def idfs(self, keys: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """`idf` of each key, the same floats: one `math.log` per distinct frequency.

        An event's or article's few hundred terms share a few dozen frequencies,
        and `np.log` may round differently from `math.log`, so the logs are taken
        one by one and kept in a table by frequency.
        """
        frequencies = self.counts[keys & self.mask]
        table = self._idf_table
        if table is None:
            table = self._idf_table = np.full(int(self.counts.max()) + 1, np.nan)
        found: npt.NDArray[np.float64] = table[frequencies]
        missing = np.isnan(found)
        if missing.any():
            new = np.unique(frequencies[missing]).tolist()
            table[new] = [self._idf_of_frequency(frequency) for frequency in new]
            found = table[frequencies]
        return found

    def to_json(self) -> str:
        packed = zlib.compress(self.counts.tobytes(), level=1)
        return json.dumps(
            {
                "bits": int(self.mask).bit_length(),
                "documents": self.documents,
                "counts": base64.b64encode(packed).decode("ascii"),
            }
        )

    @classmethod
    def from_json(cls, data: str) -> DocFreq:
        raw = json.loads(data)
        counts = np.frombuffer(zlib.decompress(base64.b64decode(raw["counts"])), dtype=np.uint32)
        return cls(int(raw["bits"]), int(raw["documents"]), counts.copy())


@dataclass(slots=True)
class EventProfile:
    """Running sums over an event's members, persisted beside the event."""

    event_id: str
    members: list[str] = field(default_factory=list)
    centroid: Vector = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    # hashed word -> sum of its members' sublinear counts (`PackedTerms` when read
    # back, until the event changes)
    terms: Mapping[int, float] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    days: list[int] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    central: str | None = None  # the member closest to the centroid: it names the event
    central_embedding: Vector | None = None
    # Members that joined only just (ClusterSettings.vouch_probability): still members,
    # counted in every sum, but later articles are not compared with them one by one.
    unvouched: set[str] = field(default_factory=set)
    # Counts changes in this process (never stored): what `cluster.rows` derives
    # from the sums holds while this stays the same, so every mutation bumps it.
    changes: int = field(default=0, repr=False, compare=False)

    def add(self, profile: ArticleProfile, vouches: bool = True) -> None:
        if profile.article_id in self.members:
            return
        self.changes += 1
        self.members.append(profile.article_id)
        if not vouches:
            self.unvouched.add(profile.article_id)
        if self.centroid.size == 0:
            self.centroid = np.zeros_like(profile.embedding)
        self.centroid = self.centroid + profile.embedding
        terms = self._own_terms()
        for term, count in profile.terms.items():
            terms[term] = terms.get(term, 0.0) + sublinear(count)
        if len(terms) > MAX_EVENT_TERMS * 2:
            self.terms = dict(Counter(terms).most_common(MAX_EVENT_TERMS))
        self.names.update(profile.names)
        self.places.update(profile.places)
        self.years.update(profile.years)
        if profile.day is not None:
            self.days.append(profile.day)
        self.titles[profile.article_id] = profile.title
        self._update_central(profile)

    def has_member(self, article_id: str) -> bool:
        return article_id in self.members

    def absorb(self, other: EventProfile) -> None:
        """Take in another event's members and sums (an online merge)."""
        self.changes += 1
        moved = [member for member in other.members if member not in self.members]
        self.members.extend(moved)
        if self.centroid.size == 0:
            self.centroid = other.centroid.copy()
        elif other.centroid.size:
            self.centroid = self.centroid + other.centroid
        terms = self._own_terms()
        for term, value in other.terms.items():
            terms[term] = terms.get(term, 0.0) + value
        self.names.update(other.names)
        self.places.update(other.places)
        self.years.update(other.years)
        self.days.extend(other.days)
        self.titles.update(other.titles)
        self.unvouched.update(other.unvouched)
        challenger = other.central_embedding
        if challenger is not None and self._closer(
            challenger, self.central_embedding, self.unit_centroid()
        ):
            self.central, self.central_embedding = other.central, challenger

    def _own_terms(self) -> dict[int, float]:
        """The term sums as a dict this profile may change (a stored one arrives packed)."""
        terms = self.terms
        if not isinstance(terms, dict):
            terms = self.terms = dict(terms.items())
        return terms

    def _update_central(self, newcomer: ArticleProfile) -> None:
        centroid = self.unit_centroid()
        if self._closer(newcomer.embedding, self.central_embedding, centroid):
            self.central, self.central_embedding = newcomer.article_id, newcomer.embedding

    @staticmethod
    def _closer(challenger: Vector, held: Vector | None, centroid: Vector) -> bool:
        if held is None:
            return True
        return float(challenger @ centroid) > float(held @ centroid) + CENTRAL_MARGIN

    @property
    def title(self) -> str:
        return self.titles.get(self.central or "", "")

    def unit_centroid(self) -> Vector:
        norm = float(np.linalg.norm(self.centroid))
        return self.centroid / norm if norm > 0 else self.centroid

    def to_bytes(self) -> bytes:
        """The binary record clustering stores (cluster/packed.py)."""
        head = [*self._listed_fields(), self._sizes()]
        return pack_record(head, self._arrays(), _EVENT_DTYPES)

    @staticmethod
    def unvouched_in(data: bytes) -> list[str]:
        """The members a stored record says do not vouch, read from its head alone: the
        views ask for nothing else, of every event at once in an export."""
        head, _ = unpack_record(data)
        *fields, _sizes = head
        return _unvouched_field(fields)

    @classmethod
    def from_bytes(cls, data: bytes) -> EventProfile:
        head, offset = unpack_record(data)
        *fields, sizes = head
        return cls._from_fields(fields, sizes, arrays_at(data, offset, _event_layout(sizes)))

    def to_json(self) -> str:
        """The text form stores kept before the binary record (read by a migration, tests)."""
        packed = pack(self._arrays(), _EVENT_DTYPES)
        return json.dumps([PACKED_FORMAT, *self._listed_fields(), self._sizes(), packed])

    def _listed_fields(self) -> list[Any]:
        return [
            self.event_id,
            self.members,
            dict(self.names),
            dict(self.places),
            list(self.years.items()),
            self.days,
            self.titles,
            self.central,
            sorted(self.unvouched),
        ]

    def _sizes(self) -> list[int]:
        central = self.central_embedding
        return [self.centroid.size, central.size if central is not None else -1, len(self.terms)]

    def _arrays(self) -> list[Any]:
        keys = sorted(self.terms)
        central = self.central_embedding
        held = central if central is not None else np.zeros(0, dtype=np.float32)
        return [self.centroid, held, keys, [round(self.terms[key], 4) for key in keys]]

    @classmethod
    def from_json(cls, data: str) -> EventProfile:
        raw = json.loads(data)
        if isinstance(raw, dict):
            return cls._from_first_encoding(raw)
        _, *fields, sizes, packed = raw
        return cls._from_fields(fields, sizes, unpack(packed, _event_layout(sizes)))

    @classmethod
    def _from_fields(cls, fields: list[Any], sizes: list[int], arrays: Arrays) -> EventProfile:
        event_id, members, names, places, years, days, titles, central, *_ = fields
        centroid, held, keys, values = arrays
        return cls(
            event_id=event_id,
            members=members,
            centroid=centroid.astype(np.float32),
            # Key order as written (sorted): trimming keeps the first of equal sums.
            terms=PackedTerms(keys, values),
            names=Counter(names),
            places=Counter(places),
            years=Counter(dict(years)),
            days=days,
            titles=titles,
            central=central,
            central_embedding=held.astype(np.float32) if sizes[1] >= 0 else None,
            unvouched=set(_unvouched_field(fields)),
        )

    @classmethod
    def _from_first_encoding(cls, raw: dict[str, Any]) -> EventProfile:
        """An event profile as stores written before the packed encoding hold it."""
        return cls(
            event_id=raw["id"],
            members=list(raw["members"]),
            centroid=_decode_or_empty(raw["centroid"]),
            terms={int(key): float(value) for key, value in raw["terms"]},
            names=Counter(raw["names"]),
            places=Counter(raw["places"]),
            years=Counter({int(year): count for year, count in raw["years"].items()}),
            days=list(raw["days"]),
            titles=dict(raw["titles"]),
            central=raw["central"],
            central_embedding=_decode(raw["central_embedding"]),
        )


_EVENT_DTYPES = ["<f4", "<f4", "<u4", "<f8"]  # centroid, central embedding, term keys, sums
# Where `_listed_fields` puts the members that do not vouch.
_UNVOUCHED_FIELD = 8


def _unvouched_field(fields: list[Any]) -> list[str]:
    """The members a record's fields say do not vouch; records stored before members
    could go unvouched stop short of the field (eight fields): none."""
    return list(fields[_UNVOUCHED_FIELD]) if len(fields) > _UNVOUCHED_FIELD else []


def _event_layout(sizes: list[int]) -> Layout:
    centroid_size, central_size, terms = sizes
    counts = [centroid_size, max(central_size, 0), terms, terms]
    return list(zip(_EVENT_DTYPES, counts, strict=True))


def rebuild_event(event_id: str, members: list[ArticleProfile]) -> EventProfile:
    """A fresh profile from member profiles (after a user's merge or split): every
    member vouches for it, as the user has placed them all."""
    event = EventProfile(event_id)
    for member in members:
        event.add(member)
    return event


def _decode(data: str | None) -> Vector | None:
    if data is None:
        return None
    return np.frombuffer(base64.b64decode(data), dtype=np.float32).copy()


def _decode_or_empty(data: str | None) -> Vector:
    decoded = _decode(data)
    return decoded if decoded is not None else np.zeros(0, dtype=np.float32)
