"""How an event presents itself: title, time span, places and key names."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

from crosscheck.cluster.stats import EventProfile
from crosscheck.records import Event

KEY_NAMES = 8
KEY_PLACES = 5
UNTITLED = "(untitled event)"
# A member's event date is backed when another member's is this close to it.
BACKED_WITHIN_DAYS = 7
# A date no other member backs still widens the span up to this far from a
# backed one (a verdict months after the arrest); beyond it, it is a guess from
# an undated article (an obituary's "born Aug. 17, 1913") and is left out.
LONE_DATE_REACH_DAYS = 180


def describe(profile: EventProfile) -> Event:
    """The `Event` record for a profile: named after its most central article."""
    days = span_days(profile.days)
    return Event(
        id=profile.event_id,
        title=profile.title.strip() or UNTITLED,
        start=date.fromordinal(days[0]) if days else None,
        end=date.fromordinal(days[-1]) if days else None,
        article_ids=tuple(profile.members),
        places=_most_common(profile.places, KEY_PLACES),
        entities=_most_common(profile.names, KEY_NAMES),
    )


def _most_common(counts: dict[str, int], limit: int) -> tuple[str, ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(name for name, _ in ranked[:limit])


def span_days(days: Sequence[int]) -> list[int]:
    """The members' event dates (ordinals) that the time span covers, sorted.

    Every date, unless some are backed by a neighbour (see BACKED_WITHIN_DAYS):
    then a lone date counts only within LONE_DATE_REACH_DAYS of a backed one.
    """
    ordered = sorted(days)
    backed = [
        day
        for index, day in enumerate(ordered)
        if (index > 0 and day - ordered[index - 1] <= BACKED_WITHIN_DAYS)
        or (index + 1 < len(ordered) and ordered[index + 1] - day <= BACKED_WITHIN_DAYS)
    ]
    if not backed:
        return ordered
    return [day for day in ordered if _distance(backed, day) <= LONE_DATE_REACH_DAYS]


def _distance(ordered: list[int], day: int) -> int:
    """How far `day` is from the nearest of `ordered` (sorted, not empty)."""
    at = bisect_left(ordered, day)
    near = ordered[max(at - 1, 0) : at + 1]
    return min(abs(day - other) for other in near)
