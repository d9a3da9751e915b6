"""Alignment and verdicts on claims shaped like the seed corpus's 2022 event.

The records are written here by hand (no article text): four reports of one
strike, two of them a copy pair, with the claim shapes extraction produces.
"""

from __future__ import annotations

from datetime import UTC, datetime

from crosscheck.corroborate.align import align_claims
from crosscheck.corroborate.sources import EventSources, independent_reports
from crosscheck.corroborate.verdict import group_label, judge_group
from crosscheck.records import (
    Article,
    Bound,
    Claim,
    ClaimGroup,
    CopyKind,
    CopyLink,
    Hedge,
    Slot,
    Span,
    Verdict,
)

DAY = datetime(2022, 3, 30, 12, tzinfo=UTC)
TASS_SOURCE = ("emergency services source", "TASS")


def article(article_id: str, outlet: str, published: datetime = DAY) -> Article:
    return Article(
        article_id, f"src-{article_id}", "t", ("body",), published=published, outlet=outlet
    )


A, B, C, D = (
    article("a", "Express"),
    article("b", "Sun"),
    article("c", "Spinfarm"),
    article("d", "Defence Blog"),
)
COPY = CopyLink("b", "c", CopyKind.PARAPHRASE, 0.9, False)


def claim(article_id: str, slot: Slot, value: str, sentence: int = 0, **fields: object) -> Claim:
    return Claim(article_id, sentence, Span(0, 1), slot, value, value, **fields)  # type: ignore[arg-type]


def sources_for(*articles: Article, links: tuple[CopyLink, ...] = (COPY,)) -> EventSources:
    ids = [item.id for item in articles]
    return EventSources.build(articles, independent_reports(ids, links))


SEED_SHAPED = [
    claim(
        "a",
        Slot.CASUALTIES,
        "4",
        1,
        scope="injured persons",
        attribution=("emergency services source", "Tass"),
    ),
    claim("a", Slot.CASUALTIES, "0", 2, attribution=("Regional Gov. Vyacheslav Gladkov",)),
    claim("a", Slot.CASUALTIES, "0", 3, scope="injured residents", attribution=("Gladkov",)),
    claim(
        "a",
        Slot.WEAPON,
        "OTR-21 Tochka-U",
        4,
        attribution=("Yuriy Butusov",),
        hedge=Hedge.UNVERIFIED,
    ),
    claim("a", Slot.DISTANCE, "40", 5, scope="Belgorod-Kharkiv", unit="mi", bound=Bound.ABOUT),
    claim("a", Slot.PRECEDENT, "first", 6, hedge=Hedge.CONDITIONAL),
    claim("b", Slot.CASUALTIES, "4", 1, scope="injured servicemen", attribution=TASS_SOURCE),
    claim(
        "b", Slot.CASUALTIES, "0", 2, scope="injured civilians", attribution=("Vyacheslav Gladkov",)
    ),
    claim(
        "b", Slot.WEAPON, "OTR-21 Tochka-U", 3, attribution=("Yuriy Butusov",), hedge=Hedge.CLAIMED
    ),
    claim("b", Slot.PRECEDENT, "second", 4, hedge=Hedge.CONDITIONAL),
    claim("b", Slot.DISTANCE, "12", 5, scope="village-border", unit="mi", bound=Bound.EXACT),
    claim("c", Slot.CASUALTIES, "4", 1, scope="injured servicemen", attribution=TASS_SOURCE),
    claim("c", Slot.PRECEDENT, "second", 2, hedge=Hedge.CONDITIONAL),
    claim("d", Slot.DISTANCE, "50", 1, scope="Kharkiv-Belgorod", unit="mi", bound=Bound.ABOUT),
    claim("d", Slot.DISTANCE, "12", 2, scope="village-border", unit="mi"),
    claim(
        "d", Slot.CASUALTIES, "0", 3, scope="injured people", attribution=("Vyacheslav Gladkov",)
    ),
    claim("d", Slot.PRECEDENT, "second", 4),
]


def seed_groups() -> list[ClaimGroup]:
    sources = sources_for(A, B, C, D)
    return [
        judge_group(group, sources) for group in align_claims(SEED_SHAPED, sources, embedder=None)
    ]


def find(groups: list[ClaimGroup], slot: Slot, scope_word: str = "") -> ClaimGroup:
    hits = [g for g in groups if g.slot is slot and scope_word in (g.scope or "").lower()]
    assert len(hits) == 1, [group_label(g) for g in groups]
    return hits[0]


def test_copies_collapse_into_one_independent_report() -> None:
    assert independent_reports(["a", "b", "c", "d"], [COPY]) == [["a"], ["b", "c"], ["d"]]


def test_quote_reuse_does_not_join_reports() -> None:
    quoting = CopyLink("a", "d", CopyKind.QUOTE_REUSE, 0.8, False)
    assert len(independent_reports(["a", "b", "c", "d"], [COPY, quoting])) == 3


def test_servicemen_figure_rests_on_tass_and_keeps_its_scope() -> None:
    group = find(seed_groups(), Slot.CASUALTIES, "servicemen")
    assert group.verdict is Verdict.SINGLE_SOURCE
    assert group.why.lower().endswith("all citing emergency services source via tass")
    (value,) = group.values
    assert value.value == "4"
    assert set(value.article_ids) == {"a", "b", "c"}  # the generic "four persons" joined it
    assert value.independent_count == 2
    assert any("TASS" in text for text in value.attributions)


def test_no_resident_casualties_rests_on_gladkov_alone() -> None:
    # "residents" and "civilians" are one scope; the label is the alphabetical tie-break.
    group = find(seed_groups(), Slot.CASUALTIES, "civilians")
    assert group.verdict is Verdict.SINGLE_SOURCE
    assert "Gladkov" in group.why
    assert [value.value for value in group.values] == ["0"]
    assert group.independent_count == 3


def test_servicemen_and_residents_are_scopes_side_by_side_not_a_conflict() -> None:
    casualties = [g for g in seed_groups() if g.slot is Slot.CASUALTIES]
    assert len(casualties) == 2
    assert all(g.verdict is not Verdict.DISPUTED for g in casualties)


def test_tochka_claim_is_attributed_to_butusov_and_unverified() -> None:
    group = find(seed_groups(), Slot.WEAPON)
    assert group.verdict is Verdict.SINGLE_SOURCE
    (value,) = group.values
    assert value.attributions == ("Yuriy Butusov",)
    assert Hedge.UNVERIFIED in value.hedges


def test_belgorod_kharkiv_distance_is_disputed_between_forty_and_fifty_miles() -> None:
    group = find(seed_groups(), Slot.DISTANCE, "kharkiv")
    assert group.verdict is Verdict.DISPUTED
    assert [value.value for value in group.values] == ["40", "50"]
    assert "40" in group.why and "50" in group.why


def test_village_to_border_distance_is_agreed_by_independent_reports() -> None:
    group = find(seed_groups(), Slot.DISTANCE, "border")
    assert group.verdict is Verdict.AGREED
    assert group.independent_count == 2


def test_first_or_second_strike_is_disputed() -> None:
    group = find(seed_groups(), Slot.PRECEDENT)
    assert group.verdict is Verdict.DISPUTED
    assert {value.value for value in group.values} == {"first", "second"}


def test_a_later_figure_from_the_same_source_is_an_update() -> None:
    later = article("e", "Sun", published=datetime(2022, 3, 31, 9, tzinfo=UTC))
    sources = sources_for(A, later)
    first = claim("a", Slot.CASUALTIES, "2", scope="injured residents", attribution=("Gladkov",))
    revised = claim("e", Slot.CASUALTIES, "5", scope="injured residents", attribution=("Gladkov",))
    group = judge_group([revised, first], sources)
    assert group.verdict is Verdict.UPDATED
    assert [value.value for value in group.values] == ["2", "5"]  # oldest first


def test_the_same_figures_from_different_sources_are_disputed() -> None:
    later = article("e", "Sun", published=datetime(2022, 3, 31, 9, tzinfo=UTC))
    sources = sources_for(A, later)
    first = claim("a", Slot.CASUALTIES, "2", scope="injured residents", attribution=("Gladkov",))
    other = claim("e", Slot.CASUALTIES, "5", scope="injured residents", attribution=("police",))
    assert judge_group([first, other], sources).verdict is Verdict.DISPUTED


def test_a_claim_only_copies_carry_is_single_source() -> None:
    sources = sources_for(A, B, C, D)
    group = judge_group(
        [claim("b", Slot.TARGET, "depot"), claim("c", Slot.TARGET, "depot")], sources
    )
    assert group.verdict is Verdict.SINGLE_SOURCE
    assert group.independent_count == 1


def test_every_value_names_its_outlets() -> None:
    group = find(seed_groups(), Slot.DISTANCE, "border")
    assert [value.outlets for value in group.values] == [("Sun", "Defence Blog")]


def test_alignment_does_not_depend_on_claim_order_within_a_slot_and_scope() -> None:
    forward = seed_groups()
    sources = sources_for(A, B, C, D)
    backward = [judge_group(g, sources) for g in align_claims(SEED_SHAPED[::-1], sources)]
    assert sorted(map(group_label, forward)) == sorted(map(group_label, backward))
    by_label = {group_label(g): g.verdict for g in backward}
    assert all(by_label[group_label(g)] is g.verdict for g in forward)


def test_descriptive_values_stand_side_by_side_not_in_dispute() -> None:
    claims = [
        claim("a", Slot.WEAPON, "missile", attribution=TASS_SOURCE),
        claim("b", Slot.WEAPON, "Tochka-U ballistic missile", attribution=("Yuriy Butusov",)),
        claim("d", Slot.LOCATION, "Kyiv"),
        claim("d", Slot.LOCATION, "Belgorod"),
    ]
    sources = sources_for(A, B, C, D)
    groups = [judge_group(g, sources) for g in align_claims(claims, sources)]
    assert sorted(map(group_label, groups)) == [
        "location: Belgorod",
        "location: Kyiv",
        "weapon: Tochka-U ballistic missile",
        "weapon: missile",
    ]
    assert Verdict.DISPUTED not in {g.verdict for g in groups}


def test_denying_a_descriptive_value_disputes_it() -> None:
    claims = [
        claim("a", Slot.WEAPON, "drone"),
        claim("d", Slot.WEAPON, "drone", attribution=("army",), hedge=Hedge.DENIED),
    ]
    sources = sources_for(A, B, C, D)
    (group,) = [judge_group(g, sources) for g in align_claims(claims, sources)]
    assert group.verdict is Verdict.DISPUTED
    assert group.why == "denied: drone"


def test_a_loose_figure_that_does_not_fit_stays_beside_the_narrow_one() -> None:
    claims = [
        claim("b", Slot.CASUALTIES, "4", scope="injured servicemen", attribution=TASS_SOURCE),
        claim("a", Slot.CASUALTIES, "2", scope="injured people", attribution=("TASS",)),
    ]
    sources = sources_for(A, B, C, D)
    groups = [judge_group(g, sources) for g in align_claims(claims, sources)]
    assert len(groups) == 2
    assert Verdict.DISPUTED not in {g.verdict for g in groups}


def test_a_distance_missing_one_end_joins_the_full_scope() -> None:
    claims = [
        claim("b", Slot.DISTANCE, "12", scope="village-border", unit="mi"),
        claim("d", Slot.DISTANCE, "12", scope="border", unit="mi"),
    ]
    sources = sources_for(A, B, C, D)
    (group,) = [judge_group(g, sources) for g in align_claims(claims, sources)]
    assert group.verdict is Verdict.AGREED
    assert group.scope == "village-border"


def test_a_fuller_quote_is_not_a_denial_of_its_first_sentence() -> None:
    short = "The incident took place near the village."
    full = "The incident took place near the village. There are no injuries among the residents."
    claims = [claim("a", Slot.STATEMENT, full), claim("b", Slot.STATEMENT, short)]
    sources = sources_for(A, B, C, D)
    groups = [judge_group(g, sources) for g in align_claims(claims, sources)]
    assert [g.verdict for g in groups] == [Verdict.AGREED]


def test_an_article_without_an_outlet_is_named_by_its_source_id() -> None:
    # Readers show outlets to people: a content hash there would mean nothing to them.
    unnamed = Article("e", "pellick-notes", "t", ("body",), published=DAY)
    sources = sources_for(A, unnamed)
    assert sources.outlet("a") == "Express"
    assert sources.outlet("e") == "pellick-notes"
    assert sources.origins(claim("e", Slot.CASUALTIES, "2")) == ("pellick-notes",)


def test_several_figures_in_one_article_are_not_a_dispute_between_sources() -> None:
    """'6 shot' and '3 in hospital' that extraction put in one scope: one source, shown whole."""
    sources = sources_for(A, B)
    six = claim("a", Slot.CASUALTIES, "6", 1, scope="shot people")
    three = claim("a", Slot.CASUALTIES, "3", 2, scope="shot people", attribution=("hospital",))
    group = judge_group([six, three], sources)
    assert group.verdict is Verdict.SINGLE_SOURCE
    assert [value.value for value in group.values] == ["6", "3"]
    assert group.why.startswith("one article gives several figures") and "6" in group.why
    other = claim("b", Slot.CASUALTIES, "3", scope="shot people")
    assert judge_group([six, three, other], sources).verdict is Verdict.DISPUTED


def test_a_denial_inside_one_article_is_still_a_dispute() -> None:
    sources = sources_for(A)
    said = claim("a", Slot.WEAPON, "drone", 1, attribution=("ministry",))
    denied = claim("a", Slot.WEAPON, "drone", 2, attribution=("army",), hedge=Hedge.DENIED)
    assert judge_group([said, denied], sources).verdict is Verdict.DISPUTED
