"""`crosscheck show ARTICLE`: one article, what was cut from it, and its facts."""

from __future__ import annotations

import html
import json
from functools import lru_cache
from typing import Any

from rich.console import Console
from rich.table import Table

from crosscheck.cluster.explain import Reason, reasons, reasons_line
from crosscheck.cluster.features import LinkModel
from crosscheck.cluster.settings import DEFAULT_SETTINGS
from crosscheck.cluster.vouching import not_vouching
from crosscheck.codec import to_json
from crosscheck.records import Article, ArticleFacts, Placement
from crosscheck.report.export import article_summary, reprint_summary
from crosscheck.store.base import Store


def article_json(store: Store, article: Article) -> dict[str, Any]:
    """The article with its sentences, removed spans and extracted facts."""
    facts = store.get_facts(article.id)
    placement = store.placements([article.id]).get(article.id)
    event_id = store.event_of(article.id)
    return {
        **article_summary(article),
        "published_precision": article.published_precision.value,
        "event": event_id,
        "placement": to_json(placement) if placement is not None else None,
        "placement_reasons": placement_reasons(placement),
        # False: it joined below the vouch probability, later articles are not
        # compared with it (cluster/vouching.py); None: in no event.
        "vouches": (
            article.id not in not_vouching(store, [event_id]) if event_id is not None else None
        ),
        "reprinted_by": [reprint_summary(reprint) for reprint in store.reprints([article.id])],
        "paragraphs": list(article.paragraphs),
        "removed": [to_json(span) for span in article.removed],
        "facts": to_json(facts) if facts is not None else None,
    }


def render(store: Store, article: Article, fmt: str) -> str | None:
    """Print the text view (returns None) or return JSON, Markdown or HTML."""
    data = article_json(store, article)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return _markdown(data)
    if fmt == "html":
        return _html(data)
    _print_text(data, store.get_facts(article.id), Console())
    return None


def placement_reasons(placement: Placement | None) -> dict[str, list[dict[str, Any]]] | None:
    """The signals that weighed most for and against joining the best event, if any."""
    if placement is None or not placement.signals:
        return None
    for_joining, against = reasons(placement.signals, _shipped_model())
    return {
        side: [{"feature": r.feature, "said": r.said, "weight": round(r.weight, 2)} for r in found]
        for side, found in (("for", for_joining), ("against", against))
    }


@lru_cache(maxsize=1)
def _shipped_model() -> LinkModel:
    """Read once: `review` weighs every listed placement with it."""
    return LinkModel.shipped()


def why_line(data: dict[str, Any]) -> str | None:
    """'for: ... +2.9; against: ... -5.9' (from `article_json`'s "placement_reasons")."""
    found = data["placement_reasons"]
    if found is None:
        return None
    return reasons_line(
        *(
            [Reason(r["feature"], r["said"], r["weight"]) for r in found[side]]
            for side in ("for", "against")
        )
    )


def placement_line(data: dict[str, Any]) -> str | None:
    """How clustering placed the article, in words (from `article_json`'s "placement"),
    and whether it vouches for its event now."""
    placed = data["placement"]
    if placed is None:
        return None
    event, best = placed["event_id"], placed["best_event"]
    needed = f"needed {placed['threshold']:.2f}"
    if placed["kind"] == "together":
        line = f"put in {event} beside an article a user merged it with"
    elif placed["kind"] == "joined":
        line = f"joined {best} at link probability {placed['best_probability']:.2f} ({needed}"
        if placed["runner_up"] is not None:
            line += f"; next best {placed['runner_up']} at {placed['runner_up_probability']:.2f}"
        line += ")"
    elif best is not None:
        line = (
            f"opened {event}: the most probable event, {best}, "
            f"had link probability {placed['best_probability']:.2f} ({needed})"
        )
    else:
        line = f"opened {event}: no candidate event"
    if placed["merged"]:
        line += f"; it bridged {', '.join(placed['merged'])}, merged into {event}"
    if data["vouches"] is False:
        line += (
            f"; below {DEFAULT_SETTINGS.vouch_probability:.2f}, it does not vouch for "
            f"{data['event']}: later articles are not compared with it one by one (a merge "
            "or split by hand makes it vouch)"
        )
    return line


def _fact_rows(facts: ArticleFacts | None) -> list[tuple[str, str, str]]:
    """(kind, what, detail) rows, in reading order within each kind."""
    if facts is None:
        return []
    rows = [("entity", m.normalised, m.label.value) for m in facts.mentions]
    rows += [
        ("time", t.text, f"{t.start or '?'}..{t.end or '?'} ({t.anchor})") for t in facts.times
    ]
    rows += [
        (
            "quantity",
            q.text,
            f"{q.counts} {q.whose or ''} {q.bound.value} {q.low:g}-{q.high:g} {q.unit}",
        )
        for q in facts.quantities
    ]
    rows += [("quote", q.text, f"{q.speaker or 'unknown'} ({q.cue})") for q in facts.quotes]
    rows += [
        (
            "claim",
            f"{c.slot.value}: {c.value}",
            f"{' <- '.join(c.attribution) or 'unattributed'}; {c.hedge.value}",
        )
        for c in facts.claims
    ]
    return rows


def _print_text(data: dict[str, Any], facts: ArticleFacts | None, console: Console) -> None:
    console.print(f"[bold]{_rich_escape(data['title'])}[/bold]")
    console.print(
        f"{data['outlet'] or 'unknown outlet'} · {data['published'] or 'undated'} · "
        f"source {_rich_escape(data['id'])} · event {data['event'] or '-'}"
    )
    if data["reprinted_by"]:
        console.print(f"also run word for word by {_rich_escape(_carriers(data))}")
    placed = placement_line(data)
    if placed is not None:
        console.print(f"placed: {placed}", markup=False, highlight=False)
    why = why_line(data)
    if why is not None:
        console.print(f"why: {why}", markup=False, highlight=False)
    for paragraph in data["paragraphs"]:
        console.print()
        console.print(paragraph, markup=False, highlight=False)
    if data["removed"]:
        table = Table(title="Removed as not part of the story", title_justify="left")
        table.add_column("reason", no_wrap=True)
        table.add_column("text")
        for span in data["removed"]:
            table.add_row(span["reason"], _rich_escape(span["text"]))
        console.print(table)
    rows = _fact_rows(facts)
    if rows:
        table = Table(title="Facts", title_justify="left")
        for column in ("kind", "what", "detail"):
            table.add_column(column)
        for row in rows:
            table.add_row(*(_rich_escape(cell) for cell in row))
        console.print(table)


def _carriers(data: dict[str, Any]) -> str:
    """'Dalepost (dale-17, 2024-05-02T10:00:00), Ferrytimes (ft-3, undated)'."""
    return ", ".join(
        f"{r['outlet']} ({r['id']}, {r['published'] or 'undated'})" for r in data["reprinted_by"]
    )


def _rich_escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _markdown(data: dict[str, Any]) -> str:
    lines = [
        f"# {_md(data['title'])}",
        "",
        f"*{_md(data['outlet'] or 'unknown outlet')}*, "
        f"{data['published'] or 'undated'}; source `{_md(data['id'])}`",
        "",
    ]
    if data["reprinted_by"]:
        lines += [f"Also run word for word by {_md(_carriers(data))}.", ""]
    placed = placement_line(data)
    if placed is not None:
        lines += [f"Placed: {_md(placed)}.", ""]
    why = why_line(data)
    if why is not None:
        lines += [f"Why: {_md(why)}.", ""]
    lines += [_md(p) + "\n" for p in data["paragraphs"]]
    if data["removed"]:
        lines += ["## Removed", ""] + [
            f"- **{s['reason']}**: {_md(s['text'])}" for s in data["removed"]
        ]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Markdown is often rendered to HTML: neutralise tags and link syntax in article text."""
    return html.escape(text, quote=False).replace("[", "\\[").replace("]", "\\]")


def _html(data: dict[str, Any]) -> str:
    esc = html.escape
    carriers = (
        f"<p>Also run word for word by {esc(_carriers(data))}.</p>" if data["reprinted_by"] else ""
    )
    placed = placement_line(data)
    placement = f"<p>Placed: {esc(placed)}.</p>" if placed is not None else ""
    why = why_line(data)
    placement += f"<p>Why: {esc(why)}.</p>" if why is not None else ""
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in data["paragraphs"])
    removed = "\n".join(
        f"<li><b>{esc(s['reason'])}</b>: {esc(s['text'])}</li>" for s in data["removed"]
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{esc(data['title'])}</title></head><body>"
        f"<h1>{esc(data['title'])}</h1><p><i>{esc(data['outlet'] or 'unknown outlet')}</i>, "
        f"{esc(data['published'] or 'undated')}</p>{carriers}{placement}{paragraphs}"
        f"<h2>Removed</h2><ul>{removed}</ul></body></html>\n"
    )
