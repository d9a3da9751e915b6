"""The single-machine engine: read -> clean -> order -> extract -> store -> cluster -> copies.

One process, one store, incremental: `ingest` can be run again and again on new
files and events keep their ids. Each batch is one store transaction, so an
interrupted run leaves either the whole batch or none of it, and a re-run
stores only what is missing (articles are keyed by their content hash).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from crosscheck import clean, read
from crosscheck.cluster import EventClusterer
from crosscheck.cluster.profile import embedding_text
from crosscheck.copies.reprints import new_reprints
from crosscheck.embed_worker import EmbeddingWorker
from crosscheck.engine.arrival import DEFAULT_ORDER_WINDOW, in_chunks, in_publication_order
from crosscheck.engine.copy_stage import CopyStage, EventsPlan
from crosscheck.errors import SettingsError
from crosscheck.extract import extract_facts
from crosscheck.gc_pacing import fewer_collections
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
    # Articles put in publication order before clustering (arrival.py says why);
    # 1 clusters each as it arrives, for a live feed that must not wait.
    order_window: int = DEFAULT_ORDER_WINDOW
    outlet: str | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise SettingsError("batch_size", self.batch_size, "a positive integer")
        if self.order_window < 1:
            raise SettingsError("order_window", self.order_window, "a positive integer")


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

    The model runs in a process of its own (`EmbeddingWorker`) while this one
    does the Python stages, so the two overlap: each batch's copy-linking
    sentences embed while the next batch is cleaned and analysed, and the next
    batch's clustering texts embed right after. Each batch is one transaction.
    """
    with fewer_collections():
        return _ingest_documents(items, store, settings, progress)


def _ingest_documents(
    items: Iterable[RawDocument | Rejected],
    store: Store,
    settings: PipelineSettings,
    progress: Progress | None,
) -> IngestSummary:
    clusterer = EventClusterer(store)
    copies = CopyStage(store)
    read_count, stored, duplicates, reprints = 0, 0, 0, 0
    skipped: list[Rejected] = []
    ordered = in_publication_order(_cleaned(items), settings.order_window)
    chunks = in_chunks(ordered, settings.batch_size)
    with EmbeddingWorker() as worker:
        upcoming = _read_next(chunks, store, worker)
        pending = _analyse(upcoming) if upcoming is not None else None
        while pending is not None:
            following: _Batch | None = None
            failure: Exception | None = None
            with store.transaction():
                reprints += _store(pending, store, copies)
                # The next chunk is read, cleaned and analysed inside this batch's
                # transaction (its stored-articles check sees this batch's rows), its
                # clustering texts queued for the model first; an error there must not
                # roll this batch back.
                try:
                    upcoming = _read_next(chunks, store, worker)
                except Exception as error:
                    upcoming, failure = None, error
                plan = _cluster(pending, clusterer, copies)
                embedded = worker.submit(plan.texts_to_embed, urgent=True)
                if upcoming is not None:
                    following = _analyse(upcoming)  # while this batch's sentences embed
                embedded.wait()
                copies.finish_events(plan)
            read_count += len(pending.cleaned.chunk)
            stored += len(pending.analysed)
            duplicates += len(pending.cleaned.repeated)
            skipped.extend(pending.skipped)
            if progress is not None:
                progress(len(pending.cleaned.chunk))
            if failure is not None:
                raise failure
            pending = following
    return IngestSummary(
        read_count, stored, duplicates, tuple(skipped), reprints, clusterer.reembedded
    )


@dataclass(frozen=True, slots=True)
class _Cleaned:
    """A chunk read and cleaned, with the articles not stored yet."""

    chunk: Sequence[Article | Rejected]
    fresh: list[Article]
    repeated: list[Article]  # records whose text is stored or fresh: maybe reprints
    skipped: list[Rejected]
    leads_embedded: threading.Event  # set when the clustering texts are in the model's cache


@dataclass(frozen=True, slots=True)
class _Batch:
    """A chunk read, cleaned and analysed, not stored yet."""

    cleaned: _Cleaned
    analysed: list[tuple[Article, list[Sentence], ArticleFacts]]
    skipped: list[Rejected]  # the cleaned chunk's, and articles whose analysis failed


def _cleaned(items: Iterable[RawDocument | Rejected]) -> Iterator[Article | Rejected]:
    """Each document cleaned, lazily (a feed is read as the engine goes)."""
    for item in items:
        if isinstance(item, Rejected):
            yield item
        else:
            yield from clean.run([item])


def _read_next(
    chunks: Iterator[list[Article | Rejected]], store: Store, worker: EmbeddingWorker
) -> _Cleaned | None:
    """Read the next cleaned chunk; its clustering texts go to the model."""
    chunk = next(chunks, None)
    if chunk is None:
        return None
    skipped = [item for item in chunk if isinstance(item, Rejected)]
    cleaned = [item for item in chunk if isinstance(item, Article)]
    stored = store.known_articles(item.id for item in cleaned)
    fresh: dict[str, Article] = {}
    repeated: list[Article] = []
    for item in cleaned:
        if item.id in fresh or item.id in stored:  # no analysis for what is stored
            repeated.append(item)
        else:
            fresh[item.id] = item
    leads_embedded = worker.submit([embedding_text(a) for a in fresh.values()], encoder="lead")
    return _Cleaned(chunk, list(fresh.values()), repeated, skipped, leads_embedded)


def _analyse(cleaned: _Cleaned) -> _Batch:
    """Sentences and facts of every fresh article; those that fail are set aside."""
    skipped = list(cleaned.skipped)
    analysed = _analysed_batch(cleaned.fresh, skipped)
    return _Batch(cleaned, analysed, skipped)


def _store(batch: _Batch, store: Store, copies: CopyStage) -> int:
    """The batch's articles, sentences, facts, near-duplicate links and reprints (their count)."""
    # One statement per table for the whole batch, not one per article.
    store.add_articles((article, sentences) for article, sentences, _ in batch.analysed)
    store.put_many_facts(facts for _, _, facts in batch.analysed)
    if batch.analysed:
        copies.add_documents([article for article, _, _ in batch.analysed])
    return _keep_reprints(batch.cleaned.repeated, store)


def _keep_reprints(repeated: list[Article], store: Store) -> int:
    """Other outlets' records of stored texts, kept as reprints; how many were new."""
    if not repeated:
        return 0
    # A repeated text whose first record failed analysis is not stored: no reprint.
    ids = sorted(store.known_articles({record.id for record in repeated}))
    stored = {article.id: article for article in store.get_articles(ids)}
    found = new_reprints(repeated, stored, store.reprints(ids))
    store.add_reprints(found)
    return len(found)


def _cluster(batch: _Batch, clusterer: EventClusterer, copies: CopyStage) -> EventsPlan:
    """Cluster the stored batch and plan its sentence links."""
    if not batch.analysed:
        return EventsPlan(())
    batch.cleaned.leads_embedded.wait()
    touched = clusterer.assign([(article, facts) for article, _, facts in batch.analysed])
    return copies.plan_events(touched)


def _analysed_batch(
    articles: Iterable[Article], skipped: list[Rejected]
) -> list[tuple[Article, list[Sentence], ArticleFacts]]:
    """Each article with its sentences and facts; those that fail go to `skipped`."""
    analysed = []
    for article in articles:
        outcome = _analysed_article(article)
        if isinstance(outcome, Rejected):
            skipped.append(outcome)
        else:
            analysed.append((article, *outcome))
    return analysed


def _analysed_article(article: Article) -> tuple[list[Sentence], ArticleFacts] | Rejected:
    """Sentences and facts, or the article set aside: one odd text must not sink its batch."""
    try:
        sentences = clean.split_sentences(article)
        return sentences, extract_facts(article, sentences)
    except Exception as error:  # reported per article; the run goes on
        return Rejected(
            article.source_id, f"could not be analysed ({type(error).__name__}: {error})"
        )
