"""Framing: loaded wording in the outlet's own voice, hedging, omissions, additions."""

from __future__ import annotations

from collections import Counter
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.corroborate.dossier import build_dossier
from crosscheck.corroborate.framing import ArticleFraming, own_voice
from crosscheck.corroborate.lexicon import (
    CATEGORIES,
    Lexicon,
    LexiconEntry,
    default_lexicon,
    parse_entry,
)
from crosscheck.corroborate.text import words
from crosscheck.records import Article
from test_dossier_fixtures import ARTICLES, CLARION, EVENT, LINKS, WIRE, event_facts, fake_embedder


def framing_of(source_id: str) -> ArticleFraming:
    dossier = build_dossier(EVENT, ARTICLES, event_facts(), LINKS, embedder=fake_embedder)
    return next(f for f in dossier.framing.articles if dossier.source_id(f.article_id) == source_id)


def counts(text: str, lexicon: Lexicon | None = None) -> dict[str, int]:
    found = (lexicon or default_lexicon()).count(words(text))
    return {entry.term: n for entry, n in found.items()}


def test_every_lexicon_line_parses_into_a_known_category() -> None:
    text = resources.files("crosscheck.corroborate").joinpath("data/loaded_terms.tsv").read_text()
    entries = [parse_entry(line) for line in text.splitlines()]
    parsed = [entry for entry in entries if entry is not None]
    assert len(parsed) > 100
    assert {entry.category for entry in parsed} == CATEGORIES


def test_phrases_prefixes_and_longest_match() -> None:
    text = "A humiliating, humiliated regime; so-called experts; a special military operation."
    assert counts(text) == {
        "humiliat*": 2,
        "regime": 1,
        "so-called": 1,
        "special military operation": 1,
    }


def test_neutral_wording_counts_nothing() -> None:
    assert counts("The depot lies 8 km from the border and burned overnight.") == {}


def test_quoted_speech_is_not_the_outlets_voice() -> None:
    article = Article(
        "x", "x", "t", ('The mayor said: "It was a horrific, brutal attack." Calm returned.',)
    )
    assert counts(own_voice(article, None)) == {}
    assert counts(article.body) == {"horrific": 1, "brutal": 1}


def test_a_rewrite_can_add_loaded_wording_the_original_lacks() -> None:
    assert framing_of("wire-1").loaded == ()
    terms = {term.term: term.category for term in framing_of("clarion").loaded}
    assert terms == {
        "dramatic": "sensational",
        "huge": "sensational",
        "terrifying": "alarm",
        "so-called": "editorialising",
        "regime": "contentious-label",
    }


def test_hedged_and_unattributed_shares() -> None:
    wire = framing_of("wire-1")  # 6 claims: 1 unverified; 3 with no attribution
    assert wire.claims == 6
    assert wire.hedged_share == 1 / 6
    assert wire.unattributed_share == 3 / 6


def test_an_article_that_skips_an_agreed_fact_is_said_to_leave_it_out() -> None:
    assert framing_of("clarion").omits == ("distance (Varnhollow-border)",)
    assert framing_of("harbour").omits == ()


def test_what_only_one_independent_report_carries() -> None:
    assert framing_of("wire-1").adds == ("casualties (firefighters injured)",)
    assert framing_of("harbour").adds == ()


def test_outlets_sum_their_articles() -> None:
    dossier = build_dossier(EVENT, ARTICLES, event_facts(), LINKS, embedder=fake_embedder)
    by_outlet = {item.outlet: item for item in dossier.framing.outlets}
    assert set(by_outlet) == {article.outlet for article in ARTICLES}
    assert by_outlet["Daily Clarion"].article_ids == (CLARION.id,)
    assert by_outlet["Northwire"].claims == len(event_facts()[0].claims)
    assert WIRE.outlet == "Northwire"


def _count_plainly(lexicon: Lexicon, tokens: list[str]) -> Counter[LexiconEntry]:
    """The matcher's definition: every entry tried at every position, the longest kept."""
    found: Counter[LexiconEntry] = Counter()
    position = 0
    while position < len(tokens):
        hits = [entry for entry in lexicon.entries if entry.matches(tokens, position)]
        if not hits:
            position += 1
            continue
        best = max(hits, key=lambda entry: len(entry.tokens))
        found[best] += 1
        position += len(best.tokens)
    return found


@settings(max_examples=200)
@given(st.data())
def test_the_indexed_matcher_counts_what_trying_every_entry_counts(data: st.DataObject) -> None:
    lexicon = default_lexicon()
    vocabulary = sorted({token for entry in lexicon.entries for token in entry.tokens})
    vocabulary += [token + "ing" for token in vocabulary[:50]] + ["the", "a", "blast", "said"]
    tokens = data.draw(st.lists(st.sampled_from(vocabulary), max_size=40))
    assert lexicon.count(tokens) == _count_plainly(lexicon, tokens)
