"""Entities: people, organisations, places, weapons and military units.

No NER model ships offline, so this is spaCy's blank English tokenizer with an
entity ruler built from the gazetteers (organisations, weapons, countries, US
states, titles, unit patterns; see `parsing`), then capitalised-sequence rules: a run of
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS

from crosscheck.extract.gazetteer import Gazetteer, load_gazetteer, words
from crosscheck.extract.parsing import ParsedSentence, parsed_sentence
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
# Names of the land and water: "Lake Orsen", "Mount Varn", "Heron Island", "Carver Road".
GEOGRAPHY_HEADS = words("Lake Mount Mt Cape Fort Port Isle Gulf")
# Not "Hill", "Lane", "Bay": surnames too ("Lois Lane").
GEOGRAPHY_TAILS = words(
    "Island Islands Isle Lake River Valley Mountains Hills Beach Peninsula Coast Creek Falls "
    "Canyon Strait Sea Ocean Gulf Harbour Harbor Road Street Avenue Boulevard Drive Highway "
    "Square"
)
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


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    """Mentions in text order, and the roles each person is given ("governor")."""

    mentions: tuple[Mention, ...]
    roles: dict[str, frozenset[str]] = field(default_factory=dict)


def _is_name_token(text: str) -> bool:
    return bool(NAME_RE.match(text)) and text not in NOT_NAMES and text.lower() not in STOP_WORDS


def _capitalised_runs(parsed: ParsedSentence) -> list[tuple[int, int]]:
    """Token ranges of capitalised words outside the ruler's entities."""
    taken = {i for ent in parsed.ents for i in range(ent.start, ent.end)}
    runs: list[tuple[int, int]] = []
    start = None
    for i, text in enumerate([*parsed.texts, None]):
        inside = text is not None and i not in taken and _is_name_token(text)
        # "Police" is no name alone ("Police said"), but ends or goes on an organisation's
        # name: "Marlow Police said", "the Marlow Metropolitan Police Department"; not a
        # title's ("Marlow Police Commissioner Ada Renn": the run breaks there, as before).
        if text == "Police" and start is not None and i not in taken:
            following = parsed.texts[i + 1] if i + 1 < len(parsed.texts) else ""
            inside = following in ORG_SUFFIXES or not _is_name_token(following)
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, min(i, start + 4)))
            start = None
    return runs


def _person_cue(parsed: ParsedSentence, start: int, end: int) -> str | None:
    """The title or role that marks tokens start:end as a person, or "" for a speech cue."""
    titles = [ent for ent in parsed.ents if ent.label_ == "TITLE" and ent.end == start]
    if titles:
        last = titles[0].text.split()[-1].lower()
        return TITLE_ROLES.get(last, last)
    if start > 0 and parsed.lower(start - 1) in ROLE_WORDS:
        return parsed.lower(start - 1)
    after = parsed.lower(end) if end < len(parsed.texts) else ""
    before = parsed.lower(start - 1) if start > 0 else ""
    if after in SPEECH_VERBS or before in SPEECH_VERBS:
        return ""
    return None


def _aged(parsed: ParsedSentence, end: int) -> bool:
    """ "Greta Sommer, 71, said": a name followed by an age between commas is a person."""
    window = parsed.texts[end : end + 3]
    return (
        len(window) == 3
        and window[0] == ","
        and window[1].isdigit()
        and 0 < int(window[1]) < 120
        and window[2] == ","
    )


def _speaks_from_affiliation(parsed: ParsedSentence, start: int, end: int) -> bool:
    """ "Ilse Marrow of the Halden Institute said": two or three names, where from, a cue."""
    after = [parsed.lower(i) for i in range(end, min(end + 10, len(parsed.texts)))]
    return (
        2 <= end - start <= 3
        and bool(after)
        and after[0] in ("of", "at", "from")
        and "," not in after
        and any(word in SPEECH_VERBS for word in after[1:])
    )


def _continues_organisation(parsed: ParsedSentence, start: int) -> bool:
    """ "Halden Institute for Security Studies": the run after "for"/"of" ends the name."""
    return (
        start >= 2
        and parsed.lower(start - 1) in ("for", "of")
        and parsed.texts[start - 2] in ORG_SUFFIXES
    )


def _apposed_role(parsed: ParsedSentence, end: int) -> str | None:
    """ "Vyacheslav Gladkov, the governor of Belgorod" -> "governor"."""
    window = [text.lower() for text in parsed.texts[end : end + 5]]
    if len(window) >= 3 and window[0] == "," and window[1] in ("the", "a", "an"):
        for word in window[2:]:
            if word in ROLE_WORDS:
                return word
    return None


def _classify_run(
    parsed: ParsedSentence, start: int, end: int, gazetteer: Gazetteer
) -> tuple[str, str | None]:
    text = parsed.span_text(start, end)
    if parsed.texts[end - 1] in ORG_SUFFIXES and end - start >= 2:
        return "ORG", None
    # A suffix alone is a common noun capitalised ("District head Mila Drozd").
    if (parsed.texts[end - 1] in PLACE_SUFFIXES and end - start >= 2) or (
        start > 0
        and parsed.lower(start - 1) == "of"
        and start > 1
        and parsed.lower(start - 2) in PLACE_CUES
    ):
        return "PLACE", None
    if gazetteer.is_place(text):
        return "PLACE", None
    if end - start >= 2 and (
        parsed.texts[start] in GEOGRAPHY_HEADS or parsed.texts[end - 1] in GEOGRAPHY_TAILS
    ):
        return "PLACE", None
    if end - start == 1 and (DEMONYM_RE.search(text) or text in ORG_SUFFIXES):
        return "", None  # "Department said": a common noun capitalised, not a person
    cue = _person_cue(parsed, start, end)
    if cue is None and (
        _apposed_role(parsed, end)
        or _aged(parsed, end)
        or _speaks_from_affiliation(parsed, start, end)
        or (_looks_like_full_name(parsed, start, end) and not _is_headline(parsed.texts))
    ):
        cue = ""
    if cue is not None:
        return "PERSON", cue or _apposed_role(parsed, end)
    return "", None


def _looks_like_full_name(parsed: ParsedSentence, start: int, end: int) -> bool:
    """Two or three capitalised words mid-sentence, not after an article ("the Arctic Circle")."""
    return 2 <= end - start <= 3 and start > 0 and parsed.lower(start - 1) not in ("the", "a", "an")


def _is_headline(texts: Sequence[str]) -> bool:
    """Title Case text ("Ukraine Strikes Inside Russia"), where capitals say nothing."""
    # str.isalpha and str.istitle are what spaCy's is_alpha and is_title compute.
    words = [text for text in texts if text.isalpha() and len(text) > 3]
    return len(words) >= 2 and sum(text.istitle() for text in words) / len(words) > 0.6


def _mention(
    sentence: Sentence,
    parsed: ParsedSentence,
    start: int,
    end: int,
    label: EntityLabel,
    normalised: str,
) -> Mention:
    text = parsed.span_text(start, end)
    begin = sentence.span.start + parsed.starts[start]
    return Mention(
        sentence.article_id,
        sentence.index,
        Span(begin, begin + len(text)),
        text,
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
    sentence: Sentence, parsed: ParsedSentence, gazetteer: Gazetteer, roles: dict[str, set[str]]
) -> list[Mention]:
    found = []
    for ent in parsed.ents:
        if ent.label_ in RULER_LABELS:
            normalised = ent.ent_id_ or ent.text.lower().removeprefix("the ")
            found.append(
                _mention(sentence, parsed, ent.start, ent.end, RULER_LABELS[ent.label_], normalised)
            )
    for start, end in _capitalised_runs(parsed):
        if _continues_organisation(parsed, start) and _extend_organisation(
            found, sentence, parsed, start, end
        ):
            continue
        kind, role = _classify_run(parsed, start, end, gazetteer)
        name = parsed.span_text(start, end)
        if kind == "PERSON":
            roles.setdefault(name, set()).update([role] if role else [])
            found.append(_mention(sentence, parsed, start, end, EntityLabel.PERSON, name))
        elif kind:
            label = EntityLabel.PLACE if kind == "PLACE" else EntityLabel.ORGANISATION
            found.append(_mention(sentence, parsed, start, end, label, name))
    return found


def _extend_organisation(
    found: list[Mention], sentence: Sentence, parsed: ParsedSentence, start: int, end: int
) -> bool:
    """Join "for Security Studies" to the organisation found just before it, as written;
    False when there is none ("University of Dayton": Dayton stays a place)."""
    head_start = sentence.span.start + parsed.starts[start - 2]
    heads = [
        m
        for m in found
        if m.label is EntityLabel.ORGANISATION and m.span.start <= head_start < m.span.end
    ]
    if not heads:
        return False
    head = heads[-1]
    tail_end = sentence.span.start + parsed.starts[end - 1] + len(parsed.texts[end - 1])
    offset = sentence.span.start
    text = sentence.text[head.span.start - offset : tail_end - offset]
    found[found.index(head)] = replace(
        head,
        span=Span(head.span.start, tail_end),
        text=text,
        normalised=text if head.normalised == head.text else head.normalised,
    )
    return True


def _as_surname(mention: Mention, surnames: set[str]) -> Mention:
    """A lone word the gazetteer knows as a town is the person when it is their surname
    ("Denna Holt ... Holt said": Holt is also a town)."""
    if mention.label is EntityLabel.PLACE and mention.text in surnames:
        return replace(mention, label=EntityLabel.PERSON, normalised=mention.text)
    return mention


def _surname_mentions(
    sentence: Sentence, parsed: ParsedSentence, surnames: set[str], existing: list[Mention]
) -> list[Mention]:
    """Bare surnames of people already found ("Gladkov" after "Vyacheslav Gladkov")."""
    if not any(surname in sentence.text for surname in surnames):
        return []  # the cheap test first: walking tokens is the costly part
    covered = {(m.span.start, m.span.end) for m in existing}
    found = []
    for i, text in enumerate(parsed.texts):
        if text in surnames:
            mention = _mention(sentence, parsed, i, i + 1, EntityLabel.PERSON, text)
            if not any(s <= mention.span.start < e for s, e in covered):
                found.append(mention)
    return found


def find_entities(sentences: Sequence[Sentence]) -> ArticleEntities:
    gazetteer = load_gazetteer()
    parsed = [parsed_sentence(sentence.text) for sentence in sentences]
    roles: dict[str, set[str]] = {}
    per_sentence = [
        _sentence_mentions(s, p, gazetteer, roles) for s, p in zip(sentences, parsed, strict=True)
    ]
    surnames = {name.split()[-1] for name in roles if len(name.split()) > 1}
    for position, (sentence, p) in enumerate(zip(sentences, parsed, strict=True)):
        found = [_as_surname(m, surnames) for m in per_sentence[position]]
        per_sentence[position] = found + _surname_mentions(sentence, p, surnames, found)
    mentions = sorted((m for group in per_sentence for m in group), key=lambda m: m.span.start)
    aliases = merge_aliases(mentions)
    normalised = tuple(_renamed(m, aliases) for m in mentions)
    merged_roles = _merged_roles(roles, aliases)
    return ArticleEntities(normalised, merged_roles)


def _renamed(mention: Mention, aliases: dict[str, str]) -> Mention:
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
