"""What the aligner reads off one sentence: numbers, negation, quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.copies.paraphrase import numbers_conflict
from crosscheck.copies.sentence_facts import (
    many_sentence_facts,
    numbers_in,
    quoted_characters,
    quoted_share,
    sentence_facts,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four servicemen were injured.", [4.0]),
        ("No one was injured and nobody was killed.", [0.0, 0.0]),
        ("Some 4,000 people fled, nearly 4 million in all.", [4000.0, 4e6]),
        ("Version 2.6.0 shipped on 12 May.", [2.6, 0.0, 12.0]),
    ],
)
def test_numbers_in_words_and_digits(text: str, expected: list[float]) -> None:
    assert numbers_in(text) == expected


def test_different_counts_conflict_but_a_dropped_count_does_not() -> None:
    four = sentence_facts("Four people were hurt and two were killed in the blast.")
    none = sentence_facts("No one was hurt in the blast, officials said.")
    fewer = sentence_facts("Four people were hurt in the blast.")
    assert numbers_conflict(four, none)
    assert not numbers_conflict(four, fewer)


def test_negation_is_seen_in_contractions_and_refusals() -> None:
    assert sentence_facts("He didn’t say what caused it.").negated
    assert sentence_facts("He refused to say what caused it.").negated
    assert not sentence_facts("He said what caused it.").negated


def test_quotes_run_to_the_paragraph_end_and_apostrophes_are_not_quotes() -> None:
    body = "He said: “It’s over. We leave today\n\nThe town’s mayor agreed."
    mask = quoted_characters(body)
    first_end = body.index("\n")
    assert quoted_share(mask, 0, first_end, body[:first_end]) > 0.6
    second = body[first_end + 2 :]
    assert quoted_share(mask, first_end + 2, len(body), second) == 0.0


def _quoted_by_walking(body: str) -> list[bool]:
    """The rule of `quoted_characters` applied one character at a time (the reference)."""
    inside, mask = False, []
    for index, char in enumerate(body):
        before = body[index - 1] if index else "\n"
        after = body[index + 1] if index + 1 < len(body) else " "
        if char == "\n" and before == "\n":
            inside = False
        opens = not inside and (char in '“„«"' or (char == "‘" and not before.isalnum()))
        closes = inside and (char in '”»"' or (char == "’" and not after.isalnum()))
        inside = inside or opens
        mask.append(inside)
        inside = inside and not closes
    return mask


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("ab 7.\n\"“„«‘”»’'")), max_size=40))
def test_quoted_characters_follow_the_character_rule(body: str) -> None:
    assert quoted_characters(body) == _quoted_by_walking(body)


def test_an_unclosed_quote_runs_to_the_end_and_a_closed_one_includes_its_marks() -> None:
    body = 'Mayor: "Stay home." Then ‘go'
    mask = quoted_characters(body)
    close = body.index('."') + 1
    assert mask[body.index('"') : close + 1] == [True] * (close + 1 - body.index('"'))
    assert not any(mask[close + 1 : body.index("‘")])
    assert all(mask[body.index("‘") :])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="Ab c1.’'\"“”-", min_size=0, max_size=40)
        | st.sampled_from(["", "One", "Two words", "Four servicemen were injured on Tuesday."]),
        max_size=6,
    )
)
def test_facts_of_many_sentences_are_each_sentences_facts(texts: list[str]) -> None:
    shares = [index / 10 for index in range(len(texts))]
    assert many_sentence_facts(texts, shares) == [
        sentence_facts(text, share) for text, share in zip(texts, shares, strict=True)
    ]
