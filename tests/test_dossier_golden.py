"""Golden files: the fixture event's dossier as text, JSON and Markdown.

Run with CROSSCHECK_UPDATE_GOLDEN=1 to rewrite the files after an intended
change, then review the diff before committing it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from crosscheck.corroborate.dossier import Dossier, build_dossier
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_markdown import render_markdown
from crosscheck.report.dossier_text import render_text
from test_dossier_fixtures import ARTICLES, EVENT, LINKS, PLACEMENTS, event_facts, fake_embedder

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CROSSCHECK_UPDATE_GOLDEN") == "1"


def dossier() -> Dossier:
    return build_dossier(
        EVENT, ARTICLES, event_facts(), LINKS, embedder=fake_embedder, placements=PLACEMENTS
    )


def as_text(item: Dossier) -> str:
    out = io.StringIO()
    render_text(item, Console(file=out, width=120, color_system=None, force_terminal=False))
    return out.getvalue()


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path} is missing: run with CROSSCHECK_UPDATE_GOLDEN=1")
    assert actual == path.read_text(encoding="utf-8")


def test_text_matches_golden() -> None:
    check_golden("dossier_varnhollow.txt", as_text(dossier()))


def test_json_matches_golden() -> None:
    check_golden(
        "dossier_varnhollow.json",
        json.dumps(to_json(dossier()), indent=2, ensure_ascii=False) + "\n",
    )


def test_markdown_matches_golden() -> None:
    check_golden("dossier_varnhollow.md", render_markdown(dossier()))
