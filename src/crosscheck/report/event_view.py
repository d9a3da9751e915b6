"""`crosscheck show EVENT` and the dossier exports: one event, or all of them."""

from __future__ import annotations

import json

from rich.console import Console

from crosscheck.records import Event
from crosscheck.report.dossier_html import dossier_section, render_html, render_page
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_markdown import render_markdown
from crosscheck.report.dossier_store import dossier_from_store
from crosscheck.report.dossier_text import render_text
from crosscheck.store.base import Store


def render(store: Store, event: Event, fmt: str) -> str | None:
    """Print the terminal dossier (returns None), or return it as JSON, Markdown or HTML."""
    dossier = dossier_from_store(store, event)
    if fmt == "json":
        return json.dumps(to_json(dossier), indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return render_markdown(dossier)
    if fmt == "html":
        return render_html(dossier)
    render_text(dossier, Console())
    return None


def render_all(store: Store, fmt: str) -> str:
    """Every live event's dossier, as one Markdown document or one self-contained HTML page."""
    dossiers = [dossier_from_store(store, event) for event in store.events()]
    if fmt == "md":
        return "\n\n---\n\n".join(render_markdown(dossier) for dossier in dossiers)
    return render_page("crosscheck: all events", [dossier_section(d) for d in dossiers])
