"""Week 10, part 1: token embeddings and sinusoidal positional encodings."""
from __future__ import annotations

import math

import torch
from torch import nn


class InputEmbeddings(nn.Module):
    """Token ids -> vectors, scaled by sqrt(d_model).

    Owns exactly one trainable table of shape (vocab_size, d_model): create it first in ``__init__`` as an
    ``nn.Embedding`` with its default initialisation (the task sheet's values assume this).
    """

    def __init__(self, vocab_size: int, d_model: int) -> None:
        """Build the (vocab_size, d_model) embedding table."""
        super().__init__()
        raise NotImplementedError

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """ids: (B, L) int64 -> (B, L, d_model) float: ``table[ids] * sqrt(d_model)``."""
        raise NotImplementedError


class PositionalEncoding(nn.Module):
    """Adds the fixed sinusoidal table of the paper to a batch of embeddings.

    pe[pos, 2i] = sin(pos / 10000^(2i / d_model)) and pe[pos, 2i + 1] = cos(pos / 10000^(2i / d_model)).
    The table is a buffer (``register_buffer``), never a parameter.
    """

    def __init__(self, d_model: int, max_seq_length: int) -> None:
        """Precompute the (max_seq_length, d_model) table and register it as a buffer."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (B, L, d_model) with L <= max_seq_length -> x + table[:L] (same shape)."""
        raise NotImplementedError
