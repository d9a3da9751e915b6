"""What clustering persists survives the round trip, and stays bounded."""

from __future__ import annotations

import base64
import json
from datetime import datetime

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.clean import split_sentences
from crosscheck.cluster import text
from crosscheck.cluster.blocking import Hyperplanes, Posting, blocking_keys, rank_candidates
from crosscheck.cluster.memory import MemoryStore
from crosscheck.cluster.packed import PackedTerms, pack_record
from crosscheck.cluster.profile import ArticleProfile, build_profile
from crosscheck.cluster.stats import _EVENT_DTYPES, DocFreq, EventProfile
from crosscheck.extract import extract_facts
from crosscheck.records import Article, DatePrecision, RemovedSpan

BODY = (
    "Fire chief Harlan Voss said 40 firefighters fought the blaze at the Calloway Freight "
    "warehouse in Millbrook on March 4, 2019. Peter Ansel, 52, died; 1,200 people were evacuated."
)


def _profile(article_id: str = "a1", seed: int = 0) -> ArticleProfile:
    article = Article(
        article_id,
        article_id,
        "Millbrook warehouse fire",
        (BODY,),
        datetime(2019, 3, 5),
        DatePrecision.DAY,
    )
    vector = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
    return build_profile(article, None, vector / np.linalg.norm(vector))


def test_article_profile_round_trips() -> None:
    profile = _profile()
    restored = ArticleProfile.from_json(profile.to_json())
    assert restored.terms == profile.terms
    assert restored.names == profile.names
    assert restored.day == profile.day
    assert np.allclose(restored.embedding, profile.embedding, atol=1e-3)


def test_event_profile_round_trips() -> None:
    event = EventProfile("E000001")
    event.add(_profile("a1", 1))
    event.add(_profile("a2", 2))
    restored = EventProfile.from_json(event.to_json())
    assert restored.members == ["a1", "a2"]
    assert restored.central == event.central
    assert restored.names == event.names
    assert np.allclose(restored.centroid, event.centroid)


def test_members_that_do_not_vouch_survive_both_encodings_and_a_merge() -> None:
    event = EventProfile("E000001")
    event.add(_profile("a1", 1))
    event.add(_profile("a2", 2), vouches=False)
    assert event.members == ["a1", "a2"] and event.unvouched == {"a2"}
    assert EventProfile.from_bytes(event.to_bytes()).unvouched == {"a2"}
    assert EventProfile.from_json(event.to_json()).unvouched == {"a2"}
    # The views read it from the record's head alone.
    assert EventProfile.unvouched_in(event.to_bytes()) == ["a2"]
    other = EventProfile("E000002")
    other.add(_profile("b1", 3))
    other.add(_profile("b2", 4), vouches=False)
    event.absorb(other)
    assert event.unvouched == {"a2", "b2"}


def test_an_event_stored_before_vouching_reads_with_every_member_vouching() -> None:
    event = EventProfile("E000001")
    event.add(_profile("a1", 1))
    event.add(_profile("a2", 2))
    # The record as stores wrote it then: the same head without its last field.
    head = [*event._listed_fields()[:-1], event._sizes()]
    before = pack_record(head, event._arrays(), _EVENT_DTYPES)
    restored = EventProfile.from_bytes(before)
    assert restored.members == ["a1", "a2"] and restored.unvouched == set()
    assert EventProfile.unvouched_in(before) == []
    assert _same_event(restored, EventProfile.from_bytes(event.to_bytes()))


def test_document_frequencies_round_trip() -> None:
    frequencies = DocFreq(12)
    frequencies.add(_profile())
    restored = DocFreq.from_json(frequencies.to_json())
    assert restored.documents == 1
    assert np.array_equal(restored.counts, frequencies.counts)
    word = text.stable_hash("firefighters")
    assert restored.idf(word) < restored.idf(text.stable_hash("absent"))


def test_profile_reads_names_numbers_and_the_date() -> None:
    profile = _profile()
    assert {"harlan voss", "peter ansel", "millbrook"} <= profile.names
    assert {"40", "52", "1200"} <= profile.numbers
    assert 2019 in profile.years
    assert profile.event_date is not None and profile.event_date.isoformat() == "2019-03-05"


def test_an_undated_article_takes_its_date_from_the_text() -> None:
    assert text.first_full_date("It happened on March 4, 2019 at noon.") is not None
    assert str(text.first_full_date("Seen 2013-05-03 and May 9, 2014.")) == "2013-05-03"
    # A birth date is biography: the obituary's date is the next one, if any.
    obituary = "Ada Renn, born in Marlow on May 2, 1931, died at home on June 8, 2031."
    assert str(text.first_full_date(obituary)) == "2031-06-08"
    assert text.first_full_date("Ada Renn was born 1931-05-02 in Marlow.") is None


def test_the_first_day_of_the_week_a_lead_names_is_read() -> None:
    lead = "The Sunday Herald said robbers struck on Thursday; police said Friday."
    assert text.first_weekday(lead) == 3
    assert text.first_weekday("TUESDAY'S VOTE: turnout high") == 1
    # Holidays and newspapers named by a weekday name no day of the story.
    assert text.first_weekday("Good Friday crowds, the Mail on Sunday reports") is None
    assert text.first_weekday("Sundays are quiet; a Mondayish mood") is None


def test_the_lead_keeps_the_surnames_of_the_people_it_names_in_full() -> None:
    filler = " ".join(["Crews stayed on the scene through the night to damp the ruins."] * 16)
    body = f"{BODY} Ansel had worked there for years. {filler} Neighbour Mara Quill heard bangs."
    article = Article("a1", "a1", "Millbrook warehouse fire", (body,), datetime(2019, 3, 5))
    facts = extract_facts(article, split_sentences(article))
    profile = build_profile(article, facts, np.zeros(384, dtype=np.float32))
    # Harlan Voss and Peter Ansel are in the lead; Mara Quill is named past it.
    assert profile.people == {"voss", "ansel"}
    assert build_profile(article, None, np.zeros(384, dtype=np.float32)).people == frozenset()


def test_ages_are_read_where_reports_give_them() -> None:
    lead = (
        "Dr Ada Renn, 43, of Marlow and a 32-year-old guide fell on Tuesday, 16 September; "
        "Ilse Karvan (27) and a man aged 61 watched. 12,000 people, 3 teams, June 2, 2031."
    )
    assert text.ages(lead) == {43, 32, 27, 61}
    assert text.ages("He was 0-years-old in a 150-year-old house.") == set()


@given(st.lists(st.text(alphabet="abcdef", min_size=1, max_size=3), max_size=200))
def test_a_posting_list_never_outgrows_its_capacity(ids: list[str]) -> None:
    posting = Posting()
    for article_id in ids:
        posting.add(article_id, capacity=16)
    assert len(posting.ids) <= 16
    assert len(set(posting.ids)) == len(posting.ids)
    assert not ids or ids[-1] in posting.ids


def test_candidates_sharing_rarer_keys_rank_first() -> None:
    postings = {"n:rare": Posting(2, ["x"]), "n:common": Posting(900, ["y", "x", "z"])}
    ranked = rank_candidates(["n:rare", "n:common"], postings.__getitem__, 1000, limit=2)
    assert ranked == ["x", "y"]


def test_a_timestamp_the_cleaner_set_aside_still_dates_an_undated_article() -> None:
    article = Article(
        "s1",
        "s1",
        "Millbrook warehouse fire",
        ("Fire chief Harlan Voss said the blaze was out by noon.",),
        None,
        DatePrecision.UNKNOWN,
        removed=(RemovedSpan("October 16, 2021", "timestamp", 0),),
    )
    profile = build_profile(article, None, np.zeros(384, dtype=np.float32))
    assert profile.event_date is not None and profile.event_date.isoformat() == "2021-10-16"
    assert 2021 in profile.years


def test_numbers_are_filed_in_an_order_that_does_not_depend_on_set_order() -> None:
    many = [f"{value}" for value in range(10, 40)]  # more two-digit numbers than are filed
    first = ArticleProfile(
        "a",
        "t",
        {},
        frozenset(),
        frozenset(),
        frozenset(many),
        frozenset(),
        None,
        np.zeros(0, dtype=np.float32),
    )
    second = ArticleProfile(
        "a",
        "t",
        {},
        frozenset(),
        frozenset(),
        frozenset(reversed(many)),
        frozenset(),
        None,
        np.zeros(0, dtype=np.float32),
    )
    planes = Hyperplanes(384)
    keys = blocking_keys(first, DocFreq(12), planes)
    assert keys == blocking_keys(second, DocFreq(12), planes)
    assert [key for key in keys if key.startswith("#:")][:3] == ["#:10", "#:11", "#:12"]


@given(st.lists(st.text(alphabet="abcdef", min_size=1, max_size=3), max_size=200))
def test_a_posting_keeps_each_articles_event_beside_it(ids: list[str]) -> None:
    posting = Posting()
    for article_id in ids:
        posting.add(article_id, capacity=16, event_id=f"E-{article_id}")
    assert posting.events == [f"E-{article_id}" for article_id in posting.ids]


def test_a_posting_hint_is_not_trusted_once_the_article_left_that_event() -> None:
    from crosscheck.cluster.linker import Linker
    from crosscheck.cluster.settings import ClusterSettings
    from crosscheck.cluster.state import ClusterState

    state = ClusterState(MemoryStore(), ClusterSettings().hash_bits)
    moved_to = {"a1": "E2"}
    linker = Linker(state, ClusterSettings(), moved_to.get)
    linker.file(_profile("a1"), "E1")
    linker.file(_profile("a2"), "E1")
    state.put_event(EventProfile("E1"))  # emptied by a merge into E2
    assert linker._event_of("a1", "E1") == "E2"
    assert linker._event_of("a2", "") is None


# ------------------------------------------------------------------ the first encoding
# Stores written before profiles were packed hold them as JSON objects; these two
# functions write that encoding exactly as it was, so the tests can make such stores.
def _first_article_encoding(profile: ArticleProfile) -> str:
    half = profile.embedding.astype(np.float16).tobytes()
    return json.dumps(
        {
            "id": profile.article_id,
            "title": profile.title,
            "terms": sorted(profile.terms.items()),
            "names": sorted(profile.names),
            "places": sorted(profile.places),
            "numbers": sorted(profile.numbers),
            "years": sorted(profile.years),
            "day": profile.day,
            "embedding": base64.b64encode(half).decode("ascii"),
        }
    )


def _first_event_encoding(event: EventProfile) -> str:
    def vector(values: npt.NDArray[np.float32] | None) -> str | None:
        return None if values is None else base64.b64encode(values.tobytes()).decode("ascii")

    return json.dumps(
        {
            "id": event.event_id,
            "members": event.members,
            "centroid": vector(event.centroid),
            "terms": sorted((key, round(value, 4)) for key, value in event.terms.items()),
            "names": dict(event.names),
            "places": dict(event.places),
            "years": {str(year): count for year, count in event.years.items()},
            "days": event.days,
            "titles": event.titles,
            "central": event.central,
            "central_embedding": vector(event.central_embedding),
        }
    )


def _same_event(first: EventProfile, second: EventProfile) -> bool:
    """Equal field by field, dict and Counter orders included (ties are broken by order)."""
    plain = ("event_id", "members", "days", "central", "unvouched")
    ordered = ("terms", "names", "places", "years", "titles")
    return (
        all(getattr(first, name) == getattr(second, name) for name in plain)
        and all(
            list(getattr(first, n).items()) == list(getattr(second, n).items()) for n in ordered
        )
        and np.array_equal(first.centroid, second.centroid)
        and first.centroid.dtype == second.centroid.dtype
        and (first.central_embedding is None) == (second.central_embedding is None)
        and np.array_equal(first.central_embedding, second.central_embedding)  # type: ignore[arg-type]
    )


def test_a_profile_in_the_first_encoding_reads_as_the_packed_one_does() -> None:
    profile = _profile()
    old, packed = _first_article_encoding(profile), profile.to_json()
    assert old.startswith("{") and packed.startswith("[")
    from_old, from_packed = ArticleProfile.from_json(old), ArticleProfile.from_json(packed)
    assert list(from_packed.terms.items()) == list(from_old.terms.items())
    assert from_packed.terms == profile.terms
    assert (from_packed.names, from_packed.numbers, from_packed.years, from_packed.day) == (
        from_old.names,
        from_old.numbers,
        from_old.years,
        from_old.day,
    )
    assert from_packed.embedding.dtype == from_old.embedding.dtype == np.float32
    assert np.array_equal(from_packed.embedding, from_old.embedding)


def test_an_event_in_the_first_encoding_reads_as_the_packed_one_does() -> None:
    event = EventProfile("E000001")
    event.add(_profile("a1", 1))
    event.add(_profile("a2", 2))
    from_old = EventProfile.from_json(_first_event_encoding(event))
    from_packed = EventProfile.from_json(event.to_json())
    assert _same_event(from_packed, from_old)
    assert from_packed.members == ["a1", "a2"] and from_packed.central == event.central


def test_an_emptied_event_survives_the_packed_round_trip() -> None:
    restored = EventProfile.from_json(EventProfile("E000002").to_json())
    assert _same_event(restored, EventProfile("E000002"))


_TERMS = st.dictionaries(st.integers(0, 2**32 - 1), st.floats(0.0, 1e6), max_size=60)


@given(_TERMS, st.lists(st.integers(1900, 2100), max_size=4))
def test_packed_event_sums_are_bit_for_bit_the_first_encodings(
    terms: dict[int, float], years: list[int]
) -> None:
    event = EventProfile("E000003", terms=terms)
    event.years.update(years)
    from_old = EventProfile.from_json(_first_event_encoding(event))
    assert _same_event(EventProfile.from_json(event.to_json()), from_old)


@given(st.dictionaries(st.integers(0, 2**32 - 1), st.integers(1, 2**32 - 1), max_size=60))
def test_packed_term_counts_keep_every_hashed_word(terms: dict[int, int]) -> None:
    profile = ArticleProfile(
        "a",
        "t",
        terms,
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        None,
        np.ones(4, dtype=np.float32),
    )
    restored = ArticleProfile.from_json(profile.to_json())
    assert list(restored.terms.items()) == sorted(terms.items())


def test_stored_terms_read_as_the_mapping_they_were_written_from() -> None:
    keys = np.array([3, 7, 42], dtype="<u4")
    packed = PackedTerms(keys, np.array([2.5, 1.0, 4.0]))
    assert len(packed) == 3 and 7 in packed and 8 not in packed
    assert list(packed) == [3, 7, 42] and packed[42] == 4.0
    written = {42: 4.0, 3: 2.5, 7: 1.0}
    assert packed == written and written == packed  # a dict defers to the mapping's ==
    assert packed != {3: 2.5}
    assert dict(packed.items()) == written and list(packed.values()) == [2.5, 1.0, 4.0]
    with pytest.raises(ValueError, match="3 term keys but 2 values"):
        PackedTerms(keys, np.array([1.0, 2.0]))


def test_an_event_read_back_grows_and_merges_as_the_one_written() -> None:
    written = EventProfile("E000004")
    written.add(_profile("a1", 1))
    read_back = EventProfile.from_bytes(written.to_bytes())
    assert isinstance(read_back.terms, PackedTerms)
    for event in (written, read_back):
        event.add(_profile("a2", 2))
        event.absorb(EventProfile.from_bytes(_event_of("E000005", "a3", 3).to_bytes()))
    assert isinstance(read_back.terms, dict)
    # the record keeps sums to 4 decimals
    assert dict(read_back.terms) == pytest.approx(dict(written.terms), abs=1e-4)
    assert read_back.members == written.members == ["a1", "a2", "a3"]


def _event_of(event_id: str, article_id: str, seed: int) -> EventProfile:
    event = EventProfile(event_id)
    event.add(_profile(article_id, seed))
    return event
