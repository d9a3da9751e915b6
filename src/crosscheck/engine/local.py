"""The single-machine engine: read -> clean -> extract -> store -> cluster -> copies.

One process, one store, incremental: `ingest` can be run again and again on new
files and events keep their ids. Each batch is one store transaction, so an
interrupted run leaves either the whole batch or none of it, and a re-run
stores only what is missing (articles are keyed by their content hash).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TextIO

from crosscheck import clean, read
from crosscheck.cluster import EventClusterer
from crosscheck.cluster.profile import embedding_text
from crosscheck.engine.copy_stage import CopyStage, EventsPlan
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
    """The engine proper, over documents already read (from files, a feed, or a test).

    The model runs on a second thread (`_EmbeddingWorker`) while this one does
    the Python stages, so the two overlap: each batch's copy-linking sentences
    embed while the next batch is cleaned and analysed, and the next batch's
    clustering texts embed right after. Each batch is still one transaction.
    """
    clusterer = EventClusterer(store)
    copies = CopyStage(store)
    read_count, stored, duplicates = 0, 0, 0
    skipped: list[Rejected] = []
    chunks = _chunks(items, settings.batch_size)
    with _EmbeddingWorker(clusterer.embedder) as worker:
        pending = _next_batch(chunks, store, worker)
        while pending is not None:
            following: _Batch | None = None
            failure: Exception | None = None
            with store.transaction():
                plan = _store_and_cluster(pending, store, clusterer, copies)
                embedded = worker.submit(plan.texts_to_embed)
                # Analysis is pure apart from the stored-articles check, which sees this
                # batch's rows; an error there must not roll this batch back.
                try:
                    following = _next_batch(chunks, store, worker)
                except Exception as error:
                    failure = error
                embedded.wait()
                copies.finish_events(plan)
            read_count += len(pending.chunk)
            stored += len(pending.analysed)
            duplicates += pending.duplicates
            skipped.extend(pending.skipped)
            if progress is not None:
                progress(len(pending.chunk))
            if failure is not None:
                raise failure
            pending = following
    return IngestSummary(read_count, stored, duplicates, tuple(skipped))


@dataclass(frozen=True, slots=True)
class _Batch:
    """A chunk read, cleaned and analysed, not stored yet."""

    chunk: Sequence[RawDocument | Rejected]
    analysed: list[tuple[Article, list[Sentence], ArticleFacts]]
    duplicates: int
    skipped: list[Rejected]
    leads_embedded: threading.Event  # set when the clustering texts are in the model's cache


def _next_batch(
    chunks: Iterator[list[RawDocument | Rejected]], store: Store, worker: _EmbeddingWorker
) -> _Batch | None:
    """Clean and analyse the next chunk; its clustering texts go to the worker first."""
    chunk = next(chunks, None)
    if chunk is None:
        return None
    skipped = [item for item in chunk if isinstance(item, Rejected)]
    documents = [item for item in chunk if isinstance(item, RawDocument)]
    cleaned = list(clean.run(documents))
    stored = store.known_articles(item.id for item in cleaned if isinstance(item, Article))
    fresh: dict[str, Article] = {}
    duplicates = 0
    for item in cleaned:
        if isinstance(item, Rejected):
            skipped.append(item)
        elif item.id in fresh or item.id in stored:  # no analysis for what is stored
            duplicates += 1
        else:
            fresh[item.id] = item
    leads_embedded = worker.submit([embedding_text(a) for a in fresh.values()])
    analysed = _analysed_batch(fresh.values(), skipped)
    return _Batch(chunk, analysed, duplicates, skipped, leads_embedded)


def _store_and_cluster(
    batch: _Batch, store: Store, clusterer: EventClusterer, copies: CopyStage
) -> EventsPlan:
    """Store the batch, link its near duplicates, cluster it, and plan its sentence links."""
    # The batch's rows go in as one statement per table, not one per article.
    store.add_articles((article, sentences) for article, sentences, _ in batch.analysed)
    store.put_many_facts(facts for _, _, facts in batch.analysed)
    if not batch.analysed:
        return EventsPlan(())
    articles: list[tuple[Article, ArticleFacts | None]] = [(a, f) for a, _, f in batch.analysed]
    copies.add_documents([article for article, _ in articles])
    batch.leads_embedded.wait()
    touched = clusterer.assign(articles)
    return copies.plan_events(touched)


class _EmbeddingWorker:
    """Embeds, on one thread and in submission order, texts the pipeline will need.

    The Python stages hold the GIL on one core; the model's matrix products
    release it, so the two overlap and the stages then find every vector in the
    embedder's cache. A failure here is left for the stage to raise when it
    embeds the same texts itself.
    """

    def __init__(self, embedder: Callable[[Sequence[str]], object]) -> None:
        self._embedder = embedder
        self._jobs: queue.SimpleQueue[tuple[list[str], threading.Event] | None] = (
            queue.SimpleQueue()
        )
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def __enter__(self) -> _EmbeddingWorker:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        # After a failure nobody waits for the queued texts: skip them, so the
        # error reaches the user without waiting for batches that will not run.
        self._abandoned = error_type is not None
        self._jobs.put(None)
        self._thread.join()

    def submit(self, texts: list[str]) -> threading.Event:
        """Queue `texts`; the returned event is set once they are embedded (or failed)."""
        done = threading.Event()
        if texts:
            self._jobs.put((texts, done))
        else:
            done.set()
        return done

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            texts, done = job
            try:
                if not self._abandoned:
                    self._embedder(texts)
            except Exception:  # the stage embeds again and reports it
                pass
            finally:
                done.set()


def _analysed_batch(
    articles: Iterable[Article], skipped: list[Rejected]
) -> list[tuple[Article, list[Sentence], ArticleFacts]]:
    """Each article with its sentences and facts; those that fail go to `skipped`."""
    analysed = []
    for article in articles:
        outcome = _analysed(article)
        if isinstance(outcome, Rejected):
            skipped.append(outcome)
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
