"""The whole pipeline on the bundled fictional corpus, checked against its own labels."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crosscheck import clean, read
from crosscheck.engine.local import PipelineSettings, ingest_documents
from crosscheck.records import RawDocument
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_store import dossier_from_store
from crosscheck.report.export import export_json
from crosscheck.samples import corpus_dir, expected_events, load_labels
from crosscheck.store import SqliteStore
from crosscheck.store.base import Store

LABELS: dict[str, Any] = load_labels()  # type: ignore[assignment]


def partition(store: Store) -> set[frozenset[str]]:
    exported = export_json(store)
    return {frozenset(event["articles"]) for event in exported["events"]}


def event_of_source(store: Store, source_id: str) -> str:
    event = store.event_of(store.get_article(source_id).id)
    assert event is not None
    return event


def dossier(store: Store, source_id: str) -> dict[str, Any]:
    return to_json(dossier_from_store(store, store.get_event(event_of_source(store, source_id))))


def test_sample_events_match_the_labels(sample_store: Store) -> None:
    expected = {frozenset(members) for members in expected_events().values()}
    assert partition(sample_store) == expected


def test_wire_copies_and_rewrites_count_once(sample_store: Store) -> None:
    reports = dossier(sample_store, "mp-karsk-depot-2023")["independent_reports"]
    family = {source: i for i, members in enumerate(reports) for source in members}
    for original, copy in LABELS["wire_copies"] + LABELS["spun_rewrites"]:
        assert family[original] == family[copy], (original, copy)
    assert family["mp-karsk-depot-2023"] != family["eastwatch-karsk-five-killed"]


def test_casualty_dispute_is_flagged_with_both_sides(sample_store: Store) -> None:
    claims = dossier(sample_store, "mp-karsk-depot-2023")["claims"]
    killed = [c for c in claims if c["slot"] == "casualties" and "killed" in (c["scope"] or "")]
    disputed = [c for c in killed if c["verdict"] == "disputed"]
    assert disputed, killed
    values = {float(v["value"]) for c in disputed for v in c["values"]}
    assert {3.0, 5.0} <= values


def test_a_later_count_from_the_same_source_is_an_update(sample_store: Store) -> None:
    claims = dossier(sample_store, "lakeshore-ferry-capsize")["claims"]
    missing = [c for c in claims if c["slot"] == "casualties" and "missing" in (c["scope"] or "")]
    assert any(c["verdict"] == "updated" for c in missing), missing
    assert not any(c["verdict"] == "disputed" for c in missing)


def test_later_batches_never_renumber_earlier_events(tmp_path: Path) -> None:
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]
    early = [d for d in documents if (d.published or "9999") < "2024-04"]
    late = [d for d in documents if d not in early]
    with SqliteStore(tmp_path / "online.db") as store:
        ingest_documents(early, store, PipelineSettings(batch_size=4))
        before = {event.id: set(event.article_ids) for event in store.events()}
        ingest_documents(late, store, PipelineSettings(batch_size=4))
        after = {event.id: set(event.article_ids) for event in store.events()}
        assert partition(store) == {frozenset(m) for m in expected_events().values()}
    for event_id, members in before.items():
        assert members <= after[event_id]


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _events_by_first_report(store: Store) -> list[str]:
    """Event ids ordered by the publication date of each event's earliest dated article."""
    first: dict[str, datetime] = {}
    for event in store.events():
        articles = store.get_articles(sorted(event.article_ids))
        first[event.id] = min(_as_utc(a.published) for a in articles if a.published)
    return sorted(first, key=lambda event_id: first[event_id])


@pytest.mark.parametrize("window, in_date_order", [(4096, True), (1, False)])
def test_a_pile_read_newest_first_is_clustered_in_publication_order(
    tmp_path: Path, window: int, in_date_order: bool
) -> None:
    # Events are numbered as they open: placed in publication order, the event
    # whose first report is oldest opens first even when its files come last.
    # (Placed as they arrive, newest first, the sample's look-alike depot reports
    # also swap events: the reason the engine orders a pile.)
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]
    newest_first = sorted(documents, key=lambda d: d.published or "", reverse=True)
    with SqliteStore(tmp_path / "reversed.db") as store:
        settings = PipelineSettings(batch_size=4, order_window=window)
        ingest_documents(newest_first, store, settings)
        if in_date_order:
            assert partition(store) == {frozenset(m) for m in expected_events().values()}
        by_first_report = _events_by_first_report(store)
        assert (by_first_report == sorted(by_first_report)) == in_date_order


def test_copy_links_do_not_depend_on_batching(tmp_path: Path, sample_store: Store) -> None:
    # Small batches grow events article by article; only new pairs are aligned each time.
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]
    with SqliteStore(tmp_path / "batched.db") as store:
        ingest_documents(documents, store, PipelineSettings(batch_size=3))
        batched = store.copy_links()
    assert batched == sample_store.copy_links()
    assert any(link.sentence_pairs for link in batched)


def test_a_failure_while_reading_ahead_keeps_what_was_read_before_it(tmp_path: Path) -> None:
    # The next batch is read and analysed inside the current batch's transaction
    # (while its sentences embed): an error there must not roll that batch back,
    # and the part batch read before the error is stored too (seven in threes).
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]

    def failing_feed() -> Iterator[RawDocument]:
        yield from documents[:7]
        raise OSError("feed connection dropped")

    with SqliteStore(tmp_path / "partial.db") as store:
        with pytest.raises(OSError, match="feed connection dropped"):
            ingest_documents(failing_feed(), store, PipelineSettings(batch_size=3))
        first_texts = {a.id for a in clean.run(documents[:7])}  # a reprint shares its story's
        assert len(store.known_articles(first_texts)) == len(first_texts)
        assert {a for e in store.events() for a in e.article_ids}
        # Run again on the whole corpus: the seven are not stored twice, the rest join.
        summary = ingest_documents(documents, store, PipelineSettings(batch_size=3))
        assert summary.duplicates == 7
        assert partition(store) == {frozenset(m) for m in expected_events().values()}


def test_a_headline_only_item_is_stored_and_clustered_with_its_story(tmp_path: Path) -> None:
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]
    story = documents[0]
    assert story.title
    headline = RawDocument(
        source_id="headline-only",
        origin="feed.jsonl:1",
        text=story.title,
        title=story.title,
        outlet="Feed Wire",
        published=story.published,
    )
    with SqliteStore(tmp_path / "headline.db") as store:
        summary = ingest_documents([*documents, headline], store)
        stories = {article.id for article in clean.run(documents)}  # reprints share theirs
        assert summary.ok and summary.stored == len(stories) + 1
        assert store.get_article("headline-only").body == story.title
        assert event_of_source(store, "headline-only") == event_of_source(store, story.source_id)


def test_a_text_read_together_is_stored_under_its_earliest_record(tmp_path: Path) -> None:
    # The wire's own copy comes last in the input but was published first: it is the
    # article, and the outlet that ran it later is its reprint.
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]
    story = next(d for d in documents if d.source_id == "mp-karsk-depot-2023")
    wire = dataclasses.replace(
        story,
        source_id="wire-karsk",
        outlet="Harbour Wire",
        title="Harbour Wire: depot blast",
        published="2023-10-10T06:00:00+00:00",
        url=None,
        origin="feed.jsonl:wire-karsk",
    )
    assert (story.published or "") > "2023-10-10T06:00"
    with SqliteStore(tmp_path / "earliest.db") as store:
        summary = ingest_documents([*documents, wire], store, PipelineSettings(batch_size=4))
        stored = store.get_article("wire-karsk")
        assert stored.outlet == "Harbour Wire"
        assert summary.reprints >= 1
        exported = export_json(store)
    assert any(
        r["of"] == "wire-karsk" and r["id"] == "mp-karsk-depot-2023" for r in exported["reprints"]
    ), exported["reprints"]


def test_other_outlets_running_a_stored_text_are_kept_as_reprints(tmp_path: Path) -> None:
    # The corpus has one: Lowland Daily ran Meridian Press's report word for word,
    # in the same batch as the report itself.
    documents = [item for item in read.run([str(corpus_dir())]) if isinstance(item, RawDocument)]
    story = next(d for d in documents if d.source_id == "mp-karsk-depot-2023")

    def rerun(source_id: str, outlet: str | None, hour: int) -> RawDocument:
        return dataclasses.replace(
            story,
            source_id=source_id,
            outlet=outlet,
            title=f"{outlet}: depot blast",
            published=f"2023-10-11T{hour:02d}:00:00+00:00",
            url=None,
            origin=f"feed.jsonl:{source_id}",
        )

    copies = [
        rerun("westbay-karsk", "Westbay Tribune", 1),
        rerun("mp-archive-karsk", "meridian press", 2),  # the outlet's own second record
        rerun("anon-karsk", None, 3),  # nobody named: adds nobody
    ]
    later = rerun("coastal-karsk", "Coastal Times", 5)
    with SqliteStore(tmp_path / "reprints.db") as store:
        first = ingest_documents([*documents, *copies], store, PipelineSettings(batch_size=4))
        second = ingest_documents([*documents, *copies, later], store)
        again = ingest_documents([later], store)
        assert (first.duplicates, first.reprints) == (4, 2)
        assert (second.duplicates, second.reprints) == (len(documents) + 4, 1)
        assert (again.duplicates, again.reprints) == (1, 0)
        assert partition(store) == {frozenset(m) for m in expected_events().values()}
        data = dossier(store, "mp-karsk-depot-2023")
        exported = export_json(store)
        assert store.get_article("coastal-karsk").source_id == "mp-karsk-depot-2023"
    expected = [  # earliest first
        ("westbay-karsk", "Westbay Tribune"),
        ("lowland-karsk-depot", "Lowland Daily"),
        ("coastal-karsk", "Coastal Times"),
    ]
    assert [(r["of"], r["id"], r["outlet"]) for r in data["reprints"]] == [
        ("mp-karsk-depot-2023", *pair) for pair in expected
    ]
    article = next(a for a in data["articles"] if a["id"] == "mp-karsk-depot-2023")
    assert article["reprinted_by"] == [outlet for _, outlet in expected]
    reports = data["independent_reports"]
    assert not any(r["id"] in report for r in data["reprints"] for report in reports)
    karsk = event_of_karsk(exported)
    assert {(r["id"], r["event"]) for r in exported["reprints"]} == {
        (source_id, karsk) for source_id, _ in expected
    }


def event_of_karsk(exported: dict[str, Any]) -> str:
    return next(a["event"] for a in exported["articles"] if a["id"] == "mp-karsk-depot-2023")
