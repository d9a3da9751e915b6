"""Paraphrase detection on MSRP: accuracy and F1 of the aligner's sentence-pair decision.

    .venv/bin/python eval/paraphrase.py [PATH] [--fit]

PATH defaults to ../shared/eval/msrp-train.jsonl. The figures that count are
5-fold cross-validated: the logistic weights and the probability threshold are
fitted on four folds and scored on the fifth, so the file the floor is pinned on
is never scored by weights that saw it. `--fit` then refits on all pairs and
writes `src/crosscheck/copies/data/paraphrase.json`. The shipped model's
(in-sample) figures are printed too. Exits 1 below the floors in
`eval/baseline.json` key "paraphrase" ({"accuracy": .., "f1": ..}).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from crosscheck.copies.align import AlignSettings, accepts_paraphrase
from crosscheck.copies.paraphrase import (
    PairFeatures,
    ParaphraseModel,
    default_model,
    pair_features,
)
from crosscheck.copies.sentence_facts import sentence_facts
from crosscheck.embed import embed

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
MODEL_PATH = REPO / "src" / "crosscheck" / "copies" / "data" / "paraphrase.json"
FOLDS = 5


def load_pairs(path: Path) -> tuple[list[tuple[str, str]], npt.NDArray[np.bool_]]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [(row["a"], row["b"]) for row in rows], np.array(
        [bool(row["paraphrase"]) for row in rows]
    )


def featurise(pairs: list[tuple[str, str]]) -> list[PairFeatures]:
    texts = sorted({text for pair in pairs for text in pair})
    vectors = dict(zip(texts, embed(texts), strict=True))
    return [
        pair_features(sentence_facts(a), sentence_facts(b), float(vectors[a] @ vectors[b]))
        for a, b in pairs
    ]


def fit(features: list[PairFeatures], labels: npt.NDArray[np.bool_]) -> ParaphraseModel:
    """Logistic weights, then the threshold that maximises accuracy of the full decision."""
    matrix = np.array([f.vector() for f in features])
    regression = LogisticRegression(C=1.0, max_iter=1000).fit(matrix, labels)
    weights = tuple(float(w) for w in regression.coef_[0])
    base = ParaphraseModel(weights, float(regression.intercept_[0]), 0.5)
    best = max(np.arange(0.20, 0.80, 0.01), key=lambda t: _accuracy(base, t, features, labels))
    return ParaphraseModel(weights, base.bias, round(float(best), 2))


def _accuracy(
    model: ParaphraseModel,
    threshold: float,
    features: list[PairFeatures],
    labels: npt.NDArray[np.bool_],
) -> float:
    trial = ParaphraseModel(model.weights, model.bias, threshold)
    return float(np.mean(decisions(trial, features) == labels))


def decisions(model: ParaphraseModel, features: list[PairFeatures]) -> npt.NDArray[np.bool_]:
    return np.array([model.decide(f) for f in features])


def scores(predicted: npt.NDArray[np.bool_], labels: npt.NDArray[np.bool_]) -> dict[str, float]:
    true_pos = float(np.sum(predicted & labels))
    precision = true_pos / max(float(predicted.sum()), 1.0)
    recall = true_pos / max(float(labels.sum()), 1.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float(np.mean(predicted == labels))
    return {"accuracy": round(accuracy, 4), "f1": round(f1, 4), "precision": round(precision, 4),
            "recall": round(recall, 4)}  # fmt: skip


def cross_validate(
    features: list[PairFeatures], labels: npt.NDArray[np.bool_], vetoes: bool
) -> dict[str, float]:
    predicted = np.zeros(len(labels), dtype=bool)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    for train, test in folds.split(np.zeros(len(labels)), labels):
        model = fit([features[i] for i in train], labels[train])
        model = ParaphraseModel(model.weights, model.bias, model.threshold, use_vetoes=vetoes)
        predicted[test] = decisions(model, [features[i] for i in test])
    return scores(predicted, labels)


def cosine_only(features: list[PairFeatures], labels: npt.NDArray[np.bool_]) -> dict[str, float]:
    """Reference: the best single cosine cut (in-sample, so optimistic)."""
    cosines = np.array([f.cosine for f in features])
    cut = max(np.arange(0.5, 0.95, 0.01), key=lambda t: float(np.mean((cosines >= t) == labels)))
    return {"cut": round(float(cut), 2), **scores(cosines >= cut, labels)}


def align_operating_point(
    features: list[PairFeatures], labels: npt.NDArray[np.bool_]
) -> dict[str, float]:
    """The stricter cut the aligner uses within an event (AlignSettings), shipped weights."""
    model, settings = default_model(), AlignSettings()
    accepted = [not model.vetoed(f) and accepts_paraphrase(f, settings, model) for f in features]
    return scores(np.array(accepted), labels)


def floors() -> dict[str, float]:
    baseline = REPO / "eval" / "baseline.json"
    if not baseline.is_file():
        return {}
    return dict(json.loads(baseline.read_text()).get("paraphrase", {}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=SHARED / "eval" / "msrp-train.jsonl")
    parser.add_argument("--fit", action="store_true", help="refit and write paraphrase.json")
    args = parser.parse_args(argv)
    pairs, labels = load_pairs(args.path)
    features = featurise(pairs)
    cv = cross_validate(features, labels, vetoes=True)
    report = {
        "pairs": len(pairs),
        "cv_decision": cv,  # what align uses: model + vetoes
        "cv_model_without_vetoes": cross_validate(features, labels, vetoes=False),
        "cosine_only_in_sample": cosine_only(features, labels),
    }
    if args.fit:
        model = fit(features, labels)
        MODEL_PATH.write_text(model.to_json({"fitted_on": args.path.name, "cv": cv}))
    report["shipped_in_sample"] = scores(decisions(default_model(), features), labels)
    report["align_operating_point_in_sample"] = align_operating_point(features, labels)
    print(json.dumps(report, indent=2))
    failed = [
        f"{name} {cv[name]} < {floor}" for name, floor in floors().items() if cv[name] < floor
    ]
    for failure in failed:
        print(f"BELOW FLOOR: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
