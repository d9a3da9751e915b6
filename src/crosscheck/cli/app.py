"""The `crosscheck` command group and what every command shares.

Every command opens the store named by `--db` (or `CROSSCHECK_DB`, or
`./crosscheck.db`). Errors the user can fix print as one line on stderr; an
ingest that skipped any input exits with status 1 after storing the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

import click

from crosscheck import __version__
from crosscheck.errors import CrosscheckError
from crosscheck.store import open_store
from crosscheck.store.base import Store

F = TypeVar("F", bound=Callable[..., Any])
EXIT_SKIPPED = 1
EXIT_ERROR = 2


def fail_cleanly(command: F) -> F:
    """Turn crosscheck's own errors into one line on stderr and exit status 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CrosscheckError as error:
            click.echo(f"crosscheck: error: {error}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


@contextmanager
def opened_store(ctx: click.Context) -> Iterator[Store]:
    store = open_store(ctx.obj["db"])
    try:
        yield store
    finally:
        store.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosscheck")
@click.option(
    "--db",
    envvar="CROSSCHECK_DB",
    default=None,
    metavar="PATH|URL",
    help="SQLite file or postgresql:// URL [env CROSSCHECK_DB; default ./crosscheck.db].",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Turn news articles into events and show, for each event, who reports what."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
