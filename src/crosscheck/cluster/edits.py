"""Changes users make by hand: merge two events, split articles off an event.

Both are recorded as constraints between articles ("together"/"apart") so the
clusterer respects them in later ingests, and both rebuild the clustering
profiles of the events they touch so later articles compare against the
events as the user left them.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.cluster.describe import describe
from crosscheck.cluster.settings import ClusterSettings
from crosscheck.cluster.state import ClusterState
from crosscheck.cluster.stats import EventProfile, rebuild_event
from crosscheck.errors import NotFoundError, SettingsError
from crosscheck.records import Event
from crosscheck.store.base import Store


def merge_events(store: Store, kept: str, absorbed: str) -> Event:
    """Move every article of `absorbed` into `kept`; `absorbed` resolves to `kept` after."""
    kept_event, absorbed_event = store.get_event(kept), store.get_event(absorbed)
    if kept_event.id == absorbed_event.id:
        return kept_event
    state = _state(store)
    members = [*kept_event.article_ids, *absorbed_event.article_ids]
    merged = _rebuilt(state, kept_event.id, members)
    store.save_event(merged)
    store.record_merge(absorbed_event.id, kept_event.id)
    # Emptied, so that blocking hints naming it are checked with the store.
    state.put_event(EventProfile(absorbed_event.id))
    store.add_constraint("together", kept_event.article_ids[0], absorbed_event.article_ids[0])
    state.flush()
    return merged


def split_event(store: Store, event_id: str, article_ids: Sequence[str]) -> Event:
    """Move `article_ids` out of the event into a new event, which is returned."""
    event = store.get_event(event_id)
    leaving = list(dict.fromkeys(article_ids))
    strangers = [article_id for article_id in leaving if article_id not in event.article_ids]
    if strangers:
        raise NotFoundError(f"article of event {event.id}", strangers[0])
    staying = [article_id for article_id in event.article_ids if article_id not in leaving]
    if not staying or not leaving:
        raise SettingsError(
            "article_ids", list(article_ids), "some but not all of the event's articles"
        )
    state = _state(store)
    new_event = _rebuilt(state, store.new_event_id(), leaving)
    store.save_event(_rebuilt(state, event.id, staying))
    store.save_event(new_event)
    for article_id in leaving:
        store.add_constraint("apart", article_id, staying[0])
    state.flush()
    return new_event


def _state(store: Store) -> ClusterState:
    state = ClusterState(store, ClusterSettings().hash_bits)
    state.refresh()
    return state


def _rebuilt(state: ClusterState, event_id: str, members: Sequence[str]) -> Event:
    found = [profile for m in members if (profile := state.profile(m)) is not None]
    event = rebuild_event(event_id, found)
    event.members = list(members)  # articles without a profile stay members
    state.put_event(event)
    for article_id in members:
        state.set_event_of(article_id, event_id)
    return describe(event)
