"""Clustering throughput as the store grows: articles/s at 1k, 10k and 100k stored.

    .venv/bin/python bench/cluster.py [--sizes 1000 10000 100000] [--measured 300]
                                      [--repeats 1] [--store sqlite|memory] [--keep DIR]

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

Filling 100k takes minutes; `--keep DIR` saves each filled SQLite store (and the
generator's position) in DIR and a later run with the same sizes and --measured
starts from the copy instead. A copy holds the state encoding of the code that
filled it: empty DIR after changing that encoding (or let the store migrate it).

On a shared machine one measurement of 300 articles at 1k (about a second)
swings by a third: `--repeats N` measures every size N times, each from the
same filled copy with the same articles, and reports the median rate, and CPU
time per article beside it (what other processes cannot inflate).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import statistics
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
        # Each text is embedded once: handing its vector out forgets it, so the world
        # does not grow with the store (its 100k vectors cost memory and, in one dict,
        # garbage-collector passes that would be counted against the clusterer).
        return np.asarray([self.vectors.pop(text) for text in texts], dtype=np.float32)


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


def measure(
    store: Store, world: World, events: Iterator[list[Article]], count: int
) -> tuple[float, float]:
    """Articles/s through the real assign path, in engine-sized batches; CPU ms per article."""
    articles = [a for _ in range(count) for a in next(events)][:count]
    clusterer = EventClusterer(store, embedder=world.embed)
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(articles), BATCH):
        batch = articles[start : start + BATCH]
        with store.transaction():
            for article in batch:
                store.add_article(article, ())
            clusterer.assign([(article, None) for article in batch])
    cpu_ms = (time.process_time() - cpu) * 1000 / len(articles)
    return len(articles) / (time.perf_counter() - started), cpu_ms


def open_bench_store(kind: str, folder: Path) -> Store:
    if kind == "memory":
        from crosscheck.cluster.memory import MemoryStore

        return MemoryStore()
    from crosscheck.store import open_store

    return open_store(str(folder / "bench.db"))


class Filler:
    """Fills the store up to each size, from a copy kept by an earlier run when there is one.

    A SQLite store is closed and reopened after every fill, copy or not, so the
    measured articles always start with the same cold store cache.
    """

    def __init__(self, kind: str, folder: Path, keep: Path | None, measured: int) -> None:
        self.kind, self.folder, self.keep, self.measured = kind, folder, keep, measured
        self.world = World(seed=7)
        self.events = self.world.events()
        self.store = open_bench_store(kind, folder)
        self.stored = 0
        self.sizes: list[int] = []

    def fill(self, size: int) -> None:
        self.sizes.append(size)
        kept = self._kept_path()
        if kept is not None and kept.with_suffix(".json").exists():
            self.store.close()
            shutil.copyfile(kept, self.folder / "bench.db")
            position = json.loads(kept.with_suffix(".json").read_text())
            self.world.random.bit_generator.state = position["generator"]
            self.stored = position["stored"]
        else:
            self.stored += prefill(self.store, self.world, self.events, size - self.stored)
            if self.kind == "memory":
                return
            self.store.close()
            if kept is not None:
                self._keep(kept)
        self.store = open_bench_store(self.kind, self.folder)

    def _kept_path(self) -> Path | None:
        if self.keep is None or self.kind != "sqlite":
            return None
        sizes = "-".join(str(size) for size in self.sizes)
        return self.keep / f"filled-{sizes}-m{self.measured}.db"

    def _keep(self, kept: Path) -> None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.folder / "bench.db", kept)
        position = {"generator": self.world.random.bit_generator.state, "stored": self.stored}
        kept.with_suffix(".json").write_text(json.dumps(position))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--measured", type=int, default=300, help="articles assigned per size")
    parser.add_argument("--repeats", type=int, default=1, help="measurements per size (median)")
    parser.add_argument("--store", choices=["sqlite", "memory"], default="sqlite")
    parser.add_argument("--keep", type=Path, help="folder keeping filled SQLite stores")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    runs: dict[int, list[tuple[float, float]]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory() as folder:
        # Repeats start from the copies the first run keeps, here when not told where.
        keep = args.keep or (Path(folder) / "kept" if args.repeats > 1 else None)
        for repeat in range(args.repeats):
            run_folder = Path(folder) / f"run{repeat}"
            run_folder.mkdir()
            filler = Filler(args.store, run_folder, keep, args.measured)
            for size in sizes:
                runs[size].append(_measure_size(filler, size, args.measured))
            filler.store.close()
    rates = [statistics.median(rate for rate, _ in runs[size]) for size in sizes]
    for size, rate in zip(sizes, rates, strict=True):
        cpu = statistics.median(cpu for _, cpu in runs[size])
        listed = " ".join(f"{rate:.0f}" for rate, _ in runs[size])
        print(
            f"store {size:>7,}: median {rate:7.1f} articles/s ({listed}), {cpu:.2f} CPU ms/article"
        )
    ratio = rates[0] / rates[-1]
    print(f"rate at {sizes[0]:,} / rate at {sizes[-1]:,}: {ratio:.2f} (must be <= 2)")
    return 0 if ratio <= 2.0 else 1


def _measure_size(filler: Filler, size: int, measured: int) -> tuple[float, float]:
    started = time.perf_counter()
    filler.fill(size)
    filled = time.perf_counter() - started
    rate, cpu = measure(filler.store, filler.world, filler.events, measured)
    filler.stored += measured
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"store {size:>7,} articles (filled in {filled:.0f}s): {rate:7.1f} articles/s "
        f"assigned, {cpu:.2f} CPU ms/article, peak RSS {peak:.0f} MiB",
        flush=True,
    )
    return rate, cpu


if __name__ == "__main__":
    sys.exit(main())
