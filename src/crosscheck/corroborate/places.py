"""Where an event happened, as its independent reports say it.

Each article's `event_place` (extraction: dateline, lead, title) is one vote; a
copy votes with its original, so a town counts the independent reports that name
it, like any claim. Most events get one place; a second place with reports of its
own is worth a look (a look-alike joined the event, or the reports disagree).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosscheck.records import ArticleFacts


@dataclass(frozen=True, slots=True)
class PlaceVote:
    """A town the event's articles give as where it happened, and who gives it."""

    place: str  # "Marlow, Oregon": the town, with the region its articles give most
    reports: int  # independent reports naming it
    articles: tuple[str, ...]  # article ids, in the dossier's order


def vote_places(
    facts: Iterable[ArticleFacts], reports: Sequence[Sequence[str]]
) -> tuple[PlaceVote, ...]:
    """The event's places, most independent reports first (then most articles)."""
    report_of = {article: index for index, report in enumerate(reports) for article in report}
    articles: dict[str, list[str]] = {}
    regions: dict[str, Counter[str]] = {}
    spelled: dict[str, str] = {}
    for item in facts:
        place = item.event_place
        if place is None:
            continue
        key = place.town.lower()
        spelled.setdefault(key, place.town)
        articles.setdefault(key, []).append(item.article_id)
        if place.region:
            regions.setdefault(key, Counter())[place.region] += 1
    votes = []
    for key, members in articles.items():
        region = regions[key].most_common(1)[0][0] if key in regions else None
        town = spelled[key]
        # An article outside every report (a reprint's record) counts as its own.
        independent = {report_of.get(article, article) for article in members}
        votes.append(
            PlaceVote(f"{town}, {region}" if region else town, len(independent), tuple(members))
        )
    return tuple(sorted(votes, key=lambda v: (-v.reports, -len(v.articles))))
