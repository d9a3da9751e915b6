"""Near-duplicate stage vs datasketch MinHash + MinHashLSH, same corpus, one process.

    .venv/bin/python bench/dedup.py [--sizes 10000 100000] [--no-memory]

Generates synthetic articles (Zipf-distributed pseudo-words, 100-300 words) in
which a tenth are planted near duplicates of an earlier article (3% of words
replaced: 5-gram Jaccard ~0.75). Both sides start from the same raw text, use
the same words, 5-word shingles, 128 permutations, threshold 0.5 and the same
band layout, and run as a stream (query, then insert, per document). Reports
documents/s, recall of the planted pairs, the speed ratio, and peak traced
memory (tracemalloc, a separate pass so tracing does not distort the timings).
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosscheck.copies.minhash import MinHashSettings, NearDuplicateIndex
from crosscheck.copies.text import words

SETTINGS = MinHashSettings(num_perm=128, threshold=0.5, shingle_size=5)
PLANTED_SHARE = 0.1
EDIT_RATE = 0.03

Corpus = tuple[list[str], set[tuple[int, int]]]
Runner = Callable[[list[str]], set[tuple[int, int]]]


def make_corpus(size: int, seed: int = 0) -> Corpus:
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocabulary = ["".join(rng.choice(letters, rng.integers(3, 10))) for _ in range(30_000)]
    weights = 1.0 / np.arange(1, len(vocabulary) + 1) ** 1.05
    weights /= weights.sum()
    texts: list[list[str]] = []
    planted: set[tuple[int, int]] = set()
    for number in range(size):
        if number > 10 and rng.random() < PLANTED_SHARE:
            original = int(rng.integers(0, number))
            tokens = list(texts[original])
            for position in np.flatnonzero(rng.random(len(tokens)) < EDIT_RATE):
                tokens[position] = vocabulary[int(rng.integers(0, len(vocabulary)))]
            planted.add((original, number))
        else:
            tokens = [
                vocabulary[i]
                for i in rng.choice(len(vocabulary), rng.integers(100, 301), p=weights)
            ]
        texts.append(tokens)
    return [" ".join(tokens).capitalize() + "." for tokens in texts], planted


def run_crosscheck(texts: list[str]) -> set[tuple[int, int]]:
    index = NearDuplicateIndex(SETTINGS)
    found = set()
    for number, text in enumerate(texts):
        for other, _ in index.add(str(number), index.signature(text)):
            found.add((int(other), number))
    return found


def run_datasketch(texts: list[str]) -> set[tuple[int, int]]:
    lsh = MinHashLSH(threshold=SETTINGS.threshold, num_perm=SETTINGS.num_perm)
    found = set()
    for number, text in enumerate(texts):
        tokens = words(text)
        size = SETTINGS.shingle_size
        shingles = {" ".join(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 1))}
        signature = MinHash(num_perm=SETTINGS.num_perm)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        for other in lsh.query(signature):
            found.add((int(other), number))
        lsh.insert(str(number), signature)
    return found


def measure(
    runner: Runner, texts: list[str], planted: set[tuple[int, int]], memory: bool
) -> dict[str, float]:
    started = time.perf_counter()
    found = runner(texts)
    seconds = time.perf_counter() - started
    result = {
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(texts) / seconds, 1),
        "recall": round(len(found & planted) / max(len(planted), 1), 4),
        "pairs_reported": len(found),
    }
    if memory:
        tracemalloc.start()
        runner(texts)
        result["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    args = parser.parse_args(argv)
    for size in args.sizes:
        texts, planted = make_corpus(size)
        ours = measure(run_crosscheck, texts, planted, not args.no_memory)
        theirs = measure(run_datasketch, texts, planted, not args.no_memory)
        report = {
            "documents": size,
            "planted_pairs": len(planted),
            "crosscheck": ours,
            "datasketch": theirs,
            "speed_ratio": round(ours["docs_per_s"] / theirs["docs_per_s"], 2),
        }
        print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
