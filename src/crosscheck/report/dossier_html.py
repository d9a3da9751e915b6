"""The dossier as one self-contained HTML file (`crosscheck show EVENT --format html`).

Inline CSS only: no scripts, fonts, images or links to fetch, so the file can be
mailed or archived as it is. Every string goes through `html.escape`.
"""

from __future__ import annotations

from html import escape

from crosscheck.corroborate.dossier import Dossier
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_tables import Table, all_tables, headline

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 80em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
.sub { color: #666; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.note { color: #666; font-style: italic; }
.v-agreed { color: #176e2c; font-weight: bold; }
.v-disputed { color: #b3261e; font-weight: bold; }
.v-single-source { color: #8a6d00; }
.v-updated { color: #0b6c8a; }
"""


def _cell(column: str, value: str) -> str:
    css = f' class="v-{escape(value)}"' if column == "verdict" and value else ""
    return f"<td{css}>{escape(value)}</td>"


def _table(table: Table) -> str:
    heading = f"<h2>{escape(table.title)}</h2>"
    if not table.rows:
        return f'{heading}\n<p class="note">{escape(table.note)}</p>'
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    body = "\n".join(
        "<tr>" + "".join(_cell(c, v) for c, v in zip(table.columns, row, strict=True)) + "</tr>"
        for row in table.rows
    )
    return (
        f"{heading}\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def dossier_section(dossier: Dossier) -> str:
    """One dossier as an HTML fragment (heading and tables), everything escaped."""
    data = to_json(dossier)
    title, subtitle = headline(data)
    sections = "\n".join(_table(table) for table in all_tables(data))
    anchor = escape(str(data["event"]["id"]))
    return (
        f'<section id="{anchor}">\n<h1>{escape(title)}</h1>\n'
        f'<p class="sub">{escape(subtitle)}</p>\n{sections}\n</section>'
    )


def render_page(title: str, sections: list[str]) -> str:
    """A self-contained page around already-escaped sections."""
    body = "\n<hr>\n".join(sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def render_html(dossier: Dossier) -> str:
    title, _ = headline(to_json(dossier))
    return render_page(title, [dossier_section(dossier)])
