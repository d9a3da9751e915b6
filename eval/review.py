"""How well `crosscheck review` finds misplaced articles: the share of those it lists.

Run through `eval/cluster.py FILE --pipeline --review`, on the store the whole engine
filled. An article is misplaced when it is not in the event holding most of its gold
event's articles, or is in an event most of whose articles report another gold event.
Review is worth a person's time when what it lists is misplaced far more often than
articles are at all: `lift` is that ratio, held to the floor in eval/baseline.json
key "review-<set>" ("lift"). With the shipped models, on GVA 17 of the 63 listed
(27%, margin 0.15) are misplaced against 6% of all articles (lift 4.5); on ECB+ 7 of
28 (25%) against 5% (lift 5.2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from crosscheck.report.review import DEFAULT_MARGIN, doubtful_placements
from crosscheck.store.base import Store


@dataclass(frozen=True, slots=True)
class ReviewFigures:
    listed: int
    listed_misplaced: int
    articles: int
    misplaced: int

    @property
    def listed_share(self) -> float:
        return self.listed_misplaced / self.listed if self.listed else 0.0

    @property
    def overall_share(self) -> float:
        return self.misplaced / self.articles if self.articles else 0.0

    @property
    def lift(self) -> float:
        return self.listed_share / self.overall_share if self.overall_share else 0.0

    def __str__(self) -> str:
        return (
            f"review lists {self.listed} articles (margin {DEFAULT_MARGIN}): "
            f"{self.listed_share:.0%} misplaced, against {self.overall_share:.0%} of all "
            f"{self.articles} (lift {self.lift:.1f})"
        )


def misplaced(placed: Mapping[str, str], gold: Mapping[str, str]) -> set[str]:
    """Articles not in their gold event's main event, or in an event mostly of another."""
    scored = [article for article in placed if article in gold]
    by_gold: dict[str, Counter[str]] = {}
    by_event: dict[str, Counter[str]] = {}
    for article in scored:
        by_gold.setdefault(gold[article], Counter())[placed[article]] += 1
        by_event.setdefault(placed[article], Counter())[gold[article]] += 1
    # Ties go by name, so the figure does not depend on the order articles came in.
    main_event = {g: min(c, key=lambda e: (-c[e], e)) for g, c in by_gold.items()}
    main_gold = {e: min(c, key=lambda g: (-c[g], g)) for e, c in by_event.items()}
    return {
        article
        for article in scored
        if main_event[gold[article]] != placed[article]
        or main_gold[placed[article]] != gold[article]
    }


def review_figures(
    store: Store, placed: Mapping[str, str], gold: Mapping[str, str]
) -> ReviewFigures:
    """What `crosscheck review` lists of the store, scored against the gold events."""
    wrong = misplaced(placed, gold)
    listed = {item.article.source_id for item in doubtful_placements(store)} & set(gold)
    scored = [article for article in placed if article in gold]
    return ReviewFigures(len(listed), len(listed & wrong), len(scored), len(wrong))
