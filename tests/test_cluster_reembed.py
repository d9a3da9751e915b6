"""A store whose lead vectors another encoder made gets them again from the one in use.

The "new" encoder here is the old one turned by a fixed rotation: every cosine,
so every placement, stays the same while every vector and LSH bucket changes.
A store written with the old encoder and then re-embedded must hold what a
store that always used the new one holds: the same vectors, centroids and
posting lists, and it must place new articles alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from crosscheck.cluster import EventClusterer
from crosscheck.cluster.blocking import Hyperplanes
from crosscheck.cluster.memory import MemoryStore
from crosscheck.cluster.reembed import needs_reembedding, shipped_lead_encoder
from crosscheck.cluster.state import ClusterState
from crosscheck.embed import EMBEDDING_DIM
from crosscheck.store import open_store
from crosscheck.store.base import Store
from test_cluster_state_migration import STORIES, _partition, _story_article, _story_embedding

_ROTATION = np.linalg.qr(np.random.default_rng(7).standard_normal((384, 384)))[0]


def _rotated(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    return (_story_embedding(texts) @ _ROTATION).astype(np.float32)


def _ingest(
    store: Store, reports: Sequence[int], embedder: object, encoder: str | None
) -> EventClusterer:
    batch = [_story_article(story, report) for story in STORIES for report in reports]
    clusterer = EventClusterer(store, embedder=embedder, encoder=encoder)  # type: ignore[arg-type]
    with store.transaction():
        for article in batch:
            store.add_article(article, ())
        clusterer.assign([(a, None) for a in batch])
    return clusterer


def _contents(store: Store) -> tuple[dict, dict, dict]:
    """Each article's vector, each event's centroid and central vector, each LSH key's ids."""
    state = ClusterState(store, 16)
    planes = Hyperplanes(EMBEDDING_DIM)
    vectors, events, postings = {}, {}, {}
    for article in store.articles():
        profile = state.profile(article.id)
        assert profile is not None
        vectors[article.source_id] = profile.embedding
        for key in planes.bands(profile.embedding):
            postings[key] = sorted(state.posting(key).ids)
    for event in store.events():
        profile = state.event(event.id)
        events[event.id] = (profile.centroid, profile.central_embedding)
    return vectors, events, postings


def test_an_old_encoders_store_ends_as_one_the_new_encoder_wrote() -> None:
    upgraded, always_new = MemoryStore(), MemoryStore()
    _ingest(upgraded, (1, 2, 3), _story_embedding, "old")
    old_vectors, _, old_postings = _contents(upgraded)
    second = _ingest(upgraded, (4, 5), _rotated, "new")
    _ingest(always_new, (1, 2, 3), _rotated, "new")
    _ingest(always_new, (4, 5), _rotated, "new")

    assert second.reembedded == 3 * len(STORIES)
    assert _partition(upgraded) == _partition(always_new)
    vectors, events, postings = _contents(upgraded)
    expected_vectors, expected_events, expected_postings = _contents(always_new)
    for source_id, vector in vectors.items():
        np.testing.assert_allclose(vector, expected_vectors[source_id], atol=1e-6)
        assert not np.allclose(vector, old_vectors.get(source_id, vector + 1), atol=1e-3)
    for event_id, (centroid, central) in events.items():
        np.testing.assert_allclose(centroid, expected_events[event_id][0], atol=1e-5)
        np.testing.assert_allclose(central, expected_events[event_id][1], atol=1e-6)
    assert postings == expected_postings
    # The buckets only the old vectors fell in hold nobody any more.
    state = ClusterState(upgraded, 16)
    for key in old_postings.keys() - postings.keys():
        assert state.posting(key).ids == []
    # Recorded: the next clusterer with the same encoder re-embeds nothing.
    assert _ingest(upgraded, (6,), _rotated, "new").reembedded == 0


def test_a_store_written_before_encoders_were_recorded_is_reembedded_once(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "old.db") as store:
        _ingest(store, (1, 2), _story_embedding, None)  # untracked: what older versions wrote
        assert ClusterState(store, 16).encoder() is None
        assert _ingest(store, (3,), _rotated, "new").reembedded == 2 * len(STORIES)
    with open_store(tmp_path / "old.db") as store:  # a later process
        assert ClusterState(store, 16).encoder() == "new"
        assert _ingest(store, (4,), _rotated, "new").reembedded == 0
        assert len(_partition(store)) == len(STORIES)


def test_the_shipped_encoder_is_tracked_by_default_and_named_by_its_layers() -> None:
    from crosscheck.embed import embed_leads

    name = shipped_lead_encoder()
    assert name.startswith("lead-") and name == shipped_lead_encoder()
    assert EventClusterer(MemoryStore()).encoder == name
    assert EventClusterer(MemoryStore(), embedder=embed_leads).encoder == name
    assert EventClusterer(MemoryStore(), embedder=_rotated).encoder is None


@pytest.mark.parametrize("reports", [(1,), (1, 2, 3)])
def test_a_fresh_store_records_its_encoder_without_reembedding(reports: tuple[int, ...]) -> None:
    store = MemoryStore()
    assert _ingest(store, reports, _rotated, "new").reembedded == 0
    assert ClusterState(store, 16).encoder() == "new"


def test_needs_reembedding_says_whether_the_next_batch_will_embed_again() -> None:
    store = MemoryStore()
    assert not needs_reembedding(store, "new")  # empty: nothing to embed again
    _ingest(store, (1,), _story_embedding, None)
    assert needs_reembedding(store, "new")  # written before encoders were recorded
    _ingest(store, (2,), _rotated, "new")
    assert not needs_reembedding(store, "new")
    assert needs_reembedding(store, "newer")
