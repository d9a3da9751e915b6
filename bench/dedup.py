"""Near-duplicate stage vs datasketch MinHash + MinHashLSH, same corpus, one process.

    .venv/bin/python bench/dedup.py [--sizes 10000 100000] [--no-memory]

Generates synthetic articles (Zipf-distributed pseudo-words, 100-300 words) in
which a tenth are planted near duplicates of an earlier article (3% of words
replaced: 5-gram Jaccard ~0.75). Both sides start from the same raw text, use
the same words, 5-word shingles, 128 permutations, threshold 0.5 and the same
band layout, and run as a stream in the engine's batches of 256: each side
computes a batch's signatures with its batch API (crosscheck `signatures`,
datasketch `MinHash.generator`), then each document is checked against all
earlier ones (crosscheck `add_many`; datasketch `query` then `insert`). Reports
documents/s, recall of the planted pairs, the speed ratio, and peak traced
memory (tracemalloc, a separate pass so tracing does not distort the timings).
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosscheck.copies.minhash import MinHashSettings, NearDuplicateIndex
from crosscheck.copies.text import words

SETTINGS = MinHashSettings(num_perm=128, threshold=0.5, shingle_size=5)
PLANTED_SHARE = 0.1
BATCH_SIZE = 256  # the local engine's default batch (engine/local.py)
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


def batches(texts: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The stream in the engine's batches: (number of the first document, texts)."""
    for first in range(0, len(texts), BATCH_SIZE):
        yield first, texts[first : first + BATCH_SIZE]


def run_crosscheck(texts: list[str]) -> set[tuple[int, int]]:
    """As the engine's copy stage calls it: signatures and add_many per batch."""
    index = NearDuplicateIndex(SETTINGS)
    found: set[tuple[int, int]] = set()
    for first, batch in batches(texts):
        ids = [str(number) for number in range(first, first + len(batch))]
        for number, matches in enumerate(index.add_many(ids, index.signatures(batch)), first):
            found.update((int(other), number) for other, _ in matches)
    return found


def run_datasketch(texts: list[str]) -> set[tuple[int, int]]:
    """datasketch's own batch path (`MinHash.generator`), then query and insert per document."""
    lsh = MinHashLSH(threshold=SETTINGS.threshold, num_perm=SETTINGS.num_perm)
    found: set[tuple[int, int]] = set()
    for first, batch in batches(texts):
        shingles = [datasketch_shingles(text) for text in batch]
        signatures = MinHash.generator(shingles, num_perm=SETTINGS.num_perm)
        for number, signature in enumerate(signatures, first):
            found.update((int(other), number) for other in lsh.query(signature))
            lsh.insert(str(number), signature)
    return found


def datasketch_shingles(text: str) -> list[bytes]:
    """The same words and 5-word shingles crosscheck hashes, as datasketch takes them."""
    tokens = words(text)
    size = SETTINGS.shingle_size
    shingles = {" ".join(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 1))}
    return [shingle.encode("utf-8") for shingle in shingles]


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


def same_band_layout() -> list[int]:
    """(bands, rows), after checking that both sides chose the same."""
    ours = NearDuplicateIndex(SETTINGS)
    theirs = MinHashLSH(threshold=SETTINGS.threshold, num_perm=SETTINGS.num_perm)
    if (ours.bands, ours.rows) != (theirs.b, theirs.r):
        raise SystemExit(f"band layouts differ: {ours.bands}x{ours.rows} vs {theirs.b}x{theirs.r}")
    return [ours.bands, ours.rows]


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
            "band_layout": same_band_layout(),
        }
        print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
