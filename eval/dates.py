"""Event dates on GVA: is the day extraction gives an article's event the incident's day?

    .venv/bin/python eval/dates.py [PATH] [--show-misses N]

PATH defaults to ../shared/eval/gva-dev.jsonl. Each page is cleaned, split and run
through `extract_facts` as ingest does (eval/casualties.py `prepared`); its
`event_date` (the day clustering and the dossier use) is compared with the gold
incident date. Gold gives month and day without a year, so month and day are
compared. The gold field is cut at 10 characters in this file ("November 2" may be
November 2 or 20-29): such dates are left out, as are records without one.

Printed: the share of articles whose event date is the incident's day, the share
within a day of it, and, for comparison, the share whose publication date is the
incident's day (what a tool without date resolution would give); then the same on
the held-out half of the incidents (see eval/casualties.py `held_out`). Exits 1
when a rate over all incidents is below its floor in `eval/baseline.json` key
"dates" ("exact", "within_a_day").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casualties import held_out, prepared, run_on_gva

from crosscheck.extract import extract_facts

_MONTHS = [date(2000, month, 1).strftime("%B").lower() for month in range(1, 13)]
_GOLD_DAY = re.compile(r"([A-Za-z]+) (\d{1,2})(?:,|$)")
_CUT_AT = 10  # the length the gold field is cut to


@dataclass
class Tally:
    total: int = 0
    exact: int = 0
    within_a_day: int = 0
    published: int = 0

    def rates(self) -> dict[str, float]:
        total = max(self.total, 1)
        return {
            "exact": self.exact / total,
            "within_a_day": self.within_a_day / total,
            "published": self.published / total,
        }


def gold_day(text: object) -> tuple[int, int] | None:
    """(month, day) of a gold incident date, or None when missing or cut ambiguously."""
    if not isinstance(text, str) or (len(text) >= _CUT_AT and "," not in text):
        return None
    match = _GOLD_DAY.match(text.strip())
    if match is None or match[1].lower() not in _MONTHS:
        return None
    return _MONTHS.index(match[1].lower()) + 1, int(match[2])


def _same_day(found: date | None, gold: tuple[int, int], slack: int = 0) -> bool:
    if found is None:
        return False
    near = (found + timedelta(days=offset) for offset in range(-slack, slack + 1))
    return any((day.month, day.day) == gold for day in near)


def score(rows: Sequence[dict[str, object]], show_misses: int) -> tuple[Tally, Tally]:
    everything, held = Tally(), Tally()
    shown = 0
    for row in rows:
        gold = row.get("gold")
        day = gold_day(gold.get("incident_date")) if isinstance(gold, dict) else None
        cleaned = prepared(row) if day is not None else None
        if day is None or cleaned is None:
            continue
        article, sentences = cleaned
        found = extract_facts(article, sentences).event_date
        published = article.published.date() if article.published else None
        for tally in (everything, held) if held_out(row) else (everything,):
            tally.total += 1
            tally.exact += _same_day(found, day)
            tally.within_a_day += _same_day(found, day, slack=1)
            tally.published += _same_day(published, day)
        if not _same_day(found, day) and shown < show_misses:
            shown += 1
            print(f"MISS {row['id']} gold={gold} got={found} published={published}")
    return everything, held


def _report(tally: Tally) -> dict[str, float]:
    rates = tally.rates()
    print(
        f"event date is the incident's day {rates['exact']:.3f}, within a day "
        f"{rates['within_a_day']:.3f} of {tally.total} articles "
        f"(publication date is the day: {rates['published']:.3f})"
    )
    return rates


def main(argv: Sequence[str] | None = None) -> int:
    return run_on_gva(argv, __doc__.splitlines()[0], score, _report, "dates")


if __name__ == "__main__":
    sys.exit(main())
