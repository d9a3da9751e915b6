"""Cue words and the other shortcuts of extraction: each one must change no output.

A cue list is checked the way it is argued: every text its patterns match holds
one of its words. The texts are the patterns' own examples, the sample corpus, and
random text built from the patterns' words (so that they do match), odd Unicode
case pairs ("ſ", "ı", the Kelvin sign) included.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.extract import entities, hedges, outcomes, parsing
from crosscheck.extract.area_totals import AREA_TOTAL, mark_area_totals
from crosscheck.extract.cues import Cues
from crosscheck.extract.implied_tolls import IMPLIED_CUES, IMPLIED_RE
from crosscheck.extract.pipeline import by_sentence
from crosscheck.extract.self_killings import AND_SELF_RE, SELF_CUES, SELF_KILLED_RE
from crosscheck.extract.times import TIME_CUES, TIME_RE
from crosscheck.extract.zero_tolls import ZERO_CUES, ZERO_PATTERNS
from crosscheck.records import Bound, Hedge, Quantity, Span

EXAMPLES = [
    "A 17-year-old was shot and killed Monday night.",
    "Two men were shot and wounded; one was taken by ambulance to a local hospital.",
    "The victim was hospitalized in critical condition after being grazed by a bullet.",
    "Justin Roe, 32, and Dan Poe, 26, were killed. Both were pronounced dead.",
    "He later died; she succumbed to her injuries; they lost their lives; it perished.",
    "killed at least 39 people, the shooting death of a 2-year-old, fatally wounding him",
    "the killing of two men, slayings of three, the murder of a clerk, a fatal shooting of",
    "He shot his wife, then killed himself. She turned the gun on herself before.",
    "He shot two men and then himself; he took his own life; then committed suicide.",
    "Two boys killed, father commits suicide",
    "a triple shooting, a double homicide, a fatal shooting, a deadly overnight shooting",
    "No one was hurt. Nobody else was injured. No casualties or injuries among civilians.",
    "no civilians were killed, no injuries were reported, none of them died",
    "Officials denied it; if confirmed, it could not be independently verified.",
    "The claims have not yet been confirmed; he allegedly fired; she reportedly fled.",
    "The report, if true, is unverified; it is believed to be the first.",
    "On Tuesday, March 5, 2022, and 12 Sept. 2023 and 2022-03-04, yesterday, last night",
    "this morning, last week, five weeks into the war, two days after the invasion, today",
    "The 3rd brigade and the 53rd missile brigade were hit. The 1st Army was not.",
    "ſhot, KILLED, kılled, İnjured, DİED, Suİcide, ſelf, Kilos",
    "one was slain; another passed away; a third did not survive; a fourth was hit by gunfire",
    "He then took his own life.",
    "a quadruple shooting; a quintuple homicide",
    "There were no deaths. No fatalities. Nobody was wounded. No one was harmed.",
    "No casualties were reported.",
    "They deny it. The ministry refuted it and dismissed the reports; police rejected reports.",
    "If so, the toll rises; if the report is true; if reports are to be believed; if accurate",
    "a suspected gunman purportedly fired and apparently fled",
    "Jan. 5, Feb 3, April 4, May 6, July 4, Aug. 8, Nov. 11, this evening",
    "three months into the war; 2023-11-25, " + ", ".join(f"2000-{d}{d}-{d}{d}" for d in range(10)),
    "on Christmas Eve; last Easter; on Halloween; this Thanksgiving; New Year's Eve, 2030",
    "Memorial Day weekend, the Fourth of July, Juneteenth, Cinco de Mayo, Good Friday",
]
VOCABULARY = (
    "a an the one two three 5 17 2022 03 04 - , . ; and or of to then before later was were "
    "no none nobody no-one else civilians people among him her his self himself herself own "
    "life took took gun weapon turned on suicide commits committed killed killing kills shot "
    "shoots shooting fatally fatal deadly double triple homicide murders slayings dead died "
    "death deaths injured injuries hurt wounded harmed casualties fatalities hospital taken "
    "critical condition grazed struck hit by gunfire lost their lives perished succumbed "
    "passed away did not survive denied deny refuted if confirmed verified true accurate so "
    "report reports are could independently verify unconfirmed allegedly reportedly claims "
    "believed Monday tuesday March Sept. Jan may 12 5th 3rd 53rd st nd th brigade army days "
    "weeks months into war after last this night morning week yesterday today tonight "
    "on over Christmas Eve Easter Halloween Thanksgiving New Year's Labor Day Fourth of July "
    "ſ ı İ K Ω É é ñ"
)
WORDS = VOCABULARY.split()
PIECES = st.one_of(st.sampled_from(WORDS), st.text(max_size=4))
TEXTS = st.lists(PIECES, max_size=24).map(" ".join)


def corpus_lines() -> list[str]:
    from crosscheck.samples import corpus_dir

    return [
        line.strip()
        for path in sorted(corpus_dir().iterdir())
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


TOLLS = ("killed", "injured", "shot")


def _toll_outcome(text: str) -> bool:
    """Whether outcome_after or outcome_before says killed, injured or shot anywhere."""
    return any(
        outcomes.outcome_after(text, i, passive_only) in TOLLS
        or outcomes.outcome_before(text, i) in TOLLS
        for i in range(len(text) + 1)
        for passive_only in (False, True)
    )


def _matches_in(*patterns: re.Pattern[str]) -> Callable[[str], list[str]]:
    """What the patterns match in each tail of a text (the code searches windows)."""
    return lambda text: [
        match[0]
        for i in range(len(text))
        for pattern in patterns
        if (match := pattern.search(text[i:]))
    ]


def _toll_matches(text: str) -> list[str]:
    found = [
        match[0]
        for i in range(len(text))
        if (match := outcomes.OUTCOME_RE.search(text[i:])) and match.lastgroup in TOLLS
    ]
    before = (outcomes.VERB_BEFORE_RE, outcomes.NOMINAL_BEFORE_RE)
    return found + [m[0] for i in range(len(text) + 1) for p in before if (m := p.search(text[:i]))]


CASES: dict[str, tuple[Cues, Callable[[str], list[str]]]] = {
    "tolls": (outcomes.TOLL_CUES, _toll_matches),
    "self killings": (SELF_CUES, _matches_in(SELF_KILLED_RE, AND_SELF_RE)),
    "implied tolls": (IMPLIED_CUES, _matches_in(IMPLIED_RE)),
    "zero tolls": (ZERO_CUES, _matches_in(*ZERO_PATTERNS)),
    "hedges": (hedges.ANY_HEDGE_CUES, _matches_in(*(p for _, p in hedges.HEDGE_CUES))),
    "times": (TIME_CUES, _matches_in(TIME_RE)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cues_are_in_everything_their_patterns_match_in_the_examples(name: str) -> None:
    cues, matches_in = CASES[name]
    matched = [match for text in EXAMPLES + corpus_lines() for match in matches_in(text)]
    assert matched, "no example matches: the test would be vacuous"
    assert [match for match in matched if not cues.in_text(match)] == []
    # Each cue word is needed by some example, so the examples cover the patterns.
    for word in cues.words:
        fewer = Cues.of(*(other for other in cues.words if other != word))
        assert not all(fewer.in_text(match) for match in matched), word


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_cues_are_in_everything_their_patterns_match_in_random_text(name: str, text: str) -> None:
    cues, matches_in = CASES[name]
    assert all(cues.in_text(match) for match in matches_in(text))


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_without_a_toll_cue_no_outcome_is_a_toll(text: str) -> None:
    if _toll_outcome(text):
        assert outcomes.TOLL_CUES.in_text(text)


def test_cues_fold_case_as_the_patterns_do() -> None:
    cues = Cues.of("shot", "kill")
    for text in ("SHOT", "ſhot", "KILL", "kıll", "Kill"):  # "ſ" ~ "s", Kelvin ~ "k", "ı" ~ "i"
        assert re.search("shot|kill", text, re.IGNORECASE)
        assert cues.in_text(text), text
    assert not cues.in_text("shoe kiln")
    assert not cues.in_text("ʃhot kiłl")


@pytest.mark.parametrize("words", [(), ("Shot",), ("naïve",)])
def test_cue_words_must_be_lower_case_ascii(words: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        Cues.of(*words)


def test_without_a_toll_cue_no_victim_list_is_read() -> None:
    """The guard in quantities._victim_lists: a list is only read with a toll outcome."""
    from crosscheck.extract.quantities import sentence_quantities
    from crosscheck.records import Sentence

    text = "A man and a woman were arrested after the robbery."
    assert not outcomes.TOLL_CUES.in_text(text)
    sentence = Sentence("a", 0, Span(0, len(text)), text, 0)
    assert sentence_quantities(sentence) == []


# The ordinal gate on the UNIT token pattern, and the token texts read without Tokens.


def _unit_matches(text: str) -> list[tuple[int, int, int]]:
    nlp = parsing.entity_pipeline()
    return list(nlp.get_pipe("entity_ruler").matcher(nlp.tokenizer(text)))  # type: ignore[attr-defined]


def test_ordinal_gate_is_needed_by_every_unit_match_in_the_examples() -> None:
    texts = EXAMPLES + corpus_lines()
    matched = [text for text in texts if _unit_matches(text)]
    assert matched, "no unit matched: the test would be vacuous"
    assert all(parsing.ORDINAL_CUE_RE.search(text) for text in matched)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_ordinal_gate_is_needed_by_every_unit_match(text: str) -> None:
    if _unit_matches(text):
        assert parsing.ORDINAL_CUE_RE.search(text)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_parsed_sentence_reads_tokens_as_spacy_does(text: str) -> None:
    parsed = parsing.parsed_sentence(text)
    doc = parsing.entity_pipeline()(text)
    assert parsed.texts == tuple(token.text for token in doc)
    assert parsed.starts == tuple(token.idx for token in doc)
    assert [parsed.lower(i) for i in range(len(doc))] == [token.lower_ for token in doc]
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 4) + 1):
            assert parsed.span_text(start, end) == doc[start:end].text
    spans = [(ent.start, ent.end, ent.label_, ent.ent_id_) for ent in doc.ents]
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in parsed.ents] == spans
    words = [token for token in doc if token.is_alpha and len(token) > 3]
    headline = len(words) >= 2 and sum(token.is_title for token in words) / len(words) > 0.6
    assert entities._is_headline(parsed.texts) == headline


def test_a_repeated_sentence_is_parsed_once() -> None:
    text = "Regional Gov. Vyacheslav Gladkov said the 3rd brigade was hit near Belgorod."
    first, again = parsing.parsed_sentence(text), parsing.parsed_sentence(text)
    assert first is again
    assert parsing.parsed_sentence.__wrapped__(text).ents != ()  # type: ignore[attr-defined]
    fresh = parsing.parsed_sentence.__wrapped__(text)  # type: ignore[attr-defined]
    assert [(e.start, e.end, e.label_) for e in fresh.ents] == [
        (e.start, e.end, e.label_) for e in first.ents
    ]


# Work done once per article or only where it can matter.


def _quantity(sentence: int, counts: str) -> Quantity:
    return Quantity(
        "a", sentence, Span(0, 1), "3", 3.0, 3.0, 3.0, Bound.EXACT, "people", counts, "people"
    )


def test_by_sentence_groups_as_filtering_would() -> None:
    items = [_quantity(n, "killed") for n in (2, 0, 2, 1, 0, -1)]
    groups = by_sentence(items)
    for index in (-1, 0, 1, 2, 3):
        assert groups.get(index, []) == [q for q in items if q.sentence == index]


def test_area_totals_mark_tolls_only_and_leave_other_figures_alone() -> None:
    text = "Five people were shot in separate shootings across the city."
    toll, distance = _quantity(0, "shot"), _quantity(0, "distance")
    assert mark_area_totals(text, [distance]) == [distance]
    assert [q.whose for q in mark_area_totals(text, [toll, distance])] == [AREA_TOTAL, "people"]
    assert mark_area_totals("Five people were shot.", [toll]) == [toll]


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_sentence_hedge_equals_the_first_matching_cue(text: str) -> None:
    expected = next(
        (hedge for hedge, pattern in hedges.HEDGE_CUES if pattern.search(text)), Hedge.ASSERTED
    )
    assert hedges.sentence_hedge(text) is expected
