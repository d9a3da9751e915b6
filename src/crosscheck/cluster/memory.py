"""A store that lives in memory: for training, evaluation and tests.

It implements the whole `Store` interface with dicts, so clustering can be run
on a labelled file without a database (eval/cluster.py, cluster.training) and
tests can use a real fake instead of mocks. Transactions are snapshots.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from crosscheck.errors import NotFoundError
from crosscheck.records import Article, ArticleFacts, CopyLink, Event, Sentence
from crosscheck.store.base import Store


class MemoryStore(Store):
    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._sentences: dict[str, list[Sentence]] = {}
        self._facts: dict[str, ArticleFacts] = {}
        self._links: dict[tuple[str, str], CopyLink] = {}
        self._events: dict[str, Event] = {}
        self._event_of: dict[str, str] = {}
        self._merged: dict[str, str] = {}
        self._constraints: list[tuple[str, str, str]] = []
        self._state: dict[str, str] = {}
        self._blobs: dict[str, bytes] = {}
        self._next_event = 1

    # ----------------------------------------------------------------- lifecycle
    @contextmanager
    def transaction(self) -> Iterator[None]:
        snapshot = copy.copy(self.__dict__)
        snapshot = {key: copy.copy(value) for key, value in snapshot.items()}
        try:
            yield
        except BaseException:
            self.__dict__.update(snapshot)
            raise

    def close(self) -> None:
        pass

    @property
    def schema_version(self) -> int:
        return 1

    # ----------------------------------------------------------------- articles
    def add_article(self, article: Article, sentences: Sequence[Sentence]) -> bool:
        if article.id in self._articles:
            return False
        self._articles[article.id] = article
        self._sentences[article.id] = list(sentences)
        return True

    def has_article(self, article_id: str) -> bool:
        return article_id in self._articles

    def get_article(self, reference: str) -> Article:
        if reference in self._articles:
            return self._articles[reference]
        matches = [
            article
            for article in self._articles.values()
            if article.id.startswith(reference) or article.source_id == reference
        ]
        if len(matches) != 1:
            raise NotFoundError("article", reference)
        return matches[0]

    def articles(self) -> Iterator[Article]:
        return iter(list(self._articles.values()))

    def article_count(self) -> int:
        return len(self._articles)

    def sentences(self, article_id: str) -> list[Sentence]:
        return list(self._sentences.get(article_id, []))

    # ----------------------------------------------------------------- derived facts
    def put_facts(self, facts: ArticleFacts) -> None:
        self._facts[facts.article_id] = facts

    def get_facts(self, article_id: str) -> ArticleFacts | None:
        return self._facts.get(article_id)

    def put_copy_links(self, links: Iterable[CopyLink]) -> None:
        for link in links:
            self._links[(link.source, link.target)] = link

    def copy_links(self, article_ids: Iterable[str] | None = None) -> list[CopyLink]:
        if article_ids is None:
            return list(self._links.values())
        wanted = set(article_ids)
        return [link for link in self._links.values() if {link.source, link.target} & wanted]

    # ----------------------------------------------------------------- events
    def save_event(self, event: Event) -> None:
        previous = self._events.get(event.id)
        if previous is not None:
            for article_id in previous.article_ids:
                if self._event_of.get(article_id) == event.id:
                    del self._event_of[article_id]
        self._events[event.id] = event
        for article_id in event.article_ids:
            self._event_of[article_id] = event.id

    def get_event(self, reference: str) -> Event:
        seen = set()
        while reference in self._merged and reference not in seen:
            seen.add(reference)
            reference = self._merged[reference]
        if reference not in self._events:
            raise NotFoundError("event", reference)
        return self._events[reference]

    def events(self) -> list[Event]:
        live = [event for event in self._events.values() if event.id not in self._merged]
        return sorted(live, key=lambda event: event.id)

    def event_of(self, article_id: str) -> str | None:
        return self._event_of.get(article_id)

    def new_event_id(self) -> str:
        event_id = f"E{self._next_event:06d}"
        self._next_event += 1
        return event_id

    def record_merge(self, absorbed: str, kept: str) -> None:
        if absorbed not in self._events:
            raise NotFoundError("event", absorbed)
        kept = self.get_event(kept).id
        self._merged[absorbed] = kept
        event = self._events.get(absorbed)
        if event is not None:
            for article_id in event.article_ids:
                if self._event_of.get(article_id) == absorbed:
                    self._event_of[article_id] = kept

    # ----------------------------------------------------------------- user constraints
    def add_constraint(self, kind: str, first: str, second: str) -> None:
        if (kind, first, second) not in self._constraints:
            self._constraints.append((kind, first, second))

    def constraints(self) -> list[tuple[str, str, str]]:
        return list(self._constraints)

    # ----------------------------------------------------------------- key-value state
    def get_state(self, key: str) -> str | None:
        return self._state.get(key)

    def set_state(self, key: str, value: str) -> None:
        self._state[key] = value

    def get_blobs(self, keys: Iterable[str]) -> dict[str, bytes]:
        return {key: value for key in keys if (value := self._blobs.get(key)) is not None}

    def set_blobs(self, values: Mapping[str, bytes]) -> None:
        self._blobs.update(values)
