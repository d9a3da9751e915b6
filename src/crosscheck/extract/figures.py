"""An article's own killed and injured figures, chosen from its quantities.

Reports repeat and update figures and mention other incidents, so the choice is a
rule, tuned on GVA (`eval/casualties.py`): the largest figure for each outcome
within the lead (the first `LEAD_SENTENCES` sentences, where the news is told);
"shot" figures count as injured once the killed are taken out ("four people were
shot, one was killed" is three injured); "no casualties" sets any outcome the lead
does not state to zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.records import ArticleFacts, Quantity

LEAD_SENTENCES = 5
OUTCOMES = frozenset({"killed", "injured", "shot", "casualties"})


@dataclass(frozen=True, slots=True)
class CasualtyFigures:
    killed: int | None
    injured: int | None
    evidence: tuple[str, ...] = ()  # the quantity texts behind the figures


def _largest(quantities: list[Quantity], counts: str) -> int | None:
    values = [int(quantity.value) for quantity in quantities if quantity.counts == counts]
    return max(values) if values else None


def article_figures(facts: ArticleFacts, lead_sentences: int = LEAD_SENTENCES) -> CasualtyFigures:
    lead = [q for q in facts.quantities if q.sentence < lead_sentences and q.counts in OUTCOMES]
    killed, injured = _largest(lead, "killed"), _largest(lead, "injured")
    shot = _largest(lead, "shot")
    if injured is None and shot is not None:
        injured = max(shot - (killed or 0), 0)
    if _largest(lead, "casualties") == 0:
        killed = 0 if killed is None else killed
        injured = 0 if injured is None else injured
    return CasualtyFigures(killed, injured, tuple(q.text for q in lead))
