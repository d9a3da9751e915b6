"""Store ingest throughput: does storing 10k articles stay linear?

Usage: python bench/store_ingest.py [--articles 10000] [--batch 256] [--target PATH_OR_URL]

Writes synthetic (generated, fictional) articles with 12 sentences each in
batches, one transaction per batch as the engine does, through both
`add_article` one by one and the bulk `add_articles`, and prints articles per
second for each half of the run: a second half much slower than the first
would mean ingest grows with the size of the store.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from crosscheck.records import Article, Sentence, Span
from crosscheck.store import SqlStore, open_store

SENTENCES_PER_ARTICLE = 12


def synthetic(n: int, run: str) -> tuple[Article, list[Sentence]]:
    paragraphs = tuple(
        f"Sentence {k} of generated story {n} in run {run}." for k in range(SENTENCES_PER_ARTICLE)
    )
    article_id = hashlib.sha256(f"{run}:{n}".encode()).hexdigest()
    article = Article(
        article_id, f"gen-{n}", f"Generated story {n}", paragraphs, outlet="bench.example"
    )
    sentences, start = [], 0
    for index, text in enumerate(paragraphs):
        sentences.append(Sentence(article_id, index, Span(start, start + len(text)), text, index))
        start += len(text) + 2
    return article, sentences


def one_by_one(store: SqlStore, batch: Sequence[tuple[Article, list[Sentence]]]) -> None:
    with store.transaction():
        for article, sentences in batch:
            store.add_article(article, sentences)


def bulk(store: SqlStore, batch: Sequence[tuple[Article, list[Sentence]]]) -> None:
    store.add_articles(batch)


def timed_halves(
    store: SqlStore, write: Callable[..., None], total: int, size: int, run: str
) -> list[float]:
    rates = []
    for half in range(2):
        started = time.perf_counter()
        first, last = half * total // 2, (half + 1) * total // 2
        for start in range(first, last, size):
            write(store, [synthetic(n, run) for n in range(start, min(start + size, last))])
        rates.append((last - first) / (time.perf_counter() - started))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument(
        "--target", help="SQLite path or PostgreSQL URL (default: a temporary file)"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        target = options.target or str(Path(scratch) / "bench.db")
        with open_store(target) as store:
            for name, write in (("add_article", one_by_one), ("add_articles", bulk)):
                rates = timed_halves(store, write, options.articles, options.batch, run=name)
                print(
                    f"{store.where} {name}: {rates[0]:.0f} then {rates[1]:.0f} articles/s "
                    f"({SENTENCES_PER_ARTICLE} sentences each, batches of {options.batch})"
                )
            started = time.perf_counter()
            count = sum(1 for _ in store.articles())
            print(
                f"articles(): {count} read back at {count / (time.perf_counter() - started):.0f}/s"
            )


if __name__ == "__main__":
    main()
