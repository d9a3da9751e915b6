"""Training and evaluation see the articles and facts the engine would pass."""

from __future__ import annotations

import json
from pathlib import Path

from crosscheck.cluster.training import article_from_record, load_labelled

RECORDS = [
    {
        "id": "r1",
        "event": "fire-2019",
        "title": "Warehouse fire in Millbrook kills two workers",
        "text": "March 04, 2019\nTwo workers died when fire tore through the Calloway "
        "Freight warehouse in Millbrook, fire chief Harlan Voss said.",
    },
    {"id": "r2", "event": "fire-2019", "title": "Millbrook fire: two dead", "text": ""},
]


def test_records_are_read_and_cleaned_as_the_engine_does() -> None:
    article = article_from_record("feed.jsonl:1", RECORDS[0])
    assert article.source_id == "r1"
    assert [span.reason for span in article.removed] == ["timestamp"]
    assert "March 04, 2019" not in article.body


def test_a_record_the_engine_would_set_aside_is_still_clustered() -> None:
    article = article_from_record("feed.jsonl:2", RECORDS[1])
    assert article.source_id == "r2"
    assert article.body == "Millbrook fire: two dead"


def test_labelled_items_carry_extracted_facts(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in RECORDS), encoding="utf-8")
    items = load_labelled(path)
    assert [item.event for item in items] == ["fire-2019", "fire-2019"]
    facts = items[0].facts
    assert facts is not None and facts.article_id == items[0].article.id
    assert any(mention.normalised == "Harlan Voss" for mention in facts.mentions)
