"""The command line end to end, on a real SQLite file."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from crosscheck.cli.main import cli
from crosscheck.cli.views import span_text
from crosscheck.cluster.features import FEATURES


def run(db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, obj={})


def exported(db: Path) -> dict[str, list[dict[str, object]]]:
    result = run(db, "export", "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return data


def events_by_article(data: dict[str, list[dict[str, object]]]) -> dict[str, object]:
    return {str(article["id"]): article["event"] for article in data["articles"]}


def test_seeds_form_two_events(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "seeds.db"
    result = run(db, "ingest", str(seeds_dir))
    assert result.exit_code == 0, result.output
    event_of = events_by_article(exported(db))
    names = {path.stem: path.stem for path in seeds_dir.glob("*.txt")}
    by_prefix = {name[:3]: event_of[name] for name in names}
    assert by_prefix["000"] == by_prefix["001"] == by_prefix["002"] == by_prefix["003"]
    assert by_prefix["004"] != by_prefix["000"]
    assert by_prefix["000"] is not None and by_prefix["004"] is not None


def test_export_shape(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "shape.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    data = exported(db)
    assert set(data) >= {"events", "articles"}
    for event in data["events"]:
        assert {"id", "title", "start", "end", "articles"} <= set(event)
        assert isinstance(event["articles"], list) and event["articles"]
    for article in data["articles"]:
        assert {"id", "outlet", "title", "published", "event", "placed"} <= set(article)
    placed = [article["placed"] for article in data["articles"]]
    assert sorted(p["kind"] for p in placed) == ["joined"] * 3 + ["opened"] * 2  # type: ignore[index]
    member_ids = {source for event in data["events"] for source in event["articles"]}  # type: ignore[attr-defined]
    assert member_ids == {article["id"] for article in data["articles"]}


def test_reingest_is_idempotent(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "again.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    before = exported(db)
    second = run(db, "ingest", str(seeds_dir))
    assert second.exit_code == 0
    assert "stored 0" in second.stderr and "already stored 5" in second.stderr
    assert exported(db) == before


def test_a_store_from_before_the_lead_encoder_was_recorded_is_embedded_again(
    tmp_path: Path, seed_paths: dict[str, Path]
) -> None:
    import sqlite3

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for prefix, path in seed_paths.items():
        shutil.copy(path, (later if prefix == "004" else first) / path.name)
    db = tmp_path / "older.db"
    assert run(db, "ingest", str(first)).exit_code == 0
    before = exported(db)
    with sqlite3.connect(db) as connection:  # as a version that kept no record wrote it
        deleted = connection.execute("DELETE FROM state WHERE key = 'cluster/encoder'")
        assert deleted.rowcount == 1
    result = run(db, "ingest", str(later))
    assert result.exit_code == 0, result.output
    assert "the stored articles are embedded again first" in result.stderr
    assert "4 stored articles embedded again" in result.stderr
    after = exported(db)
    kept = events_by_article(before)
    assert [a for a in after["articles"] if a["id"] in kept] == before["articles"]
    assert len({article["event"] for article in after["articles"]}) == 2
    again = run(db, "ingest", str(later))
    assert "embedded again" not in again.stderr
    fresh = run(tmp_path / "fresh.db", "ingest", str(later))
    assert "embedded again" not in fresh.stderr


def test_bad_inputs_are_skipped_with_one_line_each(tmp_path: Path, seeds_dir: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(seeds_dir, inbox)
    (inbox / "latin1.txt").write_bytes(
        "Caf\xe9 owner says the blast broke windows.".encode("latin-1")
    )
    (inbox / "empty.txt").write_text("")
    (inbox / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (inbox / "broken.jsonl").write_text('{"id": "ok-1", "text": "A ferry sank."\n')
    db = tmp_path / "bad.db"
    result = run(db, "ingest", str(inbox))
    assert result.exit_code == 1
    skipped = [
        line for line in result.stderr.splitlines() if line.startswith("crosscheck: skipped")
    ]
    for name in ("latin1.txt", "empty.txt", "binary.txt", "broken.jsonl"):
        assert sum(name in line for line in skipped) == 1, (name, skipped)
    assert "skipped 4" in result.stderr
    assert len(exported(db)["articles"]) == 5


def test_stdin_jsonl(tmp_path: Path) -> None:
    lines = [
        {
            "id": "s1",
            "url": "https://www.example-news.test/a",
            "title": "Bridge shut after crack",
            "published": "2026-05-02",
            "text": "The Orlov bridge was shut on Friday after engineers found a crack.",
        },
        {
            "id": "s2",
            "outlet": "Valley Post",
            "title": "Engineers close Orlov bridge",
            "published": "2026-05-02",
            "text": "Engineers closed the Orlov bridge on Friday, citing a crack.",
        },
    ]
    db = tmp_path / "stdin.db"
    result = run(db, "ingest", "-", input="\n".join(json.dumps(line) for line in lines) + "\n")
    assert result.exit_code == 0, result.output
    outlets = {a["id"]: a["outlet"] for a in exported(db)["articles"]}
    assert outlets == {"s1": "example-news.test", "s2": "Valley Post"}


@pytest.mark.parametrize("window, first_event_story", [(None, "older"), ("1", "newer")])
def test_ingest_places_what_it_reads_in_publication_order_unless_told_not_to(
    tmp_path: Path, window: str | None, first_event_story: str
) -> None:
    # Newest first on stdin, one article a batch (a batch is placed in date order
    # anyway); events are numbered as they open.
    lines = [
        {
            "id": "newer",
            "outlet": "Valley Post",
            "title": "Grain silo fire in Tessaly",
            "published": "2026-06-20",
            "text": "A grain silo burned in Tessaly on Saturday; nobody was hurt, crews said.",
        },
        {
            "id": "older",
            "outlet": "Valley Post",
            "title": "Orlov bridge shut after crack",
            "published": "2026-05-02",
            "text": "The Orlov bridge was shut on Friday after engineers found a crack in a pier.",
        },
    ]
    options = ["--batch-size", "1", *(["--order-window", window] if window else [])]
    db = tmp_path / "order.db"
    stdin = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = run(db, "ingest", *options, "-", input=stdin)
    assert result.exit_code == 0, result.output
    events = events_by_article(exported(db))
    assert events[first_event_story] == "E000001", events


def test_an_order_window_below_one_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path / "refused.db", "ingest", "--order-window", "0", "-", input="")
    assert result.exit_code == 2
    assert "--order-window" in result.output


def test_a_wire_story_run_verbatim_by_two_outlets_shows_both(tmp_path: Path) -> None:
    text = (
        "The Orlov bridge was shut on Friday after engineers found a crack in its main span.\n\n"
        "Traffic is diverted through Kessel, the city engineer said."
    )
    lines = [
        {"id": "wire-9", "outlet": "Northwire", "title": "Orlov bridge shut", "text": text},
        {"id": "vp-3", "outlet": "Valley Post", "title": "Crack closes bridge", "text": text},
    ]
    db = tmp_path / "reprints.db"
    feed = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = run(db, "ingest", "-", input=feed)
    assert result.exit_code == 0, result.output
    assert "already stored 1 (1 kept as other outlets' reprints)" in result.stderr
    again = run(db, "ingest", "-", input=feed)
    assert "already stored 2, skipped 0" in again.stderr  # nothing new to keep
    data = exported(db)
    assert [a["id"] for a in data["articles"]] == ["wire-9"]
    assert [(r["id"], r["of"], r["outlet"]) for r in data["reprints"]] == [
        ("vp-3", "wire-9", "Valley Post")
    ]
    shown = run(db, "show", "vp-3", "--format", "json")  # a reprint's id finds the story
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["reprinted_by"][0]["outlet"] == "Valley Post"
    dossier = run(db, "show", str(data["events"][0]["id"]), "--format", "md")
    assert "| wire-9 | Valley Post | vp-3 | ? | Crack closes bridge |" in dossier.stdout


def test_show_event_and_article(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "show.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    data = exported(db)
    event_id = str(data["events"][0]["id"])
    as_json = run(db, "show", event_id, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["event"]["id"] == event_id
    article = run(db, "show", "001_6abf2c8fb5841b25", "--format", "json")
    assert article.exit_code == 0, article.output
    assert json.loads(article.stdout)["id"] == "001_6abf2c8fb5841b25"


def test_show_article_says_how_clustering_placed_it(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "placed.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    event_of = events_by_article(exported(db))
    placed = {
        name: json.loads(run(db, "show", name, "--format", "json").stdout)["placement"]
        for name in event_of
    }
    assert all(placed[name]["event_id"] == event_of[name] for name in event_of)
    # Each of the two events was opened once; every other report joined its event.
    assert sorted(p["kind"] for p in placed.values()) == ["joined"] * 3 + ["opened"] * 2
    for name, placement in placed.items():
        if placement["kind"] == "joined":
            assert placement["best_event"] == event_of[name]
            assert placement["best_probability"] >= placement["threshold"]
            assert [s["name"] for s in placement["signals"]] == list(FEATURES)
    look_alike = next(name for name in event_of if name.startswith("004"))
    assert placed[look_alike]["kind"] == "opened"
    if placed[look_alike]["best_event"] is not None:  # blocking found the 2022 strike
        assert placed[look_alike]["best_probability"] < placed[look_alike]["threshold"]
    joined = next(name for name, p in placed.items() if p["kind"] == "joined")
    text = run(db, "show", joined).stdout
    assert f"placed: joined {event_of[joined]} at link probability" in text
    markdown = run(db, "show", look_alike, "--format", "md").stdout
    assert f"Placed: opened {event_of[look_alike]}" in markdown
    page = run(db, "show", joined, "--format", "html").stdout
    assert f"<p>Placed: joined {event_of[joined]} at link probability" in page
    # Why: the signals that weighed most for and against joining the best event.
    assert "why: for: " in text and "<p>Why: for: " in page
    apart = json.loads(run(db, "show", look_alike, "--format", "json").stdout)
    if apart["placement"]["best_event"] is not None:
        against = apart["placement_reasons"]["against"]
        assert "day_gap" in [reason["feature"] for reason in against]  # 21 months apart
        assert all(reason["weight"] < 0 for reason in against)
        assert all(reason["weight"] > 0 for reason in apart["placement_reasons"]["for"])


def test_review_lists_the_closest_calls_first(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "review.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    event_of = events_by_article(exported(db))
    everything = run(db, "review", "--margin", "1", "--format", "json")
    assert everything.exit_code == 0, everything.output
    listed = json.loads(everything.stdout)
    # At margin 1 every placement that had a candidate event can be doubted.
    shown = {name: run(db, "show", name, "--format", "json").stdout for name in event_of}
    had_candidate = {n for n, text in shown.items() if json.loads(text)["placement"]["best_event"]}
    assert sorted(item["id"] for item in listed) == sorted(had_candidate)
    # The three reports after the first had its event; the look-alike, 21 months on,
    # is past the time window and had none.
    assert len(had_candidate) == 3 and not any(name.startswith("004") for name in had_candidate)
    assert [item["margin"] for item in listed] == sorted(item["margin"] for item in listed)
    assert all(item["event"] == event_of[item["id"]] for item in listed)
    assert all(item["reasons"]["for"] for item in listed)  # each had a best event to weigh
    table = run(db, "review", "--margin", "0")
    assert table.exit_code == 0 and "0 placements within 0.00" in table.stdout


def test_the_articles_table_leaves_the_title_room_at_80_columns(tmp_path: Path) -> None:
    line = {"outlet": "eveningstar-brennholt.example.org", "title": "Paint factory fire"}
    lines = [
        {**line, "id": "evening-star-paint-fire-2024-03-19", "text": "Fire crews fought a blaze."},
    ]
    db = tmp_path / "narrow.db"
    feed = "\n".join(json.dumps(item) for item in lines) + "\n"
    assert run(db, "ingest", "-", input=feed).exit_code == 0
    shown = run(db, "articles")
    assert shown.exit_code == 0, shown.output
    rows = shown.stdout.splitlines()
    assert max(len(row) for row in rows) <= 80
    cells = [[cell.strip() for cell in row.split("│")[1:-1]] for row in rows if "│" in row]
    assert cells[0][3] == "E000001"
    # The title has room to be read; the id folds onto more lines rather than being cut.
    assert " ".join(row[4] for row in cells).split() == ["Paint", "factory", "fire"]
    assert "".join(row[0] for row in cells) == lines[0]["id"]


def test_unknown_reference_is_one_line_error(tmp_path: Path) -> None:
    result = run(tmp_path / "empty.db", "show", "E999999")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "E999999" in result.stderr


@pytest.mark.parametrize(
    "command",
    ["ingest", "events", "articles", "review", "show", "export", "demo", "merge", "split"],
)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], obj={})
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_demo_prints_events(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path / "demo.db")], obj={})
    assert result.exit_code == 0, result.output
    assert "Events" in result.stdout and "E000001" in result.stdout
    assert len(exported(tmp_path / "demo.db")["events"]) >= 3


def test_split_then_merge_by_hand(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "edit.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    event_of = events_by_article(exported(db))
    rewrite = next(name for name in event_of if name.startswith("003"))
    original = str(event_of[rewrite])
    split = run(db, "split", original, rewrite)
    assert split.exit_code == 0, split.output
    moved = str(events_by_article(exported(db))[rewrite])
    assert moved != original
    merged = run(db, "merge", original, moved)
    assert merged.exit_code == 0, merged.output
    assert events_by_article(exported(db))[rewrite] == original
    shown = run(db, "show", moved, "--format", "json")  # the absorbed id still resolves
    assert shown.exit_code == 0 and json.loads(shown.stdout)["event"]["id"] == original


def test_split_refuses_an_article_of_another_event(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "refuse.db"
    assert run(db, "ingest", str(seeds_dir)).exit_code == 0
    event_of = events_by_article(exported(db))
    first = next(name for name in event_of if name.startswith("000"))
    other = next(name for name in event_of if name.startswith("004"))
    result = run(db, "split", str(event_of[first]), other)
    assert result.exit_code == 2 and other[:3] in result.stderr


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (date(2023, 10, 10), date(2023, 10, 10), "2023-10-10"),
        (date(2023, 10, 10), date(2023, 10, 11), "2023-10-10..11"),
        (date(2023, 10, 30), date(2023, 11, 2), "2023-10-30..11-02"),
        (date(2023, 12, 31), date(2024, 1, 1), "2023-12-31..2024-01-01"),
        (None, date(2024, 1, 1), "2024-01-01"),
        (None, None, "?"),
    ],
)
def test_an_event_s_dates_fit_one_column(start: date | None, end: date | None, shown: str) -> None:
    assert span_text(start, end) == shown
