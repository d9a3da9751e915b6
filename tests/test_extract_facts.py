"""extract_facts end to end: on a fictional fixture, and on the seed articles."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from crosscheck import read
from crosscheck.clean import clean_document, split_sentences
from crosscheck.errors import SettingsError
from crosscheck.extract import ExtractSettings, article_figures, extract_facts
from crosscheck.extract.hedges import sentence_hedge, sentence_hedges
from crosscheck.extract.quotes import is_speech
from crosscheck.records import (
    ArticleFacts,
    Bound,
    Claim,
    Hedge,
    Quote,
    RawDocument,
    Sentence,
    Slot,
    Span,
    SpeechMode,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def facts_of_text(text: str, published: str | None, **settings: object) -> ArticleFacts:
    raw = RawDocument(source_id="fixture", origin="fixture", text=text, published=published)
    article = clean_document(raw)
    return extract_facts(article, split_sentences(article), ExtractSettings(**settings))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def harbour() -> ArticleFacts:
    fixture = json.loads((FIXTURES / "harbour_blast.json").read_text())
    return facts_of_text(fixture["text"], fixture["published"])


def claims(facts: ArticleFacts, slot: Slot) -> list[Claim]:
    return [claim for claim in facts.claims if claim.slot is slot]


def test_event_date_comes_from_the_lead(harbour: ArticleFacts) -> None:
    assert harbour.event_date == date(2031, 6, 9)  # "on Monday night", published Wednesday


# Published Thursday 2031-06-12: Monday is the 9th, Tuesday the 10th, Wednesday the 11th.
@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # the news step comes first, the event's day qualifies the event noun
        (
            "The sheriff's office said on Wednesday it had made an arrest in Monday's "
            "shooting at the Marlow depot.",
            date(2031, 6, 9),
        ),
        # a time adverb dates the verb before it: hurt Monday, charged Tuesday
        (
            "A guard who was shot at the Marlow depot late Monday was charged Tuesday "
            "with firing first.",
            date(2031, 6, 9),
        ),
        # a date between a subject and its verb dates that verb
        (
            "The indictment unsealed Wednesday says the two men on Monday shot a guard "
            "at the Marlow depot.",
            date(2031, 6, 9),
        ),
        # a death days later dates the death; the attack's own day wins
        (
            "The guard died on Tuesday, three days after he was shot at the Marlow depot "
            "on Saturday.",
            date(2031, 6, 7),
        ),
        # a state that goes on ("still at large") dates the news, not the shooting before it
        (
            "A man accused of shooting a guard at the Marlow depot was still at large on "
            "Wednesday. The guard was shot late Monday.",
            date(2031, 6, 9),
        ),
        # a publication stamp left in the body is not the event's day
        (
            "(Published Wednesday, June 11, 2031) A guard was shot at the Marlow depot.",
            date(2031, 6, 12),
        ),
        # only the news is dated in a sentence telling the event: that day, as before
        ("Two men were charged on Tuesday over the fire at the Marlow depot.", date(2031, 6, 10)),
        # no date in a sentence telling the event: the lead's first past date
        (
            "Smoke still hung over Marlow on Tuesday. Crews found the depot's roof gone.",
            date(2031, 6, 10),
        ),
    ],
)
def test_event_date_is_the_day_tied_to_what_happened(lead: str, expected: date) -> None:
    facts = facts_of_text(f"Depot news\n\n{lead}", "2031-06-12")
    assert facts.event_date == expected


def test_the_event_date_says_whether_the_lead_ties_it_to_what_happened() -> None:
    blast = facts_of_text(
        "Depot news\n\nYesterday's explosion at the Marlow depot hurt two.", "2031-06-12"
    )
    assert (blast.event_date, blast.event_date_tied) == (date(2031, 6, 11), True)
    trial = facts_of_text(
        "Depot news\n\nA man was sentenced on Tuesday, a year after the fire at the depot.",
        "2031-06-12",
    )
    assert (trial.event_date, trial.event_date_tied) == (date(2031, 6, 10), False)
    # A preposition ends the date's phrase: the sentencing is dated, not the fire.
    over = facts_of_text(
        "Depot news\n\nA man was sentenced on Tuesday over the depot fire.", "2031-06-12"
    )
    assert (over.event_date, over.event_date_tied) == (date(2031, 6, 10), False)
    plain = facts_of_text("Depot news\n\nThe depot will reopen.", "2031-06-12")
    assert (plain.event_date, plain.event_date_tied) == (date(2031, 6, 12), False)


def test_a_holiday_dates_the_event_it_is_tied_to() -> None:
    lead = "A guard was shot on Christmas Eve at the Marlow depot, police said on Friday."
    facts = facts_of_text(f"Depot news\n\n{lead}", "2031-12-27")
    assert (facts.event_date, facts.event_date_tied) == (date(2031, 12, 24), True)


def test_the_title_dates_the_event_when_the_lead_dates_only_the_news() -> None:
    # 2031-06-14 is a Saturday: the lead's Friday is the news, the title's Thursday the event.
    news = "Police said on Friday they were looking for two men."
    facts = facts_of_text(
        f"Gangs suspected in Thursday night shooting in Marlow\n\n{news}", "2031-06-14"
    )
    assert (facts.event_date, facts.event_date_tied) == (date(2031, 6, 12), True)
    # A date the lead ties to the event wins over the title's.
    lead = "A guard was shot at the Marlow depot late Monday, police said on Friday."
    facts = facts_of_text(f"Sunday shooting at the depot\n\n{lead}", "2031-06-14")
    assert (facts.event_date, facts.event_date_tied) == (date(2031, 6, 9), True)


def test_a_birth_date_in_the_lead_is_biography_not_the_event() -> None:
    lead = "The painter Ada Renn, born on May 2, 1931, in Marlow, died on Sunday at her home."
    # Undated, the weekday resolves to nothing: no day, rather than her birthday.
    assert facts_of_text(f"Obituary\n\n{lead}", None).event_date is None
    assert facts_of_text(f"Obituary\n\n{lead}", "2031-06-12").event_date == date(2031, 6, 8)
    later = "Ada Renn died on Sunday. She was born in Marlow on May 2, 1931, to a miller's family."
    assert facts_of_text(f"Obituary\n\n{later}", None).event_date is None
    # Not a birth: the first past date still dates an undated report.
    fire = "The Marlow mill burned down on May 2, 2031, the owners said."
    assert facts_of_text(f"Mill fire\n\n{fire}", None).event_date == date(2031, 5, 2)


def test_a_court_report_is_dated_by_the_attack_it_dates_further_down() -> None:
    # 2031-09-13 is a Saturday: the lead dates the sentencing (Friday), the fourth
    # paragraph the shooting.
    lead = "A former guard was sentenced on Friday to 12 years in prison, the court said."
    filler = "\n\n".join(f"Background paragraph {n} on the Marlow depot." for n in range(5))
    attack = "The guard was shot at the depot on Aug. 5 by a colleague, police said."
    facts = facts_of_text(f"Depot guard sentenced\n\n{lead}\n\n{filler}\n\n{attack}", "2031-09-13")
    assert (facts.event_date, facts.event_date_tied) == (date(2031, 8, 5), True)
    # A death further down is not the attack's day: the lead's news still dates it.
    died = "The guard died on Aug. 9 in hospital, his family said."
    facts = facts_of_text(f"Depot guard sentenced\n\n{lead}\n\n{filler}\n\n{died}", "2031-09-13")
    assert (facts.event_date, facts.event_date_tied) == (date(2031, 9, 12), False)
    # A killing the lead dates ties its date, ahead of the sentencing's.
    killing = "Ada Renn was sentenced on Friday for killing a guard on March 4, 2030."
    facts = facts_of_text(f"Depot guard sentenced\n\n{killing}", "2031-09-13")
    assert (facts.event_date, facts.event_date_tied) == (date(2030, 3, 4), True)


def test_an_embedded_tweets_day_is_the_posts_not_the_events() -> None:
    tweet = (
        "Guard hurt in shooting at the Marlow depot pic.twitter.com/x1 "
        "— Ada Renn (@adarenn) September 10, 2031"
    )
    facts = facts_of_text(f"Depot shooting\n\n{tweet}\n\nPolice were called.", "2031-09-12")
    assert facts.event_date == date(2031, 9, 12)


def test_a_lead_without_dates_is_widened_before_the_publication_date_is_taken() -> None:
    filler = " ".join(f"Paragraph {n} of the background piece on the mill." for n in range(6))
    text = f"Mill feature\n\n{filler}\n\nThe mill burned down on Monday night."
    assert facts_of_text(text, "2031-06-12").event_date == date(2031, 6, 9)
    late = " ".join(f"Paragraph {n} of the background piece on the mill." for n in range(20))
    text = f"Mill feature\n\n{late}\n\nThe mill burned down on Monday night."
    assert facts_of_text(text, "2031-06-12").event_date == date(2031, 6, 12)


def test_casualty_claims_carry_bounds_and_attribution(harbour: ArticleFacts) -> None:
    by_scope = {claim.scope: claim for claim in claims(harbour, Slot.CASUALTIES)}
    killed = by_scope["killed workers"]
    assert (killed.value, killed.bound, killed.low, killed.high) == ("3", "at-least", 3, None)
    assert killed.attribution == ("Tomas Orvik",)
    assert by_scope["injured people"].bound == "about"
    assert by_scope["missing sailors"].attribution[-1] == "Norland Press Agency"


def test_multi_paragraph_quote_keeps_its_speaker(harbour: ArticleFacts) -> None:
    direct = [q for q in harbour.quotes if q.mode is SpeechMode.DIRECT]
    speakers = {q.text.split(".")[0]: q.speaker for q in direct}
    assert speakers["The fire is under control,"] == "Tomas Orvik"
    assert speakers["We are counting the damage"] == "Tomas Orvik"
    assert speakers["We did not fire anything,"] == "Ilse Karvan"  # "she said"


def test_source_chain_of_told(harbour: ArticleFacts) -> None:
    (missing,) = [q for q in harbour.quotes if q.text.startswith("Two sailors")]
    assert missing.via == ("harbour official", "Norland Press Agency")


def test_role_reference_resolves_to_the_person(harbour: ArticleFacts) -> None:
    (weapon,) = claims(harbour, Slot.WEAPON)[-1:]
    assert weapon.attribution == ("Tomas Orvik",)  # "The governor added that ..."
    assert weapon.value == "drone" and weapon.hedge is Hedge.UNVERIFIED


def test_perpetrator_distance_and_precedent(harbour: ArticleFacts) -> None:
    assert [c.value for c in claims(harbour, Slot.PERPETRATOR)] == ["7th artillery brigade"]
    (distance,) = claims(harbour, Slot.DISTANCE)
    assert (distance.value, distance.unit, distance.scope) == ("30", "km", "Velmora-border")
    (precedent,) = claims(harbour, Slot.PRECEDENT)
    assert (precedent.value, precedent.hedge) == ("first", Hedge.CONDITIONAL)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The ministry denied the reports.", Hedge.DENIED),
        ("If confirmed, it would be the first such strike.", Hedge.CONDITIONAL),
        ("The claim has yet to be confirmed.", Hedge.UNVERIFIED),
        ("The depot was allegedly hit.", Hedge.ALLEGED),
        ("The mayor claimed the port was safe.", Hedge.CLAIMED),
        ("Police confirmed two deaths.", Hedge.CONFIRMED),
        ("Two people died.", Hedge.ASSERTED),
    ],
)
def test_sentence_hedges(text: str, hedge: Hedge) -> None:
    assert sentence_hedge(text) is hedge


def test_a_disclaimer_hedges_the_sentences_it_follows() -> None:
    texts = ["The army said 40 soldiers died.", "We could not verify the claim."]
    sentences = [Sentence("a", i, Span(0, len(t)), t, 0) for i, t in enumerate(texts)]
    assert sentence_hedges(sentences) == {0: Hedge.UNVERIFIED, 1: Hedge.UNVERIFIED}


def test_article_figures_take_the_killed_out_of_the_shot() -> None:
    facts = facts_of_text("Seven people were shot, six fatally, on Elm Street.", "2031-06-11")
    figures = article_figures(facts)
    assert (figures.killed, figures.injured) == (6, 1)


def test_settings_are_validated() -> None:
    with pytest.raises(SettingsError, match="lead_sentences"):
        ExtractSettings(lead_sentences=0)
    with pytest.raises(SettingsError, match="era_starts"):
        ExtractSettings(era_starts=(("war", "2022-02-24"),))  # type: ignore[arg-type]


def test_spans_trace_back_to_the_body(harbour: ArticleFacts) -> None:
    fixture = json.loads((FIXTURES / "harbour_blast.json").read_text())
    raw = RawDocument(source_id="f", origin="f", text=fixture["text"], published="2031-06-11")
    body = clean_document(raw).body
    for item in (*harbour.mentions, *harbour.quantities, *harbour.times):
        assert body[item.span.start : item.span.end] == item.text


# ----------------------------------------------------------------- the seed articles


def seed_facts(path: Path) -> ArticleFacts:
    (raw,) = read.run([str(path)])
    assert isinstance(raw, RawDocument)
    article = clean_document(raw)
    return extract_facts(article, split_sentences(article))


def test_seed_000_on_tuesday_is_29_march(seed_paths: dict[str, Path]) -> None:
    facts = seed_facts(seed_paths["000"])
    tuesday = [t for t in facts.times if t.text.lower() == "on tuesday"]
    assert tuesday and tuesday[0].start == date(2022, 3, 29)
    assert facts.event_date == date(2022, 3, 29)


def test_seed_001_four_servicemen_injured_via_tass_source(seed_paths: dict[str, Path]) -> None:
    facts = seed_facts(seed_paths["001"])
    four = [
        c
        for c in claims(facts, Slot.CASUALTIES)
        if (c.value, c.scope) == ("4", "injured servicemen")
    ]
    chains = {claim.attribution for claim in four}
    assert ("emergency services source", "TASS") in chains


@pytest.mark.parametrize("seed", ["000", "001"])
def test_seed_gladkov_says_no_casualties_among_residents(
    seed: str, seed_paths: dict[str, Path]
) -> None:
    facts = seed_facts(seed_paths[seed])
    (quote,) = [
        q for q in facts.quotes if "no casualties or injuries among the residents" in q.text
    ]
    assert quote.speaker == "Vyacheslav Gladkov"


def test_distance_scope_is_the_articles_main_place() -> None:
    text = (
        "Drones struck Halden, the port city, on Monday.\n\n"
        "Officials in Halden said the depot near Halden, in the hamlet of Ostry Brod, "
        "about 30 miles from Varna, burned for hours. Lisbon sent no comment.\n\n"
        "Halden has been shelled before."
    )
    distances = claims(facts_of_text(text, "2025-04-08"), Slot.DISTANCE)
    assert [(c.value, c.unit, c.scope) for c in distances] == [("30", "mi", "Halden-Varna")]


def test_seed_distances_to_kharkiv_share_a_scope(seed_paths: dict[str, Path]) -> None:
    def kharkiv_distances(prefix: str) -> set[tuple[str, str | None]]:
        found = claims(seed_facts(seed_paths[prefix]), Slot.DISTANCE)
        return {(c.value, c.scope) for c in found if c.scope and "Kharkiv" in c.scope}

    assert kharkiv_distances("000") == {("40", "Belgorod-Kharkiv")}
    assert kharkiv_distances("003") == {("50", "Belgorod-Kharkiv")}


def test_distance_to_a_place_the_gazetteer_does_not_know() -> None:
    text = (
        "The arsenal near Oskemar exploded on Monday. The arsenal lies just under 40 miles "
        "from the regional capital Dravnik and roughly 20 km from the Lesovian frontier."
    )
    distances = {c.value: c for c in claims(facts_of_text(text, "2025-04-08"), Slot.DISTANCE)}
    assert distances["40"].unit == "mi" and distances["40"].bound is Bound.ABOUT
    assert (distances["40"].scope or "").endswith("Dravnik")
    assert (distances["20"].scope or "").endswith("border")


def test_figures_of_other_incidents_get_their_own_scope() -> None:
    text = (
        "A rocket hit the Varna shipyard on Tuesday, injuring three workers, the port said.\n\n"
        "The strike comes a day after shelling that killed 12 people in Dolna.\n\n"
        "Two guards were injured last week when a shell fell on the same yard.\n\n"
        "The attack came two days before a drone strike killed 5 people in Dolna."
    )
    casualties = claims(facts_of_text(text, "2025-04-09"), Slot.CASUALTIES)
    scopes = {c.value: c.scope or "" for c in casualties}
    assert scopes["3"] == "injured workers"
    assert scopes["12"].endswith("earlier incident (a day before)")
    assert "earlier incident" in scopes["2"]
    assert scopes["5"].endswith("later incident (two days after)")


def test_titles_scare_quotes_and_stray_clauses_are_not_quotes() -> None:
    text = (
        "Mill fire\n\n"
        'The mill, known locally as "the Old Lady", burned for hours. Crews watched '
        '"Harbour Lights" play on a phone. "We lost everything," Tessa Moor said. "No." '
        '"The roof went first, "  she added. Moor told reporters Tuesday.'
    )
    quotes = facts_of_text(text, "2031-06-12").quotes
    texts = [q.text.strip(' ,."') for q in quotes]
    assert "the Old Lady" not in texts and "Harbour Lights" not in texts
    assert "she added" not in texts
    assert "No" in texts  # a short utterance is speech
    assert "We lost everything" in texts
    assert not any(q.mode is SpeechMode.REPORTED and len(q.text.split()) < 3 for q in quotes)


def test_reported_speech_is_what_was_said_not_where_or_to_whom() -> None:
    text = (
        "Quay fire\n\n"
        "HOLM, May 3 (Coastline Wire) - A fire destroyed a warehouse on the quay, "
        "officials said.\n\n"
        "Two dockers were hurt, harbour spokesman Aron Vik said in a statement. "
        "Quay manager Lene Dahl told Radio Holm this morning that the cranes were safe. "
        "Dahl told the press in Holm. "
        "A port official said in an e-mailed statement to Coastline Wire the stock was insured. "
        "Dahl told The Holm Courier."
    )
    quotes = {q.text.strip(): q for q in facts_of_text(text, "2031-05-03").quotes}
    assert set(quotes) == {
        "A fire destroyed a warehouse on the quay",
        "Two dockers were hurt",
        "the cranes were safe",
        "the stock was insured",
    }
    assert quotes["Two dockers were hurt"].speaker == "Aron Vik"
    assert quotes["the cranes were safe"].via == ("Lene Dahl", "Radio Holm")


def quote_speakers(text: str) -> dict[str, str | None]:
    """Each quote's words (marks and closing punctuation stripped) -> its speaker."""
    return {q.text.strip(' ,."'): q.speaker for q in facts_of_text(text, "2031-05-03").quotes}


def test_speakers_after_the_quote_with_who_they_are_and_in_the_same_voice() -> None:
    text = (
        "Quay fire\n\n"
        "Harbour master Aron Vik inspected the quay.\n\n"
        '"The flames were taller than the cranes," said Petra Lund, 64, who lives on the quay.\n\n'
        '"It is under control," Lene Dahl said. "Nobody is missing."\n\n'
        '"We saw smoke first," says the Rev. Ivo Brandt.\n\n'
        "Mira Holt, a fire analyst at the Orsen Institute for Maritime Studies, said the "
        "warehouse had no sprinklers.\n\n"
        '"I heard it from the ferry," she said.'
    )
    speakers = quote_speakers(text)
    assert speakers["The flames were taller than the cranes"] == "Petra Lund"
    assert speakers["It is under control"] == "Lene Dahl"
    assert speakers["Nobody is missing"] == "Lene Dahl"
    assert speakers["We saw smoke first"] == "Ivo Brandt"
    assert speakers["the warehouse had no sprinklers"] == "Mira Holt"
    assert speakers["I heard it from the ferry"] == "Mira Holt"


def test_speakers_named_with_who_they_are_before_the_cue() -> None:
    text = (
        "Quay fire\n\n"
        '"We ran for the boats," Petra Lund, 64, told the Harbour Gazette.\n\n'
        '"It was the night shift," her cousin, Aron Vik, said.\n\n'
        '"It was late," Ada Renn, the mother of Ida Lund, told the Gazette.\n\n'
        '"The smoke came first," Mira Holt, who lives below Lene Dahl, told reporters.\n\n'
        '"Nobody answered the alarm," Ivo Brandt, a quay worker said.\n\n'
        '"Crews are still at the scene," the Marlow Metropolitan Police Department said.\n\n'
        '"It went up in minutes," said a woman who lives on the quay.\n\n'
        '"He called me from the crane," the driver\'s brother said.\n\n'
        '"The doors were locked," the first friend told the Gazette.'
    )
    speakers = quote_speakers(text)
    assert speakers["We ran for the boats"] == "Petra Lund"
    assert speakers["It was the night shift"] == "Aron Vik"
    # the subject, followed by who they are, though another name comes right before the cue
    assert speakers["It was late"] == "Ada Renn"
    # a name inside a clause about the speaker is not the speaker
    assert speakers["The smoke came first"] == "Mira Holt"
    assert speakers["Nobody answered the alarm"] == "Ivo Brandt"
    assert speakers["Crews are still at the scene"] == "Marlow Metropolitan Police Department"
    # unnamed people are shown as who they are, without what describes them
    assert speakers["It went up in minutes"] == "woman"
    assert speakers["He called me from the crane"] == "driver's brother"
    assert speakers["The doors were locked"] == "first friend"


def test_recalled_and_a_pronoun_that_looks_before_the_quote() -> None:
    text = (
        "Quay fire\n\n"
        "Petra Lund, 64, was on the quay when the crane fell.\n\n"
        '"Aron Vik shouted at us to run," she recalled.\n\n'
        '"We are working with the harbour," a statement from the owners reads.'
    )
    speakers = quote_speakers(text)
    # "she" is Petra Lund, named before the quote, not Aron Vik, named inside it
    assert speakers["Aron Vik shouted at us to run"] == "Petra Lund"
    assert speakers["We are working with the harbour"] == "statement"


def test_a_quote_attributed_to_someone_unknown_does_not_take_the_last_speaker() -> None:
    text = 'Quay fire\n\n"We ran," Petra Lund said.\n\n"It will happen again," they said.'
    speakers = {q.text.strip(' ,."'): q for q in facts_of_text(text, "2031-05-03").quotes}
    assert speakers["We ran"].speaker == "Petra Lund"
    assert (speakers["It will happen again"].speaker, speakers["It will happen again"].cue) == (
        None,
        "said",
    )


def test_a_quote_ending_its_sentence_is_not_attributed_to_the_next_subject() -> None:
    text = 'Quay fire\n\n"The quay was empty." A neighbour of the harbour master said she saw it.'
    quotes = facts_of_text(text, "2031-05-03").quotes
    assert [q.speaker for q in quotes if q.text.startswith("The quay")] == [None]


def test_a_direct_quote_is_not_reported_again() -> None:
    text = (
        "Quay fire\n\nHarbour master Aron Vik inspected the quay. "
        '"The roof went first. Then the walls fell in," he said.'
    )
    quotes = facts_of_text(text, "2031-05-03").quotes
    assert [q.mode for q in quotes] == [SpeechMode.DIRECT]


def test_a_short_quote_with_its_speaker_stays() -> None:
    quote = Quote("a", 0, Span(0, 12), "Tessa Moor", "heartbreaking", SpeechMode.DIRECT, "called")
    assert is_speech(quote)
    assert not is_speech(replace(quote, speaker=None))
    assert not is_speech(replace(quote, text="reporters", mode=SpeechMode.REPORTED))
