"""Event places on GVA: is the town extraction gives an article's event the incident's city?

    .venv/bin/python eval/places.py [PATH] [--show-misses N]

PATH defaults to ../shared/eval/gva-dev.jsonl. Each page is cleaned, split and run
through `extract_facts` as ingest does (eval/casualties.py `prepared`); its
`event_place` is compared with the gold city and state. Gold cities sometimes
name a neighbourhood with its city ("Arverne (Queens)"): either part counts.
Records without a gold city are left out.

Printed: the share of articles whose town is the incident's city, whose state is
the incident's state, and that have a place at all; then the same on the held-out
half of the incidents (see eval/casualties.py `held_out`). Exits 1 when a rate over
all incidents is below its floor in `eval/baseline.json` key "places" ("town",
"region").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casualties import held_out, prepared, run_on_gva

from crosscheck.extract import extract_facts
from crosscheck.records import EventPlace


@dataclass
class Tally:
    total: int = 0
    town: int = 0
    region: int = 0
    placed: int = 0

    def rates(self) -> dict[str, float]:
        total = max(self.total, 1)
        return {
            "town": self.town / total,
            "region": self.region / total,
            "placed": self.placed / total,
        }


def _simple(name: str) -> str:
    """Lower case, "St." and "Saint" alike, no punctuation."""
    name = re.sub(r"\bst\b\.?", "saint", name.lower())
    return re.sub(r"[^a-z ]", "", name).strip()


def gold_towns(city: str) -> set[str]:
    """The gold city and the place in its brackets: "Arverne (Queens)" -> both."""
    parts = re.split(r"[()]", city)
    return {_simple(part) for part in parts if part.strip()}


def town_matches(place: EventPlace | None, city: str) -> bool:
    return place is not None and _simple(place.town) in gold_towns(city)


def score(rows: Sequence[dict[str, object]], show_misses: int) -> tuple[Tally, Tally]:
    everything, held = Tally(), Tally()
    shown = 0
    for row in rows:
        gold = row.get("gold")
        city = gold.get("city") if isinstance(gold, dict) else None
        cleaned = prepared(row) if isinstance(city, str) and city else None
        if not isinstance(gold, dict) or not isinstance(city, str) or cleaned is None:
            continue
        place = extract_facts(*cleaned).event_place
        town = town_matches(place, city)
        region = place is not None and place.region == gold.get("state")
        for tally in (everything, held) if held_out(row) else (everything,):
            tally.total += 1
            tally.town += town
            tally.region += region
            tally.placed += place is not None
        if not town and shown < show_misses:
            shown += 1
            found = place.label if place else None
            print(f"{row['id']}: gold {city}, {gold.get('state')}; found {found}")
    return everything, held


def _report(tally: Tally) -> dict[str, float]:
    rates = tally.rates()
    print(
        f"  articles {tally.total}: town is the incident's city {rates['town']:.3f}, "
        f"state is its state {rates['region']:.3f}, a place found {rates['placed']:.3f}"
    )
    return {"town": rates["town"], "region": rates["region"]}


def main(argv: Sequence[str] | None = None) -> int:
    return run_on_gva(argv, __doc__.splitlines()[0], score, _report, "places")


if __name__ == "__main__":
    sys.exit(main())
