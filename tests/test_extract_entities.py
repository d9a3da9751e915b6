"""Entities from the blank pipeline, ruler and gazetteers, measured on a fixture."""

from __future__ import annotations

import json
from pathlib import Path

from crosscheck.extract.entities import find_entities, merge_aliases
from crosscheck.records import EntityLabel, Mention, Sentence, Span

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def sentences_of(text: str) -> list[Sentence]:
    """One sentence per line: enough for entity tests, which look within sentences."""
    found, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append(Sentence("a1", len(found), Span(offset, offset + len(line)), line, 0))
        offset += len(line) + 1
    return found


def names(text: str, label: EntityLabel) -> set[str]:
    mentions = find_entities(sentences_of(text)).mentions
    return {m.normalised for m in mentions if m.label is label}


def test_people_need_a_cue_and_get_their_full_name() -> None:
    text = (
        "Regional Gov. Tomas Orvik said the port was closed.\n"
        "Orvik added that the fire was out.\n"
        "The Velmora Harbour Authority building was damaged."
    )
    mentions = find_entities(sentences_of(text)).mentions
    people = [m for m in mentions if m.label is EntityLabel.PERSON]
    assert [m.text for m in people] == ["Tomas Orvik", "Orvik"]
    assert {m.normalised for m in people} == {"Tomas Orvik"}


def test_roles_are_remembered_for_later_references() -> None:
    text = "Ilse Karvan, the governor of the region, spoke first.\nMayor Jon Brek said little."
    roles = find_entities(sentences_of(text)).roles
    assert "governor" in roles["Ilse Karvan"]
    assert "mayor" in roles["Jon Brek"]


def test_gazetteer_entities() -> None:
    text = "A drone hit a depot in Kharkiv, Ukraine, TASS said.\nThe 7th artillery brigade fired."
    assert names(text, EntityLabel.PLACE) == {"Kharkiv", "Ukraine"}
    assert names(text, EntityLabel.ORGANISATION) == {"TASS"}
    assert names(text, EntityLabel.WEAPON) == {"drone"}
    assert names(text, EntityLabel.UNIT) == {"7th artillery brigade"}


def test_headline_capitals_are_not_people() -> None:
    assert names("Harbour Blaze Leaves Velmora Reeling", EntityLabel.PERSON) == set()


def _mention(name: str, label: EntityLabel = EntityLabel.PERSON) -> Mention:
    return Mention("a1", 0, Span(0, len(name)), name, label, name)


def test_age_and_affiliation_mark_people_and_a_lone_suffix_is_no_place() -> None:
    text = (
        "Petra Lund, 64, said the ferry left late.\n"
        "Ivo Brandt of the Orsen Institute for Maritime Studies said the hull was sound.\n"
        "District head Mila Sarn closed the quay.\n"
        "Residents of Holm District were moved.\n"
        "She studied at the University of Dayton."
    )
    assert names(text, EntityLabel.PERSON) == {"Petra Lund", "Ivo Brandt", "Mila Sarn"}
    assert names(text, EntityLabel.ORGANISATION) == {"Orsen Institute for Maritime Studies"}
    assert names(text, EntityLabel.PLACE) == {"Holm District", "Dayton"}


def test_police_in_an_organisations_name_and_a_lone_suffix_is_no_person() -> None:
    text = (
        "The Marlow Metropolitan Police Department said the quay was closed.\n"
        "Holm Police said two boats were lost.\n"
        "Holm Police Commissioner Ada Renn said more would be known later.\n"
        "Police said the fire was out.\n"
        "Department said nothing."
    )
    assert names(text, EntityLabel.ORGANISATION) == {
        "Marlow Metropolitan Police Department",
        "Holm Police",
    }
    # A title after "Police" keeps the run apart, as before: the person keeps the name.
    assert names(text, EntityLabel.PERSON) == {"Commissioner Ada Renn"}


def test_lakes_islands_and_roads_are_places_and_a_surname_is_no_town() -> None:
    text = (
        "Boats searched Lake Orsen and the shore of Heron Island.\n"
        "Police closed Carver Road near the harbour.\n"
        "A passenger, Denna Holt, was rescued.\n"
        "Holt said the ferry leaned badly."
    )
    assert names(text, EntityLabel.PLACE) == {"Lake Orsen", "Heron Island", "Carver Road"}
    assert names(text, EntityLabel.PERSON) == {"Denna Holt"}  # "Holt" is also a town


def test_merge_aliases_joins_surnames_within_an_event() -> None:
    mentions = [_mention(n) for n in ("Gladkov", "Vyacheslav Gladkov", "V. Gladkov", "Anna Brek")]
    mentions.append(_mention("Brek"))
    aliases = merge_aliases(mentions)
    assert {aliases[n] for n in ("Gladkov", "Vyacheslav Gladkov", "V. Gladkov")} == {
        "Vyacheslav Gladkov"
    }
    assert aliases["Brek"] == "Anna Brek"


def test_merge_aliases_keeps_different_first_names_apart() -> None:
    aliases = merge_aliases([_mention("Anna Brek"), _mention("Jon Brek"), _mention("Jon")])
    assert aliases["Anna Brek"] == "Anna Brek"


def test_entities_on_the_fixture_are_found_with_few_false_ones() -> None:
    fixture = json.loads((FIXTURES / "harbour_blast.json").read_text())
    mentions = find_entities(sentences_of(fixture["text"])).mentions
    found = {(m.label.value, m.normalised) for m in mentions}
    gold = {(label, name) for label, items in fixture["entities"].items() for name in items}
    recall = len(found & gold) / len(gold)
    precision = len(found & gold) / len(found)
    assert recall >= 0.85, sorted(gold - found)
    assert precision >= 0.8, sorted(found - gold)


def test_parsing_finds_exactly_the_entities_of_the_spacy_pipeline() -> None:
    """`parsed_sentence` calls the rulers' matchers itself: it must agree with `nlp.pipe`
    span for span."""
    from crosscheck.extract.parsing import entity_pipeline, parsed_sentence
    from crosscheck.samples import corpus_dir

    lines = [
        line.strip()
        for path in sorted(corpus_dir().iterdir())
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 50
    expected = [
        [(e.start, e.end, e.label_) for e in doc.ents] for doc in entity_pipeline().pipe(lines)
    ]
    docs = [parsed_sentence(line).doc for line in lines]
    found = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]
    assert found == expected
    assert sum(map(len, found)) >= 5  # not vacuous: the rulers do match in the corpus
