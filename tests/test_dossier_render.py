"""The dossier's JSON contract and the safety of every rendering."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from crosscheck.corroborate.dossier import Dossier, build_dossier
from crosscheck.records import Event, Reprint
from crosscheck.report.dossier_html import render_html
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_markdown import render_markdown
from crosscheck.report.dossier_tables import headline, pairs_summary, value_text
from crosscheck.report.dossier_text import render_text
from test_dossier_fixtures import (
    ARTICLES,
    EVENT,
    LINKS,
    PLACEMENTS,
    event_facts,
    fake_embedder,
    make_article,
)

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\' | [bold]pipe[/bold] *stars*'


def fixture_dossier() -> Dossier:
    return build_dossier(EVENT, ARTICLES, event_facts(), LINKS, embedder=fake_embedder)


def reprinted_dossier(*reprints: Reprint) -> Dossier:
    return build_dossier(
        EVENT, ARTICLES, event_facts(), LINKS, embedder=fake_embedder, reprints=reprints
    )


def dalepost_reprint(**changes: object) -> Reprint:
    """Dalepost ran wire-1's text word for word, two hours later, under its own headline."""
    wire = ARTICLES[0]
    assert wire.published is not None
    fields: dict[str, object] = {
        "article_id": wire.id,
        "source_id": "dale-17",
        "outlet": "Dalepost",
        "title": "Depot fire: Northwire report",
        "published": wire.published + timedelta(hours=2),
        "url": "https://dalepost.example/17",
    }
    return Reprint(**{**fields, **changes})  # type: ignore[arg-type]


def hostile_dossier() -> Dossier:
    """One extra article whose outlet, title and body are hostile markup."""
    evil = dataclasses.replace(
        make_article("evil<1>", HOSTILE, ARTICLES[0].published, HOSTILE + ". More text."),
        title=HOSTILE,
    )
    event = dataclasses.replace(EVENT, title=HOSTILE, article_ids=(*EVENT.article_ids, evil.id))
    return build_dossier(event, (*ARTICLES, evil), event_facts(), LINKS, embedder=fake_embedder)


def test_json_has_the_contract_keys() -> None:
    data = to_json(fixture_dossier())
    assert {
        "event",
        "articles",
        "copies",
        "independent_reports",
        "claims",
        "quotes",
        "framing",
        "facts",
    } <= set(data)
    assert set(data["event"]) >= {"id", "title", "start", "end"}
    assert set(data["articles"][0]) >= {"id", "outlet", "title", "published"}
    claim = data["claims"][0]
    assert set(claim) >= {"slot", "scope", "values", "verdict", "independent_count"}
    assert set(claim["values"][0]) >= {
        "value",
        "unit",
        "bound",
        "articles",
        "attributions",
        "hedges",
    }
    assert set(data["quotes"][0]) >= {"speaker", "text", "articles"}
    assert set(data["facts"][0]) >= {"entities", "times", "quantities"}


def test_reprints_are_listed_and_never_count_as_reports() -> None:
    plain = to_json(fixture_dossier())
    reprinted = to_json(reprinted_dossier(dalepost_reprint()))
    assert plain["reprints"] == [] and all(a["reprinted_by"] == [] for a in plain["articles"])
    assert reprinted["reprints"] == [
        {
            "of": "wire-1",
            "id": "dale-17",
            "outlet": "Dalepost",
            "title": "Depot fire: Northwire report",
            "published": "2031-05-03T11:00:00+00:00",
            "url": "https://dalepost.example/17",
        }
    ]
    by_id = {a["id"]: a for a in reprinted["articles"]}
    assert by_id["wire-1"]["reprinted_by"] == ["Dalepost"] and by_id["ledger"]["reprinted_by"] == []
    # A copy is who else ran the story, not another confirmation of it.
    assert reprinted["independent_reports"] == plain["independent_reports"]
    for before, after in zip(plain["claims"], reprinted["claims"], strict=True):
        assert before["independent_count"] == after["independent_count"]
        for value in after["values"]:
            assert value["reprinted_by"] == (["Dalepost"] if "wire-1" in value["articles"] else [])


def test_reprints_of_articles_outside_the_event_are_left_out() -> None:
    elsewhere = dalepost_reprint(article_id="not-in-this-event")
    assert to_json(reprinted_dossier(elsewhere))["reprints"] == []


def test_the_reprints_table_shows_only_when_there_are_reprints() -> None:
    assert "Reprints" not in render_markdown(fixture_dossier())
    page = render_markdown(reprinted_dossier(dalepost_reprint()))
    assert "Reprints (the same text run by other outlets)" in page
    assert (
        "| wire-1 | Dalepost | dale-17 | 2031-05-03T11:00 | Depot fire: Northwire report |" in page
    )
    assert "4 articles · 1 reprint by other outlets · 3 independent reports" in page
    assert "wire-1 (also run by Dalepost)" in page


def test_json_names_articles_by_source_id() -> None:
    data = to_json(fixture_dossier())
    source_ids = {article.source_id for article in ARTICLES}
    assert {a["id"] for a in data["articles"]} == source_ids
    assert data["copies"][0]["from"] == "wire-1" and data["copies"][0]["to"] == "clarion"
    assert data["copies"][0]["sentence_pairs"][0] == {
        "from_sentence": 1,
        "to_sentence": 1,
        "score": 0.93,
    }
    assert data["independent_reports"] == [["wire-1", "clarion"], ["harbour"], ["ledger"]]
    mentioned = {a for group in data["claims"] for v in group["values"] for a in v["articles"]}
    assert mentioned <= source_ids


def test_sentence_pairs_are_summarised_in_runs() -> None:
    def pair(source: int, target: int, score: float) -> dict[str, float]:
        return {"from_sentence": source, "to_sentence": target, "score": score}

    copy = [pair(i, i, 1.0) for i in range(12)] + [pair(12, 14, 0.83)]
    assert pairs_summary(copy) == "0–11→0–11, 12→14 (13 pairs, 12 identical, lowest 0.83)"
    rewrite = [pair(5, 6, 0.7), pair(1, 1, 0.8), pair(6, 7, 0.9)]
    assert pairs_summary(rewrite) == "1→1, 5–6→6–7 (3 pairs, lowest 0.70)"
    assert pairs_summary([]) == "-"


def test_json_verdicts_are_the_four_words() -> None:
    verdicts = {group["verdict"] for group in to_json(fixture_dossier())["claims"]}
    assert verdicts == {"agreed", "disputed", "single-source", "updated"}


def test_json_is_plain_json() -> None:
    data = to_json(fixture_dossier())
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_html_is_self_contained_and_escapes_everything() -> None:
    page = render_html(hostile_dossier())
    reprinted = render_html(reprinted_dossier(dalepost_reprint(outlet=HOSTILE, title=HOSTILE)))
    assert "<script" not in reprinted and "&lt;script&gt;" in reprinted
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "evil&lt;1&gt;" in page
    assert not re.search(r"(src|href)\s*=", page)  # nothing to fetch
    assert "<style>" in page and page.count("<html") == 1


def test_markdown_keeps_markup_as_text() -> None:
    page = render_markdown(hostile_dossier())
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert r"\| \[bold\]pipe\[/bold\] \*stars\*" in page
    header = "| report | id | outlet | published | placed | title |"
    row = next(line for line in page.splitlines() if "evil" in line and line.startswith("| "))
    unescaped_pipes = re.compile(r"(?<!\\)\|")
    assert len(unescaped_pipes.findall(row)) == len(unescaped_pipes.findall(header))


def test_text_prints_brackets_instead_of_styling_them() -> None:
    out = io.StringIO()
    render_text(hostile_dossier(), Console(file=out, width=200, color_system=None))
    assert "[bold]pipe[/bold]" in out.getvalue()
    assert "E000042" in out.getvalue()


def test_text_colours_verdicts_when_colour_is_on() -> None:
    out = io.StringIO()
    render_text(
        fixture_dossier(),
        Console(file=out, width=200, color_system="standard", force_terminal=True),
    )
    assert "\x1b[1;31mdisputed" in out.getvalue()
    assert "\x1b[1;32magreed" in out.getvalue()


def test_an_event_without_facts_still_renders() -> None:
    bare = build_dossier(EVENT, ARTICLES, (), (), embedder=fake_embedder)
    data = to_json(bare)
    assert data["claims"] == [] and data["copies"] == []
    assert len(data["independent_reports"]) == len(ARTICLES)
    assert "No claims were extracted." in render_markdown(bare)


def test_articles_outside_the_event_are_ignored() -> None:
    narrow = dataclasses.replace(EVENT, article_ids=(ARTICLES[2].id,))
    data = to_json(build_dossier(narrow, ARTICLES, event_facts(), LINKS, embedder=fake_embedder))
    assert [a["id"] for a in data["articles"]] == ["harbour"]
    assert data["copies"] == []


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(ARTICLES))), st.permutations(range(len(ARTICLES))), st.booleans())
def test_the_dossier_does_not_depend_on_input_order(
    article_order: list[int], facts_order: list[int], links_reversed: bool
) -> None:
    facts = event_facts()
    shuffled_event: Event = dataclasses.replace(
        EVENT, article_ids=tuple(EVENT.article_ids[i] for i in article_order)
    )
    dossier = build_dossier(
        shuffled_event,
        [ARTICLES[i] for i in article_order],
        [facts[i] for i in facts_order],
        LINKS[::-1] if links_reversed else LINKS,
        embedder=fake_embedder,
    )
    expected = to_json(fixture_dossier())
    actual = to_json(dossier)
    actual["copies"].sort(key=lambda c: (c["from"], c["to"]))
    expected["copies"].sort(key=lambda c: (c["from"], c["to"]))
    assert actual["claims"] == expected["claims"] and actual["framing"] == expected["framing"]
    assert actual["articles"] == expected["articles"] and actual["copies"] == expected["copies"]


def _text_at(width: int) -> str:
    dossier = build_dossier(
        EVENT, ARTICLES, event_facts(), LINKS, embedder=fake_embedder, placements=PLACEMENTS
    )
    out = io.StringIO()
    render_text(dossier, Console(file=out, width=width, color_system=None))
    return out.getvalue()


def test_a_narrow_terminal_gets_one_card_per_row_and_loses_no_text() -> None:
    narrow = _text_at(80)
    lines = [line.rstrip() for line in narrow.splitlines()]
    assert max(len(line) for line in lines) <= 80
    for article in ARTICLES:  # at 80 columns the table left titles no room at all
        assert f"title: {article.title}" in [line.strip() for line in lines]
    assert any(
        line.startswith("  1 · wire-1 · Northwire · 2031-05-03T09:00 · opened") for line in lines
    )
    assert any("joined 0.81" in line for line in lines)
    # A wide terminal keeps the tables.
    assert "Articles" in _text_at(200) and "title: " not in _text_at(200)


def test_counts_agree_with_their_numbers_in_the_headline_and_the_values() -> None:
    """'1 article · 1 independent report', '1 person': not '1 articles', '1 people'."""
    wire = ARTICLES[0]
    only_wire = dataclasses.replace(EVENT, article_ids=(wire.id,))
    single = build_dossier(only_wire, [wire], event_facts(), [], embedder=fake_embedder)
    _, subtitle = headline(to_json(single))
    assert "· 1 article ·" in subtitle and subtitle.endswith("· 1 independent report")
    one = {"value": "1", "unit": "people", "bound": None}
    assert value_text(one) == "1 person"
    assert value_text({**one, "value": "2"}) == "2 people"
    assert value_text({**one, "unit": "km"}) == "1 km"
