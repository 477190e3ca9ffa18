"""Week 10, part 2: masks, scaled dot-product attention and multi-head attention.

Masks follow one convention everywhere: 1/True means "may attend", 0/False means "blocked".
"""
from __future__ import annotations

import math

import torch
from torch import nn


def make_padding_mask(ids: torch.Tensor, pad_id: int = 0) -> torch.Tensor:
    """ids: (B, L) -> (B, L, L) mask with mask[b, i, j] true/1 exactly when ids[b, j] != pad_id.

    Every query row i of a sequence allows the same keys: its real tokens.
    """
    raise NotImplementedError


def make_causal_mask(length: int, device: torch.device | str | None = None) -> torch.Tensor:
    """(length, length) lower-triangular mask: position i may attend to positions j <= i."""
    raise NotImplementedError


def scaled_dot_product_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                                 mask: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """softmax(q k^T / sqrt(d_k)) v.

    q: (..., Lq, d_k), k: (..., Lk, d_k), v: (..., Lk, d_v); mask broadcastable to (..., Lq, Lk).
    Blocked scores (mask == 0) become -inf before the softmax, so they get weight exactly 0.
    Returns (output (..., Lq, d_v), weights (..., Lq, Lk)); every row of weights sums to 1.
    """
    raise NotImplementedError


class MultiHeadAttention(nn.Module):
    """num_heads heads of size d_model // num_heads.

    Contract (the specs rely on it):
    - ``q_proj``, ``k_proj``, ``v_proj``: ``nn.Linear(d_model, d_model, bias=False)``;
      ``out_proj``: ``nn.Linear(d_model, d_model)`` (with bias);
    - head h uses columns h*head_size .. (h+1)*head_size - 1 of the projected q, k and v;
    - the heads' outputs are concatenated in head order and passed through ``out_proj``;
    - ``d_model % num_heads != 0`` raises ValueError.
    The course sheet's layout passes too: an ``nn.ModuleList`` of num_heads heads, each with its own
    bias-free ``nn.Linear(d_model, head_size)`` for query, key and value, concatenated in list order and
    passed through one ``nn.Linear(d_model, d_model)``.
    """

    def __init__(self, d_model: int, num_heads: int) -> None:
        """Create the four projections; refuse a head count that does not divide d_model."""
        super().__init__()
        raise NotImplementedError

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                mask: torch.Tensor | None = None) -> torch.Tensor:
        """query: (B, Lq, d_model), key and value: (B, Lk, d_model); mask: (B, Lq, Lk), (1, Lq, Lk) or (Lq, Lk).

        Returns (B, Lq, d_model). The same mask applies to every head.
        """
        raise NotImplementedError
