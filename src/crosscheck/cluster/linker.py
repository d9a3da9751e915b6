"""The online step: find an article's candidate events and score each one.

The linker knows nothing of `Event` records or user constraints; it works on
profiles in `ClusterState` and asks `event_of` which event a stored article is
in. `EventClusterer` drives it for real; training (`cluster.training`) drives it
with the gold events to collect labelled feature rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from crosscheck.cluster.blocking import Hyperplanes, blocking_keys, rank_candidates
from crosscheck.cluster.features import FEATURES, LinkModel
from crosscheck.cluster.profile import ArticleProfile
from crosscheck.cluster.rows import Compared, FeatureRows
from crosscheck.cluster.settings import ClusterSettings
from crosscheck.cluster.state import ClusterState
from crosscheck.embed import EMBEDDING_DIM

EventOf = Callable[[str], str | None]
Candidate = tuple[str, list[float]]  # event id, feature row
_DAY_GAP, _UNDATED = FEATURES.index("day_gap"), FEATURES.index("undated")


class Linker:
    def __init__(self, state: ClusterState, settings: ClusterSettings, event_of: EventOf) -> None:
        self.state = state
        self.settings = settings
        self.event_of = event_of
        self.planes = Hyperplanes(EMBEDDING_DIM)
        self.feature_rows = FeatureRows(state.frequencies)
        self._keys: dict[str, list[str]] = {}

    def begin_batch(self, profiles: Iterable[ArticleProfile]) -> None:
        """Count the batch's words first, so its order cannot change any weight."""
        frequencies = self.state.frequencies
        batch = list(profiles)
        for profile in batch:
            frequencies.add(profile)
        self.state.touch_frequencies()
        self.feature_rows = FeatureRows(frequencies)
        self._keys = {p.article_id: blocking_keys(p, frequencies, self.planes) for p in batch}

    def keys(self, profile: ArticleProfile) -> list[str]:
        found = self._keys.get(profile.article_id)
        if found is None:
            found = blocking_keys(profile, self.state.frequencies, self.planes)
        return found

    def candidates(self, profile: ArticleProfile) -> list[Candidate]:
        """Feature rows for the events of the stored articles most like this one."""
        keys = self.keys(profile)
        self.state.prefetch_postings(keys)
        ranked = rank_candidates(
            keys,
            self.state.posting,
            self.state.frequencies.documents,
            self.settings.candidate_articles,
        )
        hints = self._hints(keys)
        hinted = dict.fromkeys(hints[a] for a in ranked if a in hints)
        self.state.prefetch_events(list(hinted)[: 2 * self.settings.candidate_events])
        chosen = {
            event_id: self._chosen(event_id, member_ids)
            for event_id, member_ids in self._group_by_event(ranked, hints).items()
        }
        self.state.prefetch_profiles(a for members in chosen.values() for a in members)
        compared: list[Compared] = []
        for event_id, member_ids in chosen.items():
            profiles = (self.state.profile(article_id) for article_id in member_ids)
            members = [member for member in profiles if member is not None]
            compared.append((self.state.event(event_id), members))
        rows = self.feature_rows.rows(profile, compared)
        window = self.settings.time_window_days
        return [
            (event_id, row)
            for event_id, row in zip(chosen, rows, strict=True)
            if window is None or in_window(row, window)
        ]

    def _hints(self, keys: Sequence[str]) -> dict[str, str]:
        """The event each posted article was filed into, as its postings remember it."""
        hints: dict[str, str] = {}
        for key in keys:
            posting = self.state.posting(key)
            hints.update(zip(posting.ids, posting.events, strict=True))
        return hints

    def _group_by_event(self, ranked: Sequence[str], hints: dict[str, str]) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for article_id in ranked:
            hint = hints.get(article_id, "")
            full = len(grouped) >= self.settings.candidate_events
            if hint and full and hint not in grouped:
                continue  # its event would not be compared anyway: spare the lookups
            event_id = self._event_of(article_id, hint)
            if event_id is None:
                continue
            if event_id in grouped or not full:
                grouped.setdefault(event_id, []).append(article_id)
        return grouped

    def _event_of(self, article_id: str, hint: str) -> str | None:
        """The hinted event if the article is still in it, else the authoritative lookup.

        At 100k stored articles most candidates are not cached: the hint turns a
        store lookup per candidate article into one per candidate event (whose
        profile is read for its features anyway); bench/cluster.py measures it.
        """
        if hint and self.state.event(hint).has_member(article_id):
            return hint
        return self.event_of(article_id)

    def _chosen(self, event_id: str, best_ranked: list[str]) -> list[str]:
        """The best-ranked members that vouch for the event, topped up with the most
        recent ones (every event has one: the member that opened it vouches, and a
        person's merge or split makes them all vouch)."""
        wanted = self.settings.members_compared
        event = self.state.event(event_id)
        unvouched = event.unvouched
        vouching = (member for member in reversed(event.members) if member not in unvouched)
        recent = list(islice(vouching, wanted))
        ranked = [member for member in best_ranked if member not in unvouched][:wanted]
        return list(dict.fromkeys([*ranked, *recent]))[:wanted]

    def ranked(
        self, rows: Sequence[Candidate], model: LinkModel, excluded: set[str]
    ) -> list[tuple[str, float, list[float]]]:
        """Allowed candidates with their link probability and row, most probable first.

        Equal probabilities go by event id, so the choice never depends on the
        order blocking found the candidates in.
        """
        scored = [
            (event_id, model.probability(row), row)
            for event_id, row in rows
            if event_id not in excluded
        ]
        return sorted(scored, key=lambda candidate: (-candidate[1], candidate[0]))

    def file(self, profile: ArticleProfile, event_id: str, vouches: bool = True) -> None:
        """Record that the article is in the event: profile, event sums, blocking keys;
        one that does not vouch for it is left out of the members compared later."""
        self.state.put_profile(profile)
        event = self.state.event(event_id)
        event.add(profile, vouches)
        self.state.put_event(event)
        for key in self.keys(profile):
            self.state.file(key, profile.article_id, event_id, self.settings.posting_capacity)


def in_window(row: Sequence[float], window_days: int) -> bool:
    """Whether the event's nearest dated member is within `window_days` of the article's
    event day (or either side is undated): read from the row, whose day_gap is log1p(days)."""
    return row[_UNDATED] == 1.0 or row[_DAY_GAP] <= math.log1p(window_days)
