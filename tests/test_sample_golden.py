"""Golden files: the sample corpus's dossiers, through the real pipeline, as text, JSON, Markdown.

Any change in reading, cleaning, copy linking, extraction, clustering or
corroboration that alters what a user sees shows up here as a diff. Run with
CROSSCHECK_UPDATE_GOLDEN=1 after an intended change, and review the diff.
"""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from crosscheck.corroborate.dossier import Dossier
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_markdown import render_markdown
from crosscheck.report.dossier_store import dossier_from_store
from crosscheck.report.dossier_text import render_text
from crosscheck.store.base import Store
from test_dossier_golden import check_golden

# One event per kind of finding: the disputed depot blast (wire copies, a spun
# rewrite, a casualty dispute) and the ferry (a count updated by its source).
EVENTS = {"karsk-2023": "mp-karsk-depot-2023", "ferry": "lakeshore-ferry-capsize"}


def sample_dossier(store: Store, name: str) -> Dossier:
    article = store.get_article(EVENTS[name])
    event_id = store.event_of(article.id)
    assert event_id is not None
    return dossier_from_store(store, store.get_event(event_id))


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_sample_dossier_text(sample_store: Store, name: str) -> None:
    out = io.StringIO()
    console = Console(file=out, width=140, color_system=None, force_terminal=False)
    render_text(sample_dossier(sample_store, name), console)
    check_golden(f"sample_{name}.txt", out.getvalue())


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_sample_dossier_json(sample_store: Store, name: str) -> None:
    data = to_json(sample_dossier(sample_store, name))
    check_golden(f"sample_{name}.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_sample_dossier_markdown(sample_store: Store, name: str) -> None:
    check_golden(f"sample_{name}.md", render_markdown(sample_dossier(sample_store, name)))
