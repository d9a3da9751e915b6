"""Event clustering: put each article into the real-world event it reports.

EventClusterer(store).assign(batch)   online placement with stable event ids
merge_events(store, kept, absorbed)   user merge, persisted as a constraint
split_event(store, event, articles)   user split, persisted as constraints
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosscheck.cluster.clusterer import EventClusterer
    from crosscheck.cluster.edits import merge_events, split_event
    from crosscheck.cluster.settings import ClusterSettings

__all__ = ["ClusterSettings", "EventClusterer", "merge_events", "split_event"]

# Imported when first asked for, so that a stage module (`lead_tuning`, `profile`) can
# be imported alone: `eval/encoder.py --device cuda` runs on an accelerator machine
# that has torch but not spaCy or SQLAlchemy, which the clusterer's imports pull in.
_HOMES = {
    "ClusterSettings": "settings",
    "EventClusterer": "clusterer",
    "merge_events": "edits",
    "split_event": "edits",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
