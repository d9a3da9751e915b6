"""Whole-pipeline throughput: read -> clean -> extract -> cluster -> copies -> dossier.

Usage: python bench/pipeline.py [--sizes 1000,10000] [--per-event 6] [--seed 7]

Generates a synthetic corpus of fictional incident reports (JSON Lines: several
outlets per incident, some verbatim or lightly edited copies, conflicting
figures, loaded wording), ingests it into a fresh SQLite store with
`crosscheck.engine.local.ingest`, then builds and serialises every event's
dossier. Each size runs in its own process so that peak memory (max RSS) is
that size's alone. Prints articles/s for ingest, for dossiers and overall, the
CPU seconds of all threads over the same span (a busy machine inflates wall time
more than CPU time; the model's process is not counted), the peak memory of this
process and of the model's, and the B3 precision and recall of the events against the
incidents the corpus was written from. With the shipped link model the 1k corpus
scores B3 P 0.47 (78 events for 167 incidents): same-day reports of different
blasts, written from one template with other town and official names, are joined,
and the timings include the copy linking and embedding that brings (the same run
with the incidents as events, in a test harness, was ~127 instead of ~110 articles/s).
Goal (issue 6): at least 100 articles/s overall on the two-core machine.
Since clustering embeds title + 1,000 characters by the tuned lead encoder (192
word pieces, three times the 250 characters plain MiniLM had), the 1k corpus
runs at 36 articles/s ingest, 34 overall, against 68 and 62 for the commit before
it on the same machine the same hour (model process 751 MiB, was 505): below
the goal. Shorter leads were measured and lose accuracy (eval/encoder.py: 500
characters, held-out ECB+ 0.9059 against 0.9184). Batches capped at 3,072 padded
word pieces (`minilm.TOKEN_BUDGET`: 16 leads a batch, not 64) took the model
process from 774-874 to 570-618 MiB; ingest 41-43 -> 40-45 articles/s (alternating
runs, 2026-12-04: within noise here, though one thread embeds real leads 18%
faster 16 a batch).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

# eval/ is a folder of scripts, not a package: its B3 scorer is imported by path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from b3 import b3

OUTLETS = ("Northwire", "Daily Clarion", "Harbour Times", "Eastern Ledger", "Valley Post", "Quill")
LOADED = ("dramatic", "huge", "terrifying", "shocking", "so-called", "brutal")
PLACES = ("warehouse", "fuel depot", "rail yard", "substation", "bridge", "factory")
SYLLABLES = (
    "var",
    "holm",
    "cas",
    "tel",
    "mar",
    "wick",
    "ost",
    "brin",
    "dal",
    "fen",
    "lor",
    "stead",
)


def town(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def incident(rng: random.Random, number: int) -> dict[str, object]:
    start = datetime(2031, 1, 1) + timedelta(days=number // 3, hours=rng.randint(0, 23))
    return {
        "town": town(rng),
        "city": town(rng),
        "place": rng.choice(PLACES),
        "injured": rng.randint(0, 12),
        "miles": rng.randint(5, 60),
        "official": f"{rng.choice(('Mayor', 'Chief', 'Governor'))} {town(rng)} {town(rng)}",
        "start": start,
    }


def report(rng: random.Random, facts: dict[str, object], outlet: str) -> str:
    injured = int(facts["injured"]) + (rng.random() < 0.2) * rng.randint(1, 3)  # type: ignore[call-overload]
    miles = int(facts["miles"]) + (rng.random() < 0.2) * 10  # type: ignore[call-overload]
    adjective = rng.choice(LOADED) + " " if rng.random() < 0.4 else ""
    sentences = [
        f"A {adjective}blast hit a {facts['place']} near {facts['town']} overnight, "
        f"{outlet} reported.",
        f"The site lies about {miles} miles from {facts['city']}.",
        f"{injured} workers were injured, according to {facts['official']}.",
        f'{facts["official"]} said: "Crews are at the scene and the area is sealed off."',
        f"It was the {rng.choice(('first', 'second'))} blast in the region this year.",
        f"Police in {facts['city']} said they could not confirm the cause.",
    ]
    filler = [
        f"Residents of {facts['town']} described the night to reporters.",
        f"Roads around the {facts['place']} stayed closed until the morning.",
        f"Officials in {facts['city']} promised an inquiry into safety at the site.",
    ]
    return " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:] + filler)


def write_corpus(path: Path, size: int, per_event: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < size:
            facts = incident(rng, written // per_event)
            original = report(rng, facts, OUTLETS[0])
            for k in range(min(per_event, size - written)):
                outlet = OUTLETS[k % len(OUTLETS)]
                # The first article is the wire copy; every third re-runs it lightly edited.
                if k == 0 or k % 3 == 1:
                    text = (
                        original if k == 0 else f"{original} ({outlet} contributed to this report.)"
                    )
                else:
                    text = report(rng, facts, outlet)
                published = facts["start"] + timedelta(hours=1 + k)  # type: ignore[operator]
                record = {
                    "id": f"a{written}",
                    "outlet": outlet,
                    "title": text.split(",")[0],
                    "published": published.isoformat(),
                    "text": text,
                }
                out.write(json.dumps(record) + "\n")
                written += 1


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads of this process
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_one(size: int, per_event: int, seed: int) -> dict[str, float]:
    from crosscheck.engine.local import ingest
    from crosscheck.report.dossier_json import to_json
    from crosscheck.report.dossier_store import dossier_from_store
    from crosscheck.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_corpus(corpus, size, per_event, seed)
        store = open_store(Path(folder) / "bench.db")
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        summary = ingest([str(corpus)], store)
        ingested = time.perf_counter()
        events = store.events()
        for event in events:
            json.dumps(to_json(dossier_from_store(store, event)))
        finished, cpu_used = time.perf_counter(), _cpu_seconds() - cpu_started
        found = {
            article.source_id: event.id
            for event in events
            for article in store.get_articles(event.article_ids)
        }
        store.close()
    # The model ran in a child process (crosscheck.embed_worker): stop it to read its peak.
    from crosscheck.embed_worker import close_shared_child

    close_shared_child()
    model_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # The corpus knows its incidents: a score far from 1 means the timings are of
    # another workload (events merged across incidents make copy linking quadratic).
    written = {source_id: int(source_id[1:]) // per_event for source_id in found}
    return {
        "articles": size,
        "stored": summary.stored,
        "events": len(events),
        "b3_precision": b3(found, written).precision,
        "b3_recall": b3(found, written).recall,
        "cpu_s": cpu_used,
        "ingest_per_s": size / (ingested - started),
        "dossier_per_s": size / max(finished - ingested, 1e-9),
        "overall_per_s": size / (finished - started),
        "seconds": finished - started,
        "peak_rss_mib": peak_rss_mib(),
        "model_peak_mib": model_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--per-event", type=int, default=6, help="articles per incident")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.per_event, args.seed)))
        return
    columns = ("articles", "events", "B3 P", "B3 R", "ingest/s", "dossier/s", "overall/s")
    columns += ("CPU s", "peak MiB", "model MiB")
    print(" ".join(f"{name:>10}" for name in columns))
    for size in (int(part) for part in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(size), "--per-event", str(args.per_event)]
        child = subprocess.run(command, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            sys.exit(f"size {size} failed:\n{child.stderr[-2000:]}")
        result = json.loads(child.stdout)
        cells = [f"{result[key]:>10.0f}" for key in ("articles", "events")]
        cells += [f"{result[key]:>10.3f}" for key in ("b3_precision", "b3_recall")]
        rates = ("ingest_per_s", "dossier_per_s", "overall_per_s", "cpu_s", "peak_rss_mib")
        rates += ("model_peak_mib",)
        cells += [f"{result[key]:>10.0f}" for key in rates]
        print(" ".join(cells))


if __name__ == "__main__":
    main()
