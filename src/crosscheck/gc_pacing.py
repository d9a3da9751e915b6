"""Fewer passes of Python's cycle collector while a batch of articles is processed.

The collector runs its youngest generation every 700 net allocations of container
objects (CPython's default), and every few such passes it also scans older
generations. An ingest allocates millions of short-lived tuples, dicts and
arrays and holds large long-lived caches (profiles, events, sentence facts), so
those passes cost 7-10% of its CPU. With the youngest generation run every 50,000
allocations instead, bench/pipeline.py's main process took 7.4-7.7 instead of
8.1-8.3 CPU s at 1k articles, and bench/cluster.py assigned 384 instead of 355
articles/s at 1k stored and 179 instead of 169 at 100k (medians of three).
Nearly all of that garbage is freed by reference counting anyway; the collector
is only needed for cycles, which it still collects, so memory stays the same
(peak RSS unchanged on both benches).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLD = 50_000


@contextmanager
def fewer_collections(threshold: int = BATCH_THRESHOLD) -> Iterator[None]:
    """Run the youngest generation every `threshold` allocations inside the block.

    The other thresholds are kept, and the caller's settings are restored on
    leaving. A setting already at or above `threshold` is left alone, so nested
    or concurrent blocks never leave the raised value behind: only the block that
    raised it lowers it again.
    """
    previous = gc.get_threshold()
    if previous[0] >= threshold:
        yield
        return
    gc.set_threshold(threshold, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
