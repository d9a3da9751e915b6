"""Where the event happened: datelines, towns with their states, police, the lead."""

from __future__ import annotations

from crosscheck.corroborate.places import vote_places
from crosscheck.extract.entities import find_entities
from crosscheck.extract.event_place import event_place
from crosscheck.records import ArticleFacts, EventPlace, Sentence, Span


def place_of(*paragraphs: str, title: str = "") -> EventPlace | None:
    """The event place of an article whose paragraphs are one sentence each."""
    sentences, offset = [], 0
    for index, text in enumerate(paragraphs):
        sentences.append(Sentence("a1", index, Span(offset, offset + len(text)), text, index))
        offset += len(text) + 2
    mentions = find_entities(sentences).mentions
    return event_place(title, paragraphs, sentences, mentions)


def test_a_dateline_names_the_town_and_its_state() -> None:
    place = place_of(
        "MARLOW, Ore. (KXYZ) — A man was shot outside a bar on Tuesday, police said.",
        "Ada Renn, 31, of Brennholt was taken to hospital.",
    )
    assert place == EventPlace("Marlow", "Oregon", "dateline")


def test_a_dateline_after_a_caption_still_counts() -> None:
    place = place_of(
        "Smoke over the depot on Tuesday. (Photo: Ida Lund)",
        "ALDER HEIGHTS — Two workers were hurt in a fire at the paint depot.",
    )
    assert place is not None and place.town == "Alder Heights"


def test_a_town_given_with_its_state() -> None:
    place = place_of("Three people were hurt in a shooting at a home in Alder Heights, Oregon.")
    assert place == EventPlace("Alder Heights", "Oregon", "town-region")


def test_the_police_that_investigate_outweigh_where_people_live() -> None:
    place = place_of(
        "A Brennholt man was shot on Friday night, Marlow police said.",
        "The victim, Ada Renn, 40, of Brennholt, is in stable condition.",
    )
    assert place is not None and (place.town, place.evidence) == ("Marlow", "police")


def test_a_possessive_town_owns_its_district() -> None:
    place = place_of("A fire broke out at a factory in Marlow's Eastgate estate on Tuesday.")
    assert place is not None and place.town == "Marlow"


def test_a_country_right_after_the_town_is_its_region() -> None:
    place = place_of("A gas main exploded under a bakery at Bergen in Norway on Tuesday.")
    assert place is not None and (place.town, place.region) == ("Bergen", "Norway")


def test_no_town_no_place() -> None:
    assert place_of("A man was shot on Tuesday, police said.", title="Man shot") is None


def test_teaser_words_and_counties_are_no_towns() -> None:
    place = place_of(
        "UPDATE: The sheriff's office said a boy was hurt in Marlow County.",
        title="Boy hurt in shooting",
    )
    assert place is None


def test_a_town_that_is_a_given_name_or_a_surname_is_no_place() -> None:
    # Gary and Regina are towns the gazetteer knows; here they are a person's names.
    given = place_of(
        "Gary Vossler, the singer, entered a clinic on Monday, his agent said.",
        "Vossler has been treated there before.",
        title="Gary Vossler checks into clinic",
    )
    surname = place_of(
        "Senator Hedda Regina opened a school on Tuesday.",
        "Regina said the school would take 300 pupils.",
        title="Hedda Regina opens school",
    )
    assert given is None and surname is None


def test_a_person_brought_in_is_no_town() -> None:
    place = place_of(
        "The club brought in Ines Vossler as coach on Monday.", "Vossler said she was delighted."
    )
    assert place is None


def test_an_organisation_after_in_is_no_town() -> None:
    assert place_of("Workers walked out in Brennholt Tool Company on Monday.") is None


def test_a_peoples_adjective_is_no_town() -> None:
    place = place_of("Lesovian police arrested two men in Marlow on Friday.")
    assert place is not None and place.town == "Marlow"


def test_copies_vote_once_for_the_event_place() -> None:
    marlow, brennholt = EventPlace("Marlow", "Oregon"), EventPlace("Brennholt")
    facts = [
        ArticleFacts("a1", event_place=marlow),
        ArticleFacts("a2", event_place=EventPlace("Marlow")),  # a copy of a1
        ArticleFacts("a3", event_place=brennholt),
        ArticleFacts("a4", event_place=brennholt),
        ArticleFacts("a5"),
    ]
    votes = vote_places(facts, [("a1", "a2"), ("a3",), ("a4",), ("a5",)])
    assert [(v.place, v.reports, v.articles) for v in votes] == [
        ("Brennholt", 2, ("a3", "a4")),
        ("Marlow, Oregon", 1, ("a1", "a2")),
    ]
