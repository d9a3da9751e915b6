"""Shared by the extraction tests: one sentence's amounts, and an article's casualty figures."""

from __future__ import annotations

from crosscheck.extract.figures import article_figures
from crosscheck.extract.headlines import title_quantities
from crosscheck.extract.quantities import find_quantities, sentence_quantities
from crosscheck.records import ArticleFacts, Sentence, Span


def counted(text: str) -> list[tuple[float, str]]:
    """(value, what it counts) of every amount in `text` read as one sentence."""
    sentence = Sentence("a1", 0, Span(0, len(text)), text, 0)
    return [(q.value, q.counts) for q in sentence_quantities(sentence)]


def figures_of(*texts: str, title: str = "") -> tuple[int | None, int | None]:
    """(killed, injured) of an article whose sentences are `texts`, under `title`."""
    sentences, offset = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence("a1", index, Span(offset, offset + len(text)), text, 0))
        offset += len(text) + 1
    facts = ArticleFacts(
        "a1",
        quantities=tuple(find_quantities(sentences)),
        title_quantities=tuple(title_quantities("a1", title)),
    )
    figures = article_figures(facts)
    return figures.killed, figures.injured
