"""Week 15, part B: the pieces of a (decoder-style, causal) transformer block.

Every module keeps to the attribute names given in its docstring: the specs use them to build the same
computation by hand. Fill in every method; each body now only raises NotImplementedError.
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (you will need it)


class Head(nn.Module):
    """One head of causal self-attention.

    Attributes: key, query, value: nn.Linear(n_embd, head_size, bias=False) each; a (block_size, block_size)
    lower-triangular buffer for the mask (register_buffer); an nn.Dropout(dropout) on the attention weights.

    forward(x: (B, T, n_embd), T <= block_size) -> (B, T, head_size):
        k, q, v = key(x), query(x), value(x)
        wei = q @ k^T * head_size ** -0.5        (B, T, T)
        positions above the diagonal -> -inf, softmax over the last dimension, dropout
        return wei @ v
    """

    def __init__(self, n_embd: int, head_size: int, block_size: int, dropout: float = 0.0) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class MultiHeadAttention(nn.Module):
    """num_heads Heads in parallel.

    Attributes: heads: nn.ModuleList of num_heads Head(n_embd, head_size, block_size, dropout);
    proj: nn.Linear(num_heads * head_size, n_embd) (with bias); an nn.Dropout(dropout).

    forward(x: (B, T, n_embd)) -> (B, T, n_embd): dropout(proj(cat([h(x) for h in heads], dim=-1))).
    """

    def __init__(self, num_heads: int, head_size: int, n_embd: int, block_size: int,
                 dropout: float = 0.0) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class FeedForward(nn.Module):
    """The per-token MLP: nn.Linear(n_embd, 4 * n_embd), ReLU, nn.Linear(4 * n_embd, n_embd), nn.Dropout(dropout).

    forward(x: (B, T, n_embd)) -> (B, T, n_embd); each position is transformed on its own.
    """

    def __init__(self, n_embd: int, dropout: float = 0.0) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class Block(nn.Module):
    """A transformer block: communication, then computation, both pre-LayerNorm with a residual path.

    Attributes: sa = MultiHeadAttention(n_head, n_embd // n_head, n_embd, block_size, dropout);
    ffwd = FeedForward(n_embd, dropout); ln1, ln2 = nn.LayerNorm(n_embd).

    forward(x: (B, T, n_embd)) -> (B, T, n_embd):
        x = x + sa(ln1(x))
        x = x + ffwd(ln2(x))
    """

    def __init__(self, n_embd: int, n_head: int, block_size: int, dropout: float = 0.0) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
