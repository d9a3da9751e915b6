"""Quote attribution coverage: how many direct quotes get a speaker.

    .venv/bin/python eval/quotes.py [--show-unattributed N]

Each page of ../shared/eval/gva-dev.jsonl and ecbplus-dev.jsonl is read, cleaned,
split and run through `extract_facts` as ingest does (eval/casualties.py `prepared`);
its direct quotes of five words or more (shorter ones are mostly scare quotes and
titles) are counted, with the share that has a speaker, and of those the share whose
speaker is one of the article's named entities rather than a description ("woman",
"victim's aunt", "police"). Neither file labels speakers, so this measures coverage,
not correctness: a change that raises it needs its new attributions read by hand
(the quotes module's docstring gives the last reading). Exits 1 when a file's
attributed share is below its floor in eval/baseline.json key "quotes"
("<set>_attributed").
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casualties import SHARED, below_floors, prepared

from crosscheck.extract import extract_facts
from crosscheck.records import SpeechMode

FILES = {"gva": "gva-dev.jsonl", "ecbplus": "ecbplus-dev.jsonl"}
MIN_WORDS = 5


@dataclass
class Coverage:
    quotes: int = 0
    attributed: int = 0
    named: int = 0

    def __str__(self) -> str:
        share = self.attributed / max(self.quotes, 1)
        named = self.named / max(self.attributed, 1)
        return (
            f"{self.quotes} direct quotes of {MIN_WORDS}+ words: {share:.3f} with a speaker "
            f"({named:.3f} of those a named person or organisation)"
        )


def coverage(path: Path, show: int) -> Coverage:
    found = Coverage()
    for line in path.read_text(encoding="utf-8").splitlines():
        cleaned = prepared(json.loads(line)) if line.strip() else None
        if cleaned is None:
            continue
        article, sentences = cleaned
        facts = extract_facts(article, sentences)
        entities = {mention.normalised for mention in facts.mentions}
        for quote in facts.quotes:
            if quote.mode is not SpeechMode.DIRECT or len(quote.text.split()) < MIN_WORDS:
                continue
            found.quotes += 1
            if quote.speaker is None:
                if show > 0:
                    show -= 1
                    print(f"  unattributed {article.source_id}: {quote.text[:100]!r}")
                continue
            found.attributed += 1
            found.named += quote.speaker in entities
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-unattributed", type=int, default=0, metavar="N")
    args = parser.parse_args()
    shares = {}
    for short, name in FILES.items():
        found = coverage(SHARED / "eval" / name, args.show_unattributed)
        print(f"{name}: {found}")
        shares[f"{short}_attributed"] = found.attributed / max(found.quotes, 1)
    return below_floors(shares, "quotes")


if __name__ == "__main__":
    sys.exit(main())
