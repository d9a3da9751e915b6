"""Stored lead vectors from another encoder are made again by the one in use.

The lead vectors clustering compares come from the shipped lead encoder
(`crosscheck.embed.embed_leads` over `embedding_text`); when a release changes
it (tuned layers, how much of the lead it reads), a stored article's vector and
a new article's are no longer comparable: their cosine, the strongest feature of
the link model, says little, and the event centroids and LSH buckets built from
the old vectors steer every placement. So the cluster state records which
encoder made its vectors, and a clusterer that finds another one recorded (or
none, in a store written before the record was kept) embeds every stored
article's lead again before it places anything: each profile's vector, each
event's centroid and central vector (the member that names the event stays the
same), and the article's LSH posting lists. Event membership is not revisited:
earlier placements stand, as ids must stay stable.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Sequence
from itertools import islice

import numpy as np
import numpy.typing as npt

from crosscheck.cluster.linker import Linker
from crosscheck.cluster.profile import LEAD_CHARACTERS, ArticleProfile, embedding_text
from crosscheck.cluster.state import ENCODER_KEY, ClusterState
from crosscheck.store.base import Store

Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]
# Articles embedded per call, and flushed together: bounds memory on a large store.
CHUNK = 256


def needs_reembedding(store: Store, encoder: str | None = None) -> bool:
    """Whether the store holds lead vectors of another encoder than `encoder` (default:
    the shipped one), which the next clustered batch will make again."""
    recorded = store.get_state(ENCODER_KEY)
    if recorded == (encoder or shipped_lead_encoder()):
        return False
    return recorded is not None or store.article_count() > 0


@functools.cache
def shipped_lead_encoder() -> str:
    """The shipped lead encoder's identity: its tuned layers' digest and the lead's length."""
    from crosscheck.embed import LEAD_LAYERS

    digest = hashlib.sha256(LEAD_LAYERS.read_bytes()).hexdigest()[:16]
    return f"lead-{digest}-{LEAD_CHARACTERS}"


def reembed_stored(store: Store, state: ClusterState, linker: Linker, embedder: Embedder) -> int:
    """Give every stored profile the embedder's vector; returns how many profiles changed."""
    events: set[str] = set()
    count = 0
    articles = iter(store.articles())
    while chunk := list(islice(articles, CHUNK)):
        state.prefetch_profiles(article.id for article in chunk)
        profiled = [(a, p) for a in chunk if (p := state.profile(a.id)) is not None]
        if not profiled:
            continue
        vectors = embedder([embedding_text(article) for article, _ in profiled])
        for (_, old), vector in zip(profiled, vectors, strict=True):
            event_id = state.event_of(old.article_id)
            _refile(state, linker, old, dataclasses.replace(old, embedding=vector), event_id)
            if event_id is not None:
                events.add(event_id)
        count += len(profiled)
        state.flush()
    for event_id in sorted(events):
        _recentre(state, event_id)
    state.flush()
    return count


def _refile(
    state: ClusterState,
    linker: Linker,
    old: ArticleProfile,
    new: ArticleProfile,
    event_id: str | None,
) -> None:
    state.put_profile(new)
    # A vector of another width (or none) was filed under no bucket these planes make.
    comparable = old.embedding.shape == new.embedding.shape
    before = set(linker.planes.bands(old.embedding)) if comparable else set()
    after = set(linker.planes.bands(new.embedding))
    for key in sorted(before - after):
        state.unfile(key, old.article_id)
    for key in sorted(after - before):
        state.file(key, old.article_id, event_id or "", linker.settings.posting_capacity)


def _recentre(state: ClusterState, event_id: str) -> None:
    """The event's centroid and central vector from its members' new vectors."""
    event = state.event(event_id)
    state.prefetch_profiles(event.members)
    vectors = {
        member: profile.embedding
        for member in event.members
        if (profile := state.profile(member)) is not None and profile.embedding.size
    }
    if not vectors:
        return
    event.centroid = np.sum(list(vectors.values()), axis=0, dtype=np.float32)
    if event.central in vectors:
        event.central_embedding = vectors[event.central]
    event.changes += 1
    state.put_event(event)
