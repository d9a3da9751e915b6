"""Titles read with headline grammar, and the figures an article gets from its title."""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.clean import clean_document, split_sentences
from crosscheck.extract import article_figures, extract_facts
from crosscheck.extract.headlines import TITLE_SENTENCE, blank_quote_marks, title_quantities
from crosscheck.records import RawDocument


def read(title: str) -> list[tuple[float, str]]:
    return [(q.value, q.counts) for q in title_quantities("a1", title)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2 killed, 3 hurt in Varnhollow ferry shooting", [(2, "killed"), (3, "injured")]),
        ("Teen 'accidentally' shot by cousin in Dunmere dies", [(1, "killed")]),
        ("Kessford officer's son killed in Linton shooting", [(1, "killed")]),
        ("UPDATE: 15-Year-Old Shot and Killed in Ardley Identified", [(1, "killed")]),
        ("Man, 23, arrested in shooting death of 1-year-old Ardley girl", [(1, "killed")]),
        ("3 adults, 5 minors shot at Harrow Day parade", [(8, "shot")]),
        ("Woman, 1-year-old boy wounded in Colby shooting", [(2, "injured")]),
        # an age in a headline list is not a count: two people, not six
        ("5-year-old girl, woman shot, wounded in Colby", [(2, "shot")]),
    ],
)
def test_headlines_count_victims_without_articles(
    title: str, expected: list[tuple[float, str]]
) -> None:
    assert read(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Man charged in Dunmere robbery",
        "Girl, woman released from hospital",
        "Father of 3 speaks about Linton crash",
        "Zellwood man who shot neighbour's dog fined",
    ],
)
def test_headlines_without_a_victim_count_nothing(title: str) -> None:
    assert [q for q in title_quantities("a1", title) if q.counts in ("killed", "injured")] == []


def test_title_spans_index_the_title() -> None:
    title = "Teen 'accidentally' shot in Dunmere dies"
    (quantity,) = title_quantities("a1", title)
    assert quantity.sentence == TITLE_SENTENCE
    assert title[quantity.span.start : quantity.span.end] == quantity.text == "Teen"


@pytest.mark.parametrize(
    ("title", "blanked"),
    [
        ("Teen 'accidentally' shot", "Teen  accidentally  shot"),
        ('"Hero" guard hurt', " Hero  guard hurt"),
        # a plural possessive keeps its apostrophe; a quote closing after an "s" does not
        ("Presidents' Day blast in Ardley", "Presidents' Day blast in Ardley"),
        ("Harriers' coach 'shocked'", "Harriers' coach  shocked "),
        ("‘Owls’ fans hurt", " Owls  fans hurt"),
    ],
)
def test_quote_marks_are_blanked_but_not_possessives(title: str, blanked: str) -> None:
    assert blank_quote_marks(title) == blanked


def test_a_possessive_holiday_in_the_title_dates_the_event() -> None:
    # Presidents' Day 2031 is Monday 17 February; the lead dates only the news.
    raw = RawDocument(
        source_id="f",
        origin="f",
        text="Police said on Wednesday they were looking for two men.",
        title="Presidents' Day blast at the Ardley depot",
        published="2031-02-20",
    )
    article = clean_document(raw)
    facts = extract_facts(article, split_sentences(article))
    assert (facts.event_date, facts.event_date_tied) == (date(2031, 2, 17), True)


def test_article_figures_read_the_title_through_extract_facts() -> None:
    body = (
        "Gunfire broke out at the Varnhollow ferry landing late on Saturday, police said.\n\n"
        "Officers closed the landing for the night and asked witnesses to come forward."
    )
    raw = RawDocument(
        source_id="f",
        origin="f",
        text=body,
        title="2 killed, 3 hurt in Varnhollow ferry shooting",
        published="2031-06-11",
    )
    article = clean_document(raw)
    facts = extract_facts(article, split_sentences(article))
    assert [q.text for q in facts.title_quantities] == ["2", "3"]
    assert not [q for q in facts.quantities if q.counts in ("killed", "injured")]
    figures = article_figures(facts)
    assert (figures.killed, figures.injured) == (2, 3)
