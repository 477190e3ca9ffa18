"""Masks and attention in the course sheet's layout: a list of `Head` modules, each with its own
query, key and value projections, concatenated and mixed by one output Linear."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


def make_padding_mask(ids: torch.Tensor, pad_id: int = 0) -> torch.Tensor:
    """(B, L) -> (B, L, L): key j is allowed for every query row when ids[b, j] is a real token."""
    length = ids.shape[1]
    return (ids != pad_id)[:, None, :].repeat(1, length, 1)


def make_causal_mask(length: int, device: torch.device | str | None = None) -> torch.Tensor:
    """(L, L) bool: query i may see key j when j <= i."""
    idx = torch.arange(length, device=device)
    return idx[None, :] <= idx[:, None]


def scaled_dot_product_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                                 mask: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """softmax(q k^T / sqrt(d_k)) v; blocked scores are -inf, so their weight is 0."""
    scores = torch.einsum("...qd,...kd->...qk", q, k) / math.sqrt(k.shape[-1])
    if mask is not None:
        scores = torch.where(mask.bool(), scores, torch.full_like(scores, float("-inf")))
    weights = F.softmax(scores, dim=-1)
    return torch.einsum("...qk,...kd->...qd", weights, v), weights


class Head(nn.Module):
    """One attention head with its own bias-free key, query and value projections (d_model -> head_size)."""

    def __init__(self, d_model: int, head_size: int) -> None:
        super().__init__()
        self.key = nn.Linear(d_model, head_size, bias=False)
        self.query = nn.Linear(d_model, head_size, bias=False)
        self.value = nn.Linear(d_model, head_size, bias=False)

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                mask: torch.Tensor | None = None) -> torch.Tensor:
        out, _ = scaled_dot_product_attention(self.query(query), self.key(key), self.value(value), mask)
        return out


class MultiHeadAttention(nn.Module):
    """num_heads `Head`s run side by side, concatenated in list order, then one Linear(d_model, d_model)."""

    def __init__(self, d_model: int, num_heads: int) -> None:
        super().__init__()
        if num_heads <= 0 or d_model % num_heads:
            raise ValueError(f"num_heads={num_heads} must divide d_model={d_model}")
        head_size = d_model // num_heads
        self.heads = nn.ModuleList([Head(d_model, head_size) for _ in range(num_heads)])
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                mask: torch.Tensor | None = None) -> torch.Tensor:
        # each head's scores are (B, Lq, Lk), so a (B, Lq, Lk) or (Lq, Lk) mask broadcasts as it is
        return self.proj(torch.cat([head(query, key, value, mask) for head in self.heads], dim=-1))
