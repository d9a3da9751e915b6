"""Casualty figures on GVA: do the extracted killed and injured figures match gold?

    .venv/bin/python eval/casualties.py [PATH] [--show-misses N]

PATH defaults to ../shared/eval/gva-dev.jsonl. Each article is cleaned (by
`crosscheck.clean`, as ingest does, so boilerplate and teasers are dropped), split
into sentences and run through `extract_facts`; `article_figures` then picks the
article's killed and injured figures from its quantities (see its docstring).
Articles whose gold figures are missing are left out.

Printed, for killed, injured and both: the exact-match rate over all articles (an
article that states no figure counts as a miss) and among the articles that state
one. Exits 1 when a rate is below its floor in `eval/baseline.json` key
"casualties" (keys like "killed_stated", "both_all").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crosscheck.clean import clean_document, split_sentences
from crosscheck.errors import InputError
from crosscheck.extract import article_figures, extract_facts
from crosscheck.records import Article, RawDocument, Sentence

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass
class Tally:
    stated: int = 0
    matched: int = 0
    total: int = 0

    def rates(self) -> tuple[float, float]:
        return self.matched / max(self.total, 1), self.matched / max(self.stated, 1)


def prepared(row: dict[str, object]) -> tuple[Article, list[Sentence]] | None:
    """The page cleaned and split as ingest would (teasers and boilerplate dropped)."""
    raw = RawDocument(
        source_id=str(row["id"]), origin=f"gva:{row['id']}", text=str(row["text"]),
        url=str(row.get("url") or "") or None, title=str(row.get("title") or "") or None,
        published=str(row.get("published") or "") or None,
    )  # fmt: skip
    try:
        article = clean_document(raw)
    except InputError:
        return None
    return article, split_sentences(article)


def score(rows: Sequence[dict[str, object]], show_misses: int) -> dict[str, float]:
    tallies = {"killed": Tally(), "injured": Tally(), "both": Tally()}
    shown = 0
    for row in rows:
        gold = row["gold"]
        assert isinstance(gold, dict)
        if gold.get("killed") is None or gold.get("injured") is None:
            continue
        cleaned = prepared(row)
        if cleaned is None:
            _count(tallies["killed"], None, 0)
            _count(tallies["injured"], None, 0)
            _count(tallies["both"], None, 0)
            continue
        article, sentences = cleaned
        figures = article_figures(extract_facts(article, sentences))
        truth = {"killed": gold["killed"], "injured": gold["injured"]}
        predicted = {"killed": figures.killed, "injured": figures.injured}
        for key in ("killed", "injured"):
            _count(tallies[key], predicted[key], truth[key])
        both = None if figures.killed is None and figures.injured is None else (
            figures.killed or 0, figures.injured or 0)  # fmt: skip
        _count(tallies["both"], both, (truth["killed"], truth["injured"]))
        if both is not None and both != (truth["killed"], truth["injured"]) and shown < show_misses:
            shown += 1
            print(f"MISS {row['id']} gold={truth} got={predicted} why={figures.evidence}")
    return _report(tallies)


def _count(tally: Tally, predicted: object, truth: object) -> None:
    tally.total += 1
    if predicted is not None:
        tally.stated += 1
        tally.matched += predicted == truth


def _report(tallies: dict[str, Tally]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for key, tally in tallies.items():
        overall, among_stated = tally.rates()
        scores[f"{key}_all"], scores[f"{key}_stated"] = overall, among_stated
        print(
            f"{key:8} exact-match {overall:.3f} of {tally.total} articles; "
            f"{among_stated:.3f} of the {tally.stated} that state a figure"
        )
    return scores


def _floors() -> dict[str, float]:
    baseline = REPO / "eval" / "baseline.json"
    if not baseline.exists():
        return {}
    floors = json.loads(baseline.read_text()).get("casualties", {})
    return {str(key): float(value) for key, value in floors.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=SHARED / "eval" / "gva-dev.jsonl")
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.path.read_text().splitlines() if line.strip()]
    scores = score(rows, args.show_misses)
    failed = [k for k, floor in _floors().items() if scores.get(k, 0.0) < floor]
    for key in failed:
        print(f"below floor: {key} {scores.get(key, 0.0):.3f} < {_floors()[key]:.3f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
