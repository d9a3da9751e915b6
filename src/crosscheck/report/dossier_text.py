"""The dossier in the terminal: rich tables, verdicts in colour.

Every cell is a `rich.text.Text`, never markup, so square brackets in an
article ("[video]") print as they are instead of being read as styles.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from crosscheck.corroborate.dossier import Dossier
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_tables import Table, all_tables, headline

# Short cells that read badly when folded ("Varnhollow-Caste/l"): kept on one line.
_UNBROKEN = frozenset(
    {"slot", "scope", "verdict", "indep.", "report", "id", "kind", "score", "claims"}
    | {"hedged", "unattributed", "published", "outlet", "from", "to"}
)

VERDICT_STYLES = {
    "agreed": "bold green",
    "disputed": "bold red",
    "single-source": "yellow",
    "updated": "cyan",
}


def _cell(column: str, value: str) -> Text:
    style = VERDICT_STYLES.get(value, "") if column == "verdict" else ""
    return Text(value, style=style)


def _rich_table(table: Table) -> RichTable:
    rich = RichTable(
        title=Text(table.title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD
    )
    for column in table.columns:
        rich.add_column(Text(column), overflow="fold", no_wrap=column in _UNBROKEN)
    for row in table.rows:
        rich.add_row(
            *(_cell(column, value) for column, value in zip(table.columns, row, strict=True))
        )
    return rich


def render_text(dossier: Dossier, console: Console) -> None:
    """Print the dossier to `console` (its width and colour settings decide the layout)."""
    title, subtitle = headline(to_json(dossier))
    console.print(Text(title, style="bold"))
    console.print(Text(subtitle, style="dim"))
    for table in all_tables(to_json(dossier)):
        console.print()
        if table.rows:
            console.print(_rich_table(table))
        else:
            console.print(Text(table.title, style="bold"), Text(f"  {table.note}", style="dim"))
