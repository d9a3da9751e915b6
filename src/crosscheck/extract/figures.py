"""An article's own killed and injured figures, chosen from its quantities.

Reports repeat and update figures and mention other incidents, so the choice is a
rule, tuned on GVA (`eval/casualties.py`): the largest figure for each outcome
within the title and the lead (the first `LEAD_SENTENCES` sentences, where the news
is told; headlines like "2 killed, 3 hurt in ..." are often the plainest evidence);
"shot" figures count as injured once the killed are taken out ("four people were
shot, one was killed" is three injured); a shooter who killed himself after the
others ("then turned the gun on himself") is one killed more; "no casualties" sets
any outcome the lead does not state to zero.

Pooling title and lead beat letting the title's figures override the lead's on half
the GVA dev incidents (both figures right among stating: 0.738 against 0.712 when
it was chosen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.extract.quantities import SHOOTER
from crosscheck.records import ArticleFacts, Quantity

LEAD_SENTENCES = 5
OUTCOMES = frozenset({"killed", "injured", "shot", "casualties"})


@dataclass(frozen=True, slots=True)
class CasualtyFigures:
    killed: int | None
    injured: int | None
    evidence: tuple[str, ...] = ()  # the quantity texts behind the figures, title first


def _largest(quantities: Sequence[Quantity], counts: str) -> int | None:
    values = [int(q.value) for q in quantities if q.counts == counts and q.whose != SHOOTER]
    return max(values) if values else None


def article_figures(facts: ArticleFacts, lead_sentences: int = LEAD_SENTENCES) -> CasualtyFigures:
    title = [q for q in facts.title_quantities if q.counts in OUTCOMES]
    lead = [q for q in facts.quantities if q.sentence < lead_sentences and q.counts in OUTCOMES]
    pooled = title + lead
    killed, injured = _largest(pooled, "killed"), _largest(pooled, "injured")
    shot = _largest(pooled, "shot")
    if injured is None and shot is not None:
        injured = max(shot - (killed or 0), 0)
    if any(q.whose == SHOOTER for q in pooled):
        killed = (killed or 0) + 1  # after the subtraction: "shot" counts his victims
    if _largest(pooled, "casualties") == 0:
        killed = 0 if killed is None else killed
        injured = 0 if injured is None else injured
    return CasualtyFigures(killed, injured, tuple(q.text for q in pooled))
