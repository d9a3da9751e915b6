"""`crosscheck`: the command line (entry point; commands live beside this file)."""

from __future__ import annotations

from crosscheck.cli import edit, ingest, views  # noqa: F401  (importing registers the commands)
from crosscheck.cli.app import cli


def main() -> None:
    cli(obj={})
