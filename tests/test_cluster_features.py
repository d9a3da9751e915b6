"""The link model's features: the fast forms give the very floats of the plain ones."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.cluster.features import Comparer, _dot
from crosscheck.cluster.profile import ArticleProfile
from crosscheck.cluster.stats import DocFreq

# Few distinct keys, so that members share some of the article's terms and not others.
_terms = st.dictionaries(st.integers(0, 40), st.integers(1, 9), max_size=25)


def _profile(article_id: str, terms: dict[int, int]) -> ArticleProfile:
    return ArticleProfile(
        article_id=article_id,
        title=article_id,
        terms=terms,
        names=frozenset(),
        places=frozenset(),
        numbers=frozenset(),
        years=frozenset(),
        day=None,
        embedding=np.zeros(4, dtype=np.float32),
    )


def _frequencies(profiles: list[ArticleProfile]) -> DocFreq:
    frequencies = DocFreq(10)
    for profile in profiles:
        frequencies.add(profile)
    return frequencies


@settings(max_examples=200, deadline=None)
@given(_terms, st.lists(_terms, max_size=9))
def test_tfidf_max_equals_the_best_member_dot_product_bit_for_bit(
    article_terms: dict[int, int], member_terms: list[dict[int, int]]
) -> None:
    article = _profile("article", article_terms)
    members = [_profile(f"member-{n}", terms) for n, terms in enumerate(member_terms)]
    comparer = Comparer(_frequencies([article, *members]))
    expected = max(
        (_dot(comparer.tfidf(article), comparer.tfidf(member)) for member in members),
        default=0.0,
    )
    assert comparer.tfidf_max(article, members) == expected


def test_tfidf_max_of_identical_texts_is_one_and_of_disjoint_texts_zero() -> None:
    article = _profile("article", {1: 3, 2: 1, 7: 2})
    twin = _profile("twin", {1: 3, 2: 1, 7: 2})
    stranger = _profile("stranger", {30: 1, 31: 4})
    comparer = Comparer(_frequencies([article, twin, stranger]))
    assert math.isclose(comparer.tfidf_max(article, [stranger, twin]), 1.0)
    assert comparer.tfidf_max(article, [stranger]) == 0.0
    assert comparer.tfidf_max(article, []) == 0.0
