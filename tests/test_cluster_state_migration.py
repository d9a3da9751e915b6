"""Clustering records in their binary table, and stores written before it ingest on.

Stores of schema version 1 kept profiles, event sums and posting lists as JSON
text in the `state` table (profiles in two encodings over time); migration 2
moves them to `cluster_state` as binary records. A store written the old way
must, once migrated, cluster new articles exactly as a store that never held
the old encodings.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.cluster import EventClusterer
from crosscheck.cluster.blocking import Posting
from crosscheck.cluster.memory import MemoryStore
from crosscheck.cluster.packed import RECORD_FORMAT, pack_record, unpack_record
from crosscheck.cluster.profile import ArticleProfile
from crosscheck.cluster.state import posting_from_bytes, posting_to_bytes, record_from_text
from crosscheck.cluster.stats import EventProfile
from crosscheck.records import Article, DatePrecision
from crosscheck.store import MIGRATIONS, PostgresStore, SqliteStore, migrations, open_store
from crosscheck.store.base import Store
from crosscheck.store.sql import SqlStore
from test_cluster_state import (
    _first_article_encoding,
    _first_event_encoding,
    _profile,
    _same_event,
)

# Fiction: a dam inspection in Varrow, a marathon in Keswold, a bakery strike in Ostrel.
STORIES = {
    "dam": ("Varrow dam", "Engineers Tilda Morrow and Ivo Kasch inspected the Varrow dam"),
    "run": ("Keswold marathon", "Runner Anouk Belle won the Keswold marathon in 2 hours 9"),
    "strike": ("Ostrel bakery strike", "Bakers at the Ostrel mill walked out, Wen Haro said"),
}


def _story_article(story: str, report: int) -> Article:
    title, lead = STORIES[story]
    body = f"{lead} on Tuesday, report {report} says. {lead} again, {report} witnesses added."
    digest = hashlib.sha256(body.encode()).hexdigest()
    return Article(
        digest,
        f"{story}-{report}",
        f"{title}: report {report}",
        (body,),
        datetime(2024, 6, 4),
        DatePrecision.DAY,
    )


def _seed(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _story_embedding(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Reports of one story point the same way, give or take a little noise."""
    vectors = []
    for lead in texts:
        story = next(name for name, (title, _) in STORIES.items() if lead.startswith(title))
        direction = np.random.default_rng(_seed(story)).standard_normal(384)
        noise = np.random.default_rng(_seed(lead))
        vector = direction + 0.3 * noise.standard_normal(384)
        vectors.append(vector / np.linalg.norm(vector))
    return np.asarray(vectors, dtype=np.float32)


def _ingest(store: Store, reports: Sequence[int]) -> None:
    batch = [_story_article(story, report) for story in STORIES for report in reports]
    with store.transaction():
        for article in batch:
            store.add_article(article, ())
        EventClusterer(store, embedder=_story_embedding).assign([(a, None) for a in batch])


def _partition(store: Store) -> set[tuple[str, frozenset[str]]]:
    return {
        (event.id, frozenset(store.get_article(a).source_id for a in event.article_ids))
        for event in store.events()
    }


# ------------------------------------------------------------------ binary records
def test_a_profile_record_round_trips_bit_for_bit() -> None:
    profile = _profile("a1", 3)
    record = profile.to_bytes()
    assert record[0] == RECORD_FORMAT
    restored = ArticleProfile.from_bytes(record)
    from_text = ArticleProfile.from_json(profile.to_json())
    assert list(restored.terms.items()) == list(from_text.terms.items())
    assert (restored.names, restored.numbers, restored.years, restored.day, restored.title) == (
        from_text.names,
        from_text.numbers,
        from_text.years,
        from_text.day,
        from_text.title,
    )
    assert restored.embedding.dtype == np.float32
    assert np.array_equal(restored.embedding, from_text.embedding)


def _written_with(fields: int, profile: ArticleProfile) -> bytes:
    """The profile's record as a store that kept only its first `fields` fields wrote it:
    the head's listed fields cut there, its two sizes (terms, embedding) kept."""
    head, offset = unpack_record(profile.to_bytes())
    return pack_record([*head[:fields], *head[-2:]], [], []) + profile.to_bytes()[offset:]


def test_the_injured_figure_round_trips_and_older_records_read_without_it() -> None:
    profile = dataclasses.replace(_profile("a1", 3), injured=4)
    assert ArticleProfile.from_bytes(profile.to_bytes()).injured == 4
    assert ArticleProfile.from_json(profile.to_json()).injured == 4
    # A record written before the figure was kept: its head ends with the day.
    restored = ArticleProfile.from_bytes(_written_with(7, profile))
    assert restored.injured is None
    assert (restored.title, restored.day) == (profile.title, profile.day)


def test_the_ages_round_trip_and_older_records_read_without_them() -> None:
    profile = dataclasses.replace(_profile("a1", 3), injured=4, ages=frozenset({43, 19}))
    assert ArticleProfile.from_bytes(profile.to_bytes()).ages == {43, 19}
    assert ArticleProfile.from_json(profile.to_json()).ages == {43, 19}
    # A record written before the ages were kept: its head ends with the injured figure.
    restored = ArticleProfile.from_bytes(_written_with(8, profile))
    assert restored.ages == frozenset()
    assert (restored.injured, restored.day) == (4, profile.day)


def test_the_day_tie_round_trips_and_older_records_read_without_it() -> None:
    profile = dataclasses.replace(_profile("a1", 3), ages=frozenset({43}), day_tied=True)
    assert ArticleProfile.from_bytes(profile.to_bytes()).day_tied is True
    assert ArticleProfile.from_json(profile.to_json()).day_tied is True
    # A record written before the tie was kept: its head ends with the ages.
    restored = ArticleProfile.from_bytes(_written_with(9, profile))
    assert restored.day_tied is False
    assert (restored.ages, restored.day) == ({43}, profile.day)


def test_the_weekday_round_trips_and_older_records_read_without_it() -> None:
    profile = dataclasses.replace(_profile("a1", 3), day_tied=True, weekday=3)
    assert ArticleProfile.from_bytes(profile.to_bytes()).weekday == 3
    assert ArticleProfile.from_json(profile.to_json()).weekday == 3
    # A record written before the weekday was kept: its head ends with the day's tie.
    restored = ArticleProfile.from_bytes(_written_with(10, profile))
    assert restored.weekday is None
    assert (restored.day_tied, restored.day) == (True, profile.day)


def test_the_people_round_trip_and_older_records_read_without_them() -> None:
    profile = dataclasses.replace(_profile("a1", 3), weekday=3, people=frozenset({"renn"}))
    assert ArticleProfile.from_bytes(profile.to_bytes()).people == {"renn"}
    assert ArticleProfile.from_json(profile.to_json()).people == {"renn"}
    # A record written before the people were kept: its head ends with the weekday.
    restored = ArticleProfile.from_bytes(_written_with(11, profile))
    assert restored.people == frozenset()
    assert (restored.weekday, restored.day) == (3, profile.day)


def test_an_event_record_reads_as_the_text_form_does() -> None:
    event = EventProfile("E000001")
    event.add(_profile("a1", 1))
    event.add(_profile("a2", 2))
    assert _same_event(
        EventProfile.from_bytes(event.to_bytes()), EventProfile.from_json(event.to_json())
    )
    emptied = EventProfile("E000002")
    assert _same_event(EventProfile.from_bytes(emptied.to_bytes()), emptied)


@given(st.dictionaries(st.integers(0, 2**32 - 1), st.floats(0.0, 1e6), max_size=60))
def test_event_sums_in_a_record_are_the_first_encodings(terms: dict[int, float]) -> None:
    event = EventProfile("E000003", terms=terms)
    from_old = EventProfile.from_json(_first_event_encoding(event))
    assert _same_event(EventProfile.from_bytes(event.to_bytes()), from_old)


_NAMES = st.text(max_size=70)


@given(st.integers(0, 2**32 - 1), st.lists(st.tuples(_NAMES, _NAMES), max_size=70))
def test_a_posting_list_round_trips(total: int, entries: list[tuple[str, str]]) -> None:
    posting = Posting(total, [a for a, _ in entries], [e for _, e in entries])
    restored = posting_from_bytes(posting_to_bytes(posting))
    assert (restored.total, restored.ids, restored.events) == (total, posting.ids, posting.events)


def test_a_full_posting_list_of_hash_ids_round_trips() -> None:
    ids = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(64)]
    posting = Posting(900, ids, [f"E{n:06d}" if n % 3 else "" for n in range(64)])
    restored = posting_from_bytes(posting_to_bytes(posting))
    assert (restored.total, restored.ids, restored.events) == (900, ids, posting.events)
    assert posting_from_bytes(None).ids == []


def test_a_text_value_is_not_taken_for_a_record() -> None:
    with pytest.raises(ValueError, match="not a packed record"):
        ArticleProfile.from_bytes(_profile().to_json().encode())
    with pytest.raises(ValueError, match="not a stored posting list"):
        posting_from_bytes(json.dumps([1, ["a1"], [""]]).encode())


def test_record_from_text_reads_every_old_encoding() -> None:
    profile = _profile("a1", 4)
    expected = profile.to_bytes()
    assert record_from_text("cluster/a/a1", profile.to_json()) == expected
    # The first encoding had no ages: they read back as none.
    without_ages = dataclasses.replace(profile, ages=frozenset()).to_bytes()
    assert record_from_text("cluster/a/a1", _first_article_encoding(profile)) == without_ages
    event = EventProfile("E000004")
    event.add(profile)
    assert record_from_text("cluster/e/E000004", _first_event_encoding(event)) == event.to_bytes()
    without_hints = posting_from_bytes(record_from_text("cluster/k/n:x", json.dumps([3, ["a1"]])))
    assert (without_hints.total, without_hints.ids, without_hints.events) == (3, ["a1"], [""])
    with pytest.raises(ValueError, match="not a clustering record"):
        record_from_text("cluster/df", "{}")


def test_binary_values_are_kept_apart_from_text_values_in_every_store(tmp_path: Path) -> None:
    for store in (MemoryStore(), _TextOnlyStore(), SqliteStore(tmp_path / "s.db")):
        store.set_blobs({"k": b"\x03\x00\xff", "j": b""})
        store.set_state("k", "text")
        store.set_blobs({"k": b"\x04"})
        assert store.get_blobs(["k", "j", "absent"]) == {"k": b"\x04", "j": b""}
        assert store.get_state("k") == "text"
        store.close()


class _TextOnlyStore(MemoryStore):
    """A store that keeps binary values the `Store` default way, in its text values."""

    get_blobs = Store.get_blobs
    set_blobs = Store.set_blobs


# ------------------------------------------------------------------ an old store ingests on
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.db")


def _open_version_1(target: str) -> SqlStore:
    if target.startswith("postgresql"):
        return PostgresStore(target, MIGRATIONS[:1])
    return SqliteStore(target, MIGRATIONS[:1])


def _write_the_old_way(source: Path, target: str) -> list[str]:
    """Copy a store into a version-1 store at `target`, its records as old text.

    Profiles and events alternate between the first (JSON object) encoding and
    the packed JSON list, as stores written across both versions hold them.
    """
    with sa.create_engine(f"sqlite:///{source}").connect() as connection:
        texts = dict(connection.execute(sa.text("SELECT key, value FROM state")).all())
        records = connection.execute(sa.text("SELECT key, value FROM cluster_state")).all()
    with open_store(source) as fresh, _open_version_1(target) as old:
        for article in fresh.articles():
            old.add_article(article, fresh.sentences(article.id))
        for event in fresh.events():
            old.save_event(event)
        while old.new_event_id() < max(event.id for event in fresh.events()):
            pass
        for number, (key, value) in enumerate(sorted(records)):
            texts[key] = _old_text(key, bytes(value), first=number % 2 == 0)
        old.set_states(texts)
    return sorted(key for key, _ in records)


def _old_text(key: str, record: bytes, first: bool) -> str:
    if key.startswith("cluster/a/"):
        profile = ArticleProfile.from_bytes(record)
        return _first_article_encoding(profile) if first else profile.to_json()
    if key.startswith("cluster/e/"):
        event = EventProfile.from_bytes(record)
        return _first_event_encoding(event) if first else event.to_json()
    posting = posting_from_bytes(record)  # posting lists were JSON lists
    return json.dumps([posting.total, posting.ids, posting.events])


def test_a_store_written_before_binary_records_migrates_and_keeps_ingesting(
    store_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "_MOVE_PAGE", 7)  # several pages, the last one short
    reference = MemoryStore()
    _ingest(reference, [1, 2])
    _ingest(reference, [3, 4])
    with open_store(tmp_path / "fresh.db") as fresh:
        _ingest(fresh, [1, 2])
        expected = fresh.get_blobs(fresh_keys := _record_keys(tmp_path / "fresh.db"))
    moved = _write_the_old_way(tmp_path / "fresh.db", store_target)
    assert moved == fresh_keys and len(moved) % 7 != 0
    with _open_version_1(store_target) as old:
        assert {value[0] for value in old.get_states(moved).values()} == {"{", "["}
    with open_store(store_target) as store:  # a later process, after the upgrade
        assert store.schema_version == len(MIGRATIONS)
        assert store.get_states(moved) == {}
        assert store.get_blobs(moved) == _as_read_back(expected)
        _ingest(store, [3, 4])
        assert _partition(store) == _partition(reference)
        assert len(_partition(store)) == len(STORIES)


def _as_read_back(records: dict[str, bytes]) -> dict[str, bytes]:
    """The records as read back from `_write_the_old_way`'s texts: profiles in the first
    encoding (every other record) kept no injured figure, ages, day tie, weekday or people."""
    read_back = dict(records)
    for number, (key, record) in enumerate(sorted(records.items())):
        if number % 2 == 0 and key.startswith("cluster/a/"):
            profile = ArticleProfile.from_bytes(record)
            read_back[key] = dataclasses.replace(
                profile,
                injured=None,
                ages=frozenset(),
                day_tied=False,
                weekday=None,
                people=frozenset(),
            ).to_bytes()
    return read_back


def _record_keys(path: Path) -> list[str]:
    with sa.create_engine(f"sqlite:///{path}").connect() as connection:
        return sorted(connection.execute(sa.text("SELECT key FROM cluster_state")).scalars())
