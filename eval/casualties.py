"""Casualty figures on GVA: do the extracted killed and injured figures match gold?

    .venv/bin/python eval/casualties.py [PATH] [--show-misses N]

PATH defaults to ../shared/eval/gva-dev.jsonl. Each article is cleaned (by
`crosscheck.clean`, as ingest does, so boilerplate and teasers are dropped), split
into sentences and run through `extract_facts`; `article_figures` then picks the
article's killed and injured figures from its quantities (see its docstring).
Articles whose gold figures are missing are left out.

The article's title goes in with it (`Article.title`, which `extract_facts` reads as
the engine does), so this measures what users get.

Printed, for killed, injured and both: the exact-match rate over all articles (an
article that states no figure counts as a miss) and among the articles that state
one; then the same on the held-out half of the incidents (those whose id hashes
odd: rules were tuned looking only at the other half's misses, so a gap between
the two lines is overfitting). Exits 1 when a rate over all incidents is below its
floor in `eval/baseline.json` key "casualties" (keys like "killed_stated", "both_all").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from crosscheck.clean import clean_document, split_sentences
from crosscheck.errors import InputError
from crosscheck.extract import CasualtyFigures, article_figures, extract_facts
from crosscheck.read.jsonrecords import document_from_record
from crosscheck.records import Article, Sentence

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


T = TypeVar("T")


@dataclass
class Tally:
    stated: int = 0
    matched: int = 0
    total: int = 0

    def rates(self) -> tuple[float, float]:
        return self.matched / max(self.total, 1), self.matched / max(self.stated, 1)


Tallies = dict[str, Tally]


def prepared(row: dict[str, object]) -> tuple[Article, list[Sentence]] | None:
    """The page read, cleaned and split as ingest would (title kept, teasers dropped)."""
    try:
        article = clean_document(document_from_record(f"gva:{row['id']}", row, None))
    except InputError:
        return None
    return article, split_sentences(article)


def held_out(row: dict[str, object]) -> bool:
    """The half of the incidents that no rule was tuned on (odd first byte of the hash)."""
    return hashlib.sha256(str(row["event"]).encode()).digest()[0] % 2 == 1


Figures = tuple[int | None, int | None]


def figures_of(row: dict[str, object]) -> CasualtyFigures:
    """The figures as a user gets them: cleaned, split, extracted, chosen."""
    cleaned = prepared(row)
    if cleaned is None:
        return CasualtyFigures(None, None)
    return article_figures(extract_facts(*cleaned))


def score(rows: Sequence[dict[str, object]], show_misses: int) -> tuple[Tallies, Tallies]:
    """Tallies over all incidents and over the held-out half."""
    everything, held = _tallies(), _tallies()
    shown = 0
    for row in rows:
        gold = row["gold"]
        assert isinstance(gold, dict)
        if gold.get("killed") is None or gold.get("injured") is None:
            continue
        truth = (gold["killed"], gold["injured"])
        figures = figures_of(row)
        predicted = (figures.killed, figures.injured)
        for tallies in (everything, held) if held_out(row) else (everything,):
            _count_article(tallies, predicted, truth)
        if predicted != (None, None) and _both(predicted) != truth and shown < show_misses:
            shown += 1
            print(f"MISS {row['id']} gold={truth} got={predicted} why={figures.evidence}")
    return everything, held


def _tallies() -> Tallies:
    return {"killed": Tally(), "injured": Tally(), "both": Tally()}


def _count_article(tallies: Tallies, predicted: Figures, truth: tuple[int, int]) -> None:
    _count(tallies["killed"], predicted[0], truth[0])
    _count(tallies["injured"], predicted[1], truth[1])
    _count(tallies["both"], None if predicted == (None, None) else _both(predicted), truth)


def _both(predicted: Figures) -> tuple[int, int]:
    """An outcome the article leaves out counts as none when it states the other."""
    return predicted[0] or 0, predicted[1] or 0


def _count(tally: Tally, predicted: object, truth: object) -> None:
    tally.total += 1
    if predicted is not None:
        tally.stated += 1
        tally.matched += predicted == truth


def _report(tallies: Tallies) -> dict[str, float]:
    scores: dict[str, float] = {}
    for key, tally in tallies.items():
        overall, among_stated = tally.rates()
        scores[f"{key}_all"], scores[f"{key}_stated"] = overall, among_stated
        print(
            f"{key:8} exact-match {overall:.3f} of {tally.total} articles; "
            f"{among_stated:.3f} of the {tally.stated} that state a figure"
        )
    return scores


def below_floors(scores: dict[str, float], key: str) -> int:
    """1, naming each, when a score is below its floor under `key` in eval/baseline.json."""
    baseline = REPO / "eval" / "baseline.json"
    pinned = json.loads(baseline.read_text()).get(key, {}) if baseline.exists() else {}
    floors = {str(name): float(value) for name, value in pinned.items()}
    failed = [name for name, floor in floors.items() if scores.get(name, 0.0) < floor]
    for name in failed:
        print(f"below floor: {name} {scores.get(name, 0.0):.3f} < {floors[name]:.3f}")
    return 1 if failed else 0


def run_on_gva(
    argv: Sequence[str] | None,
    description: str,
    score: Callable[[Sequence[dict[str, object]], int], tuple[T, T]],
    report: Callable[[T], dict[str, float]],
    key: str,
) -> int:
    """The command line these GVA scorers share: PATH, --show-misses, both halves, floors."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path", nargs="?", type=Path, default=SHARED / "eval" / "gva-dev.jsonl")
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.path.read_text().splitlines() if line.strip()]
    everything, held = score(rows, args.show_misses)
    print("all incidents:")
    scores = report(everything)
    print("held-out half of the incidents:")
    report(held)
    return below_floors(scores, key)


def main(argv: Sequence[str] | None = None) -> int:
    return run_on_gva(argv, __doc__.splitlines()[0], score, _report, "casualties")


if __name__ == "__main__":
    sys.exit(main())
