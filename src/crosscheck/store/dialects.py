"""Everything that differs between SQLite and PostgreSQL, and nothing else.

The shared `SqlStore` asks a `Dialect` for an INSERT that understands
ON CONFLICT, for how to start a writing transaction, and for how to keep two
processes from migrating the same database at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

# Key in the DBAPI connection's info dict: the BEGIN the next SQLite transaction uses.
_SQLITE_BEGIN = "crosscheck_sqlite_begin"

# Any fixed 64-bit number: the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x63726F7373636B  # "crossck"

InsertFactory = Callable[[sa.Table], Any]


class Dialect:
    """What the shared store needs to know about its database."""

    name = "generic"
    insert: InsertFactory

    def begin_writing(self, connection: Connection) -> None:
        """Called before a transaction that is meant to write."""

    def lock_for_migration(self, connection: Connection) -> None:
        """Called first thing in the migration transaction."""

    def upsert(self, table: sa.Table) -> Any:
        """An INSERT of rows that replaces every other column where the primary key exists."""
        insert = self.insert(table)
        keys = [column.name for column in table.primary_key]
        replace = {c.name: insert.excluded[c.name] for c in table.columns if c.name not in keys}
        return insert.on_conflict_do_update(index_elements=keys, set_=replace)

    # Clustering looks up ~70 keys per article at 100k stored articles (three
    # statements). An expanding IN (...) is re-rendered with one parameter per key
    # on every call; a statement that takes the whole list as one parameter is
    # compiled once: ~9 -> ~6 us per row read (bench/cluster.py store, 42 keys a call).
    def is_listed(self, column: sa.ColumnElement[str], name: str) -> sa.ColumnElement[bool]:
        """`column` is one of the strings given as the parameter `name` (see `listed`)."""
        return column.in_(sa.bindparam(name, expanding=True))

    def listed(self, values: list[str]) -> Any:
        """The value to bind to an `is_listed` parameter."""
        return values


class SqliteDialect(Dialect):
    name = "sqlite"
    insert = staticmethod(sqlite.insert)

    def begin_writing(self, connection: Connection) -> None:
        # A deferred transaction that reads and then writes fails at once with
        # "database is locked" when another process writes meanwhile (the busy
        # timeout cannot help); IMMEDIATE takes the write lock up front and waits.
        connection.connection.info[_SQLITE_BEGIN] = "BEGIN IMMEDIATE"

    def lock_for_migration(self, connection: Connection) -> None:
        pass  # begin_writing already holds the only write lock SQLite has

    def is_listed(self, column: sa.ColumnElement[str], name: str) -> sa.ColumnElement[bool]:
        # The planner still searches the key index once per listed value.
        values = sa.func.json_each(sa.bindparam(name, type_=sa.Text)).table_valued("value")
        return column.in_(sa.select(values.c.value))

    def listed(self, values: list[str]) -> Any:
        return json.dumps(values)


class PostgresDialect(Dialect):
    name = "postgresql"
    insert = staticmethod(postgresql.insert)

    def lock_for_migration(self, connection: Connection) -> None:
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))

    def is_listed(self, column: sa.ColumnElement[str], name: str) -> sa.ColumnElement[bool]:
        return column == sa.any_(sa.bindparam(name, type_=postgresql.ARRAY(sa.Text)))


def dialect_of(engine: Engine) -> Dialect:
    if engine.dialect.name == "sqlite":
        return SqliteDialect()
    if engine.dialect.name == "postgresql":
        return PostgresDialect()
    raise ValueError(f"crosscheck stores need SQLite or PostgreSQL, not {engine.dialect.name}")


def sqlite_engine(path: str) -> Engine:
    """An engine on a SQLite file with WAL, foreign keys and real transactions."""
    # Readers wait up to this long for a writer's lock instead of failing.
    engine = sa.create_engine(f"sqlite+pysqlite:///{path}", connect_args={"timeout": 30})
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


_SQLITE_MMAP_BYTES = 1 << 30  # address space only: pages are shared with the OS cache
_SQLITE_CACHE_KIB = 64 * 1024
# A clustering batch of 64 articles rewrites ~4,000 pages at 100k stored articles
# (posting lists, profiles, events scattered over the file), so with the default
# threshold (1,000 pages) every commit also copied its pages back into the file.
# At 16,384 pages (64 MiB of WAL) pages rewritten by successive batches are copied
# back once: commit time per article at 100k fell from ~0.82 to ~0.44 ms, checkpoints
# included (bench/cluster.py, same window).
_SQLITE_CHECKPOINT_PAGES = 16_384


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling skips BEGIN before DDL and SELECT, which
    # would leave migrations half-applied; we issue BEGIN ourselves instead
    # (the recipe in SQLAlchemy's SQLite dialect documentation).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
    # synchronous stays FULL: NORMAL was a little faster again at 100k, but a power
    # cut could then undo committed batches, user merges and splits among them.
    cursor.execute(f"PRAGMA wal_autocheckpoint = {_SQLITE_CHECKPOINT_PAGES}")
    # Clustering reads many small state rows at random: with the file mapped and a
    # 64 MiB page cache a large store reads nearly as fast as a small one
    # (bench/cluster.py, 1k vs 100k articles).
    cursor.execute(f"PRAGMA mmap_size = {_SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    begin = connection.connection.info.pop(_SQLITE_BEGIN, "BEGIN")
    connection.exec_driver_sql(begin)
