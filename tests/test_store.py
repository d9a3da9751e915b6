"""The store contract, run on both backends: SQLite and a real PostgreSQL server."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck import clean, read
from crosscheck.codec import to_json
from crosscheck.errors import NotFoundError, SchemaError, SettingsError, StoreError
from crosscheck.records import (
    Article,
    ArticleFacts,
    Bound,
    Claim,
    CopyKind,
    CopyLink,
    DatePrecision,
    Event,
    Placement,
    PlacementKind,
    Quantity,
    RawDocument,
    RemovedSpan,
    Reprint,
    Sentence,
    SentencePair,
    Signal,
    Slot,
    Span,
)
from crosscheck.store import (
    MIGRATIONS,
    Migration,
    PostgresStore,
    SqliteStore,
    SqlStore,
    open_store,
    schema,
    sql,
)
from crosscheck.store.backends import is_postgres_url, psycopg_url
from crosscheck.store.dialects import sqlite_engine
from pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty store lives: a SQLite path or a PostgreSQL URL."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.db")


@pytest.fixture
def store(target: str) -> Iterator[SqlStore]:
    with open_store(target) as opened:
        yield opened


def open_with(target: str, migrations: Sequence[Migration]) -> SqlStore:
    if is_postgres_url(target):
        return PostgresStore(target, migrations)
    return SqliteStore(target, migrations)


def table_columns(target: str) -> dict[str, set[str]]:
    url = psycopg_url(target) if is_postgres_url(target) else f"sqlite:///{target}"
    engine = sa.create_engine(url)
    try:
        inspector = sa.inspect(engine)
        return {
            name: {c["name"] for c in inspector.get_columns(name)}
            for name in inspector.get_table_names()
        }
    finally:
        engine.dispose()


# ------------------------------------------------------------------ fictional records
def article_id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_article(n: int, source_id: str | None = None, **changes: object) -> Article:
    paragraphs = (f"The ferry to Lindholm ran aground on day {n}.", "Nobody was hurt.")
    fields: dict[str, object] = {
        "id": article_id(f"fiction {n}"),
        "source_id": source_id or f"story-{n:03d}",
        "title": f"Ferry aground, day {n}",
        "paragraphs": paragraphs,
        "published": datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
        + timedelta(days=n),
        "published_precision": DatePrecision.MINUTE,
        "url": f"https://harbour-gazette.example/{n}",
        "outlet": "harbour-gazette.example",
        "removed": (RemovedSpan("Subscribe to our newsletter", "newsletter", 2),),
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def sentences_of(article: Article) -> list[Sentence]:
    found, start = [], 0
    for index, paragraph in enumerate(article.paragraphs):
        found.append(
            Sentence(article.id, index, Span(start, start + len(paragraph)), paragraph, index)
        )
        start += len(paragraph) + 2
    return found


def stored(store: SqlStore, *numbers: int) -> list[Article]:
    articles = [make_article(n) for n in numbers]
    store.add_articles((article, sentences_of(article)) for article in articles)
    return articles


# ------------------------------------------------------------------ opening
def test_a_fresh_store_is_empty_and_at_the_latest_version(store: SqlStore) -> None:
    assert store.schema_version == MIGRATIONS[-1].version
    assert store.article_count() == 0
    assert list(store.articles()) == []
    assert store.events() == []


def test_migrating_an_empty_database_yields_the_declared_schema(
    store: SqlStore, target: str
) -> None:
    declared = {
        table.name: {column.name for column in table.columns}
        for table in schema.metadata.tables.values()
    }
    assert table_columns(target) == declared


def test_data_survives_closing_and_reopening(target: str) -> None:
    with open_store(target) as first:
        [article] = stored(first, 1)
        first.set_state("index", "snapshot-7")
    with open_store(target) as again:
        assert again.get_article(article.id) == article
        assert again.get_state("index") == "snapshot-7"


# ------------------------------------------------------------------ articles
def test_an_article_round_trips_with_its_sentences(store: SqlStore) -> None:
    article = make_article(1)
    assert store.add_article(article, sentences_of(article)) is True
    assert store.get_article(article.id) == article
    assert store.sentences(article.id) == sentences_of(article)
    assert store.has_article(article.id)
    assert not store.has_article(article_id("never stored"))


def test_adding_the_same_article_again_changes_nothing(store: SqlStore) -> None:
    article = make_article(1)
    store.add_article(article, sentences_of(article))
    assert store.add_article(article, sentences_of(article)) is False
    assert store.article_count() == 1
    assert store.sentences(article.id) == sentences_of(article)


def test_bulk_add_flags_each_item_once(store: SqlStore) -> None:
    [first] = stored(store, 1)
    second, third = make_article(2), make_article(3)
    items = [
        (first, []),
        (second, sentences_of(second)),
        (third, []),
        (second, sentences_of(second)),
    ]
    assert store.add_articles(items) == [False, True, True, False]
    assert store.article_count() == 3
    assert len(store.sentences(second.id)) == 2


def test_sentences_must_belong_to_their_article(store: SqlStore) -> None:
    article, other = make_article(1), make_article(2)
    with pytest.raises(StoreError, match="belongs to article"):
        store.add_article(article, sentences_of(other))
    assert store.article_count() == 0


def test_articles_come_back_in_ingest_order_across_pages(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql, "PAGE", 2)
    ingested = stored(store, 5, 3, 9, 1, 7)
    assert [article.id for article in store.articles()] == [article.id for article in ingested]
    assert store.article_count() == 5


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(numbers=st.lists(st.integers(0, 30), max_size=8), data=st.data())
def test_ingest_is_idempotent_in_any_order(
    store: SqlStore, numbers: list[int], data: st.DataObject
) -> None:
    new_ids = {make_article(n).id for n in numbers if not store.has_article(make_article(n).id)}
    before = store.article_count()
    stored(store, *numbers)
    again = data.draw(st.permutations(numbers))
    assert store.add_articles((make_article(n), []) for n in again) == [False] * len(again)
    assert store.article_count() == before + len(new_ids)


# ------------------------------------------------------------------ references
def test_an_article_is_found_by_unique_id_prefix_or_source_id(store: SqlStore) -> None:
    [article] = stored(store, 1)
    assert store.get_article(article.id[:6]) == article
    assert store.get_article(article.source_id) == article
    with pytest.raises(NotFoundError):
        store.get_article(article.id[:5])  # too short to trust
    with pytest.raises(NotFoundError):
        store.get_article(article.id[:8].upper())  # ids are compared exactly on both backends
    with pytest.raises(NotFoundError, match="no article matches 'story-404'"):
        store.get_article("story-404")


def test_an_ambiguous_prefix_is_refused(store: SqlStore) -> None:
    twins = [make_article(n, id=f"abcdef{n}" + "0" * 58) for n in (1, 2)]
    store.add_articles((twin, []) for twin in twins)
    with pytest.raises(StoreError, match="id prefix 'abcdef' matches 2 articles"):
        store.get_article("abcdef")
    assert store.get_article("abcdef1") == twins[0]


def test_a_shared_source_id_lists_the_candidates(store: SqlStore) -> None:
    same_name = [make_article(n, source_id="report") for n in (1, 2)]
    store.add_articles((article, []) for article in same_name)
    with pytest.raises(StoreError, match="source id 'report' matches 2 articles") as refused:
        store.get_article("report")
    assert all(article.id[:12] in str(refused.value) for article in same_name)


# ------------------------------------------------------------------ transactions
def test_an_exception_rolls_back_the_whole_batch(store: SqlStore) -> None:
    article, later = make_article(1), make_article(2)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(article, sentences_of(article))
        store.set_state("cursor", "1")
        store.save_event(Event(store.new_event_id(), "Ferry", None, None, (article.id,)))
        with store.transaction():  # joins the outer one
            store.add_article(later, [])
        raise RuntimeError("the batch failed half way")
    assert store.article_count() == 0
    assert store.sentences(article.id) == []
    assert store.get_state("cursor") is None
    assert store.events() == []


def test_a_failure_in_a_nested_block_rolls_back_the_outer_writes(store: SqlStore) -> None:
    with pytest.raises(ValueError), store.transaction():
        stored(store, 1)
        with store.transaction():
            raise ValueError("inner")
    assert store.article_count() == 0


def test_a_committed_batch_is_visible_to_another_connection(store: SqlStore, target: str) -> None:
    with store.transaction():
        stored(store, 1, 2)
        store.set_state("cursor", "2")
    with open_store(target) as other:
        assert other.article_count() == 2
        assert other.get_state("cursor") == "2"


def test_database_errors_surface_as_store_errors(store: SqlStore) -> None:
    ghost = Event("E000001", "Ghost", None, None, (article_id("never stored"),))
    with pytest.raises(StoreError):
        store.save_event(ghost)  # member articles must exist
    assert store.events() == []
    stored(store, 1)  # and the store still works afterwards
    assert store.article_count() == 1


# ------------------------------------------------------------------ derived facts
def test_facts_are_replaced_per_article(store: SqlStore) -> None:
    [article] = stored(store, 1)
    assert store.get_facts(article.id) is None
    quantity = Quantity(
        article.id, 0, Span(4, 9), "three", 3, 3, 3, Bound.EXACT, "people", "injured"
    )
    claim = Claim(article.id, 1, Span(0, 16), Slot.CASUALTIES, "0", "Nobody was hurt.")
    store.put_facts(ArticleFacts(article.id, quantities=(quantity,), event_date=date(2024, 5, 2)))
    store.put_facts(ArticleFacts(article.id, claims=(claim,)))
    assert store.get_facts(article.id) == ArticleFacts(article.id, claims=(claim,))


def test_facts_are_written_and_read_in_bulk(store: SqlStore) -> None:
    first, second, third = stored(store, 1, 2, 3)
    dated = ArticleFacts(first.id, event_date=date(2024, 5, 2))
    claim = Claim(second.id, 1, Span(0, 16), Slot.CASUALTIES, "0", "Nobody was hurt.")
    store.put_facts(ArticleFacts(second.id, event_date=date(2024, 5, 9)))
    replaced = ArticleFacts(second.id, claims=(claim,))
    store.put_many_facts([ArticleFacts(first.id), dated, replaced])  # the last of an id wins
    store.put_many_facts([])
    found = store.get_many_facts([third.id, second.id, first.id, "absent"])
    assert found == {first.id: dated, second.id: replaced}
    assert found == {a.id: f for a in (first, second) if (f := store.get_facts(a.id)) is not None}


def test_articles_and_sentences_are_read_in_bulk(store: SqlStore) -> None:
    first, second, third = stored(store, 1, 2, 3)
    assert store.get_articles([third.id, first.id, third.id]) == [third, first, third]
    assert store.get_articles([]) == []
    with pytest.raises(NotFoundError):
        store.get_articles([first.id, article_id("never stored")])
    grouped = store.sentences_of([second.id, first.id, "absent"])
    assert grouped == {second.id: sentences_of(second), first.id: sentences_of(first), "absent": []}
    assert store.known_articles([first.id, "absent", third.id]) == {first.id, third.id}


def test_signatures_are_written_in_bulk(store: SqlStore) -> None:
    first, second = stored(store, 1, 2)
    when = first.published
    store.put_signature(first.id, None, "old", b"\x00")
    store.put_signatures([(first.id, when, "d1", b"\x01\x02"), (second.id, None, "d2", b"\x03")])
    store.put_signatures([(second.id, when, "d2b", b"\x04"), (second.id, None, "d2c", b"\x05")])
    store.put_signatures([])
    assert list(store.signatures()) == [
        (first.id, when, "d1", b"\x01\x02"),
        (second.id, None, "d2c", b"\x05"),
    ]


def test_copy_links_are_keyed_by_source_and_target(store: SqlStore) -> None:
    first, second, third = stored(store, 1, 2, 3)
    pair = SentencePair(0, 0, 0.97, CopyKind.NEAR)
    near = CopyLink(
        first.id, second.id, CopyKind.NEAR, 0.9, True, ("earlier publication",), (pair,)
    )
    exact = CopyLink(first.id, second.id, CopyKind.EXACT, 1.0, False)
    other = CopyLink(third.id, first.id, CopyKind.PARAPHRASE, 0.7, True)
    store.put_copy_links([near, other])
    store.put_copy_links([exact])
    assert store.copy_links() == sorted([exact, other], key=lambda link: (link.source, link.target))
    assert store.copy_links([second.id]) == [exact]
    assert len(store.copy_links([first.id])) == 2
    assert store.copy_links([]) == []
    store.put_copy_links([near])
    assert store.copy_links([second.id]) == [near]


def reprint(article: Article, source_id: str, outlet: str, hours: float | None) -> Reprint:
    assert article.published is not None
    when = None if hours is None else article.published + timedelta(hours=hours)
    return Reprint(article.id, source_id, outlet, f"{outlet}: ferry aground", when, None)


def test_reprints_are_kept_per_source_and_read_back_in_publication_order(store: SqlStore) -> None:
    first, second = stored(store, 1, 2)
    later = reprint(first, "dale-17", "Dalepost", 3)
    # Earlier on its clock (08:00 against 12:30), but at UTC-05: 2.5 hours after `later`.
    western = dataclasses.replace(
        reprint(first, "west-2", "Westbay", None),
        published=datetime(2024, 5, 2, 8, 0, tzinfo=timezone(timedelta(hours=-5))),
    )
    undated = reprint(first, "ft-3", "Ferry Times", None)
    store.add_reprints([undated, later, western, reprint(second, "dale-18", "Dalepost", 1)])
    assert store.reprints([first.id]) == [later, western, undated]
    assert {r.source_id for r in store.reprints()} == {"west-2", "dale-17", "ft-3", "dale-18"}
    assert store.reprints([]) == [] and store.reprints(["unknown"]) == []
    # Keyed by (article, source): a second write replaces, never duplicates.
    retitled = dataclasses.replace(later, title="Ferry aground (updated)")
    store.add_reprints([retitled])
    assert store.reprints([first.id]) == [retitled, western, undated]


def test_a_reprints_source_id_names_the_article_it_repeats(store: SqlStore) -> None:
    [article] = stored(store, 1)
    store.add_reprints([reprint(article, "dale-17", "Dalepost", 2)])
    assert store.get_article("dale-17") == article
    with pytest.raises(NotFoundError):
        store.get_article("dale-99")


def placement(article: Article, probability: float) -> Placement:
    return Placement(
        article.id,
        "E000002",
        PlacementKind.JOINED,
        0.3,
        best_event="E000003",
        best_probability=probability,
        runner_up="E000001",
        runner_up_probability=0.125,
        merged=("E000003",),
        signals=(Signal("embedding_max", 0.8125), Signal("day_gap", 0.0)),
    )


def test_placements_are_kept_per_article_and_read_back_whole(store: SqlStore) -> None:
    first, second = stored(store, 1, 2)
    opened = Placement(second.id, "E000001", PlacementKind.OPENED, 0.3)
    store.put_placements([placement(first, 0.5), opened])
    assert store.placements([first.id, second.id, "unknown"]) == {
        first.id: placement(first, 0.5),
        second.id: opened,
    }
    assert store.placements([]) == {}
    store.put_placements([placement(first, 0.75)])  # replaces, never duplicates
    assert store.placements([first.id]) == {first.id: placement(first, 0.75)}
    assert store.placements() == {first.id: placement(first, 0.75), second.id: opened}


def test_a_placement_of_an_unstored_article_is_refused(store: SqlStore) -> None:
    [article] = stored(store, 1)
    with pytest.raises(StoreError):
        store.put_placements([dataclasses.replace(placement(article, 0.5), article_id="nope")])
    assert store.placements(["nope"]) == {}


def test_a_reprint_of_an_unstored_article_is_refused(store: SqlStore) -> None:
    [article] = stored(store, 1)
    with pytest.raises(StoreError):
        store.add_reprints([dataclasses.replace(reprint(article, "x", "X", 1), article_id="nope")])
    assert store.reprints() == []


def test_sentence_pairs_are_stored_as_the_codec_writes_them(store: SqlStore) -> None:
    # Links written before the pairs had their own row functions must read back.
    first, second = stored(store, 1, 2)
    pairs = tuple(SentencePair(i, i + 2, 0.5 + i / 10, kind) for i, kind in enumerate(CopyKind))
    store.put_copy_links([CopyLink(first.id, second.id, CopyKind.NEAR, 0.8, True, (), pairs)])
    with store.transaction():
        [raw] = store._connection.execute(sa.select(schema.copy_links.c.sentence_pairs)).scalars()
    assert raw == [to_json(pair) for pair in pairs]
    assert store.copy_links()[0].sentence_pairs == pairs


# ------------------------------------------------------------------ events
def test_events_keep_their_members_in_order(store: SqlStore) -> None:
    first, second = stored(store, 1, 2)
    event = Event(
        store.new_event_id(),
        "Ferry aground",
        date(2024, 5, 2),
        date(2024, 5, 3),
        (second.id, first.id),
        places=("Lindholm",),
        entities=("Harbour Authority",),
    )
    store.save_event(event)
    assert store.get_event(event.id) == event
    assert store.events() == [event]
    assert store.event_of(first.id) == event.id
    assert store.event_of(article_id("never stored")) is None
    with pytest.raises(NotFoundError):
        store.get_event("E999999")


def test_saving_an_event_takes_its_articles_from_other_events(store: SqlStore) -> None:
    first, second = stored(store, 1, 2)
    old = Event(store.new_event_id(), "Both", None, None, (first.id, second.id))
    store.save_event(old)
    new = Event(store.new_event_id(), "Second only", None, None, (second.id,))
    store.save_event(new)
    assert store.get_event(old.id).article_ids == (first.id,)
    assert store.event_of(second.id) == new.id


def test_event_ids_are_never_handed_out_twice(store: SqlStore, target: str) -> None:
    handed = [store.new_event_id() for _ in range(3)]
    assert handed == ["E000001", "E000002", "E000003"]
    [article] = stored(store, 1)
    store.save_event(Event(handed[0], "a", None, None, (article.id,)))
    store.save_event(Event(handed[1], "b", None, None, ()))
    store.record_merge(handed[0], handed[1])
    store.close()
    with open_store(target) as reopened:
        assert reopened.new_event_id() == "E000004"


def test_merged_ids_resolve_through_chains(store: SqlStore) -> None:
    first, second, third = stored(store, 1, 2, 3)
    ids = [store.new_event_id() for _ in range(3)]
    for event_id, article in zip(ids, (first, second, third), strict=True):
        store.save_event(Event(event_id, f"Story {event_id}", None, None, (article.id,)))
    store.record_merge(ids[0], ids[1])
    store.record_merge(ids[1], ids[2])
    survivor = store.get_event(ids[0])
    assert survivor.id == ids[2]
    assert survivor.article_ids == (third.id, second.id, first.id)
    assert [event.id for event in store.events()] == [ids[2]]
    assert store.event_of(first.id) == ids[2]


def test_bad_merges_are_refused(store: SqlStore) -> None:
    first, second = (store.new_event_id() for _ in range(2))
    for event_id in (first, second):
        store.save_event(Event(event_id, "x", None, None, ()))
    with pytest.raises(StoreError, match="into itself"):
        store.record_merge(first, first)
    store.record_merge(first, second)
    with pytest.raises(StoreError, match="into itself"):
        store.record_merge(second, first)  # `first` now lives on as `second`
    with pytest.raises(NotFoundError):
        store.record_merge("E404404", second)


def test_events_are_listed_oldest_id_first(store: SqlStore) -> None:
    for event_id in ("E000010", "E000002", "E1000000", "E000009"):
        store.save_event(Event(event_id, event_id, None, None, ()))
    assert [event.id for event in store.events()] == ["E000002", "E000009", "E000010", "E1000000"]


# ------------------------------------------------------------------ constraints and state
def test_constraints_are_kept_once_in_order(store: SqlStore) -> None:
    store.add_constraint("apart", "a1", "b2")
    store.add_constraint("together", "c3", "d4")
    store.add_constraint("apart", "a1", "b2")
    assert store.constraints() == [("apart", "a1", "b2"), ("together", "c3", "d4")]
    with pytest.raises(StoreError, match="'maybe'"):
        store.add_constraint("maybe", "a1", "b2")


def test_state_values_are_replaced(store: SqlStore) -> None:
    assert store.get_state("lsh") is None
    store.set_state("lsh", "v1")
    store.set_state("lsh", "v2 ünïcode")
    assert store.get_state("lsh") == "v2 ünïcode"


def test_json_escapes_no_store_can_hold_never_reach_it(store: SqlStore, tmp_path: Path) -> None:
    # PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded at all.
    record = {
        "id": "dam-report",
        "title": "Orrin dam\u0000 holds",
        "text": "The dam at Orrin held overnight.\u0000 Engineers checked it.\ud800\u0007",
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [document] = list(read.run([str(feed)]))
    assert isinstance(document, RawDocument)
    [article] = list(clean.run([document]))
    assert isinstance(article, Article)
    assert store.add_article(article, clean.split_sentences(article)) is True
    stored = store.get_article(article.id)
    assert stored.title == "Orrin dam holds"
    assert stored.body == "The dam at Orrin held overnight. Engineers checked it.?"


def test_states_are_written_in_bulk(store: SqlStore) -> None:
    store.set_state("kept", "old")
    store.set_state("replaced", "old")
    store.set_states({"replaced": "new", "added": "näive"})
    store.set_states({})
    assert store.get_states(["kept", "replaced", "added"]) == {
        "kept": "old",
        "replaced": "new",
        "added": "näive",
    }


def test_states_are_read_in_bulk(store: SqlStore) -> None:
    for number in range(1200):  # more keys than one query takes
        store.set_state(f"profile/{number}", f"value {number}")
    wanted = [f"profile/{n}" for n in range(0, 1300, 7)] + ["profile/7", "absent"]
    found = store.get_states(wanted)
    assert found == {
        key: key.replace("profile/", "value ") for key in wanted[:-1] if int(key[8:]) < 1200
    }


# ------------------------------------------------------------------ migrations
notes = sa.Table(
    "notes",
    sa.MetaData(),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("body", sa.Text),
)


def _add_notes(connection: sa.Connection) -> None:
    notes.create(connection)
    titles = sa.select(schema.articles.c.ingested_seq, schema.articles.c.title)
    connection.execute(notes.insert().from_select(["seq", "body"], titles))


def _fail_half_way(connection: sa.Connection) -> None:
    notes.create(connection)
    raise RuntimeError("migration broke")


def test_a_later_migration_upgrades_and_keeps_the_data(target: str) -> None:
    with open_with(target, MIGRATIONS) as old:
        [article] = stored(old, 1)
    upgraded = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "notes from titles", _add_notes))
    with open_with(target, upgraded) as new:
        assert new.schema_version == len(upgraded)
        assert new.get_article(article.id) == article
        assert new.sentences(article.id) == sentences_of(article)
    with open_with(target, upgraded) as again:  # applied once only
        assert again.schema_version == len(upgraded)
    assert "notes" in table_columns(target)
    with pytest.raises(SchemaError, match=f"schema version {len(upgraded)}, newer"):
        open_with(target, MIGRATIONS)


def test_a_version_2_store_gains_reprints_and_keeps_its_articles(target: str) -> None:
    with open_with(target, MIGRATIONS[:2]) as old:
        [article] = stored(old, 1)
        assert "reprints" not in table_columns(target)
    with open_with(target, MIGRATIONS) as new:
        assert new.schema_version == len(MIGRATIONS)
        assert new.get_article(article.id) == article
        new.add_reprints([reprint(article, "dale-17", "Dalepost", 1)])
        assert [r.outlet for r in new.reprints([article.id])] == ["Dalepost"]


def test_a_version_3_store_gains_placements_and_keeps_its_articles(target: str) -> None:
    with open_with(target, MIGRATIONS[:3]) as old:
        [article] = stored(old, 1)
        assert "placements" not in table_columns(target)
    with open_with(target, MIGRATIONS) as new:
        assert new.schema_version == 4
        assert new.get_article(article.id) == article
        new.put_placements([placement(article, 0.5)])
        assert new.placements([article.id]) == {article.id: placement(article, 0.5)}


def test_a_failing_migration_leaves_the_previous_version(target: str) -> None:
    with open_with(target, MIGRATIONS):
        pass
    broken = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "breaks", _fail_half_way))
    with pytest.raises(RuntimeError, match="migration broke"):
        open_with(target, broken)
    assert "notes" not in table_columns(target)
    with open_with(target, MIGRATIONS) as store:
        assert store.schema_version == len(MIGRATIONS)


def test_migrations_must_be_numbered_in_order(tmp_path: Path) -> None:
    shuffled = (Migration(2, "two", _add_notes), *MIGRATIONS)
    with pytest.raises(SettingsError, match="migrations"):
        SqliteStore(tmp_path / "x.db", shuffled)
    with pytest.raises(SettingsError):
        Migration(0, "zero", _add_notes)


# ------------------------------------------------------------------ choosing a backend
def test_open_store_reads_the_environment_then_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CROSSCHECK_DB", str(tmp_path / "from-env.db"))
    with open_store(None) as chosen:
        assert isinstance(chosen, SqliteStore)
        assert chosen.path == str(tmp_path / "from-env.db")
    monkeypatch.delenv("CROSSCHECK_DB")
    with open_store(None):
        assert (tmp_path / "crosscheck.db").exists()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    # Foreign keys are checked by test_database_errors_surface_as_store_errors.
    with open_store(tmp_path / "wal.db"):
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'wal.db'}")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        engine.dispose()


def test_sqlite_checkpoints_many_pages_at_once_and_syncs_every_commit(tmp_path: Path) -> None:
    engine = sqlite_engine(str(tmp_path / "sync.db"))
    with engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL: a commit survives a power cut
        assert pragma("PRAGMA wal_autocheckpoint").scalar() > 1000  # SQLite's default
    engine.dispose()


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_postgres_urls_use_psycopg_3(given_url: str, expected: str) -> None:
    assert is_postgres_url(given_url)
    assert psycopg_url(given_url) == expected


def test_an_unreachable_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(tmp_path / "no" / "such" / "folder" / "x.db")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/nothing")


def test_postgres_urls_open_a_postgres_store(postgres_url: str) -> None:  # noqa: F811 (fixture)
    with open_store(postgres_url) as opened:
        assert isinstance(opened, PostgresStore)
        assert "secret" not in opened.where
        assert opened.article_count() == 0


def test_published_times_keep_their_offset(store: SqlStore) -> None:
    utc = make_article(1, published=datetime(2024, 5, 1, 23, 0, tzinfo=UTC))
    naive = make_article(
        2, published=datetime(2024, 5, 1, 23, 0), published_precision=DatePrecision.DAY
    )
    store.add_articles([(utc, []), (naive, [])])
    assert store.get_article(utc.id).published == utc.published
    assert store.get_article(naive.id).published.tzinfo is None  # type: ignore[union-attr]
