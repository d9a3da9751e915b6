"""Which members of events do not vouch for them, for the views to say so.

A report that joined its event below `ClusterSettings.vouch_probability` stays a
member, but later articles are not compared with it one by one (clusterer.py); a
person's merge or split makes every member of the events it touches vouch. The
event's clustering record (`EventProfile.unvouched`) holds how things stand now;
the placement record only what was decided when the article arrived.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosscheck.cluster.state import event_records
from crosscheck.cluster.stats import EventProfile
from crosscheck.store.base import Store


def not_vouching(store: Store, event_ids: Iterable[str]) -> frozenset[str]:
    """The members (article ids) of those events that do not vouch for them."""
    return frozenset(
        member
        for record in event_records(store, event_ids)
        for member in EventProfile.unvouched_in(record)
    )
