"""Versioned schema migrations, applied in order when a store opens.

Each migration runs once, inside the opening transaction, and is recorded in
`schema_version`; a failure rolls the database back to the version it had. A
database newer than the code is refused rather than guessed at.

To change the schema: edit `schema.py` to the new layout AND append a migration
that brings a database of the previous version there. Migration 1 builds its
tables from `schema.py` (all but those later migrations add); the day a later
migration alters one of those tables, copy their version-1 definitions into this
module first so that migration 1 keeps producing version 1 (`test_store.py`
checks that migrating an empty database yields exactly the tables of `schema.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crosscheck.errors import SchemaError, SettingsError
from crosscheck.store import schema
from crosscheck.store.dialects import Dialect


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]

    def __post_init__(self) -> None:
        if self.version < 1:
            raise SettingsError("Migration.version", self.version, "an integer >= 1")


# Rows moved per statement by migration 2: bounds its memory on a large store.
_MOVE_PAGE = 1000


def _create_version_1(connection: Connection) -> None:
    later = (schema.schema_version, schema.cluster_state, schema.reprints, schema.placements)
    tables = [table for table in schema.metadata.sorted_tables if table not in later]
    schema.metadata.create_all(connection, tables=tables)
    connection.execute(sa.insert(schema.counters).values(name="event", value=0))


def _move_cluster_records(connection: Connection) -> None:
    """Clustering's profiles, event sums and postings: from JSON text to binary records."""
    # Imported here: the store does not otherwise depend on clustering, and the
    # encodings belong to it.
    from crosscheck.cluster.state import RECORD_PREFIXES, record_from_text

    schema.cluster_state.create(connection)
    state = schema.state
    width = len(RECORD_PREFIXES[0])  # "cluster/a/", "cluster/e/", "cluster/k/" alike
    is_record = sa.func.substr(state.c.key, 1, width).in_(RECORD_PREFIXES)
    after = ""
    while True:
        page = sa.select(state.c.key, state.c.value).where(is_record, state.c.key > after)
        rows = connection.execute(page.order_by(state.c.key).limit(_MOVE_PAGE)).all()
        if not rows:
            return
        records = [{"key": key, "value": record_from_text(key, text)} for key, text in rows]
        connection.execute(sa.insert(schema.cluster_state), records)
        connection.execute(sa.delete(state).where(state.c.key.in_([key for key, _ in rows])))
        after = rows[-1][0]


def _create_reprints(connection: Connection) -> None:
    schema.reprints.create(connection)


def _create_placements(connection: Connection) -> None:
    schema.placements.create(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, sentences, facts, copy links, events, constraints, state, counters",
        _create_version_1,
    ),
    Migration(2, "clustering records as binary values in cluster_state", _move_cluster_records),
    Migration(3, "reprints: other outlets' records of a stored text", _create_reprints),
    Migration(4, "placements: how clustering placed each article, and why", _create_placements),
)


def latest_version(migrations: Sequence[Migration]) -> int:
    return migrations[-1].version if migrations else 0


def migrate(
    connection: Connection, dialect: Dialect, migrations: Sequence[Migration], where: str
) -> int:
    """Bring the database to the latest version; returns the version it is now at."""
    _check_order(migrations)
    dialect.lock_for_migration(connection)
    current = current_version(connection)
    latest = latest_version(migrations)
    if current > latest:
        raise SchemaError(
            f"the store {where} has schema version {current}, newer than this crosscheck "
            f"knows ({latest}): upgrade crosscheck to open it"
        )
    for migration in migrations:
        if migration.version > current:
            migration.apply(connection)
            _record(connection, migration)
    return max(current, latest)


def current_version(connection: Connection) -> int:
    if not sa.inspect(connection).has_table(schema.schema_version.name):
        schema.schema_version.create(connection)
        return 0
    version = connection.execute(sa.select(sa.func.max(schema.schema_version.c.version)))
    return int(version.scalar_one() or 0)


def _record(connection: Connection, migration: Migration) -> None:
    connection.execute(
        sa.insert(schema.schema_version).values(
            version=migration.version,
            description=migration.description,
            applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )


def _check_order(migrations: Sequence[Migration]) -> None:
    versions = [migration.version for migration in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise SettingsError("migrations", versions, "versions 1, 2, 3... in order, none missing")
