"""Commands that change events by hand: `merge` and `split`.

Both are recorded as constraints between articles, so later ingests respect
them: merged articles stay together, split-off articles stay apart.
"""

from __future__ import annotations

import click

from crosscheck.cli.app import cli, fail_cleanly, opened_store
from crosscheck.cluster import merge_events, split_event
from crosscheck.errors import NotFoundError


@cli.command()
@click.argument("kept")
@click.argument("absorbed")
@click.pass_context
@fail_cleanly
def merge(ctx: click.Context, kept: str, absorbed: str) -> None:
    """Merge event ABSORBED into event KEPT; ABSORBED keeps resolving to KEPT."""
    with opened_store(ctx) as store, store.transaction():
        event = merge_events(store, store.get_event(kept).id, store.get_event(absorbed).id)
    click.echo(f"{absorbed} merged into {event.id}: {len(event.article_ids)} articles")


@cli.command()
@click.argument("event_ref")
@click.argument("article_refs", nargs=-1, required=True)
@click.pass_context
@fail_cleanly
def split(ctx: click.Context, event_ref: str, article_refs: tuple[str, ...]) -> None:
    """Move ARTICLE... out of EVENT into a new event of their own."""
    with opened_store(ctx) as store, store.transaction():
        event = store.get_event(event_ref)
        article_ids = [store.get_article(ref).id for ref in article_refs]
        for reference, article_id in zip(article_refs, article_ids, strict=True):
            if article_id not in event.article_ids:  # name it as the user typed it
                raise NotFoundError(f"article of event {event.id}", reference)
        new_event = split_event(store, event.id, article_ids)
    click.echo(f"split {len(article_ids)} articles from {event.id} into {new_event.id}")
