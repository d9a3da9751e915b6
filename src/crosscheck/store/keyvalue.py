"""Key-value state on an open connection: text values (`state`) and binary ones.

Text values are small named things a stage keeps between runs; binary values
are clustering's packed records (`cluster_state`), read dozens at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crosscheck.store import schema
from crosscheck.store.dialects import Dialect
from crosscheck.store.events import chunks


class KeyValueBook:
    """Reads and writes of both key-value tables; the caller owns the transaction."""

    def __init__(self, connection: Connection, dialect: Dialect) -> None:
        self._connection = connection
        self._dialect = dialect
        # Built once: SQLAlchemy then reuses their compiled form, and the rows come
        # back in one fetch (see Dialect.is_listed for how the keys are passed).
        self._texts_named = self._named(schema.state)
        self._blobs_named = self._named(schema.cluster_state)

    def _named(self, table: sa.Table) -> sa.Select[tuple[str, Any]]:
        listed = self._dialect.is_listed(table.c.key, "keys")
        return sa.select(table.c.key, table.c.value).where(listed)

    def get_texts(self, keys: Iterable[str]) -> dict[str, str]:
        return self._get(self._texts_named, keys)

    def get_blobs(self, keys: Iterable[str]) -> dict[str, bytes]:
        # psycopg may hand bytea back as a memoryview; records decode from bytes.
        return {key: bytes(value) for key, value in self._get(self._blobs_named, keys).items()}

    def set_texts(self, values: Mapping[str, str]) -> None:
        self._set(schema.state, values)

    def set_blobs(self, values: Mapping[str, bytes]) -> None:
        self._set(schema.cluster_state, values)

    def _get(self, query: sa.Select[tuple[str, Any]], keys: Iterable[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for chunk in chunks(list(dict.fromkeys(keys))):
            listed = self._dialect.listed(list(chunk))
            found.update(self._connection.execute(query, {"keys": listed}).all())
        return found

    def _set(self, table: sa.Table, values: Mapping[str, Any]) -> None:
        if not values:
            return
        upsert = self._dialect.upsert(table)
        self._connection.execute(upsert, [{"key": k, "value": v} for k, v in values.items()])
