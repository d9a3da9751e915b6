"""How an event presents itself: title, time span, places and key names."""

from __future__ import annotations

from datetime import date

from crosscheck.cluster.stats import EventProfile
from crosscheck.records import Event

KEY_NAMES = 8
KEY_PLACES = 5
UNTITLED = "(untitled event)"


def describe(profile: EventProfile) -> Event:
    """The `Event` record for a profile: named after its most central article."""
    days = sorted(profile.days)
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
