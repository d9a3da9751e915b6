"""Parsing for entities: spaCy's blank English tokenizer and the gazetteer rulers.

`parsed_sentence(text)` tokenizes a sentence and runs the entity rulers over it
(organisations, places, titles, weapons, units), keeping the tokens' texts and
offsets beside the doc for the capitalised-run rules of `entities`. Sentences
repeated across articles (wire copies) are parsed once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import spacy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from crosscheck.extract.gazetteer import Gazetteer, load_gazetteer, words

UNIT_NOUNS = sorted(words("brigade battalion regiment division corps army squadron company fleet"))
# The UNIT token pattern opens with a token matching ORDINAL_TOKEN ("3rd"). A token is
# a piece of its sentence's text, so a sentence with no digit right before one of those
# suffixes cannot match it. The token Matcher walks every token (an eighth of
# extraction's profile), so it is skipped where it cannot match.
ORDINAL_TOKEN = r"^\d+(?:st|nd|rd|th)$"
ORDINAL_CUE_RE = re.compile(r"\d(?:st|nd|rd|th)")


def _ruler_patterns(gazetteer: Gazetteer) -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    for phrase, normalised in gazetteer.organisations.items():
        patterns.append({"label": "ORG", "pattern": phrase, "id": normalised})
    for name in sorted(gazetteer.countries | gazetteer.regions):
        patterns.append({"label": "PLACE", "pattern": name, "id": name})
    for title in gazetteer.titles:
        patterns.append({"label": "TITLE", "pattern": title, "id": title})
    ordinal = {"TEXT": {"REGEX": ORDINAL_TOKEN}}
    patterns.append(
        {
            "label": "UNIT",
            "pattern": [ordinal, {"IS_LOWER": True, "OP": "?"}, {"LOWER": {"IN": UNIT_NOUNS}}],
        }
    )
    return patterns


@cache
def entity_pipeline() -> Language:
    """spaCy's blank English with an entity ruler over the gazetteers (built once)."""
    gazetteer = load_gazetteer()
    nlp = spacy.blank("en")
    for title in gazetteer.titles:
        for word in title.split():
            if word.endswith(".") and len(word) > 2:
                nlp.tokenizer.add_special_case(word, [{"ORTH": word}])  # type: ignore[union-attr]
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(_ruler_patterns(gazetteer))  # type: ignore[attr-defined]
    # Weapons match in any case ("Drone", "drone") but names only as written ("AP"
    # is an agency, "ap" is not), so weapons get a ruler of their own: phrase
    # matching is far faster than one token pattern per weapon.
    weapon_ruler = nlp.add_pipe(
        "entity_ruler", name="weapon_ruler", config={"phrase_matcher_attr": "LOWER"}
    )
    weapon_ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "WEAPON", "pattern": phrase.lower(), "id": normalised}
            for phrase, normalised in gazetteer.weapons.items()
        ]
    )
    return nlp


Match = tuple[int, int, int]  # (match id, start token, end token)
# A matcher, and whether it can match only sentences that ORDINAL_CUE_RE finds.
GatedMatcher = tuple[Callable[[Doc], list[Match]], bool]


@cache
def _rulers() -> tuple[tuple[EntityRuler, tuple[GatedMatcher, ...]], ...]:
    """Each entity ruler of `entity_pipeline` with its matchers that have patterns."""
    nlp = entity_pipeline()
    rulers = []
    for name in nlp.pipe_names:
        ruler = nlp.get_pipe(name)
        assert isinstance(ruler, EntityRuler)
        # The gate holds only while UNIT's is the one token pattern (see ORDINAL_TOKEN).
        only_units = set(ruler.token_patterns) == {"UNIT"}
        matchers = tuple(
            (m, only_units and isinstance(m, Matcher))
            for m in (ruler.matcher, ruler.phrase_matcher)
            if len(m) > 0
        )
        rulers.append((ruler, matchers))
    return tuple(rulers)


# Sentences parsed lately, kept for articles that repeat them: wire copies and their
# light rewrites repeat sentences (four in five on bench/pipeline.py's corpus, one in
# eight on ECB+ dev, one in fourteen on GVA dev), and a parse was a quarter of
# extraction. 1024 long GVA sentences hold about 7.5 MiB (tracemalloc).
PARSED_SENTENCES_KEPT = 1024


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """A sentence's tokens with the rulers' entities, and each token's text and offset.

    The rules of `entities` read tokens through `texts` and `starts`, not the doc:
    making a spaCy Token per word read was the costliest part of scanning a sentence
    for names. Shared by every article that repeats the sentence, so nothing may change it.
    """

    doc: Doc
    text: str
    texts: tuple[str, ...]  # token.text of each token
    starts: tuple[int, ...]  # token.idx of each token
    ents: tuple[SpacySpan, ...]  # doc.ents

    def lower(self, i: int) -> str:
        """token.lower_ of token i (spaCy's LOWER is str.lower of the text)."""
        return self.texts[i].lower()

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text: from the first token's start to the last token's end."""
        return self.text[self.starts[start] : self.starts[end - 1] + len(self.texts[end - 1])]


@lru_cache(maxsize=PARSED_SENTENCES_KEPT)
def parsed_sentence(text: str) -> ParsedSentence:
    """The sentence tokenized and run through the entity rulers.

    EntityRuler.__call__ counts its patterns (hundreds of labels) and installs a
    warnings filter on every doc; that was half the time of the rulers on the
    pipeline benchmark. Here the tokenizer and each ruler's matchers run
    directly, and the matches go through EntityRuler's own ordering and
    `set_annotations`, so the entities are exactly the pipeline's.
    """
    doc = entity_pipeline().tokenizer(text)
    may_be_ordinal = ORDINAL_CUE_RE.search(text) is not None
    for ruler, matchers in _rulers():
        found = {
            match
            for matcher, gated in matchers
            if may_be_ordinal or not gated
            for match in matcher(doc)
            if match[1] != match[2]
        }
        # With no match, set_annotations would only set doc.ents to themselves.
        if found:
            ordered = sorted(found, key=_longest_first, reverse=True)
            ruler.set_annotations(doc, ordered)  # type: ignore[no-untyped-call]
    offsets = doc.to_array([IDX, LENGTH]).tolist()
    texts = tuple(text[start : start + length] for start, length in offsets)
    starts = tuple(start for start, _ in offsets)
    return ParsedSentence(doc, text, texts, starts, tuple(doc.ents))


def _longest_first(match: Match) -> tuple[int, int]:
    return match[2] - match[1], -match[1]
