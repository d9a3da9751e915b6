"""Event clustering: put each article into the real-world event it reports.

EventClusterer(store).assign(batch)   online placement with stable event ids
merge_events(store, kept, absorbed)   user merge, persisted as a constraint
split_event(store, event, articles)   user split, persisted as constraints
"""

from crosscheck.cluster.clusterer import EventClusterer
from crosscheck.cluster.edits import merge_events, split_event
from crosscheck.cluster.settings import ClusterSettings

__all__ = ["ClusterSettings", "EventClusterer", "merge_events", "split_event"]
