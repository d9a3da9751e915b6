"""How an event presents itself: title, time span, places and key names."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from crosscheck.cluster.stats import EventProfile
from crosscheck.cluster.text import NOT_NAMES
from crosscheck.records import Event

KEY_NAMES = 8
KEY_PLACES = 5
NAME_WORDS = 4  # longer capitalised runs are headline fragments, not names
# Capitalised at the start of a sentence, these name no one ("About 40 houses...",
# "Five soldiers...", "Feb. 3"): clustering may weigh them, an event is not listed by them.
_NOT_ENTITIES = NOT_NAMES | {
    "about",
    "also",
    "earlier",
    "later",
    "once",
    "instead",
    "then",
    "now",
    "today",
    "yesterday",
    "tonight",
    "more",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "hundreds",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
UNTITLED = "(untitled event)"
# A member's event date is backed when another member's is this close to it.
BACKED_WITHIN_DAYS = 7
# A date no other member backs still widens the span up to this far from a
# backed one (a verdict months after the arrest); beyond it, it is a guess from
# an undated article (an obituary's "born May 2, 1921") and is left out.
LONE_DATE_REACH_DAYS = 180
# A title a reader can scan in a list of events. Records without a headline give
# their first sentence as title (ECB+: 24 of 77 events were named by a lead of
# 100-280 characters), and page furniture gives fragments ("Grain Terminal").
HEADLINE_WORDS = range(4, 19)
HEADLINE_CHARACTERS = 100
# Only names this many members share say what the event is about; the most
# shared of them are enough to weigh titles by (and keep a large event cheap).
SHARED_BY = 2
TITLE_NAMES = 40
_NOT_WORD = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile(r"['’]s$")
# The attribution that ends many lead sentences: ", police said Saturday."
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:[\w.'’-]+\s+){0,4}?(?:said|says|told|reported|reports|announced|according)\b[^,]*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r",\s|;\s|\s[—–-]\s")
# A lead sentence given as title ends with a full stop; a headline does not. Only
# after a lower-case word or a number: "Inc.", "U.S." and "a.m." keep theirs.
_FULL_STOP = re.compile(r"(?<=\s)([a-z]{2,}|\d+)\.$")


def describe(profile: EventProfile) -> Event:
    """The `Event` record for a profile (its title: `event_title`)."""
    days = span_days(profile.days)
    return Event(
        id=profile.event_id,
        title=event_title(profile),
        start=date.fromordinal(days[0]) if days else None,
        end=date.fromordinal(days[-1]) if days else None,
        article_ids=tuple(profile.members),
        places=_most_common(profile.places, KEY_PLACES),
        entities=key_entities(profile.names, profile.places, KEY_NAMES),
    )


def event_title(profile: EventProfile) -> str:
    """The most central member's title if headline-sized, else the headline naming most.

    Names count by the share of members naming them, so the title that names the
    event's shared people and places beats a teaser ("If only the rain had come a
    day sooner"); with no headline-sized title at all, the central one is shortened.
    A lead sentence's closing full stop is left off, as a headline has none.
    """
    return _FULL_STOP.sub(r"\1", _chosen_title(profile))


def _chosen_title(profile: EventProfile) -> str:
    central = profile.title.strip()
    if _headline_sized(central):
        return central
    titles = [title.strip() for title in profile.titles.values() if title.strip()]
    headlines = [title for title in titles if _headline_sized(title)]
    if not headlines:
        return shortened(central or (titles[0] if titles else "")) or UNTITLED
    members = max(len(profile.members), 1)
    shared = {
        f" {_words(name)} ": count / members
        for name, count in profile.names.most_common(TITLE_NAMES)
        if count >= min(SHARED_BY, members) and _words(name)
    }

    def named(index: int) -> tuple[float, int]:
        spaced = f" {_words(headlines[index])} "
        share = math.fsum(share for name, share in shared.items() if name in spaced)
        return (round(share, 9), -index)

    return headlines[max(range(len(headlines)), key=named)]


def _headline_sized(title: str) -> bool:
    return len(title.split()) in HEADLINE_WORDS and len(title) <= HEADLINE_CHARACTERS


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


def shortened(title: str, limit: int = HEADLINE_CHARACTERS) -> str:
    """A lead sentence cut to a headline: no closing attribution, at most `limit` characters."""
    title = title.strip()
    if len(title) <= limit:
        return title
    title = _TRAILING_ATTRIBUTION.sub("", title).rstrip(" .")
    if len(title) <= limit:
        return title
    head = title[: limit - 1]
    breaks = [match.start() for match in _CLAUSE_BREAK.finditer(head)]
    # A clause break keeps a whole thought, unless it leaves too little of one.
    cut = breaks[-1] if breaks and breaks[-1] >= limit // 2 else head.rfind(" ")
    return head[: cut if cut > 0 else limit - 1].rstrip(" ,;:—–-") + "…"


def key_entities(names: Mapping[str, int], places: Iterable[str], limit: int) -> tuple[str, ...]:
    """The most named names, once each.

    "moor's" counts as "moor"; a surname gives way to the full name it ends or
    starts ("moor" to "tessa moor") when that is named at least half as often;
    longer runs of capitalised words are headline fragments ("Council Votes To
    Rebuild"), not names; the event's places are listed as places, not again here.
    """
    counts: Counter[str] = Counter()
    for name, count in names.items():
        counts[_POSSESSIVE.sub("", name)] += count
    place_names = {place.lower() for place in places}
    kept: list[str] = []
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        words = len(name.split())
        if name in place_names or name in _NOT_ENTITIES or words > NAME_WORDS:
            continue
        if any(_part_of(name, other) for other in kept):
            continue
        part = next((index for index, other in enumerate(kept) if _part_of(other, name)), None)
        if part is None:
            kept.append(name)
        elif count * 2 >= counts[kept[part]]:
            kept[part] = name
    return tuple(kept[:limit])


def _part_of(part: str, name: str) -> bool:
    """Whether `part` is the first or last words of the longer `name`."""
    words, whole = part.split(), name.split()
    if not words or len(words) >= len(whole):
        return False
    return whole[: len(words)] == words or whole[-len(words) :] == words


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
