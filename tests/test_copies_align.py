"""Sentence-level copy links on fictional articles: rewrites, negatives, quote reuse."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pytest

from crosscheck.copies import (
    AlignSettings,
    SentenceEmbeddings,
    independent_reports,
    is_paraphrase,
    link_copies,
)
from crosscheck.errors import SettingsError
from crosscheck.records import (
    PARAGRAPH_SEPARATOR,
    Article,
    CopyKind,
    CopyLink,
    DatePrecision,
    Sentence,
    Span,
)

FLOOD_ORIGINAL = [
    "Floodwater from the River Wend swept through the market town of Millbrook on Sunday night, "
    "forcing dozens of families from their homes.",
    "Emergency crews rescued eleven people from the roofs of cars trapped on the Old Mill Road.",
    "Mayor Helen Carrow said the council had opened the sports hall on Keel Street as a shelter "
    "for displaced residents.",
    "The Environment Office had issued a flood warning for the valley on Saturday afternoon.",
    "Engineers will inspect the stone bridge at Harrow Lane before it reopens to traffic.",
    "Farmers downstream reported that several fields of barley were under water by Monday morning.",
    "Rail services between Millbrook and Dunmere were suspended until further notice.",
    "“We have never seen the water rise so quickly,” said shopkeeper Tom Avery.",
]
FLOOD_REWRITE = [
    "On Sunday night, water from the River Wend flooded the market town of Millbrook and forced "
    "dozens of families to leave their homes.",
    "Eleven people were rescued by emergency crews from the roofs of cars stuck on the "
    "Old Mill Road.",
    "The council opened the sports hall on Keel Street as a shelter for residents who had been "
    "displaced, Mayor Helen Carrow said.",
    "A flood warning for the valley had been issued by the Environment Office on "
    "Saturday afternoon.",
    "Before it reopens to traffic, the stone bridge at Harrow Lane will be inspected by engineers.",
    "Train services between Millbrook and Dunmere have been suspended until further notice.",
    "“We have never seen the water rise so quickly,” said shopkeeper Tom Avery.",
    "Local schools will stay closed on Tuesday while the clean-up continues.",
]
FLOOD_INDEPENDENT = [
    "Residents of Millbrook began clearing mud from their kitchens on Monday after the worst "
    "flooding in forty years.",
    "Insurance assessors are expected in the town later this week, according to the "
    "chamber of commerce.",
    "“We have never seen the water rise so quickly,” said shopkeeper Tom Avery.",
    "“It came through the door like a wave and took the counter with it,” Avery told reporters.",
    "Volunteers from nearby villages brought dry clothes and hot food to the shelter.",
    "The last comparable flood in the valley, in 1983, destroyed the old wooden footbridge.",
]
QUOTES = [
    "“The water was up to my knees within minutes of the first warning,” said resident Ana Brook.",
    "“We lost everything on the ground floor, even the photographs,” she said.",
    "“The council needs to build a proper wall along the whole river,” Brook added.",
    "“Nobody came to warn us until the road was already under water,” Brook said.",
]
QUOTING_FIRST = [
    "A second night of heavy rain kept the Wend above its banks in the lower town.",
    *QUOTES,
    "Forecasters expect the river to fall slowly over the next three days.",
]
QUOTING_SECOND = [
    "Anger is growing on Ferry Street, where the water entered forty houses in an hour.",
    *QUOTES,
    "The regional council will debate a new flood defence budget next month.",
]


def make_article(
    article_id: str, sentences: Sequence[str], published: datetime | None = None
) -> tuple[Article, list[Sentence]]:
    """One sentence per paragraph, spans into `Article.body`."""
    article = Article(
        id=article_id,
        source_id=f"src-{article_id}",
        title=f"Story {article_id}",
        paragraphs=tuple(sentences),
        published=published,
        published_precision=DatePrecision.DAY if published else DatePrecision.UNKNOWN,
    )
    records, offset = [], 0
    for index, text in enumerate(sentences):
        records.append(Sentence(article_id, index, Span(offset, offset + len(text)), text, index))
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    return article, records


def links_between(*stories: tuple[Article, list[Sentence]]) -> list[CopyLink]:
    articles = [article for article, _ in stories]
    return link_copies(articles, {article.id: sentences for article, sentences in stories})


def copy_pairs(link: CopyLink) -> list[tuple[int, int]]:
    return [
        (pair.source_sentence, pair.target_sentence)
        for pair in link.sentence_pairs
        if pair.kind is not CopyKind.QUOTE_REUSE
    ]


pytestmark = pytest.mark.slow  # loads the embedding model


def test_spun_rewrite_is_linked_sentence_by_sentence_from_the_earlier_article() -> None:
    original = make_article("orig", FLOOD_ORIGINAL, datetime(2024, 2, 4))
    rewrite = make_article("spun", FLOOD_REWRITE, datetime(2024, 2, 5))
    [link] = links_between(rewrite, original)
    assert (link.source, link.target, link.directed) == ("orig", "spun", True)
    assert link.kind is CopyKind.PARAPHRASE
    # sentence i of the original is rewritten as sentence i of the copy (rail -> train is 6 -> 5)
    expected = {(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (6, 5)}
    assert len(expected & set(copy_pairs(link))) >= 5
    assert (7, 6) in {
        (p.source_sentence, p.target_sentence)
        for p in link.sentence_pairs
        if p.kind is CopyKind.QUOTE_REUSE
    }


def test_verbatim_subset_is_near_and_directed_by_containment() -> None:
    original = make_article("full", FLOOD_ORIGINAL + FLOOD_INDEPENDENT[:4])
    excerpt = make_article("part", FLOOD_ORIGINAL[:6])
    [link] = links_between(excerpt, original)
    assert link.kind is CopyKind.NEAR
    assert (link.source, link.target, link.directed) == ("full", "part", True)
    assert any("containment" in reason for reason in link.direction_evidence)


def test_identical_bodies_are_an_exact_copy() -> None:
    first = make_article("one", FLOOD_ORIGINAL)
    second = make_article("two", [s.upper() for s in FLOOD_ORIGINAL])
    [link] = links_between(first, second)
    assert link.kind is CopyKind.EXACT
    assert link.score == 1.0


def test_independent_report_of_the_same_event_is_not_a_copy() -> None:
    original = make_article("orig", FLOOD_ORIGINAL)
    other = make_article("indep", FLOOD_INDEPENDENT)
    assert links_between(original, other) == []


def test_shared_quotes_alone_do_not_make_a_copy() -> None:
    first = make_article("q1", QUOTING_FIRST)
    second = make_article("q2", QUOTING_SECOND)
    assert links_between(first, second) == []


def test_families_count_once() -> None:
    stories = [
        make_article("orig", FLOOD_ORIGINAL),
        make_article("spun", FLOOD_REWRITE),
        make_article("indep", FLOOD_INDEPENDENT),
    ]
    links = links_between(*stories)
    assert independent_reports(["indep", "spun", "orig"], links) == [["indep"], ["spun", "orig"]]


def test_embedding_cache_embeds_each_text_once() -> None:
    cache = SentenceEmbeddings()
    stories = [make_article("orig", FLOOD_ORIGINAL), make_article("spun", FLOOD_REWRITE)]
    sentences = {article.id: s for article, s in stories}
    first = link_copies([a for a, _ in stories], sentences, embeddings=cache)
    assert link_copies([a for a, _ in stories], sentences, embeddings=cache) == first


def test_verbatim_reuse_and_hopeless_pairs_need_no_embedding() -> None:
    cache = SentenceEmbeddings()
    stories = [
        make_article("orig", FLOOD_ORIGINAL),
        make_article("wire", [*FLOOD_ORIGINAL[:6], "Schools stay shut on Tuesday in the town."]),
        make_article("indep", FLOOD_INDEPENDENT),
    ]
    sentences = {article.id: s for article, s in stories}
    [link] = link_copies([a for a, _ in stories], sentences, embeddings=cache)
    assert (link.source, link.target, link.kind) == ("orig", "wire", CopyKind.NEAR)
    assert len(copy_pairs(link)) == 6
    # the copy is settled word for word; "indep" shares one quote with each: it can never link
    assert len(cache) == 0


def test_rewrites_are_embedded_only_where_a_cosine_decides() -> None:
    cache = SentenceEmbeddings()
    stories = [make_article("orig", FLOOD_ORIGINAL), make_article("spun", FLOOD_REWRITE)]
    sentences = {article.id: s for article, s in stories}
    [link] = link_copies([a for a, _ in stories], sentences, embeddings=cache)
    assert link.kind is CopyKind.PARAPHRASE
    # the shared quote is settled verbatim, so at most 7 sentences of each side are embedded
    assert 0 < len(cache) <= 14


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Four people were injured when the roof of the depot collapsed.",
         "No one was injured when the roof of the depot collapsed."),
        ("The fire started 40 miles north of the city, officials said.",
         "The fire started 50 miles north of the city, officials said."),
        ("The mayor confirmed the bridge would reopen on Friday.",
         "The mayor did not confirm the bridge would reopen on Friday."),
    ],
)  # fmt: skip
def test_numbers_and_negation_veto_paraphrase(a: str, b: str) -> None:
    assert not is_paraphrase(a, b)


def test_reordered_sentence_is_a_paraphrase() -> None:
    assert is_paraphrase(
        "The mayor said the bridge over the canal would reopen on Friday.",
        "The bridge over the canal will reopen on Friday, the mayor said.",
    )


def test_bad_align_settings_name_the_value() -> None:
    with pytest.raises(SettingsError, match="min_coverage"):
        AlignSettings(min_coverage=0.0)
