"""Entities: people, organisations, places, weapons and military units.

No NER model ships offline, so this is spaCy's blank English tokenizer with an
entity ruler built from the gazetteers (organisations, weapons, countries, US
states, titles, unit patterns), then capitalised-sequence rules: a run of
capitalised words is a person when a title or role stands before it ("Regional
Gov. Vyacheslav Gladkov", "journalist Yuriy Butusov"), a speech verb after it
("Gladkov said"), or when it shares a surname with a person already found; a
place when the city gazetteer knows it or a place cue stands before it ("the
village of Krasniy Oktyabr"). Within an article every person is normalised to the
fullest form of their name; `merge_aliases` does the same across an event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Token

from crosscheck.extract.gazetteer import Gazetteer, load_gazetteer, words
from crosscheck.records import EntityLabel, Mention, Sentence, Span

ROLE_WORDS = words(
    "journalist adviser advisor official spokesman spokeswoman spokesperson minister "
    "commander president governor mayor chief officer detective sheriff deputy witness "
    "attorney lawyer neighbor neighbour friend father mother son daughter brother sister "
    "husband wife resident analyst expert leader secretary director head senator judge "
    "captain sergeant lieutenant general colonel prosecutor teacher principal pastor"
)
# Title abbreviations -> the role a later "the governor" refers back to.
TITLE_ROLES = {
    "gov.": "governor",
    "gen.": "general",
    "col.": "colonel",
    "lt.": "lieutenant",
    "sgt.": "sergeant",
    "capt.": "captain",
    "det.": "detective",
    "sen.": "senator",
    "rep.": "representative",
    "dr.": "doctor",
}
SPEECH_VERBS = words(
    "said says told claimed claims stated tweeted wrote added confirmed warned explained "
    "announced insisted reported denied noted urged recalled"
)
PLACE_CUES = words("village settlement town city region district province county")
PLACE_SUFFIXES = words("Oblast Region District Province County Krai")
ORG_SUFFIXES = words(
    "Center Centre Apartments Department Dept. School University College Hospital Office "
    "Station News Agency Party Ministry Council Committee Company Corporation Inc. Service "
    "Services Police Church Bank Club Bar Mall Academy Institute Foundation Association Guard "
    "Forces Army Navy Court Times Post Journal Herald Tribune Chronicle Independent Pravda"
)
NOT_NAMES = words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep "
    "Sept Oct Nov Dec Police Authorities Officials Photo Image Video Read More Click Email "
    "Related Updated Posted Copyright Advertisement Share"
)
NAME_RE = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Za-z]+)*$|^[A-Z]\.$|^(?:Mc|Mac|O')[A-Z][a-z]+$")
DEMONYM_RE = re.compile(r"(?:ian|ians|ish|ese|ean)$")
UNIT_NOUNS = sorted(words("brigade battalion regiment division corps army squadron company fleet"))


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    """Mentions in text order, and the roles each person is given ("governor")."""

    mentions: tuple[Mention, ...]
    roles: dict[str, frozenset[str]] = field(default_factory=dict)


def _ruler_patterns(gazetteer: Gazetteer) -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    for phrase, normalised in gazetteer.organisations.items():
        patterns.append({"label": "ORG", "pattern": phrase, "id": normalised})
    for name in sorted(gazetteer.countries | gazetteer.regions):
        patterns.append({"label": "PLACE", "pattern": name, "id": name})
    for title in gazetteer.titles:
        patterns.append({"label": "TITLE", "pattern": title, "id": title})
    ordinal = {"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}
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


@cache
def _rulers() -> tuple[tuple[EntityRuler, tuple[Callable[[Doc], list[Match]], ...]], ...]:
    """Each entity ruler of `entity_pipeline` with its matchers that have patterns."""
    nlp = entity_pipeline()
    rulers = []
    for name in nlp.pipe_names:
        ruler = nlp.get_pipe(name)
        assert isinstance(ruler, EntityRuler)
        matchers = tuple(m for m in (ruler.matcher, ruler.phrase_matcher) if len(m) > 0)
        rulers.append((ruler, matchers))
    return tuple(rulers)


def parse(texts: Iterable[str]) -> list[Doc]:
    """`entity_pipeline().pipe(texts)`, the same docs and entities, at half the cost.

    EntityRuler.__call__ counts its patterns (hundreds of labels) and installs a
    warnings filter on every doc; that was half the time of the rulers on the
    pipeline benchmark. Here the tokenizer and each ruler's matchers run
    directly, and the matches go through EntityRuler's own ordering and
    `set_annotations`, so the entities are exactly the pipeline's.
    """
    tokenizer, rulers = entity_pipeline().tokenizer, _rulers()
    docs = []
    for text in texts:
        doc = tokenizer(text)
        for ruler, matchers in rulers:
            found = {
                match for matcher in matchers for match in matcher(doc) if match[1] != match[2]
            }
            ordered = sorted(found, key=_longest_first, reverse=True)
            ruler.set_annotations(doc, ordered)  # type: ignore[no-untyped-call]
        docs.append(doc)
    return docs


def _longest_first(match: Match) -> tuple[int, int]:
    return match[2] - match[1], -match[1]


def _is_name_token(token: Token) -> bool:
    text = token.text
    return bool(NAME_RE.match(text)) and text not in NOT_NAMES and text.lower() not in STOP_WORDS


def _capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of capitalised words outside the ruler's entities."""
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    runs: list[tuple[int, int]] = []
    start = None
    for token in [*doc, None]:
        inside = token is not None and token.i not in taken and _is_name_token(token)
        if inside and start is None and token is not None:
            start = token.i
        elif not inside and start is not None:
            end = token.i if token is not None else len(doc)
            runs.append((start, min(end, start + 4)))
            start = None
    return runs


def _person_cue(doc: Doc, start: int, end: int) -> str | None:
    """The title or role that marks doc[start:end] as a person, or "" for a speech cue."""
    titles = [ent for ent in doc.ents if ent.label_ == "TITLE" and ent.end == start]
    if titles:
        last = titles[0].text.split()[-1].lower()
        return TITLE_ROLES.get(last, last)
    if start > 0 and doc[start - 1].lower_ in ROLE_WORDS:
        return doc[start - 1].lower_
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[start - 1].lower_ if start > 0 else ""
    if after in SPEECH_VERBS or before in SPEECH_VERBS:
        return ""
    return None


def _apposed_role(doc: Doc, end: int) -> str | None:
    """ "Vyacheslav Gladkov, the governor of Belgorod" -> "governor"."""
    window = [token.lower_ for token in doc[end : end + 5]]
    if len(window) >= 3 and window[0] == "," and window[1] in ("the", "a", "an"):
        for word in window[2:]:
            if word in ROLE_WORDS:
                return word
    return None


def _classify_run(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[str, str | None]:
    text = doc[start:end].text
    if doc[end - 1].text in ORG_SUFFIXES and end - start >= 2:
        return "ORG", None
    if doc[end - 1].text in PLACE_SUFFIXES or (
        start > 0
        and doc[start - 1].lower_ == "of"
        and start > 1
        and doc[start - 2].lower_ in PLACE_CUES
    ):
        return "PLACE", None
    if gazetteer.is_place(text):
        return "PLACE", None
    if end - start == 1 and DEMONYM_RE.search(text):
        return "", None
    cue = _person_cue(doc, start, end)
    if cue is None and (
        _apposed_role(doc, end)
        or (_looks_like_full_name(doc, start, end) and not _is_headline(doc))
    ):
        cue = ""
    if cue is not None:
        return "PERSON", cue or _apposed_role(doc, end)
    return "", None


def _looks_like_full_name(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalised words mid-sentence, not after an article ("the Arctic Circle")."""
    return 2 <= end - start <= 3 and start > 0 and doc[start - 1].lower_ not in ("the", "a", "an")


def _is_headline(doc: Doc) -> bool:
    """Title Case text ("Ukraine Strikes Inside Russia"), where capitals say nothing."""
    words = [token for token in doc if token.is_alpha and len(token) > 3]
    return len(words) >= 2 and sum(token.is_title for token in words) / len(words) > 0.6


def _mention(
    sentence: Sentence, doc: Doc, start: int, end: int, label: EntityLabel, normalised: str
) -> Mention:
    span = doc[start:end]
    begin = sentence.span.start + span.start_char
    return Mention(
        sentence.article_id,
        sentence.index,
        Span(begin, begin + len(span.text)),
        span.text,
        label,
        normalised,
    )


RULER_LABELS = {
    "ORG": EntityLabel.ORGANISATION,
    "PLACE": EntityLabel.PLACE,
    "WEAPON": EntityLabel.WEAPON,
    "UNIT": EntityLabel.UNIT,
}


def _sentence_mentions(
    sentence: Sentence, doc: Doc, gazetteer: Gazetteer, roles: dict[str, set[str]]
) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ in RULER_LABELS:
            normalised = ent.ent_id_ or ent.text.lower().removeprefix("the ")
            found.append(
                _mention(sentence, doc, ent.start, ent.end, RULER_LABELS[ent.label_], normalised)
            )
    for start, end in _capitalised_runs(doc):
        kind, role = _classify_run(doc, start, end, gazetteer)
        if kind == "PERSON":
            name = doc[start:end].text
            roles.setdefault(name, set()).update([role] if role else [])
            found.append(_mention(sentence, doc, start, end, EntityLabel.PERSON, name))
        elif kind:
            label = EntityLabel.PLACE if kind == "PLACE" else EntityLabel.ORGANISATION
            found.append(_mention(sentence, doc, start, end, label, doc[start:end].text))
    return found


def _surname_mentions(
    sentence: Sentence, doc: Doc, surnames: set[str], existing: list[Mention]
) -> list[Mention]:
    """Bare surnames of people already found ("Gladkov" after "Vyacheslav Gladkov")."""
    if not any(surname in sentence.text for surname in surnames):
        return []  # the cheap test first: walking tokens is the costly part
    covered = {(m.span.start, m.span.end) for m in existing}
    found = []
    for token in doc:
        if token.text in surnames:
            mention = _mention(sentence, doc, token.i, token.i + 1, EntityLabel.PERSON, token.text)
            if not any(s <= mention.span.start < e for s, e in covered):
                found.append(mention)
    return found


def find_entities(sentences: Sequence[Sentence]) -> ArticleEntities:
    gazetteer = load_gazetteer()
    docs = parse(sentence.text for sentence in sentences)
    roles: dict[str, set[str]] = {}
    per_sentence = [
        _sentence_mentions(s, d, gazetteer, roles) for s, d in zip(sentences, docs, strict=True)
    ]
    surnames = {name.split()[-1] for name in roles if len(name.split()) > 1}
    for position, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
        per_sentence[position] += _surname_mentions(sentence, doc, surnames, per_sentence[position])
    mentions = sorted((m for group in per_sentence for m in group), key=lambda m: m.span.start)
    aliases = merge_aliases(mentions)
    normalised = tuple(_renamed(m, aliases) for m in mentions)
    merged_roles = _merged_roles(roles, aliases)
    return ArticleEntities(normalised, merged_roles)


def _renamed(mention: Mention, aliases: dict[str, str]) -> Mention:
    from dataclasses import replace

    return replace(mention, normalised=aliases.get(mention.normalised, mention.normalised))


def _merged_roles(roles: dict[str, set[str]], aliases: dict[str, str]) -> dict[str, frozenset[str]]:
    merged: dict[str, set[str]] = {}
    for name, given in roles.items():
        merged.setdefault(aliases.get(name, name), set()).update(given)
    return {name: frozenset(given) for name, given in merged.items()}


def merge_aliases(mentions: Iterable[Mention]) -> dict[str, str]:
    """Each person name -> the fullest name sharing its surname ("Gladkov" -> "Vyacheslav
    Gladkov"); other entities map to themselves. Works within an article or an event."""
    names = Counter(m.normalised for m in mentions if m.label is EntityLabel.PERSON)
    by_surname: dict[str, list[str]] = {}
    for name in names:
        by_surname.setdefault(name.split()[-1], []).append(name)
    aliases: dict[str, str] = {}
    for group in by_surname.values():
        canonical: list[str] = []
        for name in sorted(group, key=lambda n: (-len(n.split()), -len(n), -names[n], n)):
            fuller = next((full for full in canonical if _compatible(name, full)), None)
            if fuller is None:
                canonical.append(name)
            aliases[name] = fuller or name
    return aliases


def _compatible(name: str, fullest: str) -> bool:
    """ "Gladkov" and "V. Gladkov" fit "Vyacheslav Gladkov"; "Anna Gladkov" does not."""
    words, full = name.split(), fullest.split()
    return all(any(f.startswith(w.rstrip(".")) for f in full) for w in words)
