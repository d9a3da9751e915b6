"""`SqlStore`: the one implementation of `Store`, on any SQLAlchemy engine we support.

The store holds one connection. Every method runs inside a transaction: its own
when called alone, or the caller's `with store.transaction():`, which it joins;
so a batch of writes commits together and an exception rolls all of it back.
Every value is a bound parameter; no SQL is built from strings.

One store object is for one thread; processes and threads open their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from crosscheck.codec import from_json, to_json
from crosscheck.errors import NotFoundError, StoreError
from crosscheck.records import (
    Article,
    ArticleFacts,
    CopyLink,
    Event,
    Placement,
    Reprint,
    Sentence,
)
from crosscheck.store import schema
from crosscheck.store.base import Store, reprint_order
from crosscheck.store.dialects import Dialect, dialect_of
from crosscheck.store.events import EventBook, chunks
from crosscheck.store.keyvalue import KeyValueBook
from crosscheck.store.migrations import MIGRATIONS, Migration, migrate
from crosscheck.store.rows import (
    article_from_row,
    article_row,
    link_from_row,
    link_row,
    sentence_from_row,
    sentence_row,
)

# An id prefix shorter than this is too likely to match by accident (git uses 7).
MIN_PREFIX = 6
# Articles are streamed in pages of this many, so `articles()` never holds the table.
PAGE = 500
CONSTRAINT_KINDS = ("together", "apart")

_articles = schema.articles
_sentences = schema.sentences
_links = schema.copy_links


class _ReadsById:
    """Whole-event reads (copy stage, dossier) that name their rows by id.

    Built once per store, with the list of ids bound the dialect's way as one
    parameter (`Dialect.is_listed`), as the key-value reads are: SQLAlchemy then
    compiles each statement once.
    """

    def __init__(self, dialect: Dialect) -> None:
        def named(column: sa.Column[str]) -> sa.ColumnElement[bool]:
            return dialect.is_listed(column, "ids")

        self._listed = dialect.listed
        self.article_ids = sa.select(_articles.c.id).where(named(_articles.c.id))
        self.articles = sa.select(_articles).where(named(_articles.c.id))
        self.sentences = (
            sa.select(_sentences)
            .where(named(_sentences.c.article_id))
            .order_by(_sentences.c.article_id, _sentences.c.idx)
        )
        facts = schema.facts
        self.facts = sa.select(facts.c.article_id, facts.c.data).where(named(facts.c.article_id))
        self.reprints = sa.select(schema.reprints).where(named(schema.reprints.c.article_id))
        self.placements = sa.select(schema.placements).where(named(schema.placements.c.article_id))

    def ids(self, chunk: Sequence[str]) -> dict[str, Any]:
        """The parameters that name these ids."""
        return {"ids": self._listed(list(chunk))}


class SqlStore(Store):
    def __init__(self, engine: Engine, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        self._engine = engine
        self._dialect = dialect_of(engine)
        self.where = engine.url.render_as_string(hide_password=True)
        try:
            self._connection = engine.connect()
        except SQLAlchemyError as error:
            engine.dispose()
            raise StoreError(f"cannot open the store {self.where}: {_first_line(error)}") from error
        self._events = EventBook(self._connection, self._dialect)
        self._values = KeyValueBook(self._connection, self._dialect)
        self._by_id = _ReadsById(self._dialect)
        try:
            with self.transaction():
                self._version = migrate(self._connection, self._dialect, migrations, self.where)
        except Exception:
            self.close()
            raise

    # ----------------------------------------------------------------- lifecycle
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._connection.in_transaction():
            yield  # join the caller's transaction
            return
        self._dialect.begin_writing(self._connection)
        with self._guarded(), self._connection.begin():
            yield

    @contextmanager
    def _reading(self) -> Iterator[None]:
        if self._connection.in_transaction():
            yield
            return
        with self._guarded(), self._connection.begin():
            yield

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as error:
            raise StoreError(f"store {self.where}: {_first_line(error)}") from error

    def close(self) -> None:
        connection = getattr(self, "_connection", None)
        if connection is not None:
            connection.close()
        self._engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._version

    # ----------------------------------------------------------------- articles
    def add_article(self, article: Article, sentences: Sequence[Sentence]) -> bool:
        return self.add_articles([(article, sentences)])[0]

    def add_articles(self, items: Iterable[tuple[Article, Sequence[Sentence]]]) -> list[bool]:
        batch = list(items)
        with self.transaction():
            known = self._existing_ids([article.id for article, _ in batch])
            flags = []
            for article, sentences in batch:
                flags.append(article.id not in known)
                if flags[-1]:
                    _check_sentences(article, sentences)
                    known.add(article.id)
            fresh = [item for item, is_new in zip(batch, flags, strict=True) if is_new]
            self._insert_articles(fresh)
        return flags

    def _insert_articles(self, fresh: list[tuple[Article, Sequence[Sentence]]]) -> None:
        if not fresh:
            return
        # ON CONFLICT: another process may store the same content between our
        # look-up and our insert; its rows are the same as ours (ids are hashes).
        insert_article = self._dialect.insert(_articles).on_conflict_do_nothing(
            index_elements=["id"]
        )
        self._connection.execute(insert_article, [article_row(article) for article, _ in fresh])
        rows = [sentence_row(sentence) for _, sentences in fresh for sentence in sentences]
        if rows:
            insert_sentence = self._dialect.insert(_sentences).on_conflict_do_nothing(
                index_elements=["article_id", "idx"]
            )
            self._connection.execute(insert_sentence, rows)

    def _existing_ids(self, article_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(dict.fromkeys(article_ids))):
            found.update(self._named(self._by_id.article_ids, chunk).scalars())
        return found

    def _named(self, query: sa.Select[Any], chunk: Sequence[str]) -> sa.CursorResult[Any]:
        """`query` (one of `_ReadsById`) run for these ids."""
        return self._connection.execute(query, self._by_id.ids(chunk))

    def _rows_of(
        self, table: sa.Table, query: sa.Select[Any], article_ids: Iterable[str] | None
    ) -> list[sa.RowMapping]:
        """All of `table`'s rows (ids None), or those `query` (of `_ReadsById`) finds."""
        if article_ids is None:
            return list(self._connection.execute(sa.select(table)).mappings())
        rows: list[sa.RowMapping] = []
        for chunk in chunks(list(dict.fromkeys(article_ids))):
            rows.extend(self._named(query, chunk).mappings())
        return rows

    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        with self._reading():
            return self._existing_ids(list(article_ids))

    def has_article(self, article_id: str) -> bool:
        with self._reading():
            return bool(self._existing_ids([article_id]))

    def get_article(self, reference: str) -> Article:
        with self._reading():
            rows = self._article_rows(_articles.c.id == reference)
            if not rows:
                rows = self._article_rows(_articles.c.source_id == reference)
                _refuse_ambiguous(reference, "source id", rows)
            if not rows:  # another outlet's record of a stored text names that article
                reprints = schema.reprints
                of = sa.select(reprints.c.article_id).where(reprints.c.source_id == reference)
                rows = self._article_rows(_articles.c.id.in_(of))
                _refuse_ambiguous(reference, "reprint source id", rows)
            if not rows and len(reference) >= MIN_PREFIX:
                # substr, not LIKE: LIKE ignores case on SQLite but not on PostgreSQL.
                prefix = sa.func.substr(_articles.c.id, 1, len(reference)) == reference
                rows = self._article_rows(prefix)
                _refuse_ambiguous(reference, "id prefix", rows)
        if not rows:
            raise NotFoundError("article", reference)
        return article_from_row(rows[0])

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        with self._reading():
            for chunk in chunks(list(dict.fromkeys(article_ids))):
                rows = self._named(self._by_id.articles, chunk).mappings()
                found.update((row["id"], article_from_row(row)) for row in rows)
        missing = [article_id for article_id in article_ids if article_id not in found]
        if missing:
            raise NotFoundError("article", missing[0])
        return [found[article_id] for article_id in article_ids]

    def _article_rows(self, condition: sa.ColumnElement[bool]) -> list[sa.RowMapping]:
        query = sa.select(_articles).where(condition).order_by(_articles.c.ingested_seq).limit(20)
        return list(self._connection.execute(query).mappings())

    def articles(self) -> Iterator[Article]:
        after = -1
        while True:
            query = (
                sa.select(_articles)
                .where(_articles.c.ingested_seq > after)
                .order_by(_articles.c.ingested_seq)
                .limit(PAGE)
            )
            with self._reading():
                rows = list(self._connection.execute(query).mappings())
            yield from (article_from_row(row) for row in rows)
            if len(rows) < PAGE:
                return
            after = rows[-1]["ingested_seq"]

    def article_count(self) -> int:
        with self._reading():
            return int(
                self._connection.execute(
                    sa.select(sa.func.count()).select_from(_articles)
                ).scalar_one()
            )

    def sentences(self, article_id: str) -> list[Sentence]:
        query = sa.select(_sentences).where(_sentences.c.article_id == article_id)
        with self._reading():
            rows = self._connection.execute(query.order_by(_sentences.c.idx)).mappings()
            return [sentence_from_row(row) for row in rows]

    def sentences_of(self, article_ids: Iterable[str]) -> dict[str, list[Sentence]]:
        grouped: dict[str, list[Sentence]] = {article_id: [] for article_id in article_ids}
        with self._reading():
            for chunk in chunks(list(grouped)):
                rows = self._named(self._by_id.sentences, chunk).mappings()
                for row in rows:
                    grouped[row["article_id"]].append(sentence_from_row(row))
        return grouped

    # ----------------------------------------------------------------- derived facts
    def put_facts(self, facts: ArticleFacts) -> None:
        self.put_many_facts([facts])

    def put_many_facts(self, items: Iterable[ArticleFacts]) -> None:
        # One statement for the batch; the last facts of an id win, as across calls.
        rows = list({facts.article_id: to_json(facts) for facts in items}.items())
        if not rows:
            return
        upsert = self._dialect.upsert(schema.facts)
        with self.transaction():
            self._connection.execute(
                upsert, [{"article_id": article_id, "data": data} for article_id, data in rows]
            )

    def get_many_facts(self, article_ids: Iterable[str]) -> dict[str, ArticleFacts]:
        found: dict[str, ArticleFacts] = {}
        with self._reading():
            for chunk in chunks(list(dict.fromkeys(article_ids))):
                for row in self._named(self._by_id.facts, chunk):
                    found[row.article_id] = from_json(ArticleFacts, row.data)
        return found

    def get_facts(self, article_id: str) -> ArticleFacts | None:
        return self.get_many_facts([article_id]).get(article_id)

    def put_copy_links(self, links: Iterable[CopyLink]) -> None:
        # Last one wins within a batch, as it would across calls.
        rows = list({(link.source, link.target): link_row(link) for link in links}.values())
        if not rows:
            return
        with self.transaction():
            self._connection.execute(self._dialect.upsert(_links), rows)

    def copy_links(self, article_ids: Iterable[str] | None = None) -> list[CopyLink]:
        with self._reading():
            if article_ids is None:
                rows = list(self._connection.execute(sa.select(_links)).mappings())
            else:
                rows = self._links_touching(list(dict.fromkeys(article_ids)))
        links = {(row["source"], row["target"]): link_from_row(row) for row in rows}
        return [links[key] for key in sorted(links)]

    def _links_touching(self, article_ids: list[str]) -> list[sa.RowMapping]:
        rows: list[sa.RowMapping] = []
        for chunk in chunks(article_ids):
            touching = sa.or_(_links.c.source.in_(chunk), _links.c.target.in_(chunk))
            rows.extend(self._connection.execute(sa.select(_links).where(touching)).mappings())
        return rows

    # ----------------------------------------------------------------- reprints
    def add_reprints(self, reprints: Iterable[Reprint]) -> None:
        rows = {(r.article_id, r.source_id): to_json(r) for r in reprints}  # last one wins
        if not rows:
            return
        with self.transaction():
            self._connection.execute(self._dialect.upsert(schema.reprints), list(rows.values()))

    def reprints(self, article_ids: Iterable[str] | None = None) -> list[Reprint]:
        with self._reading():
            rows = self._rows_of(schema.reprints, self._by_id.reprints, article_ids)
        return sorted((from_json(Reprint, dict(row)) for row in rows), key=reprint_order)

    # ----------------------------------------------------------------- events
    def save_event(self, event: Event) -> None:
        with self.transaction():
            self._events.save(event)

    def get_event(self, reference: str) -> Event:
        with self._reading():
            return self._events.get(reference)

    def events(self) -> list[Event]:
        with self._reading():
            return self._events.live()

    def event_of(self, article_id: str) -> str | None:
        with self._reading():
            return self._events.event_of(article_id)

    def new_event_id(self) -> str:
        with self.transaction():
            return self._events.new_id()

    def record_merge(self, absorbed: str, kept: str) -> None:
        with self.transaction():
            self._events.record_merge(absorbed, kept)

    def put_placements(self, placements: Iterable[Placement]) -> None:
        rows = {p.article_id: to_json(p) for p in placements}  # the last of an article wins
        if not rows:
            return
        with self.transaction():
            self._connection.execute(self._dialect.upsert(schema.placements), list(rows.values()))

    def placements(self, article_ids: Iterable[str] | None = None) -> dict[str, Placement]:
        with self._reading():
            rows = self._rows_of(schema.placements, self._by_id.placements, article_ids)
        return {row["article_id"]: from_json(Placement, dict(row)) for row in rows}

    # ----------------------------------------------------------------- user constraints
    def add_constraint(self, kind: str, first: str, second: str) -> None:
        if kind not in CONSTRAINT_KINDS:
            raise StoreError(
                f"constraint kind {kind!r} is not one of {', '.join(CONSTRAINT_KINDS)}"
            )
        insert = self._dialect.insert(schema.constraints).values(
            kind=kind, first=first, second=second
        )
        with self.transaction():
            self._connection.execute(
                insert.on_conflict_do_nothing(index_elements=["kind", "first", "second"])
            )

    def constraints(self) -> list[tuple[str, str, str]]:
        table = schema.constraints
        query = sa.select(table.c.kind, table.c.first, table.c.second).order_by(table.c.id)
        with self._reading():
            return [
                (kind, first, second) for kind, first, second in self._connection.execute(query)
            ]

    # ----------------------------------------------------------------- fingerprints
    def put_signature(
        self, article_id: str, published: datetime | None, digest: str, data: bytes
    ) -> None:
        self.put_signatures([(article_id, published, digest, data)])

    def put_signatures(self, items: Iterable[tuple[str, datetime | None, str, bytes]]) -> None:
        # One statement for the batch; the last signature of an id wins, as across calls.
        rows = {
            article_id: {
                "article_id": article_id,
                "published": published.isoformat() if published else None,
                "digest": digest,
                "data": data,
            }
            for article_id, published, digest, data in items
        }
        if not rows:
            return
        with self.transaction():
            self._connection.execute(self._dialect.upsert(schema.signatures), list(rows.values()))

    def signatures(self) -> Iterator[tuple[str, datetime | None, str, bytes]]:
        table = schema.signatures
        query = (
            sa.select(table.c.article_id, table.c.published, table.c.digest, table.c.data)
            .join(_articles, _articles.c.id == table.c.article_id)
            .order_by(_articles.c.ingested_seq)
        )
        with self._reading():
            rows = self._connection.execute(query).all()
        for article_id, published, digest, data in rows:
            yield (
                article_id,
                datetime.fromisoformat(published) if published else None,
                digest,
                bytes(data),
            )

    # ----------------------------------------------------------------- key-value state
    def get_state(self, key: str) -> str | None:
        return self.get_states((key,)).get(key)

    def get_states(self, keys: Iterable[str]) -> dict[str, str]:
        with self._reading():
            return self._values.get_texts(keys)

    def set_state(self, key: str, value: str) -> None:
        self.set_states({key: value})

    def set_states(self, values: Mapping[str, str]) -> None:
        with self.transaction():
            self._values.set_texts(values)

    def get_blobs(self, keys: Iterable[str]) -> dict[str, bytes]:
        with self._reading():
            return self._values.get_blobs(keys)

    def set_blobs(self, values: Mapping[str, bytes]) -> None:
        with self.transaction():
            self._values.set_blobs(values)


def _check_sentences(article: Article, sentences: Sequence[Sentence]) -> None:
    for sentence in sentences:
        if sentence.article_id != article.id:
            owner = sentence.article_id
            raise StoreError(
                f"sentence {sentence.index} belongs to article {owner}, not {article.id}"
            )


def _refuse_ambiguous(reference: str, what: str, rows: Sequence[sa.RowMapping]) -> None:
    if len(rows) > 1:
        listed = ", ".join(
            f"{row['id'][:12]} ({row['outlet'] or row['url'] or row['title']})" for row in rows
        )
        raise StoreError(f"{what} {reference!r} matches {len(rows)} articles: {listed}")


def _first_line(error: Any) -> str:
    return str(error).strip().splitlines()[0]
