"""Persistence: one `Store` interface, backed by SQLite (default) or PostgreSQL."""

from crosscheck.store.backends import PostgresStore, SqliteStore, open_store
from crosscheck.store.base import Store
from crosscheck.store.migrations import MIGRATIONS, Migration
from crosscheck.store.sql import SqlStore

__all__ = [
    "MIGRATIONS",
    "Migration",
    "PostgresStore",
    "SqlStore",
    "SqliteStore",
    "Store",
    "open_store",
]
