"""Week 03, activations and cross-entropy written by hand.

Use elementary tensor operations only (exp, log, max, sum, where, gather, indexing ...), not the
ready-made torch.sigmoid, torch.softmax, F.relu, F.cross_entropy and friends: the specs compare your
functions with those. Every function must work with autograd (gradients must flow through it).
"""
from __future__ import annotations

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """1 / (1 + e^-x), element-wise; same shape as x. Must stay finite (no nan) for x like ±1000."""
    raise NotImplementedError


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """e^x_i / sum_j e^x_j along `dim`; same shape as x, sums to 1 along `dim`.

    Must stay finite for large inputs such as [[1000., 1001.]] (hint: subtracting the maximum along
    `dim` does not change the result).
    """
    raise NotImplementedError


def relu(x: torch.Tensor) -> torch.Tensor:
    """max(x, 0) element-wise; same shape and dtype as x."""
    raise NotImplementedError


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """x where x > 0, negative_slope * x elsewhere; same shape and dtype as x."""
    raise NotImplementedError


def cross_entropy(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy loss of a batch, as F.cross_entropy computes it.

    logits: float tensor (N, C) of raw scores. target: either integer class indices (N,) (dtype
    int64), or float class probabilities (N, C) such as one-hot rows. The loss of a row is
    -log softmax(logits)[true class] (indices), or -sum_c target_c * log softmax(logits)_c (probabilities).
    Returns the mean over the N rows as a 0-dim tensor. Must stay finite for logits like 1000.
    Example: logits [[0.1, 6.0, -2.0, 3.2]] with target [2] give 8.0619.
    """
    raise NotImplementedError


def dropout(x: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    """Inverted dropout, as nn.Dropout(p) does it.

    In training (training=True, 0 <= p < 1): set each element to 0 independently with probability p
    (draw from torch's global random generator, e.g. torch.rand_like) and multiply the surviving
    elements by 1 / (1 - p), so the expected value of every element stays the same.
    When training=False or p == 0, return x unchanged. Same shape and dtype as x.
    """
    raise NotImplementedError
