"""Run every accuracy script whose floor is pinned in eval/baseline.json; fail if any drops.

    .venv/bin/python eval/check_floors.py [--only NAME ...]

Each script reads its own floors from eval/baseline.json and exits 1 below them;
this runner only sequences them, shows their figures and the time each took, and
exits 1 if any failed. Without ../shared beside the checkout (a lone clone) there
is nothing to score against, and it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

_ECBPLUS, _GVA = str(SHARED / "eval" / "ecbplus-dev.jsonl"), str(SHARED / "eval" / "gva-dev.jsonl")
# check name -> (its baseline.json key, the command that checks it; paths relative to the
# repo root). Clustering is held to its floors twice: driving the clusterer as training
# does, and through the whole engine and its export (what `crosscheck ingest` stores),
# where what `crosscheck review` lists of the store is held to its floor too.
CHECKS: dict[str, tuple[str, list[str]]] = {
    "paraphrase": ("paraphrase", ["eval/paraphrase.py"]),
    "copies": ("copies", ["eval/copies.py"]),
    "casualties": ("casualties", ["eval/casualties.py"]),
    "dates": ("dates", ["eval/dates.py"]),
    "places": ("places", ["eval/places.py"]),
    "quotes": ("quotes", ["eval/quotes.py"]),
    # ECB+'s undated articles arrive in file order, one draw of many: its floors hold
    # the mean of four arrival orders (eval/cluster.py --orders).
    "cluster-ecbplus": ("cluster-ecbplus", ["eval/cluster.py", _ECBPLUS, "--orders", "4"]),
    "cluster-gva": ("cluster-gva", ["eval/cluster.py", _GVA]),
    "cluster-ecbplus-pipeline": (
        "cluster-ecbplus-pipeline",
        ["eval/cluster.py", _ECBPLUS, "--pipeline", "--review"],
    ),
    "cluster-gva-pipeline": ("cluster-gva", ["eval/cluster.py", _GVA, "--pipeline", "--review"]),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="names of checks to run")
    args = parser.parse_args()
    if not (SHARED / "eval").is_dir():
        print(f"no {SHARED / 'eval'}: accuracy floors not checked")
        return 0
    pinned = json.loads((REPO / "eval" / "baseline.json").read_text(encoding="utf-8"))
    names = [name for name, (key, _) in CHECKS.items() if key in pinned]
    failed = []
    for name in names:
        if args.only is not None and name not in args.only:
            continue
        started = time.monotonic()
        command = CHECKS[name][1]
        result = subprocess.run([sys.executable, *command], cwd=REPO, check=False)
        print(
            f"-- {name}: {'ok' if result.returncode == 0 else 'FAILED'} "
            f"({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print(f"accuracy below the pinned floor: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
