"""The clean stage: story text kept, furniture removed with reasons, sentences traced."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck import clean, read
from crosscheck.clean import CleanSettings, clean_document, normalise_text, split_sentences
from crosscheck.clean.rules import classify_line
from crosscheck.clean.sentences import sentence_spans
from crosscheck.errors import SettingsError
from crosscheck.records import TITLE_POSITION, Article, DatePrecision, RawDocument, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def raw(text: str, title: str | None = None, **fields: str) -> RawDocument:
    return RawDocument(source_id="t", origin="test", text=text, title=title, **fields)


def read_one(path: Path) -> RawDocument:
    [doc] = list(read.run([str(path)]))
    assert isinstance(doc, RawDocument)
    return doc


def cleaned(path: Path) -> Article:
    return clean_document(read_one(path))


def removed_with(article: Article, reason: str) -> list[str]:
    return [span.text for span in article.removed if span.reason == reason]


def splits(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


# --------------------------------------------------------------------------- own fixture


@pytest.fixture(scope="module")
def tabloid() -> Article:
    return cleaned(FIXTURES / "tabloid.txt")


def test_fixture_story_sentences_stay(tabloid: Article) -> None:
    assert tabloid.title == "Night of sirens as warehouse blaze lights up Fenmoor"
    assert tabloid.paragraphs[0].startswith("A warehouse on the edge of Fenmoor burned")
    assert any("30 firefighters" in p for p in tabloid.paragraphs)
    assert any(p.startswith('"We got everyone out in time.') for p in tabloid.paragraphs)
    assert any("Ridgeway Storage Ltd." in p for p in tabloid.paragraphs)
    assert len(tabloid.paragraphs) == 4


@pytest.mark.parametrize(
    ("reason", "fragment"),
    [
        ("byline", "By Dana Whitlock"),
        ("timestamp", "Posted: Monday, June 7, 2021"),
        ("caption", "(Picture from a resident's phone"),
        ("caption", "Firefighters work through the night"),
        ("read-more", "Read More on Fenmoor"),
        ("teaser-list", "It comes as..."),
        ("teaser-list", "- Local cat rescued from a chimney"),
        ("subheading", "What Happens Next"),
        ("share", "Share this: Facebook"),
        ("contact", "Email us at tips@fenmoor-echo.example"),
        ("contact", "Do you have a story"),
        ("donation", "Support independent local journalism"),
        ("cookie", "We use cookies"),
        ("copyright", "Copyright 2021 Fenmoor Echo"),
    ],
)
def test_fixture_furniture_is_removed_with_reason(
    tabloid: Article, reason: str, fragment: str
) -> None:
    assert any(text.startswith(fragment) for text in removed_with(tabloid, reason))
    assert fragment not in tabloid.body


def test_removed_positions_point_at_raw_lines(tabloid: Article) -> None:
    raw_lines = [line for line in (read_one(FIXTURES / "tabloid.txt").text or "").split("\n")]
    non_blank = [normalise_text(line) for line in raw_lines if line.strip()]
    for span in tabloid.removed:
        assert span.text in non_blank[span.position]


def test_trailing_call_to_action_keeps_the_story_sentence() -> None:
    article = clean_document(
        raw("A boat capsized near Kell Point. No one is missing. Stay with KXYZ for updates.")
    )
    assert article.body == "A boat capsized near Kell Point. No one is missing."
    assert removed_with(article, "notice") == ["Stay with KXYZ for updates."]


def test_posted_stamp_after_the_headline_is_cut_off() -> None:
    text = "Dog rescued from well Posted: Monday, May 3, 2021 8:15 PM EDT\nThe dog was unhurt."
    article = clean_document(raw(text, title="Dog rescued from well - WXYZ News 7"))
    assert article.title == "Dog rescued from well"
    assert article.body == "The dog was unhurt."
    assert [span.reason for span in article.removed] == ["timestamp", "title"]


def test_a_dateline_given_as_title_gives_way_to_the_headline_and_dates_the_article() -> None:
    text = "Ferry runs aground off Kell Point\nThe ferry ran aground at dawn, the coastguard said."
    article = clean_document(raw(text, title="Tuesday, March 14, 2023 | 5:00 PM"))
    assert article.title == "Ferry runs aground off Kell Point"
    assert article.body == "The ferry ran aground at dawn, the coastguard said."
    assert article.published == datetime(2023, 3, 14, 17, 0)
    assert article.published_precision is DatePrecision.MINUTE
    stamp = article.removed[0]
    assert (stamp.text, stamp.reason, stamp.position) == (
        "Tuesday, March 14, 2023 | 5:00 PM",
        "timestamp",
        TITLE_POSITION,
    )


def test_a_dateline_title_without_a_year_is_set_aside_but_dates_nothing() -> None:
    text = "Ferry runs aground off Kell Point\nThe ferry ran aground at dawn."
    article = clean_document(raw(text, title="JUN 9"))
    assert article.title == "Ferry runs aground off Kell Point"
    assert article.published is None
    assert removed_with(article, "timestamp") == ["JUN 9"]


def test_a_given_publication_date_wins_over_stamps() -> None:
    text = "Posted 3/16/2021 7:05 AM\nThe ferry ran aground at dawn."
    article = clean_document(raw(text, title="May 6, 2019", published="2021-06-07"))
    assert article.published == datetime(2021, 6, 7)


def test_the_earliest_stamp_above_the_story_dates_an_undated_record() -> None:
    text = (
        "Updated 3/16/2021 3:40 PM\n"
        "Posted 3/16/2021 7:05 AM\n"
        "An earthquake shook the island on Sunday, officials said.\n"
        "March 2, 2019\n"
        "A smaller quake struck the same area."
    )
    article = clean_document(raw(text, title="Quake shakes Varnholm island"))
    assert article.published == datetime(2021, 3, 16, 7, 5)
    # The lone date line inside the story is set aside but does not date the page.
    assert "March 2, 2019" in removed_with(article, "timestamp")


def test_a_date_line_inside_the_story_does_not_date_the_record() -> None:
    text = "An earthquake shook the island.\nMarch 2, 2019\nA smaller quake followed."
    assert clean_document(raw(text, title="Quake shakes Varnholm island")).published is None


@pytest.mark.parametrize(
    "line",
    [
        "8:24am:",
        "Updated: October 4, 2017 20:05 IST",
        "9:40 AM, MON 8 JUL 2019",
        "4/12/2016 @ 1:25PM",
        "Article posted on 05.09.2016",
        "updated 8:35 p. m. EST, Tue March 7, 2017",
        "November 20, 2018 at 1:00pm CST",
    ],
)
def test_stamp_shapes_are_timestamps(line: str) -> None:
    assert classify_line(line) == "timestamp"


@pytest.mark.parametrize("line", ["Mon Ami reopens", "Sun rises over Fenmoor", "Sat 4 exam"])
def test_words_that_look_like_day_names_are_not_stamps(line: str) -> None:
    assert classify_line(line) != "timestamp"


def test_quoted_appeal_is_speech_not_contact() -> None:
    line = '"We need anyone who saw it to call us," Sgt. Ama Reyes said.'
    assert clean_document(raw(line)).body == line


def test_hard_wrapped_lines_are_rejoined() -> None:
    article = clean_document(raw("The mayor said the road\nwould reopen on Monday.\n\nNext one."))
    assert article.paragraphs == ("The mayor said the road would reopen on Monday.", "Next one.")


def test_one_sentence_per_line_gives_one_paragraph_per_line() -> None:
    article = clean_document(raw("First line here.\nSecond line here.\nThird line here."))
    assert len(article.paragraphs) == 3


def test_typography_is_normalised_but_words_kept() -> None:
    article = clean_document(raw("\u201cIt\u2019s over,\u201d  she\u00a0said.\u200b"))
    assert article.body == '"It\'s over," she said.'


def test_title_falls_back_to_headline_then_first_sentence() -> None:
    headline = clean_document(raw("Storm closes ferry port\nThe port shut at noon."))
    assert headline.title == "Storm closes ferry port"
    assert headline.body == "The port shut at noon."
    long_first = "The " + "very " * 30 + "long opening sentence ends here. Then more."
    derived = clean_document(raw(long_first))
    assert derived.title.endswith("…") and len(derived.title) <= 80
    assert long_first.startswith(derived.title[:-1])


def test_published_is_parsed_with_precision() -> None:
    article = clean_document(raw("Text.", published="2021-06-07T22:12"))
    assert article.published is not None and article.published.hour == 22
    assert article.published_precision is DatePrecision.MINUTE


def test_same_story_twice_has_one_id() -> None:
    first = clean_document(raw("A  Bridge closed.\n\nTraffic was diverted."))
    second = clean_document(raw("a bridge   closed.\nTraffic   was diverted.\n", title="Other"))
    assert first.id == second.id
    assert len(first.id) == 64
    assert first.id != clean_document(raw("A bridge opened.")).id


def test_article_with_only_furniture_is_rejected() -> None:
    only_furniture = raw("Advertisement\nCopyright 2021 Some Paper. All rights reserved.")
    [outcome] = list(clean.run([only_furniture]))
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "no story text left after cleaning"


def test_a_text_that_is_only_its_headline_keeps_the_headline_as_its_story() -> None:
    headline = "Ferry service to Velmora suspended after engine fire"
    article = clean_document(raw(headline, title=headline))
    assert article.body == headline and article.title == headline
    assert article.removed == ()
    assert [s.text for s in split_sentences(article)] == [headline]


def test_a_headline_over_nothing_but_furniture_is_still_rejected() -> None:
    headline = "Ferry service to Velmora suspended after engine fire"
    page = raw(f"{headline}\nAdvertisement\nCopyright 2021 Some Paper.", title=headline)
    [outcome] = list(clean.run([page]))
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "no story text left after cleaning"


def test_html_left_by_a_reader_is_extracted() -> None:
    story = "The orchard flooded after the dam gave way on Sunday night."
    html = f"<html><body><article><p>{story}</p></article></body></html>"
    document = RawDocument(source_id="h", origin="test", html=html)
    assert "orchard flooded" in clean_document(document).body


def test_settings_are_validated() -> None:
    with pytest.raises(SettingsError, match="min_body_chars=0"):
        CleanSettings(min_body_chars=0)
    with pytest.raises(SettingsError, match="max_title_chars=5"):
        CleanSettings(max_title_chars=5)
    [outcome] = list(clean.run([raw("Short.")], CleanSettings(min_body_chars=50)))
    assert isinstance(outcome, Rejected) and "minimum 50" in outcome.reason


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds(seed_paths: dict[str, Path]) -> dict[str, Article]:
    return {key: cleaned(path) for key, path in seed_paths.items()}


def test_seed_001_furniture_removed_and_quotes_kept(seeds: dict[str, Article]) -> None:
    article = seeds["001"]
    assert "Read More on Ukraine" in removed_with(article, "read-more")
    teasers = removed_with(article, "teaser-list")
    assert teasers[0] == "It comes as..." and len(teasers) >= 7
    assert all(text.startswith("- ") for text in teasers[1:])
    assert "We pay for your stories!" in removed_with(article, "contact")
    assert any("@" in text for text in removed_with(article, "contact"))
    for gone in ("Read More", "We pay", "WhatsApp", "Abramovich", "0207 782 4104"):
        assert gone not in article.body
    assert '"There are no casualties or injuries among the residents.' in article.paragraphs
    assert 'Gladkov said: "Explosions were heard on the territory' in article.body
    assert "We still have to fight, we have to endure" in article.body


def test_seed_004_community_and_read_also_removed(seeds: dict[str, Article]) -> None:
    article = seeds["004"]
    assert any(text.startswith("Join our community") for text in removed_with(article, "donation"))
    assert any(text.startswith("Read also:") for text in removed_with(article, "read-more"))
    assert "Consider supporting" not in article.body
    assert "14 people were killed during the attack" in article.body
    assert article.published is not None and article.published.date().isoformat() == "2023-12-30"


def test_seed_003_snapshot_captions_removed(seeds: dict[str, Article]) -> None:
    captions = removed_with(seeds["003"], "caption")
    assert len(captions) == 2 and all(text.startswith("(Snapshot from") for text in captions)
    assert "Snapshot" not in seeds["003"].body


def test_seed_000_date_and_text_after_it(seeds: dict[str, Article]) -> None:
    article = seeds["000"]
    assert article.published is not None and article.published.date().isoformat() == "2022-03-30"
    assert article.published_precision is DatePrecision.DAY
    assert article.paragraphs[0].startswith("A dramatic footage has emerged")
    assert "However, Regional Gov. Vyacheslav Gladkov said there were no casualties" in article.body
    assert set(removed_with(article, "subheading")) == {
        "Ukraine Strikes Inside Russia",
        "Ukraine Giving it Back",
    }


def test_seed_sentences_handle_titles_and_abbreviations(seeds: dict[str, Article]) -> None:
    texts = [sentence.text for sentence in split_sentences(seeds["000"])]
    assert any(text.startswith("However, Regional Gov. Vyacheslav Gladkov") for text in texts)
    assert not any(text.endswith("Gov.") for text in texts)
    # "Dec. 30" in 004's first sentence (read from the seed, never copied here)
    december = seeds["004"]
    sentences = split_sentences(december)
    at = december.body.index("Dec. ")
    [holding] = [s for s in sentences if s.span.start <= at < s.span.end]
    assert holding.index == 0
    assert holding.span.end > at + len("Dec. 30, ")  # the abbreviation did not end it
    assert not any(s.text.endswith("Dec.") for s in sentences)


# --------------------------------------------------------------------------- sentence splitter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gov. Ann Lee spoke. Then she left.", ["Gov. Ann Lee spoke.", "Then she left."]),
        ("Col. Gen. Ivan Petrov arrived.", ["Col. Gen. Ivan Petrov arrived."]),
        ("It rose 4.5 percent. Prices fell.", ["It rose 4.5 percent.", "Prices fell."]),
        ("He lives in the U.S. He works there.", ["He lives in the U.S.", "He works there."]),
        ("The U.S. Army said so.", ["The U.S. Army said so."]),
        ("William A. Young was 32.", ["William A. Young was 32."]),
        ('"It is over." She left.', ['"It is over."', "She left."]),
        ('"Is it over?" she asked.', ['"Is it over?" she asked.']),
        ("It began at 3 p.m. Saturday. It ended.", ["It began at 3 p.m. Saturday.", "It ended."]),
        ("It ended at 4 p.m. Police came.", ["It ended at 4 p.m.", "Police came."]),
        ("On Dec. 30 it snowed.", ["On Dec. 30 it snowed."]),
        ("no period at the end", ["no period at the end"]),
        ("Police said.The shooting was at noon.", ["Police said.", "The shooting was at noon."]),
        ("It comes as... More news.", ["It comes as...", "More news."]),
    ],
)
def test_sentence_splitter(text: str, expected: list[str]) -> None:
    assert splits(text) == expected


def test_sentence_spans_index_the_body() -> None:
    article = clean_document(raw("One here. Two here.\n\nThree here.\n\nFour. Five."))
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == [
        "One here.",
        "Two here.",
        "Three here.",
        "Four.",
        "Five.",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2]
    assert [s.index for s in sentences] == list(range(5))
    assert all(article.body[s.span.start : s.span.end] == s.text for s in sentences)
    assert all(s.article_id == article.id for s in sentences)


# --------------------------------------------------------------------------- invariants

_words = st.sampled_from(
    ["Gov.", "U.S.", "4.5", "said.", "Dec.", "He", "the", '"Yes."', "p.m.", "It", "ran!", "A."]
)
_paragraph = st.lists(_words, min_size=1, max_size=12).map(" ".join)
_text = st.lists(_paragraph, min_size=1, max_size=5).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(_text)
def test_sentence_spans_always_slice_the_body(text: str) -> None:
    try:
        article = clean_document(raw(text))
    except Exception as error:  # an all-furniture text is a Rejected in run()
        assert "no story text" in str(error)
        return
    for sentence in split_sentences(article):
        assert article.body[sentence.span.start : sentence.span.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_cleaning_is_deterministic_and_never_crashes(text: str) -> None:
    first = list(clean.run([raw(text)]))
    second = list(clean.run([raw(text)]))
    assert first == second
    for outcome in first:
        if isinstance(outcome, Article):
            assert outcome.body.strip()
            assert all(span.reason for span in outcome.removed)
