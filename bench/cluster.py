"""Clustering throughput as the store grows: articles/s at 1k, 10k and 100k stored.

    .venv/bin/python bench/cluster.py [--sizes 1000 10000 100000] [--measured 300]
                                      [--store sqlite|memory]

The articles are synthetic, generated here with a realistic event structure:
events of 1-12 reports (geometric sizes) spread over three years, each with its
own people, place, numbers and vocabulary drawn from shared Zipf-distributed
pools (so blocking keys collide the way real ones do: many events share a city
or a common name), and embeddings that scatter around an event direction.

Filling the store to 100k through the model would take hours on two cores, so
the store is pre-filled through the same persistence path the clusterer uses
(profiles, event sums, blocking postings and Event records written by
`Linker.file` and `ClusterState.flush`), with each article's event known in
advance and its embedding precomputed. The measured articles then go through
the real `EventClusterer.assign` path (blocking, features, model, writes), with
precomputed embeddings: embedding costs the same whatever the store holds, so
it would only hide the growth this bench is there to catch. The rate must not
fall by more than 2x from the smallest to the largest store.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt

from crosscheck.cluster import EventClusterer
from crosscheck.cluster.describe import describe
from crosscheck.cluster.linker import Linker
from crosscheck.cluster.profile import build_profile, embedding_text
from crosscheck.cluster.settings import ClusterSettings
from crosscheck.cluster.state import ClusterState
from crosscheck.embed import EMBEDDING_DIM
from crosscheck.records import Article, DatePrecision
from crosscheck.store.base import Store

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "su",
    "no",
    "vi",
    "da",
    "pe",
    "zo",
    "ri",
    "ba",
    "lu",
    "ne",
    "mo",
    "si",
    "ta",
    "go",
    "ve",
]
BATCH = 64


class World:
    """Pools of words, names and places the synthetic events draw from."""

    def __init__(self, seed: int) -> None:
        self.random = np.random.default_rng(seed)
        self.words = [self._word(2 + i % 3) for i in range(5000)]
        self.people = [f"{self._word(2).title()} {self._word(3).title()}" for _ in range(20000)]
        self.places = [self._word(3).title() for _ in range(800)]
        self.vectors: dict[str, npt.NDArray[np.float32]] = {}

    def _word(self, syllables: int) -> str:
        return "".join(self.random.choice(SYLLABLES, syllables))

    def _zipf(self, pool: Sequence[str], count: int) -> list[str]:
        ranks = np.minimum(self.random.zipf(1.3, count), len(pool)) - 1
        return [pool[rank] for rank in ranks]

    def events(self) -> Iterator[list[Article]]:
        start = datetime(2014, 1, 1)
        while True:
            day = start + timedelta(days=int(self.random.integers(0, 3 * 365)))
            yield self._event(day, size=min(int(self.random.geometric(0.35)), 12))

    def _event(self, day: datetime, size: int) -> list[Article]:
        people = self._zipf(self.people, 3)
        place = self._zipf(self.places, 1)[0]
        topic = self._zipf(self.words, 25)
        direction = self.random.standard_normal(EMBEDDING_DIM)
        reports = []
        for _ in range(size):
            words = [*self.random.choice(topic, 40), *self._zipf(self.words, 30)]
            body = f"{place} {' '.join(words)} {people[0]} said {' and '.join(people[1:])} " + (
                f"{int(self.random.integers(2, 90))} {int(self.random.integers(100, 9999))}"
            )
            article = _article(f"{place} {words[0]} {words[1]}", body, day)
            vector = direction + 0.8 * self.random.standard_normal(EMBEDDING_DIM)
            self.vectors[embedding_text(article)] = (vector / np.linalg.norm(vector)).astype(
                np.float32
            )
            reports.append(article)
        return reports

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.asarray([self.vectors[text] for text in texts], dtype=np.float32)


def _article(title: str, body: str, day: datetime) -> Article:
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()
    return Article(digest, digest[:12], title, (body,), day, DatePrecision.DAY)


def prefill(store: Store, world: World, events: Iterator[list[Article]], count: int) -> int:
    """Store `count` articles with their events known, through the clusterer's persistence."""
    settings = ClusterSettings()
    state = ClusterState(store, settings.hash_bits)
    state.refresh()
    linker = Linker(state, settings, state.event_of)
    stored = 0
    while stored < count:
        chunk = [next(events) for _ in range(BATCH // 4)]
        with store.transaction():
            stored += _file_events(store, world, state, linker, chunk)
    return stored


def _file_events(
    store: Store, world: World, state: ClusterState, linker: Linker, events: list[list[Article]]
) -> int:
    profiles = []
    for reports in events:
        for article in reports:
            store.add_article(article, ())
        profiles.append(
            [build_profile(a, None, world.embed([embedding_text(a)])[0]) for a in reports]
        )
    linker.begin_batch([p for group in profiles for p in group])
    for group in profiles:
        event_id = store.new_event_id()
        for profile in group:
            linker.file(profile, event_id)
            state.set_event_of(profile.article_id, event_id)
        store.save_event(describe(state.event(event_id)))
    state.flush()
    return sum(len(group) for group in profiles)


def measure(store: Store, world: World, events: Iterator[list[Article]], count: int) -> float:
    """Articles/s through the real assign path, in engine-sized batches."""
    articles = [a for _ in range(count) for a in next(events)][:count]
    clusterer = EventClusterer(store, embedder=world.embed)
    started = time.perf_counter()
    for start in range(0, len(articles), BATCH):
        batch = articles[start : start + BATCH]
        with store.transaction():
            for article in batch:
                store.add_article(article, ())
            clusterer.assign([(article, None) for article in batch])
    return len(articles) / (time.perf_counter() - started)


def open_bench_store(kind: str, folder: Path) -> Store:
    if kind == "memory":
        from crosscheck.cluster.memory import MemoryStore

        return MemoryStore()
    from crosscheck.store import open_store

    return open_store(str(folder / "bench.db"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--measured", type=int, default=300, help="articles assigned per size")
    parser.add_argument("--store", choices=["sqlite", "memory"], default="sqlite")
    args = parser.parse_args()
    world = World(seed=7)
    events = world.events()
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_bench_store(args.store, Path(folder))
        stored = 0
        for size in sorted(args.sizes):
            started = time.perf_counter()
            stored += prefill(store, world, events, size - stored)
            filled = time.perf_counter() - started
            rate = measure(store, world, events, args.measured)
            stored += args.measured
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"store {size:>7,} articles (filled in {filled:.0f}s): {rate:7.1f} articles/s "
                f"assigned, peak RSS {peak:.0f} MiB",
                flush=True,
            )
            rates.append(rate)
        store.close()
    ratio = rates[0] / rates[-1]
    print(f"rate at {min(args.sizes):,} / rate at {max(args.sizes):,}: {ratio:.2f} (must be <= 2)")
    return 0 if ratio <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
