"""The dossier laid out as titled tables of plain strings, shared by the text,
Markdown and HTML renderers so that all three show the same thing.

Works from `to_json` output, so every format shows exactly what the JSON holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crosscheck.corroborate.text import unit_for

Json = dict[str, Any]
_HEDGE_FREE = {"asserted"}


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # shown when there are no rows


def _join(items: Iterable[object], separator: str = ", ") -> str:
    return separator.join(str(item) for item in items if item not in (None, ""))


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def headline(data: Json) -> tuple[str, str]:
    """('E000001: title', '2022-03-29 to 2022-03-30 · Belgorod · 4 articles · 3 independent
    reports'): the place is the one most independent reports give."""
    event = data["event"]
    start, end = event["start"] or "?", event["end"] or "?"
    span = start if start == end else f"{start} to {end}"
    reprints = len(data["reprints"])
    independent = len(data["independent_reports"])
    counts = " · ".join(
        [
            f"{len(data['articles'])} {_plural(len(data['articles']), 'article')}",
            *([f"{reprints} {_plural(reprints, 'reprint')} by other outlets"] if reprints else []),
            f"{independent} independent {_plural(independent, 'report')}",
        ]
    )
    where = data.get("where") or []
    place = f"{where[0]['place']} · " if where else ""
    return f"{event['id']}: {event['title']}", f"{span} · {place}{counts}"


def articles_table(data: Json) -> Table:
    rows = tuple(
        (
            str(a["report"] or "-"),
            a["id"],
            a["outlet"] or "?",
            (a["published"] or "?")[:16],
            _placed(a.get("placed")),
            a["title"],
        )
        for a in data["articles"]
    )
    return Table("Articles", ("report", "id", "outlet", "published", "placed", "title"), rows)


def where_table(data: Json) -> Table:
    """Each town the articles give as where it happened, with who gives it."""
    rows = tuple(
        (vote["place"], str(vote["independent_reports"]), _join(vote["articles"]))
        for vote in data.get("where") or []
    )
    return Table("Where", ("place", "reports", "articles"), rows, note="no article names a town")


def _placed(placed: Json | None) -> str:
    """'joined 0.93', 'opened', 'together' (a user's merge); '-' when not recorded;
    'joined 0.41 (does not vouch)' when later articles are not compared with it."""
    if placed is None:
        return "-"
    if placed["link_probability"] is None:
        return str(placed["kind"])
    weak = " (does not vouch)" if placed.get("vouches") is False else ""
    return f"{placed['kind']} {placed['link_probability']:.2f}{weak}"


def reprints_table(data: Json) -> Table:
    rows = tuple(
        (r["of"], r["outlet"], r["id"], (r["published"] or "?")[:16], r["title"])
        for r in data["reprints"]
    )
    note = "No other outlet ran an article's text word for word."
    title = "Reprints (the same text run by other outlets)"
    return Table(title, ("of", "outlet", "id", "published", "title"), rows, note)


def copies_table(data: Json) -> Table:
    rows = tuple(
        (c["from"], c["to"], c["kind"], f"{c['score']:.2f}", pairs_summary(c["sentence_pairs"]))
        for c in data["copies"]
    )
    note = "No article copies or rewrites another."
    return Table(
        "Copies and rewrites", ("from", "to", "kind", "score", "sentence pairs"), rows, note
    )


# A pair scoring this much is the same sentence (punctuation, a word's case apart).
IDENTICAL_PAIR = 0.995


def pairs_summary(pairs: Sequence[Json]) -> str:
    """Aligned sentences in runs: "0–11→0–11 (12 pairs, 10 identical, lowest 0.83)".

    A copy aligns most of its sentences in order; listing each pair buried the table,
    so consecutive pairs are one run. Every pair and score stays in the JSON export.
    """
    if not pairs:
        return "-"
    ordered = sorted(pairs, key=lambda p: (p["from_sentence"], p["to_sentence"]))
    runs: list[list[Json]] = [[ordered[0]]]
    for pair in ordered[1:]:
        last = runs[-1][-1]
        steps = (
            pair["from_sentence"] - last["from_sentence"],
            pair["to_sentence"] - last["to_sentence"],
        )
        if steps == (1, 1):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    identical = sum(p["score"] >= IDENTICAL_PAIR for p in pairs)
    lowest = min(p["score"] for p in pairs)
    counts = [f"{len(pairs)} {_plural(len(pairs), 'pair')}"]
    if identical:
        counts.append(f"{identical} identical")
    if identical < len(pairs):
        counts.append(f"lowest {lowest:.2f}")
    return f"{_join(_run_text(run) for run in runs)} ({_join(counts)})"


def _run_text(run: Sequence[Json]) -> str:
    first, last = run[0], run[-1]
    if len(run) == 1:
        return f"{first['from_sentence']}→{first['to_sentence']}"
    return (
        f"{first['from_sentence']}–{last['from_sentence']}"
        f"→{first['to_sentence']}–{last['to_sentence']}"
    )


def reports_table(data: Json) -> Table:
    rows = tuple(
        (str(i + 1), _join(report)) for i, report in enumerate(data["independent_reports"])
    )
    return Table("Independent reports", ("report", "articles"), rows)


def value_text(value: Json) -> str:
    bound = {"about": "about ", "at-least": "at least ", "at-most": "up to "}.get(
        value["bound"] or "", ""
    )
    unit = unit_for(str(value["value"]), value["unit"])
    return f"{bound}{value['value']}" + (f" {unit}" if unit else "")


def reported_by(value: Json, carriers: dict[str, list[str]]) -> str:
    """'wire-1 (also run by Dalepost), clarion, per fire service source via Northwire [unverified]'.

    `carriers` names, per article, the outlets that reprinted its text: they follow
    it in brackets, as copies, never as more reports.
    """
    text = _join(
        f"{article} (also run by {_join(carriers[article])})" if carriers.get(article) else article
        for article in value["articles"]
    )
    attribution = _join(value["attributions"], "; ")
    hedges = _join(h for h in value["hedges"] if h not in _HEDGE_FREE)
    text += f", per {attribution}" if attribution else ""
    return text + (f" [{hedges}]" if hedges else "")


def _claim_name(group: Json) -> str:
    """The slot and scope; the value is in the next column, so it is not repeated."""
    return f"{group['slot']} ({group['scope']})" if group["scope"] else str(group["slot"])


def claims_table(data: Json) -> Table:
    """One row per value; the group's verdict and reasons on its first row."""
    rows: list[tuple[str, ...]] = []
    carriers = {article["id"]: article["reprinted_by"] for article in data["articles"]}
    for group in data["claims"]:
        for index, value in enumerate(group["values"]):
            first = index == 0
            rows.append(
                (
                    _claim_name(group) if first else "",
                    value_text(value),
                    reported_by(value, carriers),
                    group["verdict"] if first else "",
                    str(group["independent_count"]) if first else "",
                    group["why"] if first else "",
                )
            )
    columns = ("claim", "value", "reported by", "verdict", "indep.", "why")
    return Table("Claims", columns, tuple(rows), "No claims were extracted.")


def quotes_table(data: Json) -> Table:
    rows = tuple((q["speaker"] or "?", q["text"], _join(q["articles"])) for q in data["quotes"])
    return Table("Quotes", ("speaker", "quote", "articles"), rows, "Nobody is quoted.")


def _loaded(terms: Sequence[Json]) -> str:
    return _join(f"{t['term']}×{t['count']} ({t['category']})" for t in terms) or "-"


def framing_table(data: Json) -> Table:
    rows = tuple(
        (
            f["article"],
            _loaded(f["loaded"]),
            str(f["claims"]),
            _percent(f["hedged_share"]),
            _percent(f["unattributed_share"]),
            _join(f["omits"], "; ") or "-",
            _join(f["adds"], "; ") or "-",
        )
        for f in data["framing"]["articles"]
    )
    columns = (
        "article",
        "loaded wording",
        "claims",
        "hedged",
        "unattributed",
        "leaves out",
        "alone adds",
    )
    return Table("Framing by article", columns, rows)


def outlets_table(data: Json) -> Table:
    rows = tuple(
        (
            f["outlet"],
            _join(f["articles"]),
            _loaded(f["loaded"]),
            str(f["claims"]),
            _percent(f["hedged_share"]),
            _percent(f["unattributed_share"]),
        )
        for f in data["framing"]["outlets"]
    )
    columns = ("outlet", "articles", "loaded wording", "claims", "hedged", "unattributed")
    return Table("Framing by outlet", columns, rows)


def facts_table(data: Json) -> Table:
    rows = tuple(
        (
            f["article"],
            _join(e["name"] for e in f["entities"]) or "-",
            _join(f"{t['text']} = {t['start'] or '?'}" for t in f["times"]) or "-",
            _join(f"{q['text']} ({q['counts']})" for q in f["quantities"]) or "-",
        )
        for f in data["facts"]
    )
    return Table("Facts per article", ("article", "entities", "times", "quantities"), rows)


def all_tables(data: Json) -> list[Table]:
    # Most events have no reprint: an empty table there would only be noise.
    reprints = (reprints_table,) if data["reprints"] else ()
    builders = (
        articles_table,
        where_table,
        *reprints,
        copies_table,
        reports_table,
        claims_table,
        quotes_table,
        framing_table,
        outlets_table,
        facts_table,
    )
    return [build(data) for build in builders]
