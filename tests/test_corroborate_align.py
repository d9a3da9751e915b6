"""Grouping free statements by meaning, and scopes by their words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
import pytest

from crosscheck.corroborate.align import align_claims, group_statements
from crosscheck.corroborate.scope import scope_key
from crosscheck.corroborate.settings import CorroborateSettings
from crosscheck.corroborate.sources import EventSources
from crosscheck.records import Article, Claim, Slot, Span

SUPPLIED = "The depot supplied fuel to the garrison"
PROVIDED = "The garrison got its fuel from that depot"
RESIGNED = "The regional mayor resigned on Friday"


def statement(text: str, article_id: str = "a") -> Claim:
    return Claim(article_id, 0, Span(0, 1), Slot.STATEMENT, text, text)


def table_embedder(meaning: dict[str, int]) -> object:
    """Texts with the same meaning number get the same unit vector."""

    def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        vectors = np.zeros((len(texts), 8), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row, meaning[text]] = 1.0
        return vectors

    return embed


def texts(groups: list[list[Claim]]) -> list[list[str]]:
    return [[claim.value for claim in group] for group in groups]


def test_statements_with_close_embeddings_group_together() -> None:
    embedder = table_embedder({SUPPLIED: 0, PROVIDED: 0, RESIGNED: 1})
    claims = [statement(SUPPLIED, "a"), statement(RESIGNED, "b"), statement(PROVIDED, "c")]
    groups = group_statements(claims, CorroborateSettings(), embedder)  # type: ignore[arg-type]
    assert texts(groups) == [[SUPPLIED, PROVIDED], [RESIGNED]]


def test_only_candidate_pairs_are_embedded() -> None:
    seen: list[str] = []

    def recording(texts_: Sequence[str]) -> npt.NDArray[np.float32]:
        seen.extend(texts_)
        return np.ones((len(texts_), 4), dtype=np.float32) / 2.0

    same_article = [statement(SUPPLIED, "a"), statement(PROVIDED, "a")]
    assert len(group_statements(same_article, CorroborateSettings(), recording)) == 2
    unrelated = [statement(SUPPLIED, "a"), statement(RESIGNED, "b")]
    assert len(group_statements(unrelated, CorroborateSettings(), recording)) == 2
    assert seen == []  # neither pair was worth the model's time


def test_without_embeddings_word_overlap_groups_near_repeats() -> None:
    settings = CorroborateSettings(use_embeddings=False)
    repeat = "The depot supplied fuel to the Castel garrison"
    groups = group_statements(
        [statement(SUPPLIED), statement(RESIGNED), statement(repeat)], settings, None
    )
    assert texts(groups) == [[SUPPLIED, repeat], [RESIGNED]]


def test_threshold_decides_what_counts_as_the_same_statement() -> None:
    def halfway(texts_: Sequence[str]) -> npt.NDArray[np.float32]:
        angle = np.pi / 3  # cosine 0.5 between the two
        rows = {SUPPLIED: [1.0, 0.0], PROVIDED: [np.cos(angle), np.sin(angle)]}
        return np.array([rows[text] for text in texts_], dtype=np.float32)

    claims = [statement(SUPPLIED, "a"), statement(PROVIDED, "b")]
    strict = CorroborateSettings(statement_similarity=0.75)
    loose = CorroborateSettings(statement_similarity=0.45)
    assert len(group_statements(claims, strict, halfway)) == 2
    assert len(group_statements(claims, loose, halfway)) == 1


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("injured servicemen", "wounded soldiers", True),
        ("injured residents", "residents injured", True),
        ("injured residents", "injured servicemen", False),
        ("Belgorod-Kharkiv", "Kharkiv to Belgorod", True),
        ("village to border", "city to Kharkiv", False),
        ("killed civilians", "injured civilians", False),
    ],
)
def test_scopes_fold_synonyms_and_word_order(first: str, second: str, same: bool) -> None:
    assert (scope_key(Slot.CASUALTIES, first) == scope_key(Slot.CASUALTIES, second)) is same


def test_groups_of_one_slot_sit_together_in_order_of_first_mention() -> None:
    article = Article("a", "a", "t", ("x",), published=datetime(2031, 1, 1, tzinfo=UTC))
    sources = EventSources.build([article], [["a"]])

    def claim(slot: Slot, value: str, scope: str | None = None) -> Claim:
        return Claim("a", 0, Span(0, 1), slot, value, value, scope=scope)

    claims = [
        claim(Slot.CASUALTIES, "3", "injured firefighters"),
        claim(Slot.WEAPON, "drone"),
        claim(Slot.CASUALTIES, "0", "injured residents"),
    ]
    groups = align_claims(claims, sources, CorroborateSettings(use_embeddings=False))
    assert [group[0].value for group in groups] == ["3", "0", "drone"]


@pytest.mark.slow
def test_the_real_model_groups_paraphrases_and_keeps_unrelated_apart() -> None:
    claims = [statement(SUPPLIED, "a"), statement(RESIGNED, "b"), statement(PROVIDED, "c")]
    groups = group_statements(claims, CorroborateSettings(), None)
    assert texts(groups) == [[SUPPLIED, PROVIDED], [RESIGNED]]
