"""The embedding process: it fills this process's cache, urgent texts first, and steps
aside when it fails."""

from __future__ import annotations

import io
import os
import pickle
import threading
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from crosscheck import embed as embedder
from crosscheck import embed_worker
from crosscheck.embed_worker import (
    EmbeddingWorker,
    child_environment,
    close_shared_child,
    serve,
    shared_child,
    start_early,
)
from crosscheck.errors import SettingsError

pytestmark = pytest.mark.slow  # starts the embedding process

TEXTS = ["A ferry ran aground off Velmora at dawn.", "The Karsk depot burned for two days."]


@pytest.fixture
def empty_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedder, "_cache", type(embedder._cache)())


def test_the_worker_fills_this_processs_cache_from_another_process(empty_cache: None) -> None:
    with EmbeddingWorker() as worker:
        assert worker.submit(list(TEXTS), urgent=True).wait(timeout=120)
    assert embedder.uncached(TEXTS) == []
    assert shared_child().alive and shared_child()._process.pid != os.getpid()
    from_worker = embedder.embed(TEXTS)  # cache hits only
    embedder._cache.clear()
    np.testing.assert_allclose(from_worker, embedder.embed(TEXTS), atol=1e-5)


def test_lead_texts_are_embedded_by_the_lead_encoder_in_the_child(empty_cache: None) -> None:
    with EmbeddingWorker() as worker:
        assert worker.submit(list(TEXTS), urgent=True, encoder="lead").wait(timeout=120)
    assert embedder.uncached(TEXTS, "lead") == [] and embedder.uncached(TEXTS) == TEXTS
    from_worker = embedder.embed_leads(TEXTS)  # cache hits only
    embedder._cache.clear()
    np.testing.assert_allclose(from_worker, embedder.embed_leads(TEXTS), atol=1e-5)
    assert np.sum(from_worker * embedder.embed(TEXTS), axis=1).max() < 0.999


def test_switched_off_the_worker_leaves_embedding_to_the_stages(
    empty_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSCHECK_EMBED_WORKER", "off")
    with EmbeddingWorker() as worker:
        assert worker.submit(list(TEXTS)).is_set()
    assert embedder.uncached(TEXTS) == TEXTS


def test_an_unknown_worker_setting_is_a_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSCHECK_EMBED_WORKER", "threads")
    with pytest.raises(SettingsError, match="CROSSCHECK_EMBED_WORKER"):
        EmbeddingWorker()


class _GatedChild:
    """Stands in for the process: records what it embeds, holds the first call until told."""

    def __init__(self) -> None:
        self.embedded: list[list[str]] = []
        self.busy = threading.Event()  # set once the first call has come in
        self.gate = threading.Event()
        self.alive = True

    def embed(self, texts: Sequence[str], encoder: str = "plain") -> npt.NDArray[np.float32]:
        self.busy.set()
        self.gate.wait(timeout=30)
        self.embedded.append(list(texts))
        return np.ones((len(texts), embedder.EMBEDDING_DIM), dtype=np.float32)


def test_urgent_texts_overtake_the_chunks_still_queued(
    empty_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = _GatedChild()
    monkeypatch.setattr(embed_worker, "shared_child", lambda: child)
    ahead = [f"lead {n}" for n in range(3 * EmbeddingWorker.CHUNK)]
    with EmbeddingWorker() as worker:
        leads = worker.submit(ahead)
        assert child.busy.wait(timeout=30)  # the first chunk is being embedded
        sentences = worker.submit(["a sentence the aligner needs"], urgent=True)
        child.gate.set()
        assert sentences.wait(timeout=30) and leads.wait(timeout=30)
    sizes = [len(texts) for texts in child.embedded]
    # The first chunk was already taken when the urgent texts came; they go next.
    assert sizes == [EmbeddingWorker.CHUNK, 1, EmbeddingWorker.CHUNK, EmbeddingWorker.CHUNK]


def test_a_failing_child_is_left_alone_for_the_rest_of_the_run(
    empty_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    class Broken:
        alive = True

        def embed(self, texts: Sequence[str], encoder: str) -> npt.NDArray[np.float32]:
            calls.append(len(texts))
            raise RuntimeError("the embedding process failed: MemoryError")

    monkeypatch.setattr(embed_worker, "shared_child", Broken)
    with EmbeddingWorker() as worker:
        assert worker.submit(["first"], urgent=True).wait(timeout=30)
        assert worker.submit(["second"], urgent=True).wait(timeout=30)
    assert calls == [1]  # tried once, then the stages embed themselves
    assert embedder.uncached(["first", "second"]) == ["first", "second"]


def test_the_child_loop_answers_vectors_or_an_error_line(
    empty_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = [("plain", list(TEXTS)), ("lead", list(TEXTS)), ("plain", ["x"]), ("other", ["x"])]
    requests = io.BytesIO(b"".join(pickle.dumps(request) for request in asked))
    replies = io.BytesIO()
    real = embedder.embed

    def embed(
        texts: Sequence[str], batch_size: int = 64, encoder: embedder.Encoder = "plain"
    ) -> npt.NDArray[np.float32]:
        if texts == ["x"]:
            raise ValueError("no tokens")
        return real(texts, batch_size, encoder)

    monkeypatch.setattr(embedder, "embed", embed)
    serve(requests, replies)  # returns at the end of its input
    replies.seek(0)
    plain, lead, error, unknown = (pickle.load(replies) for _ in asked)
    assert plain.shape == lead.shape == (2, embedder.EMBEDDING_DIM)
    np.testing.assert_allclose(plain, real(TEXTS), atol=1e-5)
    np.testing.assert_allclose(lead, real(TEXTS, encoder="lead"), atol=1e-5)
    assert error == "ValueError: no tokens"
    assert unknown == "ValueError: no encoder 'other'"


def test_a_child_that_died_is_replaced_for_the_next_run(empty_cache: None) -> None:
    first = shared_child()
    first._process.kill()
    first._process.wait()
    with EmbeddingWorker() as worker:
        assert worker.submit(list(TEXTS), urgent=True).wait(timeout=120)
    assert shared_child() is not first and shared_child().alive
    assert embedder.uncached(TEXTS) == []


def test_the_model_process_gets_every_core_and_sleeps_when_idle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.delenv("CROSSCHECK_EMBED_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2})
    environment = child_environment()
    assert environment["OMP_WAIT_POLICY"] == "PASSIVE"
    assert environment["CROSSCHECK_EMBED_THREADS"] == "3"
    assert environment["PATH"] == os.environ["PATH"]  # the rest is passed on


def test_the_callers_settings_for_the_model_process_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    monkeypatch.setenv("CROSSCHECK_EMBED_THREADS", "1")
    environment = child_environment()
    assert environment["OMP_WAIT_POLICY"] == "ACTIVE"
    assert environment["CROSSCHECK_EMBED_THREADS"] == "1"


def test_a_process_started_early_is_the_one_the_pipeline_uses(empty_cache: None) -> None:
    close_shared_child()
    start_early()
    started = embed_worker._child
    assert started is not None and started.alive
    with EmbeddingWorker() as worker:
        assert worker.submit(list(TEXTS), urgent=True).wait(timeout=120)
    assert shared_child() is started
    assert embedder.uncached(TEXTS) == []


@pytest.mark.parametrize("setting", ["off", "threads"])
def test_starting_early_starts_nothing_when_the_worker_is_off_or_misconfigured(
    setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    close_shared_child()
    monkeypatch.setenv("CROSSCHECK_EMBED_WORKER", setting)
    start_early()  # never raises: the pipeline reports a bad setting itself
    assert embed_worker._child is None


def test_a_model_that_cannot_load_at_start_is_reported_by_the_first_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CROSSCHECK_EMBED_PRECISION", "int4")
    child = embed_worker._Child()
    try:
        with pytest.raises(RuntimeError, match="CROSSCHECK_EMBED_PRECISION"):
            child.embed(list(TEXTS))
    finally:
        child.close()
