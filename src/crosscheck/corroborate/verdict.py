"""Judge one aligned group of claims: agreed, disputed, single-source or updated.

- *agreed*: every value is compatible with every other, and at least two
  independent reports carry it without all citing one and the same source;
- *single-source*: compatible, but it rests on one independent report, or every
  report cites the same origin (four outlets repeating "TASS reported" is one source);
  also when one article alone gives several figures ("6 shot", "3 in hospital" that
  extraction put in one scope): no second source disputes anything;
- *updated*: the values conflict only where one source gave a new figure in a
  later article (a revision, shown oldest first, not a contradiction);
- *disputed*: anything else that conflicts, including an explicit denial.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import combinations

from crosscheck.corroborate.scope import DESCRIPTIVE_SLOTS, scope_key
from crosscheck.corroborate.settings import DEFAULT_SETTINGS, CorroborateSettings
from crosscheck.corroborate.sources import (
    EventSources,
    attribution_text,
    common_origin,
    share_an_origin,
)
from crosscheck.corroborate.text import clip, names_match, unit_for
from crosscheck.corroborate.values import is_denial, values_compatible
from crosscheck.records import Bound, Claim, ClaimGroup, ClaimValue, Hedge, Slot, Verdict

_BOUND_WORDS = {Bound.ABOUT: "about", Bound.AT_LEAST: "at least", Bound.AT_MOST: "up to"}
_LATEST = datetime.max


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _unique_names(names: Sequence[str]) -> tuple[str, ...]:
    """One entry per source: "Ilsa Brant" folds into "Mayor Ilsa Brant" (the fuller wording)."""
    kept: list[str] = []
    for name in filter(None, names):
        same = next((i for i, seen in enumerate(kept) if names_match(seen, name)), None)
        if same is None:
            kept.append(name)
        elif len(name) > len(kept[same]):
            kept[same] = name
    return tuple(kept)


def describe_value(value: ClaimValue) -> str:
    """'about 40 mi', 'at least 4 people', 'denied: Tochka-U'."""
    words = [
        _BOUND_WORDS.get(value.bound, "") if value.bound else "",
        value.value,
        unit_for(value.value, value.unit) or "",
    ]
    text = " ".join(word for word in words if word)
    return f"denied: {text}" if value.hedges == (Hedge.DENIED,) else text


# --------------------------------------------------------------------------- values


def _value_key(claim: Claim) -> tuple[object, ...]:
    bound = claim.bound or Bound.EXACT  # a bare figure is an exact one
    return (is_denial(claim), " ".join(claim.value.lower().split()), claim.unit, bound)


def bucket_values(claims: Sequence[Claim], sources: EventSources) -> list[list[Claim]]:
    """Claims with the same value together, earliest-published value first."""
    buckets: dict[tuple[object, ...], list[Claim]] = {}
    for claim in claims:
        buckets.setdefault(_value_key(claim), []).append(claim)
    ordered = list(buckets.values())
    return sorted(ordered, key=lambda bucket: _earliest(bucket, sources))


def _earliest(claims: Sequence[Claim], sources: EventSources) -> datetime:
    times = [sources.published(claim.article_id) for claim in claims]
    known = [time.replace(tzinfo=None) for time in times if time is not None]
    return min(known, default=_LATEST)


def make_value(bucket: Sequence[Claim], sources: EventSources) -> ClaimValue:
    first = bucket[0]
    article_ids = _unique([claim.article_id for claim in bucket])
    return ClaimValue(
        value=first.value,
        unit=first.unit,
        bound=first.bound,
        article_ids=article_ids,
        attributions=_unique_names([attribution_text(claim) for claim in bucket]),
        hedges=tuple(dict.fromkeys(claim.hedge for claim in bucket)),
        outlets=_unique([sources.outlet(article_id) for article_id in article_ids]),
        independent_count=len({sources.report(article_id) for article_id in article_ids}),
    )


# --------------------------------------------------------------------------- verdict


def judge_group(
    claims: Sequence[Claim],
    sources: EventSources,
    settings: CorroborateSettings = DEFAULT_SETTINGS,
) -> ClaimGroup:
    """One ClaimGroup for claims already aligned to one slot and scope."""
    buckets = bucket_values(claims, sources)
    values = tuple(make_value(bucket, sources) for bucket in buckets)
    conflicts = [
        (left, right)
        for left, right in combinations(range(len(buckets)), 2)
        if not values_compatible(buckets[left][0], buckets[right][0], settings)
    ]
    independent = len({sources.report(claim.article_id) for claim in claims})
    verdict, why = _decide(claims, buckets, values, conflicts, independent, sources)
    return ClaimGroup(claims[0].slot, _scope_label(claims), values, verdict, independent, why)


def _decide(
    claims: Sequence[Claim],
    buckets: Sequence[Sequence[Claim]],
    values: Sequence[ClaimValue],
    conflicts: Sequence[tuple[int, int]],
    independent: int,
    sources: EventSources,
) -> tuple[Verdict, str]:
    if not conflicts:
        return _decide_compatible(claims, independent, sources)
    reasons = _conflict_reasons(buckets, values, conflicts)
    if all(_is_update(buckets[a], buckets[b], sources) for a, b in conflicts):
        return Verdict.UPDATED, f"revised by the same source in a later report: {reasons}"
    if len({claim.article_id for claim in claims}) == 1 and not any(map(is_denial, claims)):
        return Verdict.SINGLE_SOURCE, f"one article gives several figures: {reasons}"
    return Verdict.DISPUTED, reasons


def _conflict_reasons(
    buckets: Sequence[Sequence[Claim]],
    values: Sequence[ClaimValue],
    conflicts: Sequence[tuple[int, int]],
) -> str:
    """'about 40 mi vs about 50 mi'; a denial is named once, not once per pair."""
    reasons: list[str] = []
    for left, right in conflicts:
        denied = [i for i in (left, right) if is_denial(buckets[i][0])]
        if len(denied) == 1:
            reasons.append(f"denied: {clip(values[denied[0]].value, 50)}")
        else:
            reasons.append(f"{_short(values[left])} vs {_short(values[right])}")
    return "; ".join(dict.fromkeys(reasons))


def _short(value: ClaimValue) -> str:
    return clip(describe_value(value), 50)


def _decide_compatible(
    claims: Sequence[Claim], independent: int, sources: EventSources
) -> tuple[Verdict, str]:
    reports = "1 independent report" if independent == 1 else f"{independent} independent reports"
    if independent == 1:
        return Verdict.SINGLE_SOURCE, reports
    origin = common_origin([claim.attribution for claim in claims])
    if origin is not None:
        return Verdict.SINGLE_SOURCE, f"{reports}, all citing {origin}"
    return Verdict.AGREED, f"{reports} agree"


def _is_update(earlier: Sequence[Claim], later: Sequence[Claim], sources: EventSources) -> bool:
    """Some source behind both values published them at different times."""
    for first in earlier:
        for second in later:
            times = sources.published(first.article_id), sources.published(second.article_id)
            if None in times or times[0] == times[1]:
                continue
            if share_an_origin(sources.origins(first), sources.origins(second)):
                return True
    return False


def _scope_label(claims: Sequence[Claim]) -> str | None:
    """The narrowest wording of the scope ("village-border" over "border"), then the
    most used; ties go alphabetically, so input order never matters."""
    scopes = [claim.scope for claim in claims if claim.scope]
    if not scopes:
        return None

    def preference(scope: str) -> tuple[int, int, str]:
        key = scope_key(claims[0].slot, scope)
        return (-len(key.subject) - len(key.measure), -scopes.count(scope), scope)

    return min(set(scopes), key=preference)


def group_label(group: ClaimGroup) -> str:
    """'casualties (injured servicemen)', 'weapon: drone', or a statement's own words."""
    if group.slot is Slot.STATEMENT and group.values:
        return clip(group.values[0].value)
    if group.slot in DESCRIPTIVE_SLOTS and group.values:
        return f"{group.slot.value}: {clip(group.values[0].value)}"
    return f"{group.slot.value} ({group.scope})" if group.scope else group.slot.value
