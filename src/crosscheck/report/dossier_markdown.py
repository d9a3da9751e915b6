"""The dossier as Markdown (`crosscheck show EVENT --format md`).

Article text is escaped so that nothing in it becomes Markdown or HTML: a
title with "|" stays in its cell, "<script>" stays text.
"""

from __future__ import annotations

import re

from crosscheck.corroborate.dossier import Dossier
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_tables import Table, all_tables, headline

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def escape_markdown(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(table: Table) -> list[str]:
    lines = [f"## {escape_markdown(table.title)}", ""]
    if not table.rows:
        return [*lines, f"_{escape_markdown(table.note)}_", ""]
    lines.append("| " + " | ".join(escape_markdown(c) for c in table.columns) + " |")
    lines.append("|" + "---|" * len(table.columns))
    lines.extend("| " + " | ".join(escape_markdown(c) for c in row) + " |" for row in table.rows)
    return [*lines, ""]


def render_markdown(dossier: Dossier) -> str:
    data = to_json(dossier)
    title, subtitle = headline(data)
    lines = [f"# {escape_markdown(title)}", "", escape_markdown(subtitle), ""]
    for table in all_tables(data):
        lines.extend(_table(table))
    return "\n".join(lines)
