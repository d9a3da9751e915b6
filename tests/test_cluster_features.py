"""The link model's features, as `Comparer` defines them (tests/test_cluster_rows.py
holds the linker's fast form to these very floats)."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

from cluster_helpers import term_profile
from crosscheck.cluster.features import FEATURES, Comparer, article_year, main_year
from crosscheck.cluster.profile import ArticleProfile
from crosscheck.cluster.stats import DocFreq, EventProfile


def _frequencies(profiles: list[ArticleProfile]) -> DocFreq:
    frequencies = DocFreq(10)
    for profile in profiles:
        frequencies.add(profile)
    return frequencies


def _event(event_id: str, members: list[ArticleProfile]) -> EventProfile:
    event = EventProfile(event_id)
    for member in members:
        event.add(member)
    return event


def test_tfidf_of_identical_texts_is_one_and_of_disjoint_texts_zero() -> None:
    article = term_profile("article", {1: 3, 2: 1, 7: 2})
    twin = term_profile("twin", {1: 3, 2: 1, 7: 2})
    stranger = term_profile("stranger", {30: 1, 31: 4})
    comparer = Comparer(_frequencies([article, twin, stranger]))
    tfidf_max, tfidf_centroid = FEATURES.index("tfidf_max"), FEATURES.index("tfidf_centroid")
    row = comparer.features(article, _event("twins", [twin]), [stranger, twin])
    assert math.isclose(row[tfidf_max], 1.0)
    assert math.isclose(row[tfidf_centroid], 1.0)
    row = comparer.features(article, _event("strangers", [stranger]), [stranger])
    assert row[tfidf_max] == row[tfidf_centroid] == 0.0
    assert comparer.features(article, _event("strangers", [stranger]), [])[tfidf_max] == 0.0


def test_years_agree_clash_or_say_nothing() -> None:
    dated = term_profile("dated", {}, frozenset({2011}), date(2013, 5, 3).toordinal())
    comparer = Comparer(_frequencies([dated]))
    clash, agreement = FEATURES.index("year_clash"), FEATURES.index("year_agreement")
    same_year = _event("same", [term_profile("m", {}, frozenset({2013, 2011}))])
    other_year = _event("other", [term_profile("m", {}, frozenset({2012}))])
    undated = _event("undated", [term_profile("m", {})])
    assert comparer.features(dated, same_year, [])[clash : agreement + 1] == [0.0, 1.0]
    assert comparer.features(dated, other_year, [])[clash : agreement + 1] == [1.0, -1.0]
    assert comparer.features(dated, undated, [])[clash : agreement + 1] == [0.0, 0.0]


def test_an_article_year_is_its_event_date_else_the_latest_mentioned() -> None:
    dated = term_profile("a", {}, frozenset({2001}), date(1999, 1, 1).toordinal())
    assert article_year(dated) == 1999
    assert article_year(term_profile("a", {}, frozenset({2001, 2004, 2002}))) == 2004
    assert article_year(term_profile("a", {})) is None
    assert main_year({2001: 2, 2004: 1}) == 2001
    assert main_year({2001: 2, 2004: 2}) == 2004
    assert main_year({}) is None


def test_injured_figures_clash_only_when_both_sides_give_one_and_none_agree() -> None:
    def hurt(article_id: str, injured: int | None) -> ArticleProfile:
        return dataclasses.replace(term_profile(article_id, {}), injured=injured)

    article = hurt("a", 4)
    comparer = Comparer(_frequencies([article]))
    clash = FEATURES.index("injured_clash")

    def clash_with(*members: ArticleProfile) -> float:
        return comparer.features(article, _event("e", list(members)), members)[clash]

    assert clash_with(hurt("m1", 2), hurt("m2", None)) == 1.0
    assert clash_with(hurt("m1", 2), hurt("m2", 4)) == 0.0  # a later report may update
    assert clash_with(hurt("m1", None)) == 0.0
    assert (
        Comparer(_frequencies([article])).features(
            hurt("b", None), _event("e", [hurt("m1", 2)]), [hurt("m1", 2)]
        )[clash]
        == 0.0
    )


def test_title_figures_clash_when_both_titles_give_some_and_share_none() -> None:
    def titled(article_id: str, title: str) -> ArticleProfile:
        return dataclasses.replace(term_profile(article_id, {}), title=title)

    article = titled("a", "Harriers beat Owls 31-24 to reach the final")
    comparer = Comparer(_frequencies([article]))
    clash = FEATURES.index("title_numbers_clash")

    def clash_with(*titles: str) -> float:
        members = [titled(f"m{i}", title) for i, title in enumerate(titles)]
        return comparer.features(article, _event("e", members), members)[clash]

    assert clash_with("Harriers edge Kestrels 20-13", "Harriers into the final") == 1.0
    assert clash_with("Harriers edge Kestrels 20-13", "Owls lose 31-24") == 0.0
    assert clash_with("Harriers into the final") == 0.0  # no figure to compare
    assert clash_with("Harriers final 2031") == 0.0  # a year is not a figure


def test_ages_clash_when_both_leads_give_ages_and_share_none() -> None:
    def aged(article_id: str, *ages: int) -> ArticleProfile:
        return dataclasses.replace(term_profile(article_id, {}), ages=frozenset(ages))

    article = aged("a", 43)
    comparer = Comparer(_frequencies([article]))
    clash = FEATURES.index("ages_clash")

    def clash_with(*members: ArticleProfile) -> float:
        return comparer.features(article, _event("e", list(members)), members)[clash]

    assert clash_with(aged("m1", 32), aged("m2")) == 1.0
    assert clash_with(aged("m1", 32), aged("m2", 43, 19)) == 0.0  # one member agrees
    assert clash_with(aged("m1")) == 0.0  # no age to compare
    assert (
        comparer.features(aged("b"), _event("e", [aged("m1", 32)]), [aged("m1", 32)])[clash] == 0.0
    )


def test_weekday_clash_when_no_member_names_the_day_the_lead_names() -> None:
    def on(article_id: str, weekday: int | None) -> ArticleProfile:
        return dataclasses.replace(term_profile(article_id, {}), weekday=weekday)

    article = on("a", 3)  # "robbers struck on Thursday"
    comparer = Comparer(_frequencies([article]))
    clash = FEATURES.index("weekday_clash")

    def clash_with(*members: ArticleProfile) -> float:
        return comparer.features(article, _event("e", list(members)), members)[clash]

    assert clash_with(on("m1", 0), on("m2", None)) == 1.0  # the Monday ram raid
    assert clash_with(on("m1", 0), on("m2", 3)) == 0.0  # one member agrees
    assert clash_with(on("m1", None)) == 0.0  # no day to compare
    assert comparer.features(on("b", None), _event("e", [on("m1", 0)]), [on("m1", 0)])[clash] == 0


def test_people_clash_when_both_leads_name_people_and_share_no_surname() -> None:
    def naming(article_id: str, *surnames: str) -> ArticleProfile:
        return dataclasses.replace(term_profile(article_id, {}), people=frozenset(surnames))

    article = naming("a", "renn")  # "Dr Ada Renn, 43, fell from the ridge"
    comparer = Comparer(_frequencies([article]))
    clash = FEATURES.index("people_clash")

    def clash_with(*members: ArticleProfile) -> float:
        return comparer.features(article, _event("e", list(members)), members)[clash]

    assert clash_with(naming("m1", "karvan"), naming("m2")) == 1.0  # last year's climber
    assert clash_with(naming("m1", "karvan"), naming("m2", "voss", "renn")) == 0.0
    assert clash_with(naming("m1")) == 0.0  # nobody named to compare
    lone = naming("b")
    assert (
        comparer.features(lone, _event("e", [naming("m1", "karvan")]), [naming("m1", "karvan")])[
            clash
        ]
        == 0.0
    )


def test_a_day_tied_to_what_happened_far_from_every_event_day_is_another_occurrence() -> None:
    def dated(article_id: str, day: int, tied: bool = False) -> ArticleProfile:
        return dataclasses.replace(term_profile(article_id, {}), day=day, day_tied=tied)

    members = [dated("m1", 700_000), dated("m2", 700_003)]
    event = _event("e", members)
    far = FEATURES.index("tied_day_far")

    def far_from(article: ArticleProfile) -> float:
        return Comparer(_frequencies([article])).features(article, event, members)[far]

    assert far_from(dated("a", 700_003 + 31, tied=True)) == 1.0  # "yesterday's explosion"
    assert far_from(dated("a", 700_003 + 400, tied=False)) == 0.0  # "was sentenced Tuesday"
    assert far_from(dated("a", 700_003 + 30, tied=True)) == 0.0  # within the coverage
    undated = dataclasses.replace(term_profile("a", {}), day=None, day_tied=True)
    assert far_from(undated) == 0.0
