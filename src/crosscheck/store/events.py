"""Events, their member articles, and merges, on an open connection.

Invariants kept here: an article is a member of at most one event (saving an
event takes its articles from whichever event held them); only live events
have members (a merge moves the absorbed event's articles to the kept one);
and merged ids keep resolving, through any chain of merges, to the survivor.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from crosscheck.errors import NotFoundError, StoreError
from crosscheck.records import Event
from crosscheck.store import schema
from crosscheck.store.dialects import Dialect
from crosscheck.store.rows import event_from_row, event_row

EVENT_ID_PREFIX = "E"
# Keeps each IN (...) list well under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500

_events = schema.events
_members = schema.event_members


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class EventBook:
    """Event reads and writes; the caller owns the transaction."""

    def __init__(self, connection: Connection, dialect: Dialect) -> None:
        self._connection = connection
        self._dialect = dialect

    def save(self, event: Event) -> None:
        row = event_row(event) | {"merged_into": None}
        upsert = self._dialect.insert(_events).values(row)
        self._execute(upsert.on_conflict_do_update(index_elements=["id"], set_=row))
        if event.merged_into is None:
            self._set_members(event.id, event.article_ids)
        else:
            self.record_merge(event.id, event.merged_into)

    def get(self, reference: str) -> Event:
        visited: list[str] = []
        current = reference
        while True:
            row = self._row(current)
            if row is None:
                raise NotFoundError("event", reference)
            if row["merged_into"] is None:
                return event_from_row(row, self._member_ids(current))
            visited.append(current)
            if row["merged_into"] in visited:
                raise StoreError(f"event merges loop: {' -> '.join([*visited, current])}")
            current = row["merged_into"]

    def live(self) -> list[Event]:
        live = sa.select(_events).where(_events.c.merged_into.is_(None))
        rows = list(self._execute(live).mappings())
        members: dict[str, list[str]] = {}
        ordered = sa.select(_members.c.event_id, _members.c.article_id).order_by(
            _members.c.event_id, _members.c.position
        )
        for member in self._execute(ordered):
            members.setdefault(member.event_id, []).append(member.article_id)
        found = [event_from_row(row, tuple(members.get(row["id"], ()))) for row in rows]
        return sorted(found, key=lambda event: event_id_order(event.id))

    def event_of(self, article_id: str) -> str | None:
        query = sa.select(_members.c.event_id).where(_members.c.article_id == article_id)
        found: str | None = self._execute(query).scalar_one_or_none()
        return found

    def new_id(self) -> str:
        counter = schema.counters
        bump = (
            sa.update(counter)
            .where(counter.c.name == "event")
            .values(value=counter.c.value + 1)
            .returning(counter.c.value)
        )
        return f"{EVENT_ID_PREFIX}{self._execute(bump).scalar_one():06d}"

    def record_merge(self, absorbed: str, kept: str) -> None:
        survivor = self.get(kept).id
        if self._row(absorbed) is None:
            raise NotFoundError("event", absorbed)
        if survivor == absorbed:
            raise StoreError(f"cannot merge event {absorbed} into itself (via {kept})")
        moved = self._member_ids(absorbed)
        self._execute(_members.delete().where(_members.c.event_id == absorbed))
        merged = _events.update().where(_events.c.id == absorbed).values(merged_into=survivor)
        self._execute(merged)
        self._append_members(survivor, moved)

    # ------------------------------------------------------------------ helpers
    def _set_members(self, event_id: str, article_ids: Sequence[str]) -> None:
        unique_ids = list(dict.fromkeys(article_ids))
        self._execute(_members.delete().where(_members.c.event_id == event_id))
        for chunk in chunks(unique_ids):
            self._execute(_members.delete().where(_members.c.article_id.in_(chunk)))
        self._insert_members(event_id, unique_ids, first_position=0)

    def _append_members(self, event_id: str, article_ids: Sequence[str]) -> None:
        last = sa.select(sa.func.max(_members.c.position)).where(_members.c.event_id == event_id)
        highest = self._execute(last).scalar_one()
        self._insert_members(
            event_id, article_ids, first_position=0 if highest is None else highest + 1
        )

    def _insert_members(
        self, event_id: str, article_ids: Sequence[str], first_position: int
    ) -> None:
        rows = [
            {"event_id": event_id, "article_id": article_id, "position": first_position + offset}
            for offset, article_id in enumerate(article_ids)
        ]
        if rows:
            self._execute(sa.insert(_members), rows)

    def _member_ids(self, event_id: str) -> tuple[str, ...]:
        query = (
            sa.select(_members.c.article_id)
            .where(_members.c.event_id == event_id)
            .order_by(_members.c.position)
        )
        return tuple(self._execute(query).scalars())

    def _row(self, event_id: str) -> sa.RowMapping | None:
        query = sa.select(_events).where(_events.c.id == event_id)
        return self._execute(query).mappings().one_or_none()

    def _execute(
        self, statement: sa.Executable, rows: list[dict[str, object]] | None = None
    ) -> sa.CursorResult[Any]:
        return self._connection.execute(statement, rows)


def event_id_order(event_id: str) -> tuple[int, str]:
    """Oldest first: "E000010" after "E000009", and "E1000000" after both."""
    return (len(event_id), event_id)
