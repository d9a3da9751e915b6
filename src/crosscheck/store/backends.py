"""The two stores and `open_store`, which picks one from a path or a URL."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from crosscheck.store.dialects import sqlite_engine
from crosscheck.store.migrations import MIGRATIONS, Migration
from crosscheck.store.sql import SqlStore

DEFAULT_PATH = "./crosscheck.db"
ENVIRONMENT_VARIABLE = "CROSSCHECK_DB"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


class SqliteStore(SqlStore):
    """A store in one SQLite file (":memory:" for a throwaway one)."""

    def __init__(self, path: str | Path, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        self.path = str(path)
        super().__init__(sqlite_engine(self.path), migrations)


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database, reached through the psycopg 3 driver."""

    def __init__(self, url: str, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        super().__init__(sa.create_engine(psycopg_url(url)), migrations)


def open_store(target: str | Path | None = None) -> SqlStore:
    """The store at `target`; None means $CROSSCHECK_DB, else ./crosscheck.db.

    PostgreSQL URLs ("postgresql://user@host/db") open a `PostgresStore`;
    anything else is the path of a SQLite file, created when missing.
    """
    chosen = (
        str(target) if target is not None else os.environ.get(ENVIRONMENT_VARIABLE) or DEFAULT_PATH
    )
    if is_postgres_url(chosen):
        return PostgresStore(chosen)
    return SqliteStore(chosen)


def is_postgres_url(target: str) -> bool:
    return target.startswith(_POSTGRES_SCHEMES)


def psycopg_url(url: str) -> str:
    """The same URL, naming the psycopg 3 driver that crosscheck installs."""
    scheme, separator, rest = url.partition("://")
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg{separator}{rest}"
    return url
