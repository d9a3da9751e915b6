"""Learning the link model from labelled articles (used by eval/cluster.py).

Training replays the online placement with the gold events standing in for
the clusterer's decisions: every article is compared with the candidate events
that blocking finds, exactly as at run time, and each (article, event) row is
labelled by whether the gold event is that event. Articles and facts are
made as the engine makes them (read, clean, extract), so the model is trained
on the inputs it sees in production. A logistic regression on those
rows is the link model; its thresholds are tuned by clustering the same half.

Only this module and the evaluation read the gold labels; the clusterer never does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from crosscheck import clean
from crosscheck.cluster.clusterer import EventClusterer, placing_order
from crosscheck.cluster.features import FEATURES, LinkModel
from crosscheck.cluster.linker import Linker
from crosscheck.cluster.memory import MemoryStore
from crosscheck.cluster.profile import build_profile, embedding_text
from crosscheck.cluster.settings import DEFAULT_SETTINGS, ClusterSettings
from crosscheck.cluster.state import ClusterState
from crosscheck.embed import embed_leads
from crosscheck.errors import InputError
from crosscheck.extract import extract_facts
from crosscheck.read.dates import parse_published
from crosscheck.read.jsonrecords import document_from_record
from crosscheck.records import Article, ArticleFacts

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Labelled:
    article: Article
    event: str  # gold event id
    group: str  # what folds split on: topic (ECB+) or event
    facts: ArticleFacts | None = None  # what extraction found, as the engine passes it


def load_labelled(path: Path) -> list[Labelled]:
    """Articles and facts as the engine would make them, with their gold labels beside."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            raw = json.loads(line)
            group = str(raw.get("topic", raw["event"]))
            article = article_from_record(f"{path}:{number}", raw)
            facts = extract_facts(article, clean.split_sentences(article))
            items.append(Labelled(article, str(raw["event"]), group, facts))
    return items


def article_from_record(origin: str, raw: Mapping[str, object]) -> Article:
    """The record read and cleaned as `crosscheck ingest` does; never gold, event or topic.

    A record the engine would set aside (nothing left after cleaning) is kept
    here with its raw lines as paragraphs, so that it is still clustered and
    scored.
    """
    try:
        return clean.clean_document(document_from_record(origin, dict(raw), None))
    except InputError:
        return _uncleaned(raw)


def _uncleaned(raw: Mapping[str, object]) -> Article:
    text, title = str(raw.get("text") or ""), str(raw.get("title") or "")
    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    published, precision = parse_published(str(raw.get("published") or "") or None)
    return Article(
        id=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
        source_id=str(raw["id"]),
        title=title,
        paragraphs=lines or (title,),
        published=published,
        published_precision=precision,
        url=str(raw.get("url") or "") or None,
    )


class Embeddings:
    """Embeds each distinct text once; acts as the clusterer's embedder."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.vectors: dict[str, npt.NDArray[np.float32]] = {}
        self._embed_missing({embedding_text(article) for article in articles})

    @classmethod
    def known(cls, texts: Sequence[str], vectors: npt.NDArray[np.float32]) -> Embeddings:
        """These vectors for these texts (computed elsewhere), embedding nothing now."""
        found = cls([])
        found.vectors = dict(zip(texts, vectors, strict=True))
        return found

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self._embed_missing(set(texts))
        return np.asarray([self.vectors[text] for text in texts], dtype=np.float32)

    def _embed_missing(self, texts: set[str]) -> None:
        missing = sorted(texts - self.vectors.keys())
        if missing:
            self.vectors.update(zip(missing, embed_leads(missing), strict=True))


def publication_batches(items: Sequence[Labelled], size: int) -> list[list[Labelled]]:
    """Batches in publication order (undated last, then file order): the online replay."""
    ordered = sorted(
        enumerate(items),
        key=lambda pair: (
            pair[1].article.published is None,
            pair[1].article.published or 0,
            pair[0],
        ),
    )
    flat = [item for _, item in ordered]
    return [flat[start : start + size] for start in range(0, len(flat), size)]


def collect_rows(
    batches: Sequence[Sequence[Labelled]], embedder: Embeddings, settings: ClusterSettings
) -> tuple[Matrix, npt.NDArray[np.int_], float]:
    """Labelled feature rows, and the share of returning articles blocking found a home for."""
    gold: dict[str, str] = {}
    state = ClusterState(MemoryStore(), settings.hash_bits)
    linker = Linker(state, settings, gold.get)
    rows: list[list[float]] = []
    labels: list[int] = []
    returning = found = 0
    for whole_batch in batches:
        batch = [item for item in whole_batch if item.article.id not in gold]
        batch = list({item.article.id: item for item in batch}.values())
        vectors = embedder([embedding_text(item.article) for item in batch])
        profiles = [
            build_profile(i.article, i.facts, v) for i, v in zip(batch, vectors, strict=True)
        ]
        event_of = {item.article.id: item.event for item in batch}
        profiles.sort(key=placing_order)
        linker.begin_batch(profiles)
        for profile in profiles:
            event = event_of[profile.article_id]
            candidates = linker.candidates(profile)
            is_returning = event in set(gold.values())
            returning += is_returning
            found += is_returning and any(event_id == event for event_id, _ in candidates)
            for event_id, row in candidates:
                rows.append(row)
                labels.append(int(event_id == event))
            linker.file(profile, event)
            gold[profile.article_id] = event
    recall = found / returning if returning else 1.0
    return np.asarray(rows, dtype=np.float64), np.asarray(labels), recall


def fit_model(rows: Matrix, labels: npt.NDArray[np.int_], threshold: float) -> LinkModel:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1.0, max_iter=2000).fit(rows, labels)
    weights = tuple(float(value) for value in fitted.coef_[0])
    return LinkModel(weights, float(fitted.intercept_[0]), threshold)


def model_json(model: LinkModel, provenance: str) -> str:
    return json.dumps(
        {
            "provenance": provenance,
            "features": list(FEATURES),
            "weights": dict(zip(FEATURES, (round(w, 6) for w in model.weights), strict=True)),
            "bias": round(model.bias, 6),
            "threshold": round(model.threshold, 4),
            "merge_threshold": round(model.merge_threshold, 4),
        },
        indent=2,
    )


def cluster_online(
    batches: Sequence[Sequence[Labelled]],
    embedder: Embeddings,
    model: LinkModel | None = None,
    settings: ClusterSettings = DEFAULT_SETTINGS,
) -> dict[str, str]:
    """Source id -> event id, by the real clusterer fed batch after batch."""
    store = MemoryStore()
    clusterer = EventClusterer(store, settings, model=model, embedder=embedder)
    for batch in batches:
        for item in batch:
            store.add_article(item.article, ())
        clusterer.assign([(item.article, item.facts) for item in batch])
    placed = {}
    for batch in batches:
        for item in batch:
            placed[item.article.source_id] = store.event_of(item.article.id) or ""
    return placed
