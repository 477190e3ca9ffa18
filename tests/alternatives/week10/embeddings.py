"""Token embeddings and sinusoidal positions, the table built in float64 from the paper's formula with powers."""
from __future__ import annotations

import math

import torch
from torch import nn


class InputEmbeddings(nn.Module):
    """An nn.Embedding lookup multiplied by sqrt(d_model)."""

    def __init__(self, vocab_size: int, d_model: int) -> None:
        super().__init__()
        self.lut = nn.Embedding(vocab_size, d_model)
        self.scale = math.sqrt(d_model)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.scale * self.lut(ids)


class PositionalEncoding(nn.Module):
    """x + pe[:L], with pe[pos, 2i] = sin(pos / 10000^(2i/d)) and pe[pos, 2i+1] = cos(same angle)."""

    def __init__(self, d_model: int, max_seq_length: int) -> None:
        super().__init__()
        pos = torch.arange(max_seq_length, dtype=torch.float64)[:, None]
        two_i = torch.arange(0, d_model, 2, dtype=torch.float64)[None, :]
        angle = pos / torch.pow(10000.0, two_i / d_model)          # (max_len, ceil(d/2))
        table = torch.empty(max_seq_length, d_model, dtype=torch.float64)
        table[:, 0::2] = angle.sin()
        table[:, 1::2] = angle.cos()[:, : d_model // 2]
        self.register_buffer("table", table.float())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.table[: x.shape[1]]
