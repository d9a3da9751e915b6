"""Extraction throughput: sentences/s and articles/s of `extract_facts` on one core.

    .venv/bin/python bench/extract.py [PATH] [--limit N] [--repeat R]

PATH defaults to ../shared/eval/gva-dev.jsonl (real page text, read by the JSONL
reader as ingest reads it, title included, then cleaned and split, all outside the
timing). Only extraction is timed; the first article warms the
entity pipeline and gazetteers and is not counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from crosscheck.clean import clean_document, split_sentences
from crosscheck.errors import InputError
from crosscheck.extract import extract_facts
from crosscheck.read.jsonrecords import document_from_record
from crosscheck.records import Article, Sentence

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load(path: Path, limit: int) -> list[tuple[Article, list[Sentence]]]:
    prepared = []
    for number, line in enumerate(path.read_text().splitlines()[:limit], start=1):
        try:
            # As ingest builds it: the title goes in, and extraction reads it.
            raw = document_from_record(f"{path}:{number}", json.loads(line), None)
            article = clean_document(raw)
        except InputError:
            continue
        prepared.append((article, split_sentences(article)))
    return prepared


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=SHARED / "eval" / "gva-dev.jsonl")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = load(args.path, args.limit)
    extract_facts(*corpus[0])  # warm-up: builds the entity pipeline once
    sentences = sum(len(s) for _, s in corpus) * args.repeat
    started = time.process_time()
    for _ in range(args.repeat):
        for article, article_sentences in corpus:
            extract_facts(article, article_sentences)
    seconds = time.process_time() - started
    articles = len(corpus) * args.repeat
    print(f"{articles} articles, {sentences} sentences in {seconds:.2f} s CPU")
    print(f"{articles / seconds:.0f} articles/s, {sentences / seconds:.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
