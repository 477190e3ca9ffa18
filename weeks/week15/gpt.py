"""Week 15, part C: the GPT language model, its sampler, and a short training run.

Fill in every method and function; each body now only raises NotImplementedError.
Import your blocks with `from attention import Block`.
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (you will need it)


class GPTLanguageModel(nn.Module):
    """A character-level GPT.

    Layers, in order of use: token table nn.Embedding(vocab_size, n_embd); position table
    nn.Embedding(block_size, n_embd) for positions 0..T-1; n_layer Block(n_embd, n_head, block_size, dropout)
    (e.g. in an nn.Sequential); a final nn.LayerNorm(n_embd); lm_head nn.Linear(n_embd, vocab_size) (with
    bias). Keep block_size as the attribute self.block_size.

    forward(idx, targets=None) -> (logits, loss)
        idx: (B, T) int64 with T <= block_size. Without targets returns ((B, T, V) logits, None); with
        targets ((B, T) int64) returns the logits reshaped to (B*T, V) and F.cross_entropy against
        targets.view(B*T).

    generate(idx, max_new_tokens, generator=None) -> (B, T + max_new_tokens) int64
        Repeat max_new_tokens times: crop the sequence so far to its last block_size tokens, run the model,
        softmax the logits of the last position, draw one token per row with
        torch.multinomial(probs, num_samples=1, generator=generator), append it. No gradients. The prompt
        itself may be longer than block_size.
    """

    def __init__(self, vocab_size: int, n_embd: int = 32, block_size: int = 8, n_head: int = 4,
                 n_layer: int = 3, dropout: float = 0.0) -> None:
        raise NotImplementedError

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        raise NotImplementedError

    def generate(self, idx: torch.Tensor, max_new_tokens: int,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        raise NotImplementedError


def train_gpt(model: GPTLanguageModel, train_data: torch.Tensor, val_data: torch.Tensor, *, steps: int,
              batch_size: int = 32, lr: float = 1e-3, eval_iters: int = 50, seed: int = 0) -> dict[str, float]:
    """Train `model` for `steps` steps with torch.optim.AdamW(model.parameters(), lr=lr) on random batches
    of model.block_size tokens from train_data (targets shifted by one, as in week 14's get_batch), drawn
    with torch.Generator().manual_seed(seed). Then measure the mean loss over eval_iters random batches of
    each split in eval mode without gradients and return {"train": ..., "val": ...} as floats.
    Show progress with tqdm.
    """
    raise NotImplementedError
