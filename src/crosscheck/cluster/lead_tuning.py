"""Tuning MiniLM's top layers to tell events of one topic or place apart (training only).

MiniLM was trained for topical similarity: two shootings in one city, or two
title fights of one boxer, embed close together, and the lead vectors the
clusterer compares cannot say which of them an article reports. Here copies of
its top layers (the lower ones stay frozen and run once per text) are tuned on
labelled articles so that the cosine of two articles of one block (an ECB+
topic, a GVA city) says whether they report the same event: a logistic loss on
a learned scale and shift of the cosine, same-event and other-event pairs of
each batch weighted equally, each batch a few blocks of every labelled set.

`eval/cluster.py --train` tunes with this (the encoder it ships, and those that
make its training rows cross-fitted) and `eval/encoder.py` measures it; nothing
here runs in the pipeline, which only loads the saved layers
(`crosscheck.embed`).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F

from crosscheck.minilm import MiniLM, _ForwardPass, additive_mask, mean_pooled, padded_batch

Tensor = torch.Tensor
TUNED_LAYERS = 2
MAX_TOKENS = 192  # the lead's word pieces (title + 1,000 characters is ~200)
STEPS = 400
BATCH_BLOCKS = 3  # of each labelled set
BATCH_ARTICLES = 8  # of each block
LEARNING_RATE = 2e-5


@dataclass(frozen=True)
class TuningSet:
    """Lead texts with their labels: which block (the set's name first) and which event."""

    texts: list[str]
    blocks: list[str]  # "<set> <block>": pairs are drawn within a block
    events: list[str]


class TopLayers:
    """MiniLM with its lower layers frozen (run once per text) and the top ones trainable.

    `model` is plain MiniLM; texts are cut at `max_tokens` as the shipped encoder cuts
    them. Everything runs on `device` (a GPU tunes in seconds what two cores tune in
    minutes: `eval/encoder.py --device cuda`).
    """

    def __init__(
        self,
        model: MiniLM,
        texts: Sequence[str],
        tuned_layers: int = TUNED_LAYERS,
        max_tokens: int = MAX_TOKENS,
        device: str = "cpu",
    ):
        model = model.with_layers({}, max_tokens)
        self.device = device
        frozen = _ForwardPass(model.config, model.weights, torch.float32)
        self.layers = int(str(model.config["num_hidden_layers"]))
        self.first_tuned = self.layers - tuned_layers
        self.config = model.config
        self.weights = model.weights
        ids = [encoding.ids for encoding in model.tokenizer.encode_batch(list(texts))]
        self.hidden: list[Tensor] = []
        with torch.inference_mode():
            for start in range(0, len(ids), 64):
                padded, mask = padded_batch(ids[start : start + 64], device)
                hidden = frozen._embeddings(padded)
                additive = additive_mask(mask, torch.float32)
                for layer in range(self.first_tuned):
                    hidden = frozen._layer(f"encoder.layer.{layer}.", hidden, additive)
                lengths = mask.sum(1).long()
                self.hidden += [hidden[row, :length].clone() for row, length in enumerate(lengths)]
        self.original = {
            name: tensor.to(device, torch.float32, copy=True)
            for name, tensor in model.weights.items()
            if any(self._in_layer(name, n) for n in range(self.first_tuned, self.layers))
        }

    @staticmethod
    def _in_layer(name: str, layer: int) -> bool:
        return name.startswith(f"encoder.layer.{layer}.")

    def encode(self, rows: Sequence[int], weights: dict[str, Tensor]) -> Tensor:
        """Unit vectors of the given texts through the top layers with these weights."""
        states = [self.hidden[row] for row in rows]
        longest = max(state.shape[0] for state in states)
        hidden = torch.zeros(len(states), longest, states[0].shape[1], device=self.device)
        mask = torch.zeros(len(states), longest, device=self.device)
        for index, state in enumerate(states):
            hidden[index, : state.shape[0]] = state
            mask[index, : state.shape[0]] = 1.0
        additive = additive_mask(mask, torch.float32)
        # MiniLM's own forward pass over the given top-layer weights: built per call (it
        # only stacks each layer's query, key and value maps), so gradients reach them.
        tuned = _ForwardPass(self.config, {**self.weights, **weights}, torch.float32)
        for layer in range(self.first_tuned, self.layers):
            hidden = tuned._layer(f"encoder.layer.{layer}.", hidden, additive)
        return mean_pooled(hidden, mask)

    def encode_all(self, weights: dict[str, Tensor]) -> npt.NDArray[np.float32]:
        weights = {name: tensor.to(self.device) for name, tensor in weights.items()}
        with torch.no_grad():
            parts = [
                self.encode(range(start, min(start + 64, len(self.hidden))), weights)
                for start in range(0, len(self.hidden), 64)
            ]
        return torch.cat(parts).cpu().numpy()


def tune(
    corpus: TuningSet,
    model: TopLayers,
    trained_rows: Sequence[int],
    seed: int,
    steps: int = STEPS,
    log: bool = True,
    learning_rate: float = LEARNING_RATE,
    set_steps: Mapping[str, int] | None = None,
) -> dict[str, Tensor]:
    """The top layers' weights after `steps` batches of same-block pairs among `trained_rows`.

    `set_steps` stops drawing a labelled set's blocks after that many steps (a set
    learnt by heart sooner than the others stops teaching, and starts overfitting).
    """
    torch.manual_seed(seed)
    weights = {name: t.clone().requires_grad_(True) for name, t in model.original.items()}
    scale = torch.tensor(10.0, requires_grad=True, device=model.device)
    shift = torch.tensor(-6.0, requires_grad=True, device=model.device)
    optimiser = torch.optim.AdamW(
        [*weights.values(), scale, shift], lr=learning_rate, weight_decay=0.01
    )
    members: dict[str, list[int]] = defaultdict(list)
    for row in trained_rows:
        members[corpus.blocks[row]].append(row)
    # Only blocks with two events teach anything the topic does not already say.
    mixed = [b for b, rows in members.items() if len({corpus.events[r] for r in rows}) > 1]
    sets = sorted({block.split(" ", 1)[0] for block in mixed})
    per_set = {name: [b for b in mixed if b.split(" ", 1)[0] == name] for name in sets}
    rng = random.Random(seed)
    event_ids = _indices(corpus.events, model.device)
    block_ids = _indices(corpus.blocks, model.device)
    last_step = {name: (set_steps or {}).get(name, steps) for name in sets}
    for step in range(steps):
        chosen = [
            block
            for name, blocks in per_set.items()
            if step < last_step[name]
            for block in rng.sample(blocks, min(BATCH_BLOCKS, len(blocks)))
        ]
        rows = [
            r for b in chosen for r in rng.sample(members[b], min(BATCH_ARTICLES, len(members[b])))
        ]
        vectors = model.encode(rows, weights)
        logits = scale * (vectors @ vectors.T) + shift
        chosen_rows = torch.tensor(rows, device=model.device)
        events, blocks = event_ids[chosen_rows], block_ids[chosen_rows]
        same_event = events[:, None] == events[None, :]
        others = ~torch.eye(len(rows), dtype=torch.bool, device=model.device)
        same_block = (blocks[:, None] == blocks[None, :]) & others
        losses = F.binary_cross_entropy_with_logits(logits, same_event.float(), reduction="none")
        loss = losses[same_block & same_event].mean() + losses[same_block & ~same_event].mean()
        optimiser.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        optimiser.step()
        if log and step % 100 == 0:
            print(f"  step {step}: loss {loss.item():.3f}", flush=True)
    return {name: t.detach().cpu() for name, t in weights.items()}


def cross_fitted(
    model: TopLayers, fold_of: Sequence[int], tuned_on: Callable[[list[int]], dict[str, Tensor]]
) -> npt.NDArray[np.float32]:
    """Each fold's vectors from the top layers `tuned_on` the rows of every other fold.

    A link model must learn how far to trust the cosine on articles the encoder never
    saw; on those it was tuned on it is near perfect (`eval/cluster.py --train`).
    """
    vectors = np.zeros((len(fold_of), int(str(model.config["hidden_size"]))), dtype=np.float32)
    for fold in sorted(set(fold_of)):
        encoded = [row for row, its_fold in enumerate(fold_of) if its_fold == fold]
        others = [row for row, its_fold in enumerate(fold_of) if its_fold != fold]
        vectors[encoded] = model.encode_all(tuned_on(others))[encoded]
    return vectors


def _indices(labels: Sequence[str], device: str) -> Tensor:
    """Each label as a number (equal labels, equal numbers), for comparing on the device."""
    numbers: dict[str, int] = {}
    return torch.tensor(
        [numbers.setdefault(label, len(numbers)) for label in labels], device=device
    )


def save_layers(path: Path, weights: dict[str, Tensor], max_tokens: int, provenance: str) -> None:
    """The tuned layers in float16 (half the size; vectors' cosine to float32 ones ~0.99999)."""
    from safetensors.torch import save_file

    halves = {name: tensor.to(torch.float16).contiguous() for name, tensor in weights.items()}
    save_file(halves, str(path), metadata={"max_tokens": str(max_tokens), "provenance": provenance})
