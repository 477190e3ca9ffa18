"""Masks, scaled dot-product attention and multi-head attention."""
from __future__ import annotations

import math

import torch
from torch import nn


def make_padding_mask(ids: torch.Tensor, pad_id: int = 0) -> torch.Tensor:
    """(B, L) token ids -> (B, L, L) mask: mask[b, i, j] is True when key j is a real token."""
    keep = ids != pad_id  # (B, L)
    return keep.unsqueeze(1).expand(-1, ids.size(1), -1)


def make_causal_mask(length: int, device: torch.device | str | None = None) -> torch.Tensor:
    """(L, L) lower-triangular mask: position i may look at positions j <= i."""
    return torch.tril(torch.ones(length, length, dtype=torch.bool, device=device))


def scaled_dot_product_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                                 mask: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """softmax(q k^T / sqrt(d_k)) v, with blocked (mask == 0) positions set to -inf before the softmax."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


class MultiHeadAttention(nn.Module):
    """h heads of size d_model // h, each attending on its own slice of the projected q, k and v.

    The course sheet's layout passes too: an ``nn.ModuleList`` of num_heads heads, each with its own
    bias-free ``nn.Linear(d_model, head_size)`` for query, key and value, concatenated in list order and
    passed through one ``nn.Linear(d_model, d_model)``.
    """

    def __init__(self, d_model: int, num_heads: int) -> None:
        super().__init__()
        if d_model % num_heads != 0:
            raise ValueError(f"d_model={d_model} is not divisible by num_heads={num_heads}")
        self.num_heads, self.head_size = num_heads, d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.out_proj = nn.Linear(d_model, d_model)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        """(B, L, d_model) -> (B, h, L, head_size)"""
        B, L, _ = x.shape
        return x.view(B, L, self.num_heads, self.head_size).transpose(1, 2)

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                mask: torch.Tensor | None = None) -> torch.Tensor:
        q, k, v = self.split(self.q_proj(query)), self.split(self.k_proj(key)), self.split(self.v_proj(value))
        if mask is not None and mask.dim() == 3:
            mask = mask.unsqueeze(1)  # the same mask for every head
        out, _ = scaled_dot_product_attention(q, k, v, mask)
        B, _, Lq, _ = out.shape
        out = out.transpose(1, 2).reshape(B, Lq, self.num_heads * self.head_size)  # concatenate the heads
        return self.out_proj(out)
