"""The one store interface; `SqliteStore` and `PostgresStore` implement it.

Every write method is safe to call again with the same records (ingest is
idempotent), and writes made inside `with store.transaction():` land together
or not at all, so a failed batch never leaves half an ingest behind.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from base64 import b64decode, b64encode
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from crosscheck.codec import from_json, to_json
from crosscheck.records import (
    Article,
    ArticleFacts,
    CopyLink,
    Event,
    Placement,
    Reprint,
    Sentence,
)

_SIGNATURES_KEY = "store.signatures"
_REPRINTS_KEY = "store.reprints"
_UNDATED = datetime.min.replace(tzinfo=UTC)
_BLOB_PREFIX = "store.blob/"
_PLACEMENT_PREFIX = "store.placement/"


class Store(ABC):
    # ----------------------------------------------------------------- lifecycle
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together; an exception rolls them all back."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def schema_version(self) -> int: ...

    # ----------------------------------------------------------------- articles
    @abstractmethod
    def add_article(self, article: Article, sentences: Sequence[Sentence]) -> bool:
        """Store an article and its sentences; False when its id is already stored."""

    def add_articles(self, items: Iterable[tuple[Article, Sequence[Sentence]]]) -> list[bool]:
        """`add_article` for many at once, in one transaction; a flag per item, in order.

        An id repeated within `items` is stored once (True for its first item only).
        Implementations override this with a bulk insert.
        """
        with self.transaction():
            return [self.add_article(article, sentences) for article, sentences in items]

    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        """The ids among `article_ids` that are stored (one query where the store can)."""
        return {article_id for article_id in article_ids if self.has_article(article_id)}

    @abstractmethod
    def get_article(self, reference: str) -> Article:
        """By id, source id, a reprint's source id, or unique id prefix; NotFoundError."""

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The articles with exactly these ids, in that order; NotFoundError for a missing one.

        The copy stage and the dossier read whole events: one query for all of
        them instead of one per article (bench/pipeline.py).
        """
        return [self.get_article(article_id) for article_id in article_ids]

    @abstractmethod
    def articles(self) -> Iterator[Article]:
        """All articles in ingest order."""

    @abstractmethod
    def article_count(self) -> int: ...

    @abstractmethod
    def sentences(self, article_id: str) -> list[Sentence]: ...

    def sentences_of(self, article_ids: Iterable[str]) -> dict[str, list[Sentence]]:
        """`sentences` of many articles at once, keyed by article id."""
        return {article_id: self.sentences(article_id) for article_id in article_ids}

    # ----------------------------------------------------------------- derived facts
    @abstractmethod
    def put_facts(self, facts: ArticleFacts) -> None:
        """Replace what extraction found for one article."""

    def put_many_facts(self, items: Iterable[ArticleFacts]) -> None:
        """`put_facts` for a batch (one statement where the store can); the last of an id wins."""
        with self.transaction():
            for facts in items:
                self.put_facts(facts)

    @abstractmethod
    def get_facts(self, article_id: str) -> ArticleFacts | None: ...

    def get_many_facts(self, article_ids: Iterable[str]) -> dict[str, ArticleFacts]:
        """The stored facts of those articles that have some, keyed by article id."""
        return {
            article_id: facts
            for article_id in article_ids
            if (facts := self.get_facts(article_id)) is not None
        }

    @abstractmethod
    def put_copy_links(self, links: Iterable[CopyLink]) -> None:
        """Insert or replace links, keyed by (source, target)."""

    @abstractmethod
    def copy_links(self, article_ids: Iterable[str] | None = None) -> list[CopyLink]:
        """Links touching any of the given articles (all links when None)."""

    def put_signature(
        self, article_id: str, published: datetime | None, digest: str, data: bytes
    ) -> None:
        """Keep an article's document fingerprint (MinHash signature and exact-text digest).

        This default keeps them in the key-value state (fine for small fakes);
        SqlStore has a table of its own.
        """
        listed = json.loads(self.get_state(_SIGNATURES_KEY) or "[]")
        entry = [
            article_id,
            published.isoformat() if published else None,
            digest,
            b64encode(data).decode(),
        ]
        self.set_state(
            _SIGNATURES_KEY, json.dumps([e for e in listed if e[0] != article_id] + [entry])
        )

    def put_signatures(self, items: Iterable[tuple[str, datetime | None, str, bytes]]) -> None:
        """`put_signature` for a batch of (article id, published, digest, signature bytes)."""
        with self.transaction():
            for article_id, published, digest, data in items:
                self.put_signature(article_id, published, digest, data)

    def signatures(self) -> Iterator[tuple[str, datetime | None, str, bytes]]:
        """(article id, published, digest, signature bytes) in ingest order."""
        for article_id, published, digest, data in json.loads(
            self.get_state(_SIGNATURES_KEY) or "[]"
        ):
            when = datetime.fromisoformat(published) if published else None
            yield article_id, when, digest, b64decode(data)

    # ----------------------------------------------------------------- reprints
    def add_reprints(self, reprints: Iterable[Reprint]) -> None:
        """Keep other outlets' records of stored texts (`crosscheck.copies.reprints`).

        Keyed by (article id, source id): the last of a key wins. This default
        keeps them in the key-value state (fine for small fakes); SqlStore has a
        table.
        """
        listed = {
            (item["article_id"], item["source_id"]): item
            for item in json.loads(self.get_state(_REPRINTS_KEY) or "[]")
        }
        for reprint in reprints:
            listed[(reprint.article_id, reprint.source_id)] = to_json(reprint)
        self.set_state(_REPRINTS_KEY, json.dumps(list(listed.values())))

    def reprints(self, article_ids: Iterable[str] | None = None) -> list[Reprint]:
        """The reprints of those articles (all when None), in `reprint_order`."""
        wanted = None if article_ids is None else set(article_ids)
        found = [
            from_json(Reprint, item)
            for item in json.loads(self.get_state(_REPRINTS_KEY) or "[]")
            if wanted is None or item["article_id"] in wanted
        ]
        return sorted(found, key=reprint_order)

    # ----------------------------------------------------------------- events
    @abstractmethod
    def save_event(self, event: Event) -> None:
        """Insert or replace an event and set its member articles."""

    @abstractmethod
    def get_event(self, reference: str) -> Event:
        """By id (following recorded merges to the surviving event); NotFoundError."""

    @abstractmethod
    def events(self) -> list[Event]:
        """Live events (not merged away), oldest id first."""

    @abstractmethod
    def event_of(self, article_id: str) -> str | None: ...

    @abstractmethod
    def new_event_id(self) -> str:
        """A fresh id, never handed out before in this store ("E000001")."""

    @abstractmethod
    def record_merge(self, absorbed: str, kept: str) -> None:
        """Remember that `absorbed` now lives on as `kept` (old ids keep resolving)."""

    def put_placements(self, placements: Iterable[Placement]) -> None:
        """Keep how clustering placed articles (records.Placement); the last of an article wins.

        This default keeps them in the key-value state, one key per article (fine
        for small fakes); SqlStore has a table.
        """
        self.set_states(
            {_PLACEMENT_PREFIX + p.article_id: json.dumps(to_json(p)) for p in placements}
        )

    def placements(self, article_ids: Iterable[str] | None = None) -> dict[str, Placement]:
        """The recorded placements of those articles (all when None), keyed by article id."""
        if article_ids is None:
            article_ids = [article.id for article in self.articles()]
        found = self.get_states(_PLACEMENT_PREFIX + article_id for article_id in article_ids)
        return {
            key[len(_PLACEMENT_PREFIX) :]: from_json(Placement, json.loads(value))
            for key, value in found.items()
        }

    # ----------------------------------------------------------------- user constraints
    @abstractmethod
    def add_constraint(self, kind: str, first: str, second: str) -> None:
        """Persist a user decision between two articles: kind "together" or "apart"."""

    @abstractmethod
    def constraints(self) -> list[tuple[str, str, str]]: ...

    # ----------------------------------------------------------------- key-value state
    @abstractmethod
    def get_state(self, key: str) -> str | None:
        """Small named values a stage keeps between runs (index snapshots, settings)."""

    def get_states(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored values of those `keys` that have one, in one round trip where possible.

        Clustering reads dozens of profiles per article; one query for all of them
        keeps the cost per article flat as the store grows (bench/cluster.py).
        """
        return {key: value for key in keys if (value := self.get_state(key)) is not None}

    @abstractmethod
    def set_state(self, key: str, value: str) -> None: ...

    def set_states(self, values: Mapping[str, str]) -> None:
        """`set_state` for many keys at once (one statement where the store can)."""
        for key, value in values.items():
            self.set_state(key, value)

    def get_blobs(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Binary values (clustering's packed records) of those `keys` that have one.

        They are kept apart from the text values; this default keeps them as
        base64 text under a prefix of their own (fine for small fakes), SqlStore
        has a binary table.
        """
        texts = self.get_states(_BLOB_PREFIX + key for key in keys)
        return {key[len(_BLOB_PREFIX) :]: b64decode(value) for key, value in texts.items()}

    def set_blobs(self, values: Mapping[str, bytes]) -> None:
        """`get_blobs`' writes, many keys at once."""
        self.set_states({_BLOB_PREFIX + k: b64encode(v).decode() for k, v in values.items()})


def reprint_order(reprint: Reprint) -> tuple[str, bool, datetime, str]:
    """By article, earliest published first (undated last, no offset read as UTC), then source."""
    published = reprint.published or _UNDATED
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return reprint.article_id, reprint.published is None, published, reprint.source_id
