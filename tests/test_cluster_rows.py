"""The linker's feature rows give the very floats of the plain definition.

`rows.FeatureRows` lays the work of `features.Comparer.features` out for speed
(cached per batch, numpy passes over sorted arrays); these tests hold it, and the
sparse arrays it runs on, to the plain forms bit for bit: `==` on `float.hex`,
not `approx`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_helpers import term_profile
from crosscheck.cluster.features import Comparer, _dot, _normalised
from crosscheck.cluster.profile import ArticleProfile, sublinear, sublinears
from crosscheck.cluster.rows import Compared, FeatureRows
from crosscheck.cluster.sparse import SparseArrays, exact_dots, normalised_vectors
from crosscheck.cluster.stats import DocFreq, EventProfile

_DIM = 384  # the embedding size: BLAS dots of this length sum in blocks
# The last two share a name key (crc32 collides): a dict by key holds one of them.
_NAMES = ("kyiv", "odesa", "nato", "un", "smith", "uablaijhsa", "pfcxpytzcn")
_DAY = 738_000

# Few distinct keys, so that profiles share some terms and not others; now and
# then a crc32-sized one, and a count past sublinears' table.
_key = st.one_of(st.integers(0, 40), st.integers(0, 2**32 - 1))
_count = st.one_of(st.integers(1, 9), st.integers(1, 3000))
_terms = st.dictionaries(_key, _count, max_size=25)
_embedding = st.one_of(
    st.integers(0, 2**32 - 1).map(
        lambda seed: np.random.default_rng(seed).standard_normal(_DIM).astype(np.float32)
    ),
    st.just(np.zeros(_DIM, dtype=np.float32)),
)


@st.composite
def _profiles(draw: st.DrawFn, article_id: str) -> ArticleProfile:
    return ArticleProfile(
        article_id=article_id,
        title=draw(st.sampled_from((article_id, "4 hurt", "Owls win 20-13", "2012 quake of 5.6"))),
        terms=draw(_terms),
        names=draw(st.frozensets(st.sampled_from(_NAMES))),
        places=frozenset(),
        numbers=draw(st.frozensets(st.sampled_from(("1", "4", "12", "300")))),
        years=draw(st.frozensets(st.integers(2010, 2014), max_size=3)),
        day=draw(st.none() | st.integers(_DAY - 40, _DAY + 40)),
        embedding=draw(_embedding),
        injured=draw(st.none() | st.integers(0, 3)),
        ages=draw(st.frozensets(st.sampled_from((19, 32, 43)))),
        day_tied=draw(st.booleans()),
        weekday=draw(st.none() | st.integers(0, 6)),
        people=draw(st.frozensets(st.sampled_from(("renn", "karvan", "voss")))),
    )


@st.composite
def _frequencies(draw: st.DrawFn, profiles: Sequence[ArticleProfile]) -> DocFreq:
    """Counted from some of the profiles, or counts as they come (idf may go below 1)."""
    bits = draw(st.sampled_from((4, 10)))  # 4: buckets collide
    if draw(st.booleans()):
        frequencies = DocFreq(bits)
        for profile in draw(st.lists(st.sampled_from(profiles), max_size=len(profiles))):
            frequencies.add(profile)
        return frequencies
    counts = draw(st.lists(st.integers(0, 50), min_size=1 << bits, max_size=1 << bits))
    return DocFreq(bits, draw(st.integers(0, 60)), np.asarray(counts, dtype=np.uint32))


@st.composite
def _batches(draw: st.DrawFn) -> tuple[ArticleProfile, list[Compared], DocFreq]:
    """An article, candidate events each with the members compared, and frequencies.

    Members compared may be any stored profiles: some of the event's, none, the
    same one in two events, or the article itself.
    """
    article = draw(_profiles("article"))
    pool = [article, *(draw(_profiles(f"member-{n}")) for n in range(draw(st.integers(1, 8))))]
    candidates: list[Compared] = []
    for n in range(draw(st.integers(0, 5))):
        event = EventProfile(f"event-{n}")
        for member in draw(st.lists(st.sampled_from(pool[1:]), min_size=1, max_size=4)):
            event.add(member)
        if draw(st.booleans()):
            event.absorb(_event("absorbed", draw(st.lists(st.sampled_from(pool), max_size=3))))
        candidates.append((event, draw(st.lists(st.sampled_from(pool), max_size=5))))
    return article, candidates, draw(_frequencies(pool))


def _event(event_id: str, members: Sequence[ArticleProfile]) -> EventProfile:
    event = EventProfile(event_id)
    for member in members:
        event.add(member)
    return event


def _bits(rows: Sequence[Sequence[float]]) -> list[list[str]]:
    """Rows as exact bit patterns: 0.0 and -0.0 differ, so do any last bits."""
    return [[float(value).hex() for value in row] for row in rows]


def _plain(
    frequencies: DocFreq, article: ArticleProfile, candidates: Sequence[Compared]
) -> list[list[str]]:
    comparer = Comparer(frequencies)
    return _bits([comparer.features(article, event, members) for event, members in candidates])


@settings(max_examples=300, deadline=None)
@given(_batches())
def test_rows_are_the_plain_features_bit_for_bit(
    batch: tuple[ArticleProfile, list[Compared], DocFreq],
) -> None:
    article, candidates, frequencies = batch
    rows = FeatureRows(frequencies).rows(article, candidates)
    assert all(type(value) is float for row in rows for value in row)
    assert _bits(rows) == _plain(frequencies, article, candidates)


@settings(max_examples=150, deadline=None)
@given(_batches(), st.data())
def test_rows_follow_events_changed_within_a_batch(
    batch: tuple[ArticleProfile, list[Compared], DocFreq], data: st.DataObject
) -> None:
    article, candidates, frequencies = batch
    rows = FeatureRows(frequencies)
    rows.rows(article, candidates)  # derives and holds each event as it stands
    newcomers = [data.draw(_profiles(f"newcomer-{n}")) for n in range(3)]
    for n, (event, _) in enumerate(candidates):
        if n % 2 == 0:
            event.add(newcomers[n % 3])
        else:
            event.absorb(_event(f"absorbed-{n}", newcomers[: n % 3 + 1]))
    # The article is placed again, now that the events took in more members.
    assert _bits(rows.rows(article, candidates)) == _plain(frequencies, article, candidates)


@settings(max_examples=100, deadline=None)
@given(_batches())
def test_rows_follow_an_event_read_again_from_the_store(
    batch: tuple[ArticleProfile, list[Compared], DocFreq],
) -> None:
    """A reread event is another object with the same id and `changes`: derived anew."""
    article, candidates, frequencies = batch
    rows = FeatureRows(frequencies)
    rows.rows(article, candidates)
    # Stored sums are rounded to four decimals, so the reread terms differ slightly;
    # and a reread event may come to the change count held: only identity tells.
    reread = [(_reread(event), members) for event, members in candidates]
    assert _bits(rows.rows(article, reread)) == _plain(frequencies, article, reread)
    both = [*candidates, *reread]  # two objects of one event id in one call
    assert _bits(rows.rows(article, both)) == _plain(frequencies, article, both)


def _reread(event: EventProfile) -> EventProfile:
    again = EventProfile.from_bytes(event.to_bytes())
    again.changes = event.changes
    return again


def test_edge_cases_match_the_plain_features() -> None:
    """No terms, no names, no days, zero norms and embeddings, no members compared."""
    blank = ArticleProfile(
        article_id="blank",
        title="",
        terms={},
        names=frozenset(),
        places=frozenset(),
        numbers=frozenset(),
        years=frozenset(),
        day=None,
        embedding=np.zeros(_DIM, dtype=np.float32),
    )
    rng = np.random.default_rng(7)
    worded = ArticleProfile(
        article_id="worded",
        title="",
        terms={3: 2, 2**32 - 1: 1, 17: 5000},
        names=frozenset({"kyiv", "nato"}),
        places=frozenset(),
        numbers=frozenset({"4"}),
        years=frozenset({2013}),
        day=_DAY,
        embedding=rng.standard_normal(_DIM).astype(np.float32),
    )
    frequencies = DocFreq(10)
    for profile in (blank, worded, worded):
        frequencies.add(profile)
    # Counted frequencies, and an empty table (every idf is 1).
    for chosen in (frequencies, DocFreq(10)):
        for article in (blank, worded):
            candidates: list[Compared] = [
                (_event("blank-event", [blank]), [blank]),
                (_event("blank-event-unmatched", [blank]), []),
                (_event("worded-event", [worded, blank]), [worded, blank, worded]),
                (_event("self", [article]), [article]),
            ]
            rows = FeatureRows(chosen).rows(article, candidates)
            assert _bits(rows) == _plain(chosen, article, candidates)
    assert FeatureRows(frequencies).rows(worded, []) == []


def test_rows_score_a_twin_as_alike_and_a_stranger_as_not() -> None:
    twin_terms = {1: 3, 2: 1, 7: 2}
    article = term_profile("article", twin_terms)
    twin = term_profile("twin", twin_terms)
    stranger = term_profile("stranger", {30: 1, 31: 4})
    frequencies = DocFreq(10)
    for profile in (article, twin, stranger):
        frequencies.add(profile)
    twin_row, stranger_row = FeatureRows(frequencies).rows(
        article, [(_event("twins", [twin]), [twin]), (_event("strangers", [stranger]), [stranger])]
    )
    tfidf_max, tfidf_centroid = 2, 3
    assert twin_row[tfidf_max] == pytest.approx(1.0)
    assert twin_row[tfidf_centroid] == pytest.approx(1.0)
    assert stranger_row[tfidf_max] == stranger_row[tfidf_centroid] == 0.0


# ---------------------------------------------------------------- sparse arrays

_weights = st.dictionaries(
    _key,
    st.one_of(st.floats(-1e150, 1e150), st.floats(-1e-160, 1e-160), st.just(0.0)),
    max_size=30,
)


def _runs(vectors: Sequence[dict[int, float]]) -> list[SparseArrays]:
    keys = np.asarray([key for vector in vectors for key in vector], dtype=np.int64)
    values = np.asarray([value for vector in vectors for value in vector.values()])
    return normalised_vectors(keys, values.astype(np.float64), [len(v) for v in vectors])


def _as_dict(vector: SparseArrays) -> dict[int, str]:
    return dict(zip(vector.keys.tolist(), [v.hex() for v in vector.values.tolist()], strict=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(_weights, max_size=6))
def test_normalised_vectors_are_the_plain_normalised_dicts(
    vectors: list[dict[int, float]],
) -> None:
    found = _runs(vectors)
    assert len(found) == len(vectors)
    for vector, plain in zip(found, vectors, strict=True):
        assert vector.keys.tolist() == sorted(vector.keys.tolist())
        assert _as_dict(vector) == {key: value.hex() for key, value in _normalised(plain).items()}


def test_a_vector_of_zeros_or_nothing_normalises_to_nothing() -> None:
    zeros, empty, one = _runs([{5: 0.0, 9: 0.0}, {}, {2**32 - 1: -3.0}])
    assert zeros.keys.size == zeros.values.size == 0
    assert empty.keys.size == empty.values.size == 0
    assert one.keys.tolist() == [2**32 - 1]
    assert one.values.tolist() == [-1.0]


@settings(max_examples=300, deadline=None)
@given(_weights, st.lists(_weights, max_size=8))
def test_exact_dots_are_the_plain_dot_products(
    vector: dict[int, float], others: list[dict[int, float]]
) -> None:
    first, *rest = _runs([vector, *others])
    plain = [_dot(_normalised(vector), _normalised(other)).hex() for other in others]
    assert [dot.hex() for dot in exact_dots(first, rest)] == plain


def test_exact_dots_of_shared_and_unshared_keys() -> None:
    first, same, disjoint, half = _runs([{1: 1.0, 2: 1.0}, {2: 1.0, 1: 1.0}, {3: 2.0}, {2: 5.0}])
    dots = exact_dots(first, [same, disjoint, half])
    assert dots[0] == pytest.approx(1.0)
    assert dots[1] == 0.0
    assert dots[2] == pytest.approx(math.sqrt(0.5))
    assert exact_dots(first, []) == []
    assert exact_dots(disjoint, [first, first]) == [0.0, 0.0]


def test_sublinears_are_sublinear_of_each_count() -> None:
    # np.log(9170) is one bit off math.log(9170) with this project's numpy.
    counts = np.asarray([*range(1100), 5000, 9170, 1, 0], dtype=np.int64)
    assert [v.hex() for v in sublinears(counts).tolist()] == [
        sublinear(count).hex() for count in counts.tolist()
    ]
    assert sublinears(np.zeros(0, dtype=np.int64)).size == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=40), st.lists(_terms, max_size=4))
def test_idfs_are_idf_of_each_key_after_every_add(
    keys: list[int], added: list[dict[int, int]]
) -> None:
    frequencies = DocFreq(6)
    keyed = np.asarray(keys, dtype=np.int64)
    for terms in [{}, *added]:
        frequencies.add(term_profile("added", terms))
        plain = [frequencies.idf(key).hex() for key in keys]
        assert [v.hex() for v in frequencies.idfs(keyed).tolist()] == plain


def test_idfs_of_every_frequency_are_idf() -> None:
    # With 5000 documents, np.log rounds the idf of frequencies 2885, 3197, ...
    # differently from math.log: the table must take each log as `idf` does.
    frequencies = DocFreq(12, 5000, np.arange(1 << 12, dtype=np.uint32) % 5001)
    keys = np.arange(1 << 12, dtype=np.int64)
    plain = [frequencies.idf(key).hex() for key in keys.tolist()]
    assert [v.hex() for v in frequencies.idfs(keys).tolist()] == plain
