"""Online event clustering with stable ids.

Articles are placed one at a time in order of their event date (ties by id, so
the order they arrive in within a batch does not matter): into the most probable
candidate event if the link model says so, else into a new event. Undated ones
come last, least attached first: those whose best candidate event is least
probable open their own events before their batch mates are placed, so that a
story's undated articles can gather in its own event rather than join, one by
one, a look-alike already stored (ECB+ held-out B3 F1, two folds at fixed
thresholds: 0.909 -> 0.926; four folds, thresholds chosen per fold: 0.909 ->
0.911; GVA, all dated, unchanged). An article that joins below even odds does
not vouch for its event (`ClusterSettings.vouch_probability`): later articles are
not compared with it, so that one report that joined a look-alike does not draw
its story's other reports after it.

Earlier events are never renumbered or reshuffled; user decisions ("together"/
"apart" constraints from merge and split) win over the model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from crosscheck.cluster.describe import describe
from crosscheck.cluster.features import FEATURES, LinkModel
from crosscheck.cluster.linker import Candidate, Linker
from crosscheck.cluster.profile import ArticleProfile, build_profile, embedding_text
from crosscheck.cluster.reembed import reembed_stored, shipped_lead_encoder
from crosscheck.cluster.settings import DEFAULT_SETTINGS, ClusterSettings
from crosscheck.cluster.state import ClusterState
from crosscheck.cluster.stats import EventProfile
from crosscheck.embed import embed_leads
from crosscheck.gc_pacing import fewer_collections
from crosscheck.records import Article, ArticleFacts, Placement, PlacementKind, Signal
from crosscheck.store.base import Store

Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]


# Later batches never undo a merge, and look-alikes read alike: a report of one
# browser patch scored 0.95 against another year's patch as well as against its own.
# A report that names another day of the week than an event's reports, or none of its
# people, may still join that event, but is no proof that it and another are one.
# (ECB+ held out, `eval/cluster.py --train --orders 6 --thresholds 0.3 0.9`, members
# that joined below even odds not vouching: 0.925 -> 0.928 in context, 0.925 -> 0.926
# `--alone`; GVA 0.958 -> 0.957 and 0.965 either way. Over the two kindest orders,
# before vouching: 0.937 -> 0.943, and 0.942 -> 0.945 with `--online-batch 256`.)
MERGE_VETOES = ("weekday_clash", "people_clash")
MERGE_VETO_COLUMNS = tuple(FEATURES.index(name) for name in MERGE_VETOES)


class Constraints:
    """User decisions between articles, as looked up while placing one."""

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        self.together: dict[str, set[str]] = defaultdict(set)
        self.apart: dict[str, set[str]] = defaultdict(set)
        for kind, first, second in rows:
            table = self.together if kind == "together" else self.apart
            table[first].add(second)
            table[second].add(first)


def placing_order(profile: ArticleProfile) -> tuple[bool, int, str]:
    """Event date order, undated last, ties by content hash."""
    return (profile.day is None, profile.day or 0, profile.article_id)


class EventClusterer:
    def __init__(
        self,
        store: Store,
        settings: ClusterSettings = DEFAULT_SETTINGS,
        *,
        model: LinkModel | None = None,
        embedder: Embedder = embed_leads,
        encoder: str | None = None,
    ) -> None:
        """`encoder` names what `embedder` computes (default: the shipped lead encoder when
        the embedder is `embed_leads`, else untracked): stored vectors recorded as made by
        another encoder are made again before the first placement (`cluster.reembed`)."""
        self.store = store
        self.settings = settings
        self.model = model if model is not None else LinkModel.shipped()
        self.threshold = settings.link_threshold or self.model.threshold
        self.merge_threshold = settings.merge_threshold or self.model.merge_threshold
        self.embedder = embedder
        self.encoder = encoder
        if encoder is None and embedder is embed_leads:
            self.encoder = shipped_lead_encoder()
        self.reembedded = 0  # stored articles whose lead vectors this clusterer made again
        self.state = ClusterState(store, settings.hash_bits)
        self.linker = Linker(self.state, settings, self.state.event_of)
        self.constraints = Constraints(())

    def assign(self, batch: Sequence[tuple[Article, ArticleFacts | None]]) -> set[str]:
        """Place new (already stored) articles into events; ids of events created or changed."""
        with fewer_collections():
            return self._assign(batch)

    def _assign(self, batch: Sequence[tuple[Article, ArticleFacts | None]]) -> set[str]:
        self.state.refresh()
        fresh = self._unplaced(batch)
        if not fresh:
            return set()
        if self.encoder is not None and self.state.encoder() != self.encoder:
            self.reembedded += reembed_stored(self.store, self.state, self.linker, self.embedder)
            self.state.set_encoder(self.encoder)
        vectors = self.embedder([embedding_text(article) for article, _ in fresh])
        profiles = [build_profile(a, f, v) for (a, f), v in zip(fresh, vectors, strict=True)]
        profiles.sort(key=placing_order)
        self.linker.begin_batch(profiles)
        self.constraints = Constraints(self.store.constraints())
        touched: set[str] = set()
        dated = [profile for profile in profiles if profile.day is not None]
        undated = self._least_attached_first([p for p in profiles if p.day is None])
        placements = [self._place(p, self.constraints, touched) for p in [*dated, *undated]]
        for event_id in sorted(touched):
            self.store.save_event(describe(self.state.event(event_id)))
        self.store.put_placements(placements)
        self.state.flush()
        return touched

    def _least_attached_first(self, undated: list[ArticleProfile]) -> list[ArticleProfile]:
        """The undated articles by their best link probability to the events as they stand
        once the dated ones are placed, lowest first (ties by id).

        Without a date there is no natural order, and the first article placed decides
        for its batch mates: if it joins a look-alike (the same team, the same town, a
        year apart), the rest follow it there. One that fits nothing opens the story's
        own event first, and those that fit it better than the look-alike join it.
        """
        if len(undated) < 2:
            return undated

        def attachment(profile: ArticleProfile) -> float:
            ranked = self.linker.ranked(self.linker.candidates(profile), self.model, set())
            return ranked[0][1] if ranked else 0.0

        best = {profile.article_id: attachment(profile) for profile in undated}
        return sorted(undated, key=lambda p: (best[p.article_id], p.article_id))

    def _unplaced(
        self, batch: Sequence[tuple[Article, ArticleFacts | None]]
    ) -> list[tuple[Article, ArticleFacts | None]]:
        unique = {article.id: (article, facts) for article, facts in batch}
        return [item for key, item in sorted(unique.items()) if self.state.event_of(key) is None]

    def _place(
        self, profile: ArticleProfile, constraints: Constraints, touched: set[str]
    ) -> Placement:
        event_id = self._forced_event(profile, constraints)
        kind = PlacementKind.TOGETHER
        ranked: list[tuple[str, float, list[float]]] = []
        merged: list[str] = []
        if event_id is None:
            kind = PlacementKind.OPENED
            rows = self.linker.candidates(profile)
            excluded = {
                event
                for partner in constraints.apart[profile.article_id]
                if (event := self.state.event_of(partner)) is not None
            }
            ranked = self.linker.ranked(rows, self.model, excluded)
            if ranked and ranked[0][1] >= self.threshold:
                kind = PlacementKind.JOINED
                bridged = self._bridged(rows, ranked[0][0], excluded)
                event_id, merged = self._merge_all(ranked[0][0], bridged, touched)
        if event_id is None:
            event_id = self.store.new_event_id()
        # Below even odds it joins as the best there is, not as one the event is sure of.
        vouches = (
            kind is not PlacementKind.JOINED or ranked[0][1] >= self.settings.vouch_probability
        )
        self.linker.file(profile, event_id, vouches)
        self.state.set_event_of(profile.article_id, event_id)
        touched.add(event_id)
        return _placement(profile.article_id, event_id, kind, self.threshold, ranked, merged)

    def _bridged(self, rows: Sequence[Candidate], chosen: str, excluded: set[str]) -> list[str]:
        """Other events this article belongs to just as surely, and nothing in it says
        otherwise: it bridges them."""
        return [
            event_id
            for event_id, row in rows
            if event_id != chosen
            and event_id not in excluded
            and self.model.probability(row) >= self.merge_threshold
            and not any(row[column] for column in MERGE_VETO_COLUMNS)
        ]

    def _merge_all(
        self, chosen: str, bridged: list[str], touched: set[str]
    ) -> tuple[str, list[str]]:
        """Merge the bridged events into the oldest of them all; its id lives on.

        Returns the event the article goes to and the ids merged away.
        """
        kept = self.state.event(min([chosen, *bridged]))
        placed_in = chosen
        merged: list[str] = []
        for absorbed_id in sorted({chosen, *bridged} - {kept.event_id}):
            absorbed = self.state.event(absorbed_id)
            if self._kept_apart(kept.members, absorbed.members):
                continue
            merged.append(absorbed_id)
            # Both must exist in the store before the merge is recorded, and
            # either may have been opened in this very batch.
            self.store.save_event(describe(absorbed))
            kept.absorb(absorbed)
            # Emptied, so that blocking hints naming it are checked with the store.
            self.state.put_event(EventProfile(absorbed_id))
            for member in absorbed.members:
                self.state.set_event_of(member, kept.event_id)
            self.state.put_event(kept)
            self.store.save_event(describe(kept))
            self.store.record_merge(absorbed_id, kept.event_id)
            touched.discard(absorbed_id)
            touched.add(kept.event_id)
            placed_in = kept.event_id if absorbed_id == chosen else placed_in
        return placed_in, merged

    def _kept_apart(self, first: Sequence[str], second: Sequence[str]) -> bool:
        others = set(second)
        return any(self.constraints.apart[member] & others for member in first)

    def _forced_event(self, profile: ArticleProfile, constraints: Constraints) -> str | None:
        for partner in sorted(constraints.together[profile.article_id]):
            event_id = self.state.event_of(partner)
            if event_id is not None:
                return event_id
        return None


def _placement(
    article_id: str,
    event_id: str,
    kind: PlacementKind,
    threshold: float,
    ranked: Sequence[tuple[str, float, list[float]]],
    merged: Sequence[str],
) -> Placement:
    """The record of one placement: the best candidate, the runner-up, what was merged."""
    best = ranked[0] if ranked else None
    runner_up = ranked[1] if len(ranked) > 1 else None
    return Placement(
        article_id=article_id,
        event_id=event_id,
        kind=kind,
        threshold=threshold,
        best_event=best[0] if best else None,
        best_probability=best[1] if best else None,
        runner_up=runner_up[0] if runner_up else None,
        runner_up_probability=runner_up[1] if runner_up else None,
        merged=tuple(merged),
        signals=tuple(Signal(n, v) for n, v in zip(FEATURES, best[2], strict=True)) if best else (),
    )
