"""Every view says which members do not vouch for their events (cluster/vouching.py):
the article view in each format, the dossier's articles and the corpus export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import crosscheck.cluster.state as cluster_state
from cluster_helpers import embedder_by_title, lead_cosine_model, make_article
from crosscheck.cluster import EventClusterer, merge_events, split_event
from crosscheck.cluster.vouching import not_vouching
from crosscheck.records import Article
from crosscheck.report.article_view import render
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_store import dossier_from_store
from crosscheck.report.dossier_tables import articles_table
from crosscheck.report.export import export_json
from crosscheck.store import open_store
from crosscheck.store.sql import SqlStore

# Invented reports: the Harlow mill fire, and another mill fire near Harlow that joins
# its event at link probability 0.38 (lead cosine 0.55, threshold 0.3): below 0.5.
FIRST = make_article("first", "Harlow mill fire", "Fire gutted the Harlow mill on Monday.", None)
WEAK = make_article(
    "weak", "Mill fire near Harlow", "A mill outside Harlow <b>burned</b>; no one was hurt.", None
)
OTHER = make_article("other", "Granary vote", "The Harlow council voted on the granary.", None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """A store (SQLite file, PostgreSQL database) where WEAK joined FIRST's event below
    even odds and OTHER opened its own."""
    target = (
        str(request.getfixturevalue("postgres_url"))
        if request.param == "postgres"
        else str(tmp_path / "vouching.db")
    )
    opened = open_store(target)
    embedder = embedder_by_title(
        {FIRST.title: (1.0, 0.0), WEAK.title: (0.55, 0.835), OTHER.title: (0.0, 1.0)}
    )
    model = lead_cosine_model(1.0, threshold=0.3)
    for batch in ([FIRST], [WEAK], [OTHER]):
        for article in batch:
            opened.add_article(article, ())
        clusterer = EventClusterer(opened, model=model, embedder=embedder)
        clusterer.assign([(article, None) for article in batch])
    yield opened
    opened.close()


def _event_of(store: SqlStore, article: Article) -> str:
    found = store.event_of(article.id)
    assert found is not None
    return found


def _shown(store: SqlStore, article: Article) -> dict[str, object]:
    shown = render(store, article, "json")
    assert shown is not None
    return dict(json.loads(shown))


def test_the_article_view_says_a_weak_join_does_not_vouch(store: SqlStore) -> None:
    event = _event_of(store, FIRST)
    assert _event_of(store, WEAK) == event
    assert _shown(store, WEAK)["vouches"] is False
    assert _shown(store, FIRST)["vouches"] is True
    said = f"below 0.50, it does not vouch for {event}: later articles are not compared"
    for fmt in ("md", "html"):
        page = render(store, WEAK, fmt)
        assert page is not None and said in page
        first_page = render(store, FIRST, fmt)
        assert first_page is not None and "does not vouch" not in first_page
    # Article text stays escaped on the page that now says more.
    html_page = render(store, WEAK, "html")
    assert html_page is not None and "<b>burned</b>" not in html_page


def test_the_dossier_and_the_export_mark_the_member_that_does_not_vouch(store: SqlStore) -> None:
    event = store.get_event(_event_of(store, FIRST))
    data = to_json(dossier_from_store(store, event))
    vouches = {a["id"]: a["placed"]["vouches"] for a in data["articles"]}
    assert vouches == {"first": True, "weak": False}
    placed_column = {row[1]: row[4] for row in articles_table(data).rows}
    assert placed_column["weak"] == "joined 0.38 (does not vouch)"
    assert placed_column["first"] == "opened"
    exported = {a["id"]: a["placed"]["vouches"] for a in export_json(store)["articles"]}
    assert exported == {"first": True, "weak": False, "other": True}


def test_a_merge_by_hand_makes_every_member_vouch(store: SqlStore) -> None:
    merged = merge_events(store, _event_of(store, FIRST), _event_of(store, OTHER))
    assert _event_of(store, WEAK) == merged.id
    assert _shown(store, WEAK)["vouches"] is True
    assert all(a["placed"]["vouches"] for a in export_json(store)["articles"])


def test_a_split_by_hand_makes_every_member_vouch(store: SqlStore) -> None:
    split_event(store, _event_of(store, FIRST), [FIRST.id])
    assert _shown(store, WEAK)["vouches"] is True
    page = render(store, WEAK, "md")
    assert page is not None and "does not vouch" not in page


def test_events_are_read_a_page_at_a_time(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # One event record per read: the weak member is still found, an unknown event adds none.
    monkeypatch.setattr(cluster_state, "_RECORDS_PER_READ", 1)
    events = [_event_of(store, FIRST), _event_of(store, OTHER), "E999999"]  # one never stored
    assert not_vouching(store, events) == {WEAK.id}
    assert not_vouching(store, events[1:]) == frozenset()
