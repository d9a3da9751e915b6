"""An article's own killed and injured figures, chosen from its quantities.

Reports repeat and update figures and mention other incidents, so the choice is a
rule, tuned on GVA (`eval/casualties.py`): the largest figure for each outcome
within the title and the lead (the first `LEAD_SENTENCES` sentences, where the news
is told; headlines like "2 killed, 3 hurt in ..." are often the plainest evidence);
"shot" figures count as injured once the killed are taken out ("four people were
shot, one was killed" is three injured), and raise a smaller injured figure ("five
people were shot ... two are in critical condition" is five injured); a shooter who
killed himself after the others ("then turned the gun on himself") is one more than
the victims told with him; area-wide totals ("3 dead, 26 wounded in weekend Detroit
shootings"; see `area_totals`) are left out; "no casualties" sets any outcome the
lead does not state to zero.

Pooling title and lead beat letting the title's figures override the lead's on half
the GVA dev incidents (both figures right among stating: 0.738 against 0.712 when
it was chosen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.extract.area_totals import AREA_TOTAL
from crosscheck.extract.self_killings import SHOOTER
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


def _is_toll(quantity: Quantity) -> bool:
    """An outcome figure of this incident (area-wide totals are of several)."""
    return quantity.counts in OUTCOMES and quantity.whose != AREA_TOTAL


def _with_shooter(pooled: Sequence[Quantity], killed: int | None) -> int | None:
    """The toll with a shooter who killed himself: one more than the victims told with him.

    "fatally shot seven people before killing himself" is eight; but "A man and two
    children are dead" then "he shot them and then himself" stays three, as the
    total already holds him (adding one to the article's largest figure instead was
    worse on the tuning half of the GVA dev incidents).
    """
    shooters = [q for q in pooled if q.whose == SHOOTER]
    with_victims = [
        (_largest([q for q in pooled if q.sentence == shooter.sentence], "killed") or 0) + 1
        for shooter in shooters
    ]
    return max([killed or 0, *with_victims]) if shooters else killed


def article_figures(facts: ArticleFacts, lead_sentences: int = LEAD_SENTENCES) -> CasualtyFigures:
    title = [q for q in facts.title_quantities if _is_toll(q)]
    lead = [q for q in facts.quantities if q.sentence < lead_sentences and _is_toll(q)]
    pooled = title + lead
    killed, injured = _largest(pooled, "killed"), _largest(pooled, "injured")
    shot = _largest(pooled, "shot")
    if shot is not None:  # "five people were shot; two are in critical condition": five hurt
        surplus = max(shot - (killed or 0), 0)
        injured = surplus if injured is None else max(injured, surplus)
    killed = _with_shooter(pooled, killed)  # after the subtraction: "shot" counts his victims
    if _largest(pooled, "casualties") == 0:
        killed = 0 if killed is None else killed
        injured = 0 if injured is None else injured
    return CasualtyFigures(killed, injured, tuple(q.text for q in pooled))
