"""The canonical look-alike: the seed articles give exactly two events.

000-003 report one strike near Belgorod in March 2022 (001-003 carry no
publication date at all); 004 reports a different attack on Belgorod in
December 2023. The seeds are read at run time from ../shared, never copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.cluster.memory import MemoryStore


@pytest.mark.slow
def test_the_seeds_give_exactly_two_events(seeds_dir: Path, seed_paths: dict[str, Path]) -> None:
    from crosscheck.engine.local import ingest

    store = MemoryStore()
    summary = ingest([str(seeds_dir)], store)
    assert summary.stored == 5
    groups = {
        frozenset(store.get_article(article_id).source_id[:3] for article_id in event.article_ids)
        for event in store.events()
    }
    assert set().union(*groups) == set(seed_paths)
    assert groups == {frozenset({"000", "001", "002", "003"}), frozenset({"004"})}
