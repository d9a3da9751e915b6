"""Online event clustering: stable ids, order independence, user edits, look-alikes.

The articles here are fiction written for these tests: two fires at the same
warehouse in the invented town of Millbrook, two and a half years apart (the
look-alike), and an unrelated council vote in Riverton.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster_helpers import embedder_by_title, lead_cosine_model, make_article
from crosscheck.cluster import ClusterSettings, EventClusterer, merge_events, split_event
from crosscheck.cluster.describe import BACKED_WITHIN_DAYS, describe, span_days
from crosscheck.cluster.features import FEATURES, LinkModel
from crosscheck.cluster.memory import MemoryStore
from crosscheck.cluster.settings import DEFAULT_SETTINGS
from crosscheck.cluster.stats import EventProfile
from crosscheck.embed import embed_leads
from crosscheck.errors import SettingsError
from crosscheck.records import Article, PlacementKind

FIRST_FIRE = [
    (
        "fire-1",
        "Warehouse fire in Millbrook kills two workers",
        "Two workers died on Monday when fire tore through the Calloway Freight warehouse "
        "on Dunmore Road in Millbrook. Fire chief Harlan Voss said 40 firefighters fought "
        "the blaze for six hours. The victims were named as Peter Ansel, 52, and Ruth Quill, 38.",
        "2019-03-04",
    ),
    (
        "fire-2",
        "Two dead in Millbrook warehouse blaze",
        "Peter Ansel and Ruth Quill were killed in Monday's fire at the Calloway Freight "
        "warehouse in Millbrook, chief Harlan Voss told reporters. About 40 firefighters "
        "were called to Dunmore Road; the cause is under investigation.",
        "2019-03-04",
    ),
    (
        "fire-3",
        "Millbrook mourns warehouse fire victims Ansel and Quill",
        "A vigil was held on Tuesday for Peter Ansel, 52, and Ruth Quill, 38, who died in "
        "the Calloway Freight warehouse fire on Dunmore Road. Harlan Voss said the "
        "investigation into the Millbrook blaze could take weeks.",
        "2019-03-05",
    ),
]
SECOND_FIRE = [
    (
        "again-1",
        "Fire breaks out again at Millbrook warehouse",
        "Firefighters were called to the Calloway Freight warehouse on Dunmore Road in "
        "Millbrook on Saturday for the second time in two years. Fire chief Dana Whitlock "
        "said one worker, Colin Brede, 27, was treated for smoke inhalation.",
        "2021-10-16",
    ),
    (
        "again-2",
        "Worker hurt in new Millbrook warehouse fire",
        "Colin Brede was taken to hospital after Saturday's fire at the Calloway Freight "
        "warehouse in Millbrook, chief Dana Whitlock said. Nobody was killed this time.",
        "2021-10-16",
    ),
]
COUNCIL = [
    (
        "council-1",
        "Riverton council approves new library budget",
        "The Riverton city council voted 7 to 2 on Wednesday to approve a budget of 3.4 "
        "million dollars for the new public library, mayor Elena Sorvik announced.",
        "2019-03-06",
    ),
    (
        "council-2",
        "Riverton library budget passes after long debate",
        "Mayor Elena Sorvik welcomed Wednesday's 7-2 council vote approving 3.4 million "
        "dollars for Riverton's new public library after a four-hour debate.",
        "2019-03-06",
    ),
]


ARTICLES = {row[0]: make_article(*row) for row in [*FIRST_FIRE, *SECOND_FIRE, *COUNCIL]}


@functools.lru_cache(maxsize=256)
def _embedded(text: str) -> npt.NDArray[np.float32]:
    return embed_leads([text])[0]


def cached_embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    return np.asarray([_embedded(text) for text in texts], dtype=np.float32)


def ingest(store: MemoryStore, source_ids: Sequence[str]) -> set[str]:
    """What the engine does per batch: store the articles, then assign them."""
    clusterer = EventClusterer(store, embedder=cached_embed)
    return ingest_with(clusterer, store, source_ids)


def ingest_with(
    clusterer: EventClusterer, store: MemoryStore, source_ids: Sequence[str]
) -> set[str]:
    batch = [ARTICLES[source_id] for source_id in source_ids]
    for article in batch:
        store.add_article(article, ())
    return clusterer.assign([(article, None) for article in batch])


def partition(store: MemoryStore) -> set[frozenset[str]]:
    return {
        frozenset(store.get_article(a).source_id for a in event.article_ids)
        for event in store.events()
    }


def event_of(store: MemoryStore, source_id: str) -> str:
    found = store.event_of(ARTICLES[source_id].id)
    assert found is not None
    return found


@pytest.mark.slow
def test_reports_of_one_event_group_and_the_look_alike_opens_another() -> None:
    store = MemoryStore()
    ingest(store, [*ARTICLES])
    assert partition(store) == {
        frozenset({"fire-1", "fire-2", "fire-3"}),
        frozenset({"again-1", "again-2"}),
        frozenset({"council-1", "council-2"}),
    }


@pytest.mark.slow
def test_a_report_dated_past_the_time_window_is_no_candidate_for_the_event() -> None:
    # The second report's text again, seven months on: past a window of 180 days.
    rerun = make_article(
        "fire-2-rerun",
        "Two dead in Millbrook warehouse blaze",
        str(ARTICLES["fire-2"].paragraphs[0]) + " (Archive)",
        "2019-10-02",
    )
    for window, events in ((180, 2), (None, 1), (365, 1)):
        store = MemoryStore()
        clusterer = EventClusterer(
            store, ClusterSettings(time_window_days=window), embedder=cached_embed
        )
        for article in (ARTICLES["fire-2"], rerun):
            store.add_article(article, ())
            clusterer.assign([(article, None)])
        assert len(store.events()) == events, window


@pytest.mark.slow
def test_a_later_batch_never_renumbers_or_reshuffles_earlier_events() -> None:
    store = MemoryStore()
    ingest(store, ["fire-1", "fire-2", "council-1"])
    before = {event.id: set(event.article_ids) for event in store.events()}
    touched = ingest(store, ["fire-3", "council-2", "again-1", "again-2"])
    after = {event.id: set(event.article_ids) for event in store.events()}
    for event_id, members in before.items():
        assert members <= after[event_id]
    new_ids = set(after) - set(before)
    assert len(new_ids) == 1 and new_ids <= touched
    assert all(event_id > max(before) for event_id in new_ids)


@pytest.mark.slow
def test_a_new_process_continues_from_the_stored_state() -> None:
    store = MemoryStore()
    ingest(store, ["fire-1", "council-1"])
    fresh_clusterer = EventClusterer(store, embedder=cached_embed)
    ingest_with(fresh_clusterer, store, ["fire-2", "council-2"])
    assert event_of(store, "fire-2") == event_of(store, "fire-1")
    assert event_of(store, "council-2") == event_of(store, "council-1")


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(sorted(ARTICLES)))
def test_order_within_a_batch_does_not_change_the_clustering(order: list[str]) -> None:
    reference, shuffled = MemoryStore(), MemoryStore()
    ingest(reference, sorted(ARTICLES))
    ingest(shuffled, order)
    assert partition(shuffled) == partition(reference)
    assert {e.id: e.article_ids for e in shuffled.events()} == {
        e.id: e.article_ids for e in reference.events()
    }


def _clustered(
    batches: Sequence[Sequence[Article]],
    embedder: Callable[[Sequence[str]], npt.NDArray[np.float32]],
    model: LinkModel,
    cluster_settings: ClusterSettings = DEFAULT_SETTINGS,
) -> set[frozenset[str]]:
    """The events the batches make, each batch by a new clusterer over the same store
    (as each ingest is), as sets of source ids."""
    store = MemoryStore()
    for batch in batches:
        for article in batch:
            store.add_article(article, ())
        clusterer = EventClusterer(store, cluster_settings, model=model, embedder=embedder)
        clusterer.assign([(article, None) for article in batch])
    return partition(store)


def test_undated_articles_least_like_a_stored_event_are_placed_first() -> None:
    """Two undated reports of the second fire arrive after the first fire is stored. One
    reads much like the first fire's report, the other less: placed first, the close one
    would join the first fire and pull its batch mate in after it."""
    close = make_article(
        "again-close",
        "Calloway depot blaze again",
        "Fire crews returned to the Calloway depot on Dunmore Road; one worker hurt.",
        None,
    )
    far = make_article(
        "again-far",
        "Calloway depot worker in hospital",
        "Colin Brede was treated after the new blaze at the Calloway depot on Dunmore Road.",
        None,
    )
    # Left to ids alone, the close report would go first (the test of the order).
    assert close.id < far.id
    first = make_article(
        "first",
        "Calloway depot blaze kills two",
        "Two workers died in a blaze at the Calloway depot on Dunmore Road.",
        "2019-03-04",
    )
    # Lead vectors set by hand: the close report is 0.8 from the first fire and 0.89
    # from the far one, which is 0.45 from the first fire.
    embedder = embedder_by_title(
        {first.title: (1.0, 0.0), close.title: (0.8, 0.6), far.title: (0.45, 0.893)}
    )
    placed = _clustered([[first], [close, far]], embedder, lead_cosine_model(1.0))
    assert placed == {frozenset({"first"}), frozenset({"again-close", "again-far"})}


def _drawn_after_a_weak_join(vouch_probability: float) -> set[frozenset[str]]:
    """A report of the Harlow mill fire is stored; a report of another mill fire joins it
    at 0.38 (lead cosine 0.55; link threshold 0.3); then a follow-up of that other fire
    arrives, 0.95 from it and 0.26 from the first report."""
    first = make_article(
        "first", "Harlow mill fire", "Fire gutted the Harlow mill on Monday night.", None
    )
    weak = make_article(
        "weak", "Mill fire near Harlow", "A mill outside Harlow burned; no one was hurt.", None
    )
    follow = make_article(
        "follow", "Owner of burned mill speaks", "The owner of the burned mill will rebuild.", None
    )
    embedder = embedder_by_title(
        {first.title: (1.0, 0.0), weak.title: (0.55, 0.835), follow.title: (0.262, 0.965)}
    )
    model = lead_cosine_model(1.0, threshold=0.3)
    vouching = ClusterSettings(vouch_probability=vouch_probability)
    return _clustered([[first], [weak], [follow]], embedder, model, vouching)


def test_a_report_that_joined_below_even_odds_draws_no_later_report_after_it() -> None:
    # Compared with the first report alone (0.03), the follow-up opens its own event;
    # the weak join stays where it went. A new clusterer places each batch: the store
    # remembers who does not vouch.
    assert _drawn_after_a_weak_join(0.5) == {
        frozenset({"first", "weak"}),
        frozenset({"follow"}),
    }
    # Were every member to vouch, the follow-up would join through the weak report (0.97).
    assert _drawn_after_a_weak_join(0.0) == {frozenset({"first", "weak", "follow"})}


def _bridged_into(bridge_body: str) -> set[frozenset[str]]:
    """Two stored reports a lead cosine of 0 apart, then a third 0.707 from each: the
    model (lead cosine alone) is 0.75 sure of both events, over the 0.7 merge threshold."""
    north = make_article(
        "north", "Harlow mill fire", "Fire gutted the Harlow mill on Monday night.", None
    )
    south = make_article(
        "south", "Harlow granary fire", "Fire gutted the Harlow granary on Friday night.", None
    )
    bridge = make_article("bridge", "Harlow fires", bridge_body, None)
    embedder = embedder_by_title(
        {north.title: (1.0, 0.0), south.title: (0.0, 1.0), bridge.title: (0.7071, 0.7071)}
    )
    return _clustered([[north], [south], [bridge]], embedder, lead_cosine_model(0.7))


def test_a_report_sure_of_two_events_merges_them() -> None:
    merged = _bridged_into("Fires gutted the Harlow mill and the Harlow granary this week.")
    assert merged == {frozenset({"north", "south", "bridge"})}


def test_a_report_naming_another_weekday_than_an_event_is_no_bridge_to_it() -> None:
    # As sure of both events as above, but it dates the fire to Monday: the granary's
    # report says Friday. It joins the mill's event and the two events stay apart.
    kept_apart = _bridged_into("Fire gutted the Harlow mill on Monday; the granary is next door.")
    assert kept_apart == {frozenset({"north", "bridge"}), frozenset({"south"})}


@pytest.mark.slow
def test_each_placement_is_recorded_with_its_probability_and_runner_up() -> None:
    store = MemoryStore()
    for source_id in ("fire-1", "council-1", "fire-2"):  # one batch each: a known order
        ingest(store, [source_id])
    ids = [ARTICLES[source_id].id for source_id in ("fire-1", "council-1", "fire-2")]
    first, council, second = (store.placements(ids)[article_id] for article_id in ids)
    threshold = LinkModel.shipped().threshold
    assert (first.kind, first.event_id, first.best_event) == (
        PlacementKind.OPENED,
        event_of(store, "fire-1"),
        None,
    )
    assert first.signals == () and first.threshold == threshold
    assert council.kind is PlacementKind.OPENED
    assert council.event_id == event_of(store, "council-1") != first.event_id
    if council.best_event is not None:  # blocking found the fire: it fell short
        assert council.best_probability is not None and council.best_probability < threshold
    assert second.kind is PlacementKind.JOINED
    assert second.event_id == second.best_event == event_of(store, "fire-1")
    assert second.best_probability is not None and second.best_probability >= threshold
    assert [signal.name for signal in second.signals] == list(FEATURES)
    assert LinkModel.shipped().probability([s.value for s in second.signals]) == pytest.approx(
        second.best_probability
    )
    if second.runner_up is not None:
        assert second.runner_up == council.event_id
        assert second.runner_up_probability is not None
        assert second.runner_up_probability <= second.best_probability


@pytest.mark.slow
def test_merge_persists_and_later_articles_follow_it() -> None:
    store = MemoryStore()
    ingest(store, ["fire-1", "fire-2", "again-1"])
    kept, absorbed = event_of(store, "fire-1"), event_of(store, "again-1")
    merged = merge_events(store, kept, absorbed)
    assert merged.id == kept
    assert store.get_event(absorbed).id == kept
    assert ("together", ARTICLES["fire-1"].id, ARTICLES["again-1"].id) in store.constraints()
    ingest(store, ["again-2"])
    assert event_of(store, "again-2") == kept
    assert [event.id for event in store.events()] == [kept]


@pytest.mark.slow
def test_split_persists_and_later_batches_respect_it() -> None:
    store = MemoryStore()
    ingest(store, ["fire-1", "fire-2"])
    original = event_of(store, "fire-1")
    new_event = split_event(store, original, [ARTICLES["fire-2"].id])
    assert new_event.id != original
    assert new_event.article_ids == (ARTICLES["fire-2"].id,)
    assert ("apart", ARTICLES["fire-2"].id, ARTICLES["fire-1"].id) in store.constraints()
    ingest(store, ["fire-3", "council-1"])
    assert event_of(store, "fire-2") == new_event.id
    assert event_of(store, "fire-1") == original
    assert store.get_event(new_event.id).article_ids[0] == ARTICLES["fire-2"].id


@pytest.mark.slow
def test_events_have_a_title_and_a_time_span() -> None:
    store = MemoryStore()
    ingest(store, [row[0] for row in FIRST_FIRE])
    (event,) = store.events()
    assert event.title in {row[1] for row in FIRST_FIRE}
    assert (event.start, event.end) == (date(2019, 3, 4), date(2019, 3, 5))
    assert "harlan voss" in event.entities


def _ordinals(*days: str) -> list[int]:
    return [date.fromisoformat(day).toordinal() for day in days]


def test_a_lone_far_date_stays_out_of_the_time_span() -> None:
    # An undated obituary dated by the first date it names ("born May 2, 1921").
    profile = EventProfile("E1")
    profile.days = _ordinals("2019-06-02", "1921-05-02", "2019-05-31", "1986-06-17")
    event = describe(profile)
    assert (event.start, event.end) == (date(2019, 5, 31), date(2019, 6, 2))


def test_a_follow_up_months_later_widens_the_time_span() -> None:
    days = _ordinals("2009-11-30", "2009-11-30", "2009-12-03", "2010-01-12")
    assert span_days(days) == sorted(days)


def test_with_no_date_backed_by_another_every_date_counts() -> None:
    days = _ordinals("2021-01-01", "2020-01-01")
    assert span_days(days) == sorted(days)


@given(st.lists(st.integers(730_000, 740_000), max_size=30))
def test_the_span_keeps_every_backed_date_and_only_given_ones(days: list[int]) -> None:
    kept = span_days(days)
    assert set(kept) <= set(days)
    assert bool(kept) == bool(days)
    ordered = sorted(days)
    for index, day in enumerate(ordered):
        others = ordered[:index] + ordered[index + 1 :]
        if any(abs(day - other) <= BACKED_WITHIN_DAYS for other in others):
            assert day in kept


@pytest.mark.slow
def test_assigning_the_same_articles_again_changes_nothing() -> None:
    store = MemoryStore()
    ingest(store, [*ARTICLES])
    before = partition(store)
    assert ingest(store, [*ARTICLES]) == set()
    assert partition(store) == before


def test_split_refuses_articles_outside_the_event() -> None:
    store = MemoryStore()
    store.save_event(_event("E000001", ("a", "b")))
    with pytest.raises(LookupError):
        split_event(store, "E000001", ["zzz"])
    with pytest.raises(SettingsError):
        split_event(store, "E000001", ["a", "b"])


@pytest.mark.parametrize(
    "bad",
    [
        {"link_threshold": 1.5},
        {"merge_threshold": 0.0},
        {"hash_bits": 40},
        {"posting_capacity": 0},
        {"members_compared": -1},
        {"time_window_days": 0},
        {"vouch_probability": 1.5},
    ],
)
def test_bad_settings_are_named(bad: dict[str, float]) -> None:
    with pytest.raises(SettingsError, match=next(iter(bad))):
        ClusterSettings(**bad)  # type: ignore[arg-type]


def _event(event_id: str, members: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from crosscheck.records import Event

    return Event(event_id, "t", None, None, members)
