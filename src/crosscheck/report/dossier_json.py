"""The dossier as plain JSON values (`crosscheck show EVENT --format json`).

Field names are a public contract: later versions add fields, never rename.
Articles are named by the users' own source ids, as in the export; figures are
rounded to three decimals so the output is stable across platforms.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from crosscheck.corroborate.dossier import Dossier
from crosscheck.corroborate.framing import ArticleFraming, LoadedTerm, OutletFraming
from crosscheck.corroborate.quotes import QuoteGroup
from crosscheck.corroborate.verdict import group_label
from crosscheck.records import (
    ArticleFacts,
    ClaimGroup,
    ClaimValue,
    CopyLink,
    EventPlace,
    Reprint,
)
from crosscheck.report.export import article_summary, iso, placement_summary, reprint_summary

Json = dict[str, Any]
Names = Callable[[str], str]


def _finite(value: float) -> float | None:
    """JSON has no infinity: an open bound ("at least 4") is null."""
    return value if math.isfinite(value) else None


def to_json(dossier: Dossier) -> Json:
    name = dossier.source_id
    carriers = _carriers(dossier)
    return {
        "event": _event(dossier),
        "articles": _articles(dossier, carriers),
        "reprints": [_reprint(reprint, name) for reprint in dossier.reprints],
        "copies": [_copy(link, name) for link in dossier.copies],
        "independent_reports": [
            [name(a) for a in report] for report in dossier.independent_reports
        ],
        "claims": [_claim_group(group, name, carriers) for group in dossier.claims],
        "quotes": [_quote(quote, name) for quote in dossier.quotes],
        "framing": {
            "articles": [_article_framing(item, name) for item in dossier.framing.articles],
            "outlets": [_outlet_framing(item, name) for item in dossier.framing.outlets],
        },
        "facts": [_facts(item, name) for item in dossier.facts],
        "where": [
            {
                "place": vote.place,
                "independent_reports": vote.reports,
                "articles": [name(article) for article in vote.articles],
            }
            for vote in dossier.places
        ],
    }


def _event(dossier: Dossier) -> Json:
    event = dossier.event
    return {
        "id": event.id,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "places": list(event.places),
        "entities": list(event.entities),
    }


def _carriers(dossier: Dossier) -> dict[str, list[str]]:
    """Article id -> the outlets that reprinted its text, earliest first."""
    carriers: dict[str, list[str]] = {}
    for reprint in dossier.reprints:
        carriers.setdefault(reprint.article_id, []).append(reprint.outlet)
    return carriers


def _articles(dossier: Dossier, carriers: dict[str, list[str]]) -> list[Json]:
    report_of = {a: i + 1 for i, report in enumerate(dossier.independent_reports) for a in report}
    placed = {placement.article_id: placement for placement in dossier.placements}
    return [
        {
            **article_summary(article),
            "report": report_of.get(article.id),
            "reprinted_by": carriers.get(article.id, []),
            "placed": placement_summary(
                placed.get(article.id), article.id not in dossier.not_vouching
            ),
        }
        for article in dossier.articles
    ]


def _reprint(reprint: Reprint, name: Names) -> Json:
    return {"of": name(reprint.article_id), **reprint_summary(reprint)}


def _copy(link: CopyLink, name: Names) -> Json:
    return {
        "from": name(link.source),
        "to": name(link.target),
        "kind": link.kind.value,
        "score": round(link.score, 3),
        "directed": link.directed,
        "direction_evidence": list(link.direction_evidence),
        "sentence_pairs": [
            {
                "from_sentence": pair.source_sentence,
                "to_sentence": pair.target_sentence,
                "score": round(pair.score, 3),
            }
            for pair in link.sentence_pairs
        ],
    }


def _claim_group(group: ClaimGroup, name: Names, carriers: dict[str, list[str]]) -> Json:
    return {
        "slot": group.slot.value,
        "scope": group.scope,
        "label": group_label(group),
        "values": [_claim_value(value, name, carriers) for value in group.values],
        "verdict": group.verdict.value,
        "independent_count": group.independent_count,
        "why": group.why,
    }


def _claim_value(value: ClaimValue, name: Names, carriers: dict[str, list[str]]) -> Json:
    reprinted_by = [outlet for a in value.article_ids for outlet in carriers.get(a, [])]
    return {
        "value": value.value,
        "unit": value.unit,
        "bound": value.bound.value if value.bound else None,
        "articles": [name(a) for a in value.article_ids],
        "outlets": list(value.outlets),
        "reprinted_by": list(dict.fromkeys(reprinted_by)),
        "attributions": list(value.attributions),
        "hedges": [hedge.value for hedge in value.hedges],
        "independent_count": value.independent_count,
    }


def _quote(quote: QuoteGroup, name: Names) -> Json:
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "articles": [name(a) for a in quote.article_ids],
        "modes": [mode.value for mode in quote.modes],
    }


def _terms(terms: tuple[LoadedTerm, ...]) -> list[Json]:
    return [{"term": t.term, "category": t.category, "count": t.count} for t in terms]


def _article_framing(item: ArticleFraming, name: Names) -> Json:
    return {
        "article": name(item.article_id),
        "loaded": _terms(item.loaded),
        "claims": item.claims,
        "hedged_share": round(item.hedged_share, 3),
        "unattributed_share": round(item.unattributed_share, 3),
        "omits": list(item.omits),
        "adds": list(item.adds),
    }


def _outlet_framing(item: OutletFraming, name: Names) -> Json:
    return {
        "outlet": item.outlet,
        "articles": [name(a) for a in item.article_ids],
        "loaded": _terms(item.loaded),
        "claims": item.claims,
        "hedged_share": round(item.hedged_share, 3),
        "unattributed_share": round(item.unattributed_share, 3),
    }


def _facts(facts: ArticleFacts, name: Names) -> Json:
    return {
        "article": name(facts.article_id),
        "event_date": iso(facts.event_date),
        "event_place": _place(facts.event_place),
        "entities": _entities(facts),
        "times": [
            {"text": t.text, "start": iso(t.start), "end": iso(t.end), "anchor": t.anchor}
            for t in facts.times
        ],
        "quantities": [
            {
                "text": q.text,
                "value": _finite(q.value),
                "low": _finite(q.low),
                "high": _finite(q.high),
                "bound": q.bound.value,
                "unit": q.unit,
                "counts": q.counts,
                "whose": q.whose,
                "sentence": q.sentence,
            }
            for q in facts.quantities
        ],
    }


def _place(place: EventPlace | None) -> Json | None:
    if place is None:
        return None
    return {"town": place.town, "region": place.region, "evidence": place.evidence}


def _entities(facts: ArticleFacts) -> list[Json]:
    """Each (label, normalised name) once, with how often the article mentions it."""
    counts: dict[tuple[str, str], int] = {}
    for mention in facts.mentions:
        key = (mention.label.value, mention.normalised)
        counts[key] = counts.get(key, 0) + 1
    return [{"label": label, "name": name, "mentions": n} for (label, name), n in counts.items()]
