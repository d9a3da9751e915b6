"""The dossier in the terminal: rich tables, verdicts in colour.

Every cell is a `rich.text.Text`, never markup, so square brackets in an
article ("[video]") print as they are instead of being read as styles.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from crosscheck.corroborate.dossier import Dossier
from crosscheck.report.dossier_json import to_json
from crosscheck.report.dossier_tables import Table, all_tables, headline

# Short cells that read badly when folded ("Varnhollow-Caste/l"): kept on one line.
_UNBROKEN = frozenset(
    {"slot", "scope", "verdict", "indep.", "report", "id", "kind", "score", "claims"}
    | {"hedged", "unattributed", "published", "outlet", "from", "to", "placed"}
)

# The least a text column (titles, claims, reasons) needs to be worth reading.
_TEXT_ROOM = 20

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


def _cards(table: Table) -> Group:
    """The table as one card per row: its one-line cells joined, then each text on its own line.

    For a terminal too narrow for the table: there the one-line columns took all the
    width and the text columns (titles, claims) were cut off entirely.
    """
    lines: list[RenderableType] = [Text(table.title, style="bold")]
    for row in table.rows:
        cells = list(zip(table.columns, row, strict=True))
        short = [_cell(column, value) for column, value in cells if column in _UNBROKEN and value]
        if short:
            lines.append(Padding(Text(" · ").join(short), (0, 0, 0, 2)))
        for column, value in cells:
            if column not in _UNBROKEN and value:
                label = Text(f"{column}: ", style="dim")
                lines.append(Padding(label.append(_cell(column, value)), (0, 0, 0, 6)))
    return Group(*lines)


def _fits(table: Table, width: int) -> bool:
    """Whether every one-line cell fits whole and each text column keeps some room."""
    needed = 2 + 2 * len(table.columns)  # the edges, and each column's padding
    for index, column in enumerate(table.columns):
        longest = max(len(column), *(len(row[index]) for row in table.rows))
        needed += longest if column in _UNBROKEN else min(longest, _TEXT_ROOM)
    return needed <= width


def render_text(dossier: Dossier, console: Console) -> None:
    """Print the dossier to `console` (its width and colour settings decide the layout)."""
    title, subtitle = headline(to_json(dossier))
    console.print(Text(title, style="bold"))
    console.print(Text(subtitle, style="dim"))
    for table in all_tables(to_json(dossier)):
        console.print()
        if not table.rows:
            console.print(Text(table.title, style="bold"), Text(f"  {table.note}", style="dim"))
            continue
        fits = _fits(table, console.width)
        console.print(_rich_table(table) if fits else _cards(table))
