"""Week 14, part B: the bigram language model, its loss estimate, a training loop, and position embeddings."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from tqdm import tqdm

from char_data import get_batch


def _logits_and_loss(logits: torch.Tensor, targets: torch.Tensor | None):
    """(B, T, V) logits and no targets -> themselves; with targets -> (B*T, V) logits and the mean CE."""
    if targets is None:
        return logits, None
    B, T, V = logits.shape
    logits = logits.view(B * T, V)
    return logits, F.cross_entropy(logits, targets.view(B * T))


@torch.no_grad()
def _sample(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, block_size: int | None,
            generator: torch.Generator | None) -> torch.Tensor:
    for _ in range(max_new_tokens):
        idx_cond = idx if block_size is None else idx[:, -block_size:]  # never feed more than block_size
        logits, _ = model(idx_cond)
        probs = F.softmax(logits[:, -1, :], dim=-1)  # only the last time step predicts the next token
        idx_next = torch.multinomial(probs, num_samples=1, generator=generator)
        idx = torch.cat([idx, idx_next], dim=1)
    return idx


class BigramLanguageModel(nn.Module):
    """Each token reads the logits of the next token straight off a (V, V) lookup table."""

    def __init__(self, vocab_size: int) -> None:
        super().__init__()
        self.token_embedding_table = nn.Embedding(vocab_size, vocab_size)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        return _logits_and_loss(self.token_embedding_table(idx), targets)

    def generate(self, idx: torch.Tensor, max_new_tokens: int,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        return _sample(self, idx, max_new_tokens, None, generator)


class TokenPositionModel(nn.Module):
    """Token embedding + position embedding (n_embd each), then a linear head to vocabulary logits."""

    def __init__(self, vocab_size: int, n_embd: int = 32, block_size: int = 8) -> None:
        super().__init__()
        self.block_size = block_size
        self.token_embedding_table = nn.Embedding(vocab_size, n_embd)
        self.position_embedding_table = nn.Embedding(block_size, n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        B, T = idx.shape
        tok = self.token_embedding_table(idx)                                   # (B, T, C)
        pos = self.position_embedding_table(torch.arange(T, device=idx.device))  # (T, C)
        return _logits_and_loss(self.lm_head(tok + pos), targets)

    def generate(self, idx: torch.Tensor, max_new_tokens: int,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        return _sample(self, idx, max_new_tokens, self.block_size, generator)


@torch.no_grad()
def estimate_loss(model: nn.Module, splits: dict[str, torch.Tensor], block_size: int, batch_size: int,
                  eval_iters: int, generator: torch.Generator | None = None) -> dict[str, float]:
    """Mean loss over eval_iters random batches of each split, in eval mode; the model's mode is restored."""
    was_training = model.training
    model.eval()
    out = {}
    for name, data in splits.items():
        losses = torch.zeros(eval_iters)
        for k in range(eval_iters):
            x, y = get_batch(data, block_size, batch_size, generator)
            _, loss = model(x, y)
            losses[k] = loss.item()
        out[name] = losses.mean().item()
    model.train(was_training)
    return out


def train(model: nn.Module, train_data: torch.Tensor, val_data: torch.Tensor, *, block_size: int = 8,
          batch_size: int = 32, steps: int = 3000, lr: float = 1e-2, eval_interval: int = 300,
          eval_iters: int = 200, seed: int = 0) -> list[dict[str, float]]:
    """AdamW on random batches; every eval_interval steps and after the last one, record both losses."""
    g = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    splits = {"train": train_data, "val": val_data}
    history = []
    model.train()
    for step in tqdm(range(steps), desc="training"):
        if step % eval_interval == 0:
            history.append({"step": step, **estimate_loss(model, splits, block_size, batch_size, eval_iters, g)})
        x, y = get_batch(train_data, block_size, batch_size, g)
        _, loss = model(x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    history.append({"step": steps, **estimate_loss(model, splits, block_size, batch_size, eval_iters, g)})
    return history
