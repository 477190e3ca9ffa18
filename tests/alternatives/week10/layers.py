"""Feed-forward, encoder and decoder layers, post-LayerNorm, with a functional ReLU."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from attention import MultiHeadAttention


class FeedForwardSubLayer(nn.Module):
    """fc2(relu(fc1(x))) at every position."""

    def __init__(self, d_model: int, d_ff: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(d_model, d_ff)
        self.fc2 = nn.Linear(d_ff, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.relu(self.fc1(x)))


class EncoderLayer(nn.Module):
    """Self-attention then feed-forward, each as norm(x + dropout(sublayer(x)))."""

    def __init__(self, d_model: int, num_heads: int, d_ff: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, num_heads)
        self.norm1 = nn.LayerNorm(d_model)
        self.ff = FeedForwardSubLayer(d_model, d_ff)
        self.norm2 = nn.LayerNorm(d_model)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, src_mask: torch.Tensor | None = None) -> torch.Tensor:
        attended = self.self_attn(x, x, x, src_mask)
        h = self.norm1(x + self.drop(attended))
        return self.norm2(h + self.drop(self.ff(h)))


class DecoderLayer(nn.Module):
    """Masked self-attention, cross-attention (keys and values from the encoder output y), feed-forward."""

    def __init__(self, d_model: int, num_heads: int, d_ff: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, num_heads)
        self.norm1 = nn.LayerNorm(d_model)
        self.cross_attn = MultiHeadAttention(d_model, num_heads)
        self.norm2 = nn.LayerNorm(d_model)
        self.ff = FeedForwardSubLayer(d_model, d_ff)
        self.norm3 = nn.LayerNorm(d_model)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, y: torch.Tensor, tgt_mask: torch.Tensor | None = None,
                cross_mask: torch.Tensor | None = None) -> torch.Tensor:
        h = self.norm1(x + self.drop(self.self_attn(x, x, x, tgt_mask)))
        h = self.norm2(h + self.drop(self.cross_attn(h, y, y, cross_mask)))
        return self.norm3(h + self.drop(self.ff(h)))
