"""Event clustering accuracy: B3 precision, recall and F1 against a labelled file.

    .venv/bin/python eval/cluster.py FILE.jsonl [--batch] [--baseline] [--pipeline [--review]]
                                     [--orders N]
    .venv/bin/python eval/cluster.py --train [--write [--keep-encoder]] [--orders N]
                                     [--embeddings-cache FILE]  # re-learn the models
    .venv/bin/python eval/cluster.py --train --thresholds LINK MERGE [--alone] [--orders N]
                                     [--embeddings-cache FILE]  # judge a change

Scoring ingests the file into a fresh store and compares each article's event
with the file's `event` field, which the system never reads (it sees only id,
url, title, text and published). Online mode (default) feeds the articles in
publication order, 64 at a time; `--batch` gives the clusterer the whole file
at once. By default the clusterer is driven directly, on the inputs the engine
would give it: each record read and cleaned (`crosscheck.read`, `crosscheck.clean`)
with the facts `crosscheck.extract` finds (what the link model is trained on);
records the engine would set aside (nothing left after cleaning) are kept with
their raw lines. `--pipeline` runs the whole engine (read, clean, extract, cluster)
and scores its JSON export instead (a record that repeats a stored article's
text, which the engine stores once, is scored in that article's event);
`--review` then also scores what `crosscheck review` lists of that store
(eval/review.py).

The shipped lead encoder was tuned on both development files (every ECB+ topic
and GVA city), and on the articles it was tuned on it is near perfect: scoring
those files measures what it learnt by heart (ECB+ 0.9755 over four orders, GVA
0.9559 with the shipped models; plain MiniLM and the link model before it scored
0.8929 and 0.9494), not what unseen data gets. Those figures and their floors catch a
change that breaks clustering; the figures that judge accuracy are `--train`'s
cross-validated ones: the topics (ECB+) and incidents (GVA) in four folds, each
fold scored with an encoder and a link model that never saw it, its thresholds
chosen on the other three, each the mean of six arrival orders: ECB+ 0.9268 (P
0.9290, R 0.9260), GVA 0.9575 (seed 0), pinned as "cluster-<set>-held-out" and
checked by `--train --folds 4 --seed 0 --orders 6` (~42 minutes with cached lead
vectors). Folds differ widely (ECB+ 0.960, 0.886, 0.916, 0.944: a fold collapses
when its look-alike topics' undated halves join the dated ones, or one report merges
them), so judge a change on all of them. The figures below, as every one before
this, average two orders, the file's and its first shuffle: the two kindest (see
below). Placing undated articles least attached first (cluster/clusterer.py)
moved them from 0.9094 / 0.9584 to 0.9114 / 0.9591; the weekday clash and merge
thresholds up to 0.9 (MERGE_GRID) to 0.9254 / 0.9582; the people clash to 0.9325 /
0.9577; vetoing merges by those two clashes (clusterer.MERGE_VETOES) to 0.9424 /
0.9572 (over six orders 0.9253 / 0.9579); over six orders, members that joined below
even odds not vouching for their event (ClusterSettings.vouch_probability) to 0.9268 /
0.9575. Two folds (`--folds 2`, the halves earlier sessions reported) score lower,
each link model learning from half the topics: seed 0, before that placing order,
0.8541 and 0.9060, mean 0.8810.

The order articles arrive in matters online, and ECB+ gives no publication
dates (a third of its pages carry a dateline the cleaner reads one from), so its
undated articles arrive in file order: `--orders N` also scores N - 1 seeded
shuffles of the file (dated articles still arrive by date; only ties and undated
ones move), prints the mean and holds that mean to the floors: judge a change on
ECB+ by it, not by the file order's single draw (with plain MiniLM leads, F1 ran
from 0.871 to 0.908 over four orders; reading the datelines once moved the file
order's draw from 0.9004 to 0.8826 and the mean from 0.8838 to 0.8844).
`--pipeline` scores one order only.

Floors come from eval/baseline.json, key "cluster-<set>" ("cluster-ecbplus",
"cluster-gva") with "f1"/"precision"/"recall", or "cluster-<set>-pipeline" for
`--pipeline` where there is one; the script exits 1 below them.
eval/check_floors.py scores ECB+ with `--orders 4`.

`--train` cross-validates over `--folds` folds (4) of whole topics and incidents: for
each fold a link model learns from the other folds' rows, its thresholds are those
that cluster the other folds best, and the fold is scored; it prints each fold's and
the folds' mean scores. With `--write` (and `--orders 6`, which it requires) it ships
a model learnt from every fold's rows, its thresholds chosen on them all, to
cluster/data/link_model.json, and the lead encoder, tuned on everything, to
cluster/data/lead_layers.safetensors (`--keep-encoder`: the link model only). The link
model learns from lead vectors of an encoder that never saw those articles (see
`_tuned_leads`). Tuning takes 12-17 minutes an encoder on two cores, one per fold and
one more with `--write`; with cached vectors (`--embeddings-cache`) the rest takes ~20
minutes over two orders, ~42 over six. `--thresholds LINK MERGE` gives every fold's
model those thresholds instead of tuning them (~2 minutes with cached vectors: the
fixed-threshold comparison to judge a change by; a merge threshold above 1 merges
nothing); its figures are not held to the floors, which were measured with tuned
thresholds, and it cannot `--write`. Every fold is scored in context: the whole file
is clustered and each fold's articles are scored among all of them, as a store holding
other stories would place them. A part clustered alone sees other word and name
frequencies and other batches: features that looked better there (two folds, seed 0,
held-out ECB+ 0.877 -> 0.896) were worse in the whole file (0.903 -> 0.876) and in
context (mean of 8 orders 0.895 -> 0.853). Yet alone is how an unseen file is scored
(`eval/cluster.py FILE`), so `--alone` clusters each fold by itself in a fresh store,
thresholds tuned alone too; it is not held to the floors (measured in context) and
cannot `--write`.

Two orders are not enough to judge ECB+ held out. At the shipped thresholds (0.3 /
0.9, 64 a batch), before vouching, the file's order scored 0.945 and its first shuffle
0.942, the two that the figures before the six-order ones above average; four more
shuffles scored 0.910 to 0.923 (six orders: 0.925 in context; alone 0.931 over two,
0.923 over six, the file's order 0.935; with thresholds tuned alone too, 0.9210, GVA
0.9638). The file lists each topic's reports together, so its undated reports arrive
in one batch and least-attached-first placing lets them open their own event; a
shuffle spreads them over the undated batches, and one that arrives without its mates
joins the dated look-alike (0.48 sure in spite of a weekday and a figure clash), the
rest followed it. Now that such a join does not vouch for the event, the six orders
score 0.942, 0.941, 0.921, 0.922, 0.925, 0.920 in context; alone 0.932 (the file's
order, 0.935 before: one game's reports split in two where a report that joined its
first one at 0.41 no longer vouches for it), 0.935, 0.935, 0.920, 0.929, 0.912; tuned
alone 0.9251, GVA 0.9638. GVA, dated, scores the same in every order (0.965 alone).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from b3 import B3, b3
from review import ReviewFigures, review_figures

from crosscheck.cluster import lead_tuning, training
from crosscheck.cluster.features import LinkModel
from crosscheck.cluster.profile import LEAD_CHARACTERS, embedding_text
from crosscheck.cluster.settings import ClusterSettings

if TYPE_CHECKING:  # torch is imported only to train
    import torch

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
MODEL_PATH = REPO / "src" / "crosscheck" / "cluster" / "data" / "link_model.json"
ONLINE_BATCH = 64
TRAINING_FILES = ("ecbplus-dev.jsonl", "gva-dev.jsonl")
LINK_GRID = (0.3, 0.4, 0.5)
# Merging joins the halves of a story split before its bridging report came. Every fold
# chose 0.8 when it was the grid's top, and 0.9 does better (four folds of ECB+ held out
# at link 0.3, before weekday_clash: 0.922 against 0.911). 0.95 scored the replay by
# date a little better again (tuning F1 0.9510 against 0.9494), but the engine, fed a
# file in its own order, splits more and needs the merges (ECB+ engine 0.9526 against
# 0.9647), so the grid stops at 0.9. Below 0.7 was never chosen.
MERGE_GRID = (0.7, 0.8, 0.85, 0.9)
HELD_OUT_FOLDS = 4  # what the held-out floors were measured with
# Arrival orders the held-out floors average: the file's order and its first shuffle
# are ECB+'s two kindest of six (0.945 and 0.942 against 0.910-0.923 at 0.3 / 0.9).
HELD_OUT_ORDERS = 6
BASELINE_GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def gold_of(items: list[training.Labelled]) -> dict[str, str]:
    return {item.article.source_id: item.event for item in items}


def arrival_orders(items: list[training.Labelled], count: int) -> list[list[training.Labelled]]:
    """The file's order, then `count - 1` seeded shuffles of it."""
    orders = [items]
    for seed in range(1, count):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        orders.append(shuffled)
    return orders


def placements(
    items: list[training.Labelled],
    embedder: training.Embeddings,
    model: LinkModel | None = None,
    batch: bool = False,
    orders: int = 1,
    online_batch: int = ONLINE_BATCH,
) -> list[dict[str, str]]:
    """Source id -> event, clustering the items in each arrival order."""
    size = max(len(items), 1) if batch else online_batch
    return [
        training.cluster_online(training.publication_batches(order, size), embedder, model)
        for order in arrival_orders(items, orders)
    ]


def mean_b3(scores: list[B3]) -> B3:
    return B3(*(float(np.mean(values)) for values in zip(*scores, strict=True)))


def score_pipeline(
    path: Path,
    items: list[training.Labelled],
    batch: bool,
    review: bool = False,
    online_batch: int = ONLINE_BATCH,
) -> tuple[B3, ReviewFigures | None]:
    """B3 of the engine's export, and with `review` what `crosscheck review` lists of it."""
    from crosscheck.engine.local import PipelineSettings, ingest
    from crosscheck.report.export import export_json
    from crosscheck.store import open_store

    gold = gold_of(items)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "eval.db"))
        size = max(len(items), 1) if batch else online_batch
        ingest([str(path)], store, PipelineSettings(batch_size=size))
        exported = export_json(store)
        placed = {row["id"]: str(row["event"]) for row in exported["articles"]}
        # A record repeating a stored article's text is stored once, under the first
        # record's source id: it is scored in the event its text is in.
        by_content = {row["article_id"]: str(row["event"]) for row in exported["articles"]}
        for item in items:
            source_id = item.article.source_id
            if source_id not in placed and item.article.id in by_content:
                placed[source_id] = by_content[item.article.id]
        listed = review_figures(store, placed, gold) if review else None
        store.close()
    return b3(placed, gold), listed


def baseline(items: list[training.Labelled]) -> tuple[float, B3]:
    """TF-IDF cosine, average link, the best of a threshold grid (an optimistic baseline)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{item.article.title}\n{item.article.body}" for item in items]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    tree = linkage(pdist(vectors.toarray(), "cosine"), "average")
    scored = []
    for threshold in BASELINE_GRID:
        labels = fcluster(tree, threshold, "distance")
        placed = {i.article.source_id: str(label) for i, label in zip(items, labels, strict=True)}
        scored.append((threshold, b3(placed, gold_of(items))))
    return max(scored, key=lambda pair: pair[1].f1)


def floors_for(
    path: Path, pipeline: bool = False, held_out: bool = False, review: bool = False
) -> dict[str, float]:
    """The file's pinned floors: clustering's, its held-out halves' or its review lift's."""
    pinned_file = REPO / "eval" / "baseline.json"
    pinned = json.loads(pinned_file.read_text(encoding="utf-8")) if pinned_file.exists() else {}
    short = path.name.split("-")[0]
    if held_out or review:
        key = f"cluster-{short}-held-out" if held_out else f"review-{short}"
        return {k: float(v) for k, v in pinned.get(key, {}).items()}
    found = (
        (pipeline and pinned.get(f"cluster-{short}-pipeline"))
        or pinned.get(f"cluster-{short}")
        or pinned.get("cluster", {}).get(path.name, {})
    )
    return {key: float(value) for key, value in found.items()}


def evaluate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    items = training.load_labelled(path)
    started = time.perf_counter()
    listed = None
    if args.pipeline:
        score, listed = score_pipeline(path, items, args.batch, args.review, args.online_batch)
    else:
        embedder = training.Embeddings(item.article for item in items)
        placed = placements(
            items, embedder, batch=args.batch, orders=args.orders, online_batch=args.online_batch
        )
        scores = [b3(one, gold_of(items)) for one in placed]
        score = scores[0]
    mode = ("batch" if args.batch else "online") + (" pipeline" if args.pipeline else "")
    elapsed = time.perf_counter() - started
    print(f"{path.name} {mode}: {score}  ({len(items)} articles, {elapsed:.0f}s)")
    if not args.pipeline and args.orders > 1:
        f1s = [one.f1 for one in scores]
        score = mean_b3(scores)  # what the floors hold
        print(
            f"{path.name} mean of {args.orders} arrival orders: {score} "
            f"(F1 {min(f1s):.4f} to {max(f1s):.4f})"
        )
    if args.baseline:
        threshold, base = baseline(items)
        print(f"{path.name} TF-IDF average-link baseline (best threshold {threshold}): {base}")
    floors = floors_for(path, args.pipeline)
    if args.online_batch != ONLINE_BATCH:
        floors = {}
        print(f"(floors hold for batches of {ONLINE_BATCH}: not checked)")
    failed = [
        f"{k} {getattr(score, k):.4f} < {v}" for k, v in floors.items() if getattr(score, k) < v
    ]
    if listed is not None:
        print(f"{path.name} {listed}")
        failed += [
            f"review {k} {getattr(listed, k):.2f} < {v}"
            for k, v in floors_for(path, review=True).items()
            if getattr(listed, k) < v
        ]
    for failure in failed:
        print(f"BELOW FLOOR: {failure}")
    return 1 if failed else 0


def folds(
    items: list[training.Labelled], count: int, seed: int = 0
) -> list[list[training.Labelled]]:
    """The items in `count` folds of whole groups (ECB+ topics, GVA incidents).

    Groups are shuffled by `seed` and cut into runs of near-equal size; with two folds
    these are the halves earlier runs were measured on.
    """
    groups = sorted({item.group for item in items})
    random.Random(seed).shuffle(groups)
    fold_of = {
        group: fold
        for fold in range(count)
        for group in groups[fold * len(groups) // count : (fold + 1) * len(groups) // count]
    }
    return [[item for item in items if fold_of[item.group] == fold] for fold in range(count)]


FoldScores = dict[str, list[B3]]  # file -> B3 of each fold's articles, clustered in context


def train(args: argparse.Namespace) -> int:
    shared = Path(args.shared)
    files = {name: training.load_labelled(shared / "eval" / name) for name in TRAINING_FILES}
    split = {name: folds(items, args.folds, args.seed) for name, items in files.items()}
    embedder, shipped_layers = _tuned_leads(files, split, shared, args)
    settings = ClusterSettings()
    fold_rows: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(args.folds)]
    for name, its_folds in split.items():
        for fold, fold_items in enumerate(its_folds):
            found, found_labels, recall = training.collect_rows(
                training.publication_batches(fold_items, args.online_batch), embedder, settings
            )
            print(f"{name} fold {fold}: {len(found)} rows, blocking recall {recall:.4f}")
            fold_rows[fold].append((found, found_labels))

    def fitted(left_out: int | None) -> LinkModel:
        chosen = [
            pair for fold, pairs in enumerate(fold_rows) if fold != left_out for pair in pairs
        ]
        rows = np.vstack([found for found, _ in chosen])
        return training.fit_model(rows, np.concatenate([labels for _, labels in chosen]), 0.5)

    held_out: FoldScores = {name: [] for name in files}
    for fold in range(args.folds):
        print(f"fold {fold} held out:")
        if args.thresholds:
            best_scores = _fold_scores(files, split, embedder, fitted(fold), args.thresholds, args)
        else:
            others = [other for other in range(args.folds) if other != fold]
            _, best_scores = _tuned_thresholds(files, split, embedder, fitted(fold), others, args)
        for name, scores in best_scores.items():
            held_out[name].append(scores[fold])
            print(f"  held-out fold {fold} {name} ({_scored_how(args)}): {scores[fold]}")
    print(f"cross-validated over {args.folds} folds of seed {args.seed}:")
    means = {name: _weighted(scores, split[name]) for name, scores in held_out.items()}
    for name, mean in means.items():
        print(f"  held out {name} ({_scored_how(args)}): {mean}")
    failed = [
        f"{name} held-out {key} {getattr(mean, key):.4f} < {floor}"
        for name, mean in means.items()
        for key, floor in floors_for(Path(name), held_out=True).items()
        if measured_as_floors(args) and getattr(mean, key) < floor
    ]
    for failure in failed:
        print(f"BELOW FLOOR: {failure}")
    if not measured_as_floors(args):
        print(
            f"(held-out floors hold for seed 0, {HELD_OUT_FOLDS} folds, {HELD_OUT_ORDERS} "
            f"orders, batches of {ONLINE_BATCH}, tuned thresholds, in context: not checked)"
        )
    if args.write:
        model, _ = _tuned_thresholds(
            files, split, embedder, fitted(None), list(range(args.folds)), args
        )
        rows = sum(len(found) for pairs in fold_rows for found, _ in pairs)
        provenance = (
            f"eval/cluster.py --train --folds {args.folds} --orders {args.orders}: logistic "
            f"regression on {rows} rows from every ECB+ topic and GVA incident, each fold's lead "
            f"vectors from an encoder tuned on the other folds (seed {args.seed}), candidates "
            f"within {settings.time_window_days} days; thresholds by mean B3 F1 in context"
        )
        MODEL_PATH.write_text(training.model_json(model, provenance) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
        if shipped_layers is not None:
            from crosscheck.embed import LEAD_LAYERS

            lead_tuning.save_layers(
                LEAD_LAYERS,
                shipped_layers,
                lead_tuning.MAX_TOKENS,
                f"eval/cluster.py --train --write: {lead_tuning.STEPS} steps on every ECB+ topic "
                f"and GVA city of {', '.join(TRAINING_FILES)} (seed {args.seed})",
            )
            print(f"wrote {LEAD_LAYERS}")
    return 1 if failed else 0


def measured_as_floors(args: argparse.Namespace) -> bool:
    """Whether a cross-validation ran as the held-out floors were measured: another seed,
    fold count, number of orders, batch size, fixed thresholds or folds clustered alone
    give another figure, not a worse one."""
    measured = (
        args.seed,
        args.folds,
        args.orders,
        args.online_batch,
        args.thresholds,
        args.alone,
    )
    return bool(measured == (0, HELD_OUT_FOLDS, HELD_OUT_ORDERS, ONLINE_BATCH, None, False))


def _scored_how(args: argparse.Namespace) -> str:
    return "alone" if args.alone else "in context"


def _tuned_thresholds(
    files: dict[str, list[training.Labelled]],
    split: dict[str, list[list[training.Labelled]]],
    embedder: training.Embeddings,
    model: LinkModel,
    tuning_folds: list[int],
    args: argparse.Namespace,
) -> tuple[LinkModel, FoldScores]:
    """The model with the thresholds that cluster `tuning_folds` best, and its fold scores there.

    Best is the mean over both files of the tuning folds' B3 F1, each file clustered whole
    (with `--alone`, each fold by itself).
    """
    scored = {
        (link, merge): _fold_scores(files, split, embedder, model, (link, merge), args)
        for link in LINK_GRID
        for merge in MERGE_GRID
        if merge > link
    }

    def tuning_f1(pair: tuple[float, float]) -> float:
        return float(
            np.mean(
                [
                    _weighted(
                        [scores[fold] for fold in tuning_folds],
                        [split[name][fold] for fold in tuning_folds],
                    ).f1
                    for name, scores in scored[pair].items()
                ]
            )
        )

    for pair in scored:
        print(f"    link {pair[0]} merge {pair[1]}: tuning folds F1 {tuning_f1(pair):.4f}")
    best = max(scored, key=tuning_f1)
    print(f"  chosen link threshold {best[0]}, merge threshold {best[1]}")
    return dataclasses.replace(model, threshold=best[0], merge_threshold=best[1]), scored[best]


def _weighted(scores: list[B3], parts: list[list[training.Labelled]]) -> B3:
    """B3 over the articles of several parts from each part's B3 (a mean weighted by size)."""
    sizes = [len(part) for part in parts]
    return B3(*(float(np.average(values, weights=sizes)) for values in zip(*scores, strict=True)))


def gva_cities(path: Path) -> dict[str, str]:
    """GVA event -> its city and state (the block the lead encoder tells events apart in)."""
    cities = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            cities[str(row["event"])] = f"{row['gold']['city']}|{row['gold']['state']}"
    return cities


def tuning_set(
    items: list[training.Labelled], shared: Path, characters: int = LEAD_CHARACTERS
) -> lead_tuning.TuningSet:
    """Lead texts of ECB+ and GVA articles, in blocks of one topic (ECB+) or city (GVA)."""
    cities = gva_cities(shared / "eval" / "gva-dev.jsonl")
    return lead_tuning.TuningSet(
        texts=[embedding_text(item.article, characters) for item in items],
        blocks=[
            f"gva {cities[item.event]}" if item.event in cities else f"ecb {item.group}"
            for item in items
        ],
        events=[item.event for item in items],
    )


def _tuned_leads(
    files: dict[str, list[training.Labelled]],
    split: dict[str, list[list[training.Labelled]]],
    shared: Path,
    args: argparse.Namespace,
) -> tuple[training.Embeddings, dict[str, torch.Tensor] | None]:
    """Cross-fitted lead vectors, and with --write the top layers tuned on everything.

    The link model must learn how far to trust the lead cosine on articles the
    encoder never saw (the held-out half, and every article a user ingests): on
    the articles it was tuned on it is near perfect (pair AUC 0.9999), and a model
    learnt from those rows trusts it twice as much as it should. So each half's
    vectors come from an encoder tuned on the other half only. The encoder that
    ships is tuned on both (more topics tell it more; one tuned on 8 ECB+ topics
    was no better than plain MiniLM, one on 16 was).
    --embeddings-cache keeps the cross-fitted vectors (an encoder a fold: 12 minutes
    each on two cores); they belong to one --seed's and --folds' folds: another needs
    another file.
    """
    import pickle

    from crosscheck.embed import load_model

    cache = Path(args.embeddings_cache) if args.embeddings_cache else None
    items = [item for name in TRAINING_FILES for item in files[name]]
    corpus = tuning_set(items, shared)
    fold_of = {
        id(item): fold
        for its_folds in split.values()
        for fold, part in enumerate(its_folds)
        for item in part
    }
    models: list[lead_tuning.TopLayers] = []  # its frozen layers run once, when first needed

    def top_layers() -> lead_tuning.TopLayers:
        if not models:
            models.append(lead_tuning.TopLayers(load_model(), corpus.texts))
        return models[0]

    def tuned_on(rows: list[int]) -> dict[str, torch.Tensor]:
        print(f"tuning the lead encoder on {len(rows)} articles", flush=True)
        return lead_tuning.tune(corpus, top_layers(), rows, args.seed)

    if cache and cache.exists():
        embedder: training.Embeddings = pickle.loads(cache.read_bytes())
    else:
        vectors = lead_tuning.cross_fitted(
            top_layers(), [fold_of[id(item)] for item in items], tuned_on
        )
        embedder = training.Embeddings.known(corpus.texts, vectors)
        if cache:
            cache.write_bytes(pickle.dumps(embedder))
    if not args.write or args.keep_encoder:
        return embedder, None
    return embedder, tuned_on(list(range(len(items))))


def _fold_scores(
    files: dict[str, list[training.Labelled]],
    split: dict[str, list[list[training.Labelled]]],
    embedder: training.Embeddings,
    model: LinkModel,
    pair: tuple[float, float],
    args: argparse.Namespace,
) -> FoldScores:
    """Per file: each fold's B3, mean over orders, scored within the whole file.

    The whole file in its own order: ECB+ is undated, so a fold put first would
    arrive in the same batches as alone. With `args.alone` each fold is clustered
    by itself instead, in a fresh store, as `eval/cluster.py FILE` clusters a file.
    """
    tuned = dataclasses.replace(model, threshold=pair[0], merge_threshold=pair[1])

    def placed(items: list[training.Labelled]) -> list[dict[str, str]]:
        return placements(
            items, embedder, tuned, orders=args.orders, online_batch=args.online_batch
        )

    found = {}
    for name, its_folds in split.items():
        gold = gold_of(files[name])
        # Each fold's placements: its own clustering alone, else the whole file's, made once.
        if args.alone:
            runs = [placed(fold) for fold in its_folds]
        else:
            runs = [placed(files[name])] * len(its_folds)
        found[name] = [
            mean_b3([b3(one, gold, [item.article.source_id for item in fold]) for one in run])
            for fold, run in zip(its_folds, runs, strict=True)
        ]
    return found


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of articles")
    return value


def _threshold(text: str) -> float:
    value = float(text)
    if not value > 0.0:  # NaN too
        raise argparse.ArgumentTypeError(f"{value} is not a probability above 0")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="labelled JSONL file (id, title, text, event)")
    parser.add_argument("--batch", action="store_true", help="cluster the whole file at once")
    parser.add_argument("--baseline", action="store_true", help="also score TF-IDF average link")
    parser.add_argument("--pipeline", action="store_true", help="run the whole engine and export")
    parser.add_argument(
        "--review",
        action="store_true",
        help="with --pipeline: how many of what `crosscheck review` lists are misplaced",
    )
    parser.add_argument("--train", action="store_true", help="re-learn the link model")
    parser.add_argument("--write", action="store_true", help="with --train: ship the model")
    parser.add_argument(
        "--embeddings-cache", help="with --train: pickle of one seed's cross-fitted lead vectors"
    )
    parser.add_argument(
        "--keep-encoder",
        action="store_true",
        help="with --write: ship the link model only, keep the lead encoder shipped now",
    )
    parser.add_argument("--seed", type=int, default=0, help="with --train: which folds")
    parser.add_argument(
        "--folds",
        type=int,
        default=HELD_OUT_FOLDS,
        help="with --train: cross-validate over N folds of whole topics and incidents",
    )
    parser.add_argument(
        "--orders", type=int, default=1, help="score the file order and N - 1 shuffles of it"
    )
    parser.add_argument(
        "--online-batch",
        type=_positive,
        default=ONLINE_BATCH,
        help=f"articles a batch in online mode (default {ONLINE_BATCH}, what the floors hold; "
        "the engine's default is 256)",
    )
    parser.add_argument(
        "--thresholds",
        nargs=2,
        type=_threshold,
        metavar=("LINK", "MERGE"),
        help="with --train: score every fold at these link and merge thresholds instead of "
        "tuning them on the other folds",
    )
    parser.add_argument(
        "--alone",
        action="store_true",
        help="with --train: cluster each fold by itself in a fresh store (as FILE is "
        "clustered) instead of within the whole file",
    )
    parser.add_argument("--shared", default=str(SHARED), help="the shared data folder")
    args = parser.parse_args()
    if args.write and args.online_batch != ONLINE_BATCH:
        parser.error(f"--write tunes the shipped thresholds in batches of {ONLINE_BATCH}")
    if args.write and args.alone:
        parser.error("--write tunes the shipped thresholds in context: it cannot take --alone")
    if args.write and args.orders != HELD_OUT_ORDERS:
        # Fewer orders tune on the kindest ones (the file's order and its first shuffle).
        parser.error(f"--write tunes the shipped thresholds over --orders {HELD_OUT_ORDERS}")
    if args.thresholds:
        if args.write:
            parser.error("--write tunes the shipped thresholds: it cannot take --thresholds")
        if args.thresholds[0] >= args.thresholds[1]:
            parser.error("--thresholds: the merge threshold must be above the link threshold")
        args.thresholds = tuple(args.thresholds)
    if args.train:
        return train(args)
    if not args.file:
        parser.error("a labelled FILE is required unless --train")
    if args.review and not args.pipeline:
        parser.error("--review scores the engine's store: it needs --pipeline")
    return evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
