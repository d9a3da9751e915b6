"""The single-machine engine: read -> clean -> store -> extract -> cluster -> copies.

One process, one store, incremental: `ingest` can be run again and again on new
files and events keep their ids. Each batch is one store transaction, so an
interrupted run leaves either the whole batch or none of it, and a re-run
stores only what is missing (articles are keyed by their content hash).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TextIO

from crosscheck import clean, read
from crosscheck.cluster import EventClusterer
from crosscheck.cluster.profile import embedding_text
from crosscheck.engine.copy_stage import CopyStage
from crosscheck.errors import SettingsError
from crosscheck.extract import extract_facts
from crosscheck.records import (
    Article,
    ArticleFacts,
    IngestSummary,
    RawDocument,
    Rejected,
    Sentence,
)
from crosscheck.store.base import Store

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """How the engine runs; the defaults are what `crosscheck ingest` uses."""

    # 256 keeps a batch's transaction short while amortising the per-batch
    # clustering and copy-linking work (measured with bench/pipeline.py).
    batch_size: int = 256
    outlet: str | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise SettingsError("batch_size", self.batch_size, "a positive integer")


@dataclass
class _BatchResult:
    stored: int = 0
    duplicates: int = 0
    skipped: list[Rejected] = field(default_factory=list)


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: PipelineSettings = PipelineSettings(),
    stdin: TextIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read, clean, store and analyse every article under `paths`."""
    items = read.run(paths, outlet=settings.outlet, stdin=stdin)
    return ingest_documents(items, store, settings, progress)


def ingest_documents(
    items: Iterable[RawDocument | Rejected],
    store: Store,
    settings: PipelineSettings = PipelineSettings(),
    progress: Progress | None = None,
) -> IngestSummary:
    """The engine proper, over documents already read (from files, a feed, or a test)."""
    clusterer = EventClusterer(store)
    copies = CopyStage(store)
    read_count, stored, duplicates = 0, 0, 0
    skipped: list[Rejected] = []
    for chunk in _chunks(items, settings.batch_size):
        read_count += len(chunk)
        with store.transaction():
            result = _ingest_batch(chunk, store, clusterer, copies)
        stored += result.stored
        duplicates += result.duplicates
        skipped.extend(result.skipped)
        if progress is not None:
            progress(len(chunk))
    return IngestSummary(read_count, stored, duplicates, tuple(skipped))


def _ingest_batch(
    chunk: Sequence[RawDocument | Rejected],
    store: Store,
    clusterer: EventClusterer,
    copies: CopyStage,
) -> _BatchResult:
    result = _BatchResult()
    result.skipped = [item for item in chunk if isinstance(item, Rejected)]
    documents = [item for item in chunk if isinstance(item, RawDocument)]
    cleaned = list(clean.run(documents))
    stored = store.known_articles(item.id for item in cleaned if isinstance(item, Article))
    fresh: dict[str, Article] = {}
    for item in cleaned:
        if isinstance(item, Rejected):
            result.skipped.append(item)
        elif item.id in fresh or item.id in stored:  # no analysis for what is stored
            result.duplicates += 1
        else:
            fresh[item.id] = item
    prefetch = _EmbeddingPrefetch(clusterer.embedder, [embedding_text(a) for a in fresh.values()])
    analysed = _analysed_batch(fresh.values(), result)
    # The batch's rows go in as one statement per table, not one per article.
    store.add_articles((article, sentences) for article, sentences, _ in analysed)
    store.put_many_facts(facts for _, _, facts in analysed)
    batch: list[tuple[Article, ArticleFacts | None]] = [(a, facts) for a, _, facts in analysed]
    result.stored = len(batch)
    prefetch.join()
    if batch:
        copies.add_documents([article for article, _ in batch])
        touched = clusterer.assign(batch)
        copies.link_events(touched)
    return result


class _EmbeddingPrefetch:
    """Embeds the batch's clustering texts on a second thread while this one analyses.

    Analysis is Python holding the GIL on one core; the model's matrix products
    release it, so the two overlap and clustering then finds every vector in the
    embedder's cache. A failure here is left for clustering to raise.
    """

    def __init__(self, embedder: Callable[[Sequence[str]], object], texts: list[str]) -> None:
        self._thread = threading.Thread(target=self._run, args=(embedder, texts), daemon=True)
        self._thread.start()

    @staticmethod
    def _run(embedder: Callable[[Sequence[str]], object], texts: list[str]) -> None:
        try:
            embedder(texts)
        except Exception:  # clustering embeds again and reports it
            return

    def join(self) -> None:
        self._thread.join()


def _analysed_batch(
    articles: Iterable[Article], result: _BatchResult
) -> list[tuple[Article, list[Sentence], ArticleFacts]]:
    """Each article with its sentences and facts; those that fail go to `result.skipped`."""
    analysed = []
    for article in articles:
        outcome = _analysed(article)
        if isinstance(outcome, Rejected):
            result.skipped.append(outcome)
        else:
            analysed.append((article, *outcome))
    return analysed


def _analysed(article: Article) -> tuple[list[Sentence], ArticleFacts] | Rejected:
    """Sentences and facts, or the article set aside: one odd text must not sink its batch."""
    try:
        sentences = clean.split_sentences(article)
        return sentences, extract_facts(article, sentences)
    except Exception as error:  # reported per article; the run goes on
        return Rejected(
            article.source_id, f"could not be analysed ({type(error).__name__}: {error})"
        )


def _chunks(
    items: Iterable[RawDocument | Rejected], size: int
) -> Iterator[list[RawDocument | Rejected]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
