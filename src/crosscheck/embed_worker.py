"""The embedding model in a process of its own, filling this process's embedding cache.

The pipeline's Python stages and the model can use two cores at once only if
they do not share an interpreter: on a thread of the same process the model
needs the GIL back after every one of its hundreds of tensor operations per
batch, and the stages hold it. On the two-core machine a 1,000-article ingest
took 15-19 s that way, with 8.5 CPU seconds on each side; in a child process
the two sides run side by side.

`EmbeddingWorker` takes lists of texts the pipeline will need next and has the
child embed them, in submission order, into this process's cache
(`crosscheck.embed.remember`): the stages then call `embed` as usual and find
every vector there. The child is started on first use (or ahead of it, by
`start_early`), loads the model at once and is kept for the life of the process
(loading the model is seconds of work); it is a plain
`python -m crosscheck.embed_worker`, so a caller's script is never re-imported
in it. Whatever goes wrong with the child (it cannot start, it dies, it
reports an error), the worker stops using it and the stages embed in this
process, where a real error is raised where it belongs.

`CROSSCHECK_EMBED_WORKER=off` turns the child off (the stages embed themselves).
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from crosscheck import embed as embedder
from crosscheck.errors import SettingsError


def worker_enabled() -> bool:
    wanted = os.environ.get("CROSSCHECK_EMBED_WORKER", "process")
    if wanted not in ("process", "off"):
        raise SettingsError("CROSSCHECK_EMBED_WORKER", wanted, "process or off")
    return wanted == "process"


class EmbeddingWorker:
    """Embeds, in the child process, texts the pipeline will need, urgent ones first.

    Use as a context manager around a run; `submit` returns an event that is set
    once the texts are in the cache (or the child could not put them there).
    Texts that are not urgent are embedded `CHUNK` at a time, so an urgent
    submission waits for one chunk at most.
    """

    CHUNK = 64

    def __init__(self) -> None:
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._order = itertools.count()
        self._usable = worker_enabled()
        self._thread = threading.Thread(target=self._feed, daemon=True)
        self._thread.start()

    def __enter__(self) -> EmbeddingWorker:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        # After a failure nobody waits for the queued texts: skip them, so the
        # error reaches the user without waiting for batches that will not run.
        if error_type is not None:
            self._usable = False
        self._jobs.put(_Job(_CLOSE, next(self._order), [], _Submission(0), "plain"))
        self._thread.join()

    def submit(
        self, texts: list[str], urgent: bool = False, encoder: embedder.Encoder = "plain"
    ) -> threading.Event:
        if not texts or not self._usable:
            return _Submission(0).done
        step = len(texts) if urgent else self.CHUNK
        parts = [texts[start : start + step] for start in range(0, len(texts), step)]
        submission = _Submission(len(parts))
        priority = _URGENT if urgent else _AHEAD
        for part in parts:
            self._jobs.put(_Job(priority, next(self._order), part, submission, encoder))
        return submission.done

    def _feed(self) -> None:
        try:
            if self._usable:
                shared_child()  # the model loads while the stages read and analyse
        except Exception:
            self._usable = False
        while (job := self._jobs.get()).priority != _CLOSE:
            try:
                missing = embedder.uncached(job.texts, job.encoder) if self._usable else []
                if missing:
                    vectors = shared_child().embed(missing, job.encoder)
                    embedder.remember(missing, vectors, job.encoder)
            except Exception:  # the stages embed in this process and report it
                self._usable = False
            finally:
                job.submission.finish_one()


_URGENT, _AHEAD, _CLOSE = 0, 1, 2


class _Submission:
    """One `submit` call: done once all its parts are."""

    def __init__(self, parts: int) -> None:
        self.done = threading.Event()
        self._left = parts
        if parts == 0:
            self.done.set()

    def finish_one(self) -> None:
        self._left -= 1  # only the feeder thread counts
        if self._left == 0:
            self.done.set()


@dataclass(order=True, frozen=True, slots=True)
class _Job:
    priority: int
    order: int  # submission order within a priority
    texts: list[str] = field(compare=False)
    submission: _Submission = field(compare=False)
    encoder: embedder.Encoder = field(compare=False)


class _Child:
    """The model's process and its pipes; one request at a time."""

    def __init__(self) -> None:
        command = [sys.executable, "-m", "crosscheck.embed_worker"]
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_environment()
        )
        self._lock = threading.Lock()

    def embed(
        self, texts: Sequence[str], encoder: embedder.Encoder = "plain"
    ) -> npt.NDArray[np.float32]:
        requests, replies = self._process.stdin, self._process.stdout
        assert requests is not None and replies is not None
        with self._lock:
            try:
                pickle.dump((encoder, list(texts)), requests, protocol=pickle.HIGHEST_PROTOCOL)
                requests.flush()
                reply: Any = pickle.load(replies)
            except BaseException:
                self._process.kill()  # half a request or reply: the pipes are out of step
                raise
        if isinstance(reply, str):
            raise RuntimeError(f"the embedding process failed: {reply}")
        return np.asarray(reply, dtype=np.float32)

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):  # a child that died cannot read any more
                self._process.stdin.close()  # the child reads the end of its input and exits
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def child_environment() -> dict[str, str]:
    """The model process's environment: every core, each idle thread asleep.

    Torch's OpenMP threads spin between operations by default, which is why a
    process that also runs the stages leaves them a core (`embed`'s docstring).
    Asleep between operations instead (OpenMP's passive waiting, read when
    torch loads), the model's threads use the stages' core while the stages
    wait for vectors (3.4 s of a 9 s ingest of 1,000 articles with one thread,
    2.6 s with two), and yield it when they run:
    on two cores, bench/pipeline.py's 1,000 articles went from 98-102 to 108-112
    articles/s, and with two spinning threads to 97-98. A caller's own settings win.
    """
    environment = dict(os.environ)
    environment.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    environment.setdefault("CROSSCHECK_EMBED_THREADS", str(embedder.usable_cores()))
    return environment


_child: _Child | None = None
_child_lock = threading.Lock()


def shared_child() -> _Child:
    """The process's embedding child, started on first use."""
    global _child
    with _child_lock:
        if _child is None or not _child.alive:
            if _child is not None:
                _child.close()  # a dead one: release its pipes
            _child = _Child()
        return _child


@atexit.register
def close_shared_child() -> None:
    """Stop the embedding process now, if one runs (it is stopped at exit anyway)."""
    global _child
    with _child_lock:
        if _child is not None:
            _child.close()
            _child = None


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The child's loop: an encoder's name and texts in, their vectors (or an error line) out."""
    while True:
        try:
            encoder, texts = pickle.load(requests)
        except EOFError:
            return
        try:
            if encoder not in embedder.ENCODERS:
                raise ValueError(f"no encoder {encoder!r}")
            reply: object = embedder.embed(texts, encoder=encoder)
        except Exception as error:
            reply = f"{type(error).__name__}: {error}"
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


def start_early() -> None:
    """Start the model process now, if the pipeline is going to use one.

    The process loads the model as soon as it starts (about a second, most of it
    importing torch), so a caller that knows an ingest is coming, such as the
    CLI before it imports the engine, gets that second in parallel with its own
    work. Nothing is raised here: the pipeline starts the process itself, or
    embeds in this process, and reports what is wrong where it belongs.
    """
    with contextlib.suppress(Exception):
        if worker_enabled():
            shared_child()


if __name__ == "__main__":
    # Replies go out on the original stdout; anything a library prints goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    # The model loads before the first texts arrive, beside the caller's work. A
    # failure here is raised again by the first request, which reports it.
    with contextlib.suppress(Exception):
        embedder.load_model("lead")  # and the plain one it is built on
    serve(sys.stdin.buffer, replies)
