"""Clustering's own copy of the English stop-word list."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SCIKIT_LEARN_STOP_WORDS

from crosscheck.cluster.text import ENGLISH_STOP_WORDS, STOP_WORDS, content_words


def test_the_stop_words_are_scikit_learns_list() -> None:
    # The link model was trained with scikit-learn's list: the copy must not drift.
    assert ENGLISH_STOP_WORDS == SCIKIT_LEARN_STOP_WORDS
    assert {"said", "told"} <= STOP_WORDS


def test_stop_words_are_not_content_words() -> None:
    assert content_words("The mayor said that the bridge would close") == [
        "mayor",
        "bridge",
        "close",
    ]
