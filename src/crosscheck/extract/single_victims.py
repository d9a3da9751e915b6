"""One victim of several: a count of one beside the article's own larger count.

"Four people were shot ... A 17-year-old was also shot in the leg": the second
sentence counts one of the four, not a rival total. Read in the same scope, the
two figures conflict, and another outlet's "4 shot" then "disputes" the article's
"1". On the GVA development file, of the casualty disputes between one and N
people, the gold figure was N in 65% and one in 8%. So a count of one goes to a
scope of its own ("shot people, one of several") when the same article gives a
larger count in that very scope; a lone "a man was shot" stays a total. Over a
GVA ingest, disputed groups went from 172 to 133 and the one-versus-N disputes
where gold is N from 50 to 21; the 8 where gold is one are still disputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crosscheck.records import Bound, Claim, Slot

ONE_OF_SEVERAL = "one of several"


def mark_single_victims(claims: Sequence[Claim]) -> list[Claim]:
    """The article's claims, a count of one beside a larger count re-scoped."""
    largest: dict[str | None, float] = {}
    for claim in claims:
        count = _count(claim)
        if count is not None:
            largest[claim.scope] = max(largest.get(claim.scope, 0.0), count)
    return [
        replace(claim, scope=f"{claim.scope}, {ONE_OF_SEVERAL}")
        if _count(claim) == 1
        and claim.bound in (None, Bound.EXACT)
        and largest.get(claim.scope, 0.0) > 1
        else claim
        for claim in claims
    ]


def _count(claim: Claim) -> float | None:
    """A casualty claim's number; None for other claims."""
    if claim.slot is not Slot.CASUALTIES:
        return None
    try:
        return float(claim.value)
    except ValueError:
        return None
