"""The read stage: every reader, bad input as Rejected outcomes, and safe folder walks."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crosscheck import read
from crosscheck.read import outlet_from_url, parse_published
from crosscheck.records import DatePrecision, RawDocument, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "read"


Outcomes = Iterable[RawDocument | Rejected]


def documents(outcomes: Outcomes) -> list[RawDocument]:
    return [item for item in outcomes if isinstance(item, RawDocument)]


def rejections(outcomes: Outcomes) -> list[Rejected]:
    return [item for item in outcomes if isinstance(item, Rejected)]


def only(outcomes: Outcomes) -> RawDocument | Rejected:
    items = list(outcomes)
    assert len(items) == 1, items
    return items[0]


# --------------------------------------------------------------------------- plain text


def test_txt_date_line_keeps_the_text_after_the_date() -> None:
    doc = only(read.run([str(FIXTURES / "harbour.txt")]))
    assert isinstance(doc, RawDocument)
    assert doc.published == "2021-07-14"
    assert doc.source_id == "harbour"
    assert doc.title is None
    assert doc.text is not None and doc.text.startswith("A crane collapsed at the Eastport harbour")
    assert "date" not in doc.text.split("\n")[0][:10]


def test_txt_headline_first_line_becomes_the_title() -> None:
    doc = only(read.run([str(FIXTURES / "ferry.txt")]))
    assert isinstance(doc, RawDocument)
    assert doc.title == "Ferry service to Gull Island resumes after storm"
    assert doc.published is None
    assert doc.text is not None and doc.text.startswith("The ferry to Gull Island sailed")


def test_txt_whose_first_line_is_a_sentence_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The river rose two metres overnight.\nSchools stayed shut.\n")
    doc = only(read.run([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.title is None
    assert doc.text is not None and doc.text.startswith("The river rose")


def test_seed_files_read_with_their_dates(seed_paths: dict[str, Path]) -> None:
    doc = only(read.run([str(seed_paths["000"])]))
    assert isinstance(doc, RawDocument)
    assert doc.published == "2022-03-30"
    assert doc.text is not None and doc.text.startswith("A dramatic footage has emerged")
    assert doc.source_id == seed_paths["000"].stem


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_reads_good_lines_and_rejects_bad_ones_by_line() -> None:
    outcomes = list(read.run([str(FIXTURES / "feed.jsonl")]))
    docs, rejected = documents(outcomes), rejections(outcomes)
    assert [doc.source_id for doc in docs] == ["mill-1", f"{FIXTURES / 'feed.jsonl'}:3"]
    assert {item.origin.rsplit(":", 1)[1] for item in rejected} == {"2", "4", "5", "7"}
    by_line = {item.origin.rsplit(":", 1)[1]: item.reason for item in rejected}
    assert by_line["2"].startswith("unparsable JSON")
    assert "not a JSON object" in by_line["4"]
    assert "'title' is not a string" in by_line["7"]
    assert all("\n" not in item.message() for item in rejected)


def test_jsonl_fields_and_outlet_precedence() -> None:
    first, second = documents(read.run([str(FIXTURES / "feed.jsonl")]))
    assert first.outlet == "millbrookherald.example"  # from the URL, "www." dropped
    assert first.title == "Millbrook bridge reopens"
    assert first.published == "2021-05-04T09:30:00Z"
    assert second.outlet == "Coastline Daily"  # the record's own outlet beats its URL


def test_a_record_with_only_a_title_is_read_as_a_headline_only_item(tmp_path: Path) -> None:
    path = tmp_path / "headlines.jsonl"
    records = [
        {"id": "h1", "title": "Velmora ferry suspended", "text": "", "outlet": "Quill"},
        {"id": "h2", "title": "  ", "text": ""},
    ]
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    headline, rejected = list(read.run([str(path)]))
    assert isinstance(headline, RawDocument)
    assert headline.text == headline.title == "Velmora ferry suspended"
    assert headline.outlet == "Quill"
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("no article text (fields 'text', 'html' and 'title'")


def test_jsonl_unknown_fields_are_never_used(tmp_path: Path) -> None:
    plain = {"id": "a", "text": "Same text."}
    noisy = {**plain, "outlet_guess": "x", "title_extra": "y", "body": "z"}
    (tmp_path / "plain.jsonl").write_text(json.dumps(plain))
    (tmp_path / "noisy.jsonl").write_text(json.dumps(noisy))
    [left] = documents(read.run([str(tmp_path / "plain.jsonl")]))
    [right] = documents(read.run([str(tmp_path / "noisy.jsonl")]))
    assert (left.text, left.title, left.outlet) == (right.text, right.title, right.outlet)


def test_outlet_override_wins_everywhere() -> None:
    outcomes = read.run([str(FIXTURES / "feed.jsonl"), str(FIXTURES / "page.html")], "Wire")
    assert {doc.outlet for doc in documents(outcomes)} == {"Wire"}


def test_jsonl_html_field_is_extracted(tmp_path: Path) -> None:
    html = (FIXTURES / "page.html").read_text()
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "p1", "html": html}) + "\n")
    [doc] = documents(read.run([str(tmp_path / "pages.jsonl")]))
    assert doc.html is None
    assert doc.text is not None and "Alder Street library" in doc.text
    assert doc.outlet == "valleycourier.example"


def test_json_file_with_an_array_of_records(tmp_path: Path) -> None:
    records = [{"id": "one", "text": "First."}, {"id": "two", "text": "Second."}, 3]
    (tmp_path / "batch.json").write_text(json.dumps(records))
    outcomes = list(read.run([str(tmp_path / "batch.json")]))
    assert [doc.source_id for doc in documents(outcomes)] == ["one", "two"]
    assert [item.origin for item in rejections(outcomes)] == [f"{tmp_path / 'batch.json'}[3]"]


# --------------------------------------------------------------------------- HTML


def test_html_page_main_text_and_metadata() -> None:
    doc = only(read.run([str(FIXTURES / "page.html")]))
    assert isinstance(doc, RawDocument)
    assert doc.text is not None
    assert "forty books were damaged" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Library fire contained"
    assert doc.url == "https://www.valleycourier.example/local/library-fire"
    assert doc.outlet == "valleycourier.example"
    assert doc.published == "2020-11-02"


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><script>1</script></body></html>")
    outcome = only(read.run([str(path)]))
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "HTML with no extractable text"


# --------------------------------------------------------------------------- stdin


def test_stdin_jsonl_when_every_line_is_an_object() -> None:
    stream = io.StringIO('{"id": "s1", "text": "One."}\n\n{"id": "s2", "text": "Two."}\n')
    docs = documents(read.run(["-"], stdin=stream))
    assert [doc.source_id for doc in docs] == ["s1", "s2"]
    assert docs[0].origin == "<stdin>:1"


def test_stdin_plain_text_otherwise() -> None:
    stream = io.StringIO('Quarry blast shakes village\n\n{"not": "all json"}\nA quarry blast...\n')
    doc = only(read.run(["-"], stdin=stream))
    assert isinstance(doc, RawDocument)
    assert doc.origin == "<stdin>"
    assert doc.title == "Quarry blast shakes village"


def test_empty_stdin_is_rejected() -> None:
    outcome = only(read.run(["-"], stdin=io.StringIO("  \n")))
    assert isinstance(outcome, Rejected) and outcome.reason == "empty input"


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "latin.txt",
            "Caf\xe9 owner says".encode("latin-1"),
            "not UTF-8 text (byte 0xe9 at offset 3)",
        ),
        ("blob.txt", b"GIF89a\x00\x01\x02", "binary file, not text (NUL byte at offset 6)"),
        ("empty.txt", b"", "empty file"),
        ("spaces.txt", b" \n\n\t\n", "empty file"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type .csv"),
        ("broken.json", b'{"id": ', "unparsable JSON"),
    ],
)
def test_bad_files_are_rejected_with_a_one_line_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    outcome = only(read.run([str(path)]))
    assert isinstance(outcome, Rejected)
    assert outcome.origin == str(path)
    assert outcome.reason.startswith(reason)
    assert "\n" not in outcome.message()


@pytest.mark.parametrize("name", ["nowhere.txt", "nowhere", "nowhere.pdf"])
def test_missing_path_is_rejected_as_missing_whatever_its_name(tmp_path: Path, name: str) -> None:
    outcome = only(read.run([str(tmp_path / name)]))
    assert isinstance(outcome, Rejected) and outcome.reason == "no such file"


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe tide came in early.\n")
    doc = only(read.run([str(path)]))
    assert isinstance(doc, RawDocument) and doc.text == "The tide came in early.\n"


# --------------------------------------------------------------------------- folders


def test_folder_walk_is_sorted_skips_hidden_and_rejects_unknown(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second story.")
    (tmp_path / "a.txt").write_text("First story.")
    (tmp_path / ".draft.txt").write_text("Hidden story.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Not a story.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Third story.")
    (tmp_path / "notes.md").write_text("# notes")
    outcomes = list(read.run([str(tmp_path)]))
    assert [doc.source_id for doc in documents(outcomes)] == ["a", "b", "c"]
    [rejected] = rejections(outcomes)
    assert rejected.reason == "unsupported file type .md"


def test_symlinks_out_of_the_folder_are_rejected(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private notes that must not be read.")
    root = tmp_path / "input"
    root.mkdir()
    (root / "story.txt").write_text("A story inside the folder.")
    os.symlink(outside / "secret.txt", root / "leak.txt")
    os.symlink(outside, root / "leakdir")
    os.symlink(root / "story.txt", root / "alias.txt")
    outcomes = list(read.run([str(root)]))
    texts = [doc.text for doc in documents(outcomes)]
    assert all("Private" not in (text or "") for text in texts)
    assert {Path(item.origin).name for item in rejections(outcomes)} == {"leak.txt", "leakdir"}
    assert all(
        item.reason == "symlink points outside the input folder" for item in rejections(outcomes)
    )
    assert sorted(doc.source_id for doc in documents(outcomes)) == ["alias", "story"]


def test_whole_fixture_folder_reads_every_kind() -> None:
    outcomes = list(read.run([str(FIXTURES)]))
    assert {doc.source_id for doc in documents(outcomes)} >= {"ferry", "harbour", "page", "mill-1"}


# --------------------------------------------------------------------------- dates and outlets


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2022-03-30", datetime(2022, 3, 30), DatePrecision.DAY),
        ("2022-03", datetime(2022, 3, 1), DatePrecision.MONTH),
        ("2022", datetime(2022, 1, 1), DatePrecision.YEAR),
        ("2022-03-30T14:05", datetime(2022, 3, 30, 14, 5), DatePrecision.MINUTE),
        (
            "2022-03-30T14:05:09+02:00",
            datetime(2022, 3, 30, 14, 5, 9, tzinfo=timezone(timedelta(hours=2))),
            DatePrecision.SECOND,
        ),
        (
            "Tue, 29 Mar 2022 10:00:00 +0000",
            datetime(2022, 3, 29, 10, tzinfo=UTC),
            DatePrecision.SECOND,
        ),
        ("March 30, 2022", datetime(2022, 3, 30), DatePrecision.DAY),
        ("30 Dec. 2023", datetime(2023, 12, 30), DatePrecision.DAY),
        (
            "Tuesday, January 28, 2014 8:18 PM EST",
            datetime(2014, 1, 28, 20, 18, tzinfo=timezone(timedelta(hours=-5))),
            DatePrecision.MINUTE,
        ),
        ("03/30/2022", datetime(2022, 3, 30), DatePrecision.DAY),
        ("30/03/2022", datetime(2022, 3, 30), DatePrecision.DAY),
        ("Posted 3 / 16 / 2021 7:05 AM", datetime(2021, 3, 16, 7, 5), DatePrecision.MINUTE),
        (
            "PUBLISHED FRIDAY, MARCH 10, 2017 AT 12:40 PM",
            datetime(2017, 3, 10, 12, 40),
            DatePrecision.MINUTE,
        ),
        (
            "November 20, 2018 at 1:00pm CST",
            datetime(2018, 11, 20, 13, 0, tzinfo=timezone(timedelta(hours=-6))),
            DatePrecision.MINUTE,
        ),
    ],
)
def test_parse_published_keeps_precision(
    text: str, expected: datetime, precision: DatePrecision
) -> None:
    assert parse_published(text) == (expected, precision)


@pytest.mark.parametrize("text", [None, "", "soon", "2022-13-45", "yesterday at noon"])
def test_parse_published_unknown(text: str | None) -> None:
    assert parse_published(text) == (None, DatePrecision.UNKNOWN)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.kyivpost.example/news/1", "kyivpost.example"),
        ("https://edition.cnn.com/2022/03/30/x", "cnn.com"),
        ("https://www.the-sun.co.uk/news/123", "the-sun.co.uk"),
        ("http://web.archive.org/web/2014/http://www.wkrn.com:80/story/1", "wkrn.com"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet
