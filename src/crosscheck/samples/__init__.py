"""The bundled sample corpus: short fictional articles written for crosscheck.

`crosscheck demo` and the tests that must run anywhere (no `../shared` beside the
checkout) read these files. Everything in them is invented: towns, people and
outlets (README.md has the table of events). `labels.json` is the ground truth of
that fiction: which articles belong to which event, who copied whom, which figures
disagree, what the cleaner should drop, and what relative dates resolve to.

    read.run([str(corpus_dir())])      # 18 records (17 articles, 1 reprint): .jsonl, .txt, .html
    load_labels()["events"]["A"]       # source ids of the first Karsk explosion
"""

from __future__ import annotations

import json
from pathlib import Path

from crosscheck.errors import InputError

SAMPLES_DIR = Path(__file__).resolve().parent
CORPUS_DIR = SAMPLES_DIR / "corpus"
LABELS_PATH = SAMPLES_DIR / "labels.json"

__all__ = [
    "CORPUS_DIR",
    "LABELS_PATH",
    "corpus_dir",
    "corpus_paths",
    "expected_events",
    "load_labels",
]


def corpus_dir() -> Path:
    """The folder holding the sample articles, ready for `crosscheck ingest`."""
    return CORPUS_DIR


def corpus_paths() -> tuple[Path, ...]:
    """Every sample file (JSONL, text, HTML), in name order."""
    return tuple(sorted(path for path in CORPUS_DIR.iterdir() if path.is_file()))


def load_labels() -> dict[str, object]:
    """The ground truth of the fiction, as written in labels.json."""
    labels: dict[str, object] = json.loads(LABELS_PATH.read_text(encoding="utf-8"))
    return labels


def expected_events() -> dict[str, tuple[str, ...]]:
    """Event letter -> source ids of its articles, e.g. {"A": ("mp-karsk-depot-2023", ...)}."""
    events = load_labels()["events"]
    if not isinstance(events, dict):
        raise InputError(str(LABELS_PATH), "'events' is not an object")
    return {str(name): tuple(str(source_id) for source_id in ids) for name, ids in events.items()}
