"""Week 03, activations and cross-entropy written by hand (only elementary tensor ops)."""
from __future__ import annotations

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """1 / (1 + e^-x), element-wise; finite for any finite x."""
    # e^-|x| never overflows; pick the algebraically equal form for each sign
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """e^x / sum(e^x) along `dim`; shifting by the max first keeps exp from overflowing."""
    shifted = x - x.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


def relu(x: torch.Tensor) -> torch.Tensor:
    """max(x, 0) element-wise."""
    return torch.where(x > 0, x, torch.zeros_like(x))


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """x for x > 0, negative_slope * x otherwise."""
    return torch.where(x > 0, x, negative_slope * x)


def cross_entropy(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of (N, C) logits against class indices (N,) or class probabilities (N, C)."""
    # log-softmax by the log-sum-exp trick: log p = z - max - log(sum(exp(z - max)))
    m = logits.amax(dim=1, keepdim=True)
    log_p = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
    if target.dtype in (torch.int64, torch.int32, torch.int16, torch.uint8):
        # pick -log p of the true class in each row
        nll = -log_p.gather(1, target.long().unsqueeze(1)).squeeze(1)
    else:
        # soft (e.g. one-hot) targets: -sum_c y_c log p_c
        nll = -(target * log_p).sum(dim=1)
    return nll.mean()


def dropout(x: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    """Inverted dropout: in training, zero each element with probability p and scale the rest by 1/(1-p)."""
    if not training or p == 0:
        return x
    keep = (torch.rand_like(x) >= p).to(x.dtype)   # 1 with probability 1 - p
    return x * keep / (1 - p)                      # the expected value of every element is unchanged
