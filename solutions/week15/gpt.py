"""Week 15, part C: the GPT language model, its sampler, and a short training run."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from tqdm import tqdm

from attention import Block


class GPTLanguageModel(nn.Module):
    """Token + position embeddings, n_layer Blocks, a final LayerNorm and a linear head to the vocabulary."""

    def __init__(self, vocab_size: int, n_embd: int = 32, block_size: int = 8, n_head: int = 4,
                 n_layer: int = 3, dropout: float = 0.0) -> None:
        super().__init__()
        self.block_size = block_size
        self.token_embedding_table = nn.Embedding(vocab_size, n_embd)
        self.position_embedding_table = nn.Embedding(block_size, n_embd)
        self.blocks = nn.Sequential(*[Block(n_embd, n_head, block_size, dropout) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        B, T = idx.shape
        tok = self.token_embedding_table(idx)                                   # (B, T, C)
        pos = self.position_embedding_table(torch.arange(T, device=idx.device))  # (T, C)
        logits = self.lm_head(self.ln_f(self.blocks(tok + pos)))                 # (B, T, V)
        if targets is None:
            return logits, None
        logits = logits.view(B * T, -1)
        return logits, F.cross_entropy(logits, targets.reshape(B * T))

    @torch.no_grad()
    def generate(self, idx: torch.Tensor, max_new_tokens: int,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        for _ in range(max_new_tokens):
            logits, _ = self(idx[:, -self.block_size:])  # the position table only knows block_size places
            probs = F.softmax(logits[:, -1, :], dim=-1)
            idx = torch.cat([idx, torch.multinomial(probs, 1, generator=generator)], dim=1)
        return idx


def _batch(data: torch.Tensor, block_size: int, batch_size: int, g: torch.Generator):
    ix = torch.randint(len(data) - block_size, (batch_size,), generator=g)
    x = torch.stack([data[i : i + block_size] for i in ix])
    y = torch.stack([data[i + 1 : i + block_size + 1] for i in ix])
    return x, y


@torch.no_grad()
def _estimate(model: nn.Module, data: torch.Tensor, block_size: int, batch_size: int, iters: int,
              g: torch.Generator) -> float:
    model.eval()
    total = sum(model(*_batch(data, block_size, batch_size, g))[1].item() for _ in range(iters))
    model.train()
    return total / iters


def train_gpt(model: GPTLanguageModel, train_data: torch.Tensor, val_data: torch.Tensor, *, steps: int,
              batch_size: int = 32, lr: float = 1e-3, eval_iters: int = 50, seed: int = 0) -> dict[str, float]:
    """AdamW for `steps` steps on random batches of model.block_size tokens; returns the final mean losses."""
    g = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    for _ in tqdm(range(steps), desc="training"):
        _, loss = model(*_batch(train_data, model.block_size, batch_size, g))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    return {name: _estimate(model, d, model.block_size, batch_size, eval_iters, g)
            for name, d in (("train", train_data), ("val", val_data))}
