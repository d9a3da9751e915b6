"""Read-only commands: `events`, `articles`, `review`, `show`, `export`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from crosscheck.cli.app import cli, fail_cleanly, opened_store
from crosscheck.errors import NotFoundError
from crosscheck.report import article_view, event_view, review
from crosscheck.report.export import export_json
from crosscheck.store.base import Store

FORMATS = ("text", "json", "md", "html")


def print_events(store: Store, console: Console) -> None:
    """The events table: id, time span, article count, title."""
    table = Table(title="Events", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", no_wrap=True, justify="right")
    table.add_column("title", ratio=1)
    for event in store.events():
        table.add_row(
            event.id, span_text(event.start, event.end), str(len(event.article_ids)), event.title
        )
    console.print(table)


def span_text(start: date | None, end: date | None) -> str:
    """'2023-10-10', '2023-10-10..11', '2023-10-30..11-02', '2023-12-31..2024-01-01', '?'.

    One column instead of two full dates leaves the title ten more characters at 80.
    """
    if start is None or end is None:
        known = start or end
        return known.isoformat() if known is not None else "?"
    if start == end:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.isoformat()}..{end:%d}"
    if start.year == end.year:
        return f"{start.isoformat()}..{end:%m-%d}"
    return f"{start.isoformat()}..{end.isoformat()}"


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
@fail_cleanly
def events(ctx: click.Context, fmt: str) -> None:
    """List events: id, first and last date, article count, title."""
    with opened_store(ctx) as store:
        if fmt == "json":
            _write_json(export_json(store)["events"], None)
        else:
            print_events(store, Console())


@cli.command()
@click.option("--event", "event_ref", default=None, help="Only the articles of this event.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
@fail_cleanly
def articles(ctx: click.Context, event_ref: str | None, fmt: str) -> None:
    """List stored articles with their outlet, date and event."""
    with opened_store(ctx) as store:
        rows = export_json(store)["articles"]
        if event_ref is not None:
            event_id = store.get_event(event_ref).id
            rows = [row for row in rows if row["event"] == event_id]
        if fmt == "json":
            _write_json(rows, None)
            return
        table = Table(title="Articles", title_justify="left")
        # At 80 columns long ids and outlets left the title no room at all: outlets
        # are cut short (ellipsis), an id too long folds onto a second line (what
        # `show` takes is never cut), dates and event ids stay whole.
        table.add_column("id", overflow="fold", min_width=12)
        table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=14)
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("event", no_wrap=True, min_width=7)
        table.add_column("title", ratio=1, min_width=16)
        for row in rows:
            published = (row["published"] or "?")[:10]
            table.add_row(
                row["id"], row["outlet"] or "?", published, row["event"] or "-", row["title"]
            )
        Console().print(table)


@cli.command(name="review")
@click.option(
    "--margin",
    type=click.FloatRange(0.0, 1.0),
    default=review.DEFAULT_MARGIN,
    show_default=True,
    help="List placements within this link probability of going the other way.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
@fail_cleanly
def review_placements(ctx: click.Context, margin: float, fmt: str) -> None:
    """List the placements clustering was least sure of: where to merge or split."""
    with opened_store(ctx) as store:
        items = review.doubtful_placements(store, margin)
    if fmt == "json":
        _write_json(review.review_json(items), None)
        return
    table = Table(title="Placements to review, closest calls first", title_justify="left")
    table.add_column("id", overflow="fold", min_width=12)
    table.add_column("event", no_wrap=True, min_width=7)
    table.add_column("doubt", no_wrap=True)
    table.add_column("p", no_wrap=True, justify="right")
    table.add_column("other", no_wrap=True, min_width=5)
    table.add_column("title", ratio=1)
    for item in items:
        table.add_row(
            item.article.source_id,
            item.event_id or "-",
            item.doubt.value,
            f"{item.placement.best_probability:.2f}",
            item.other_event or "new",
            item.article.title,
        )
    console = Console()
    console.print(table)
    console.print(f"{len(items)} placements within {margin:.2f} of the link threshold or runner-up")


@cli.command()
@click.argument("reference")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to a file."
)
@click.pass_context
@fail_cleanly
def show(ctx: click.Context, reference: str, fmt: str, output: str | None) -> None:
    """Show an event's dossier (E000001) or one article with its facts (source id or id)."""
    with opened_store(ctx) as store:
        try:
            event = store.get_event(reference)
        except NotFoundError:
            article = store.get_article(reference)
            _emit(article_view.render(store, article, fmt), output)
            return
        _emit(event_view.render(store, event, fmt), output)


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "md", "html"]), default="json", show_default=True
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to a file."
)
@click.pass_context
@fail_cleanly
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export every event and article (JSON), or every event's dossier (md, html)."""
    with opened_store(ctx) as store:
        if fmt == "json":
            _write_json(export_json(store), output)
        else:
            _emit(event_view.render_all(store, fmt), output)


def _write_json(value: Any, output: str | None) -> None:
    _emit(json.dumps(value, indent=2, ensure_ascii=False) + "\n", output)


def _emit(rendered: str | None, output: str | None) -> None:
    """Text views print themselves (rich) and return None; the others return a string."""
    if rendered is None:
        return
    if output is None:
        click.echo(rendered, nl=not rendered.endswith("\n"))
    else:
        Path(output).write_text(rendered, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
