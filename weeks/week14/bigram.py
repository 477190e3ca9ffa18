"""Week 14, part B: the bigram language model, its loss estimate, a training loop, and position embeddings.

Fill in every function and method below; each body now only raises NotImplementedError.
You may import get_batch from char_data (`from char_data import get_batch`).
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (you will need it)


class BigramLanguageModel(nn.Module):
    """The bigram language model: a single nn.Embedding(vocab_size, vocab_size) lookup table whose row i
    holds the logits of the token that follows token i.

    forward(idx, targets=None) -> (logits, loss)
        idx: (B, T) int64 token ids. Without targets returns ((B, T, V) logits, None). With targets
        ((B, T) int64) returns the logits reshaped to (B*T, V) and the scalar mean cross-entropy
        F.cross_entropy(logits, targets.view(B*T)).

    generate(idx, max_new_tokens, generator=None) -> (B, T + max_new_tokens) int64
        Repeat max_new_tokens times: run the model on the sequence so far, take the logits of the last
        position, turn them into probabilities with softmax, draw one token per row with
        torch.multinomial(probs, num_samples=1, generator=generator), and append it. No gradients.
    """

    def __init__(self, vocab_size: int) -> None:
        raise NotImplementedError

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        raise NotImplementedError

    def generate(self, idx: torch.Tensor, max_new_tokens: int,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        raise NotImplementedError


class TokenPositionModel(nn.Module):
    """Token embeddings plus position embeddings, then a linear head.

    Layers: nn.Embedding(vocab_size, n_embd) for tokens, nn.Embedding(block_size, n_embd) for positions
    0..T-1, and nn.Linear(n_embd, vocab_size) (with bias) from their sum to the logits. forward has the same
    contract as BigramLanguageModel.forward (T may be anything from 1 to block_size). generate has the same
    contract as BigramLanguageModel.generate, except that it feeds the model only the last block_size tokens
    (the position table knows no more), so it can generate sequences longer than block_size.
    """

    def __init__(self, vocab_size: int, n_embd: int = 32, block_size: int = 8) -> None:
        raise NotImplementedError

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        raise NotImplementedError

    def generate(self, idx: torch.Tensor, max_new_tokens: int,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        raise NotImplementedError


def estimate_loss(model: nn.Module, splits: dict[str, torch.Tensor], block_size: int, batch_size: int,
                  eval_iters: int, generator: torch.Generator | None = None) -> dict[str, float]:
    """The mean loss of `model` on eval_iters random batches of each split.

    splits maps a name (e.g. "train", "val") to a 1-D tensor of token ids. For each split draw eval_iters
    batches with get_batch(data, block_size, batch_size, generator), compute model(x, y)[1], and average.
    Measure in eval mode (model.eval()) and without gradients (torch.no_grad()); put the model back in
    training mode before returning. Returns {name: mean loss as a float} with the keys of `splits`.
    """
    raise NotImplementedError


def train(model: nn.Module, train_data: torch.Tensor, val_data: torch.Tensor, *, block_size: int = 8,
          batch_size: int = 32, steps: int = 3000, lr: float = 1e-2, eval_interval: int = 300,
          eval_iters: int = 200, seed: int = 0) -> list[dict[str, float]]:
    """Train `model` with torch.optim.AdamW(model.parameters(), lr=lr) for `steps` steps, one random
    training batch (get_batch) per step; draw the batches with torch.Generator().manual_seed(seed).

    Every eval_interval steps (step 0 included) and once more after the last step, append
    {"step": step, "train": ..., "val": ...} computed with estimate_loss(..., eval_iters). Returns that list.
    Show progress with tqdm.
    """
    raise NotImplementedError
