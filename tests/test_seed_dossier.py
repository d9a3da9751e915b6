"""The canonical example: the 2022 Belgorod event's dossier from the real seed articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosscheck.engine.local import ingest
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_store import dossier_from_store
from crosscheck.store import SqliteStore
from crosscheck.store.base import Store


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[Store]:
    store = SqliteStore(tmp_path_factory.mktemp("seeds") / "seeds.db")
    assert ingest([str(seeds_dir)], store).ok
    yield store
    store.close()


@pytest.fixture(scope="module")
def dossier_2022(seed_store: Store, seed_paths: dict[str, Path]) -> dict[str, Any]:
    event_id = seed_store.event_of(seed_store.get_article(seed_paths["001"].stem).id)
    assert event_id is not None
    return to_json(dossier_from_store(seed_store, seed_store.get_event(event_id)))


def groups(dossier: dict[str, Any], slot: str) -> list[dict[str, Any]]:
    return [group for group in dossier["claims"] if group["slot"] == slot]


def test_four_servicemen_per_tass_source_beside_no_resident_casualties(
    dossier_2022: dict[str, Any],
) -> None:
    casualties = groups(dossier_2022, "casualties")
    servicemen = [g for g in casualties if "servicemen" in (g["scope"] or "")]
    assert any(
        v["value"] == "4" and any("TASS" in a and "emergency" in a for a in v["attributions"])
        for g in servicemen
        for v in g["values"]
    ), servicemen
    residents = [
        g for g in casualties if any(w in (g["scope"] or "") for w in ("resident", "civilian"))
    ]
    assert any(
        v["value"] == "0" and "Vyacheslav Gladkov" in v["attributions"]
        for g in residents
        for v in g["values"]
    ), residents
    # different scopes: shown side by side, never a contradiction
    assert all(g["verdict"] != "disputed" for g in servicemen + residents)


def test_tochka_u_is_butusovs_unconfirmed_claim(dossier_2022: dict[str, Any]) -> None:
    values = [v for g in groups(dossier_2022, "weapon") for v in g["values"]]
    tochka = [v for v in values if "Tochka-U" in v["value"]]
    assert tochka and all("Yuriy Butusov" in v["attributions"] for v in tochka)
    assert {"unverified"} <= {h for v in tochka for h in v["hedges"]}


def test_belgorod_kharkiv_distance_is_disputed(dossier_2022: dict[str, Any]) -> None:
    kharkiv = [g for g in groups(dossier_2022, "distance") if "Kharkiv" in (g["scope"] or "")]
    assert len(kharkiv) == 1 and kharkiv[0]["verdict"] == "disputed"
    assert {(v["value"], v["unit"]) for v in kharkiv[0]["values"]} == {("40", "mi"), ("50", "mi")}


def test_first_or_second_strike_is_disputed(dossier_2022: dict[str, Any]) -> None:
    precedent = groups(dossier_2022, "precedent")
    assert any(
        g["verdict"] == "disputed" and {"first", "second"} <= {v["value"] for v in g["values"]}
        for g in precedent
    ), precedent


def test_nothing_removed_as_boilerplate_becomes_a_claim(seed_store: Store) -> None:
    for article in seed_store.articles():
        facts = seed_store.get_facts(article.id)
        assert facts is not None
        removed = [span.text for span in article.removed]
        for claim in facts.claims:
            assert article.body[claim.span.start : claim.span.end]
            assert not any(claim.text in text for text in removed), (claim.text, removed)
