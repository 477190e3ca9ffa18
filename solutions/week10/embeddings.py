"""Token embeddings and sinusoidal positional encodings (Vaswani et al., 2017, section 3.4-3.5)."""
from __future__ import annotations

import math

import torch
from torch import nn


class InputEmbeddings(nn.Module):
    """Token ids -> vectors, scaled by sqrt(d_model) so they are not drowned by the positional encoding."""

    def __init__(self, vocab_size: int, d_model: int) -> None:
        super().__init__()
        self.d_model = d_model
        self.embedding = nn.Embedding(vocab_size, d_model)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.embedding(ids) * math.sqrt(self.d_model)


def sinusoidal_table(max_seq_length: int, d_model: int) -> torch.Tensor:
    """pe[pos, 2i] = sin(pos / 10000^(2i/d)), pe[pos, 2i+1] = cos(pos / 10000^(2i/d))."""
    position = torch.arange(max_seq_length, dtype=torch.float32).unsqueeze(1)  # (L, 1)
    # 1 / 10000^(2i/d), computed in log space for stability
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(max_seq_length, d_model)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: d_model // 2])
    return pe


class PositionalEncoding(nn.Module):
    """Adds the fixed sinusoidal table to a batch of embeddings (B, L, d_model)."""

    def __init__(self, d_model: int, max_seq_length: int) -> None:
        super().__init__()
        # a buffer: saved with the model and moved by .to(device), but never trained
        self.register_buffer("pe", sinusoidal_table(max_seq_length, d_model).unsqueeze(0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(1):
            raise ValueError(f"sequence of length {x.size(1)} is longer than max_seq_length={self.pe.size(1)}")
        return x + self.pe[:, : x.size(1)]
