"""`crosscheck ingest` and `crosscheck demo`."""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crosscheck.cli import views
from crosscheck.cli.app import EXIT_SKIPPED, cli, fail_cleanly, opened_store
from crosscheck.engine.arrival import DEFAULT_ORDER_WINDOW
from crosscheck.records import IngestSummary
from crosscheck.store.base import Store

# Below this many input files a progress bar is noise; above it, users want one.
PROGRESS_MIN_FILES = 20

stderr = Console(stderr=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", default=None, help="Outlet name for every article read (overrides URLs).")
@click.option("--batch-size", default=256, show_default=True, help="Articles per transaction.")
@click.option(
    "--order-window",
    default=DEFAULT_ORDER_WINDOW,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles put in publication order before clustering (1: as they arrive, for live feeds).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@click.pass_context
@fail_cleanly
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    outlet: str | None,
    batch_size: int,
    order_window: int,
    quiet: bool,
) -> None:
    """Read articles (folders, .txt, .jsonl, .html files, or - for stdin) into the store.

    Safe to run again: articles already stored are recognised by content and
    skipped. Exits 1 when any input was skipped as unreadable.
    """
    from crosscheck.cluster.reembed import needs_reembedding

    with opened_store(ctx) as store:
        if needs_reembedding(store):
            click.echo(
                "crosscheck: this version embeds leads differently: the stored articles are "
                "embedded again first (once; on a CPU ~20 articles/s per core)",
                err=True,
            )
        summary = _run_ingest(store, list(paths), outlet, batch_size, quiet, order_window)
    _report_summary(summary)
    if not summary.ok:
        sys.exit(EXIT_SKIPPED)


def _run_ingest(
    store: Store,
    paths: list[str],
    outlet: str | None,
    batch_size: int,
    quiet: bool,
    order_window: int = DEFAULT_ORDER_WINDOW,
) -> IngestSummary:
    from crosscheck.embed_worker import start_early

    start_early()  # the model loads while the engine is imported
    from crosscheck.engine.local import PipelineSettings
    from crosscheck.engine.local import ingest as run_ingest

    settings = PipelineSettings(batch_size=batch_size, order_window=order_window, outlet=outlet)
    file_count = _count_input_files(paths)
    if quiet or file_count < PROGRESS_MIN_FILES or not stderr.is_terminal:
        return run_ingest(paths, store, settings, stdin=sys.stdin)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        return run_ingest(
            paths, store, settings, stdin=sys.stdin, progress=lambda n: bar.advance(task, n)
        )


def _count_input_files(paths: list[str]) -> int:
    count = 0
    for name in paths:
        path = Path(name)
        count += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return count


def _report_summary(summary: IngestSummary) -> None:
    for rejected in summary.skipped:
        click.echo(f"crosscheck: skipped {rejected.message()}", err=True)
    if summary.reembedded:
        click.echo(
            f"crosscheck: this version embeds leads differently: {summary.reembedded} stored "
            "articles embedded again (their events unchanged)",
            err=True,
        )
    reprints = f" ({summary.reprints} kept as other outlets' reprints)" if summary.reprints else ""
    click.echo(
        f"read {summary.read}, stored {summary.stored}, "
        f"already stored {summary.duplicates}{reprints}, skipped {len(summary.skipped)}",
        err=True,
    )


@cli.command()
@click.option(
    "--keep", "db", default=None, metavar="PATH", help="Keep the demo store in this file."
)
@click.pass_context
@fail_cleanly
def demo(ctx: click.Context, db: str | None) -> None:
    """Ingest the bundled fictional sample corpus and print its events."""
    corpus = resources.files("crosscheck") / "samples" / "corpus"
    with tempfile.TemporaryDirectory(prefix="crosscheck-demo-") as scratch:
        target = db or str(Path(scratch) / "demo.db")
        ctx.obj["db"] = target
        with opened_store(ctx) as store, resources.as_file(corpus) as corpus_path:
            summary = _run_ingest(store, [str(corpus_path)], None, 256, quiet=True)
            _report_summary(summary)
            views.print_events(store, Console())
        if db:
            click.echo(
                f"demo store kept in {db}: try `crosscheck --db {db} show E000001`", err=True
            )
