"""Week 15, part A: three equivalent ways for each token to average itself with the tokens before it.

Each function takes x of shape (B, T, C) and returns out of the same shape and dtype with
out[b, t] = mean(x[b, 0], ..., x[b, t]): a token only sees the past, never the future.
Fill in every function; each body now only raises NotImplementedError.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F  # noqa: F401  (you will need it)


def causal_mean_loop(x: torch.Tensor) -> torch.Tensor:
    """Version 1: explicit Python loops over b and t, averaging x[b, :t+1] along the time axis."""
    raise NotImplementedError


def causal_average_weights(T: int) -> torch.Tensor:
    """The (T, T) float matrix whose row t holds 1/(t+1) in columns 0..t and 0 above the diagonal
    (torch.tril of ones, each row divided by its sum)."""
    raise NotImplementedError


def causal_mean_matmul(x: torch.Tensor) -> torch.Tensor:
    """Version 2: one (batched) matrix product of causal_average_weights(T) with x: (T, T) @ (B, T, C)."""
    raise NotImplementedError


def causal_mean_softmax(x: torch.Tensor) -> torch.Tensor:
    """Version 3: a (T, T) matrix of zero scores, -inf where tril is 0 (masked_fill), softmax along the
    last dimension, then the product with x. This is the form self-attention takes."""
    raise NotImplementedError
