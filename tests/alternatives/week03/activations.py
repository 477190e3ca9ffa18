"""Week 03 activations by hand, the textbook way: naive sigmoid, clamp-based ReLUs, logsumexp cross-entropy,
Bernoulli dropout masks."""
from __future__ import annotations

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """1 / (1 + e^-x); for x near -1000 e^-x is inf and the quotient is exactly 0, which is finite."""
    return 1.0 / (1.0 + torch.exp(-x))


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """exp(x - logsumexp(x)) along dim."""
    return torch.exp(x - torch.logsumexp(x, dim=dim, keepdim=True))


def relu(x: torch.Tensor) -> torch.Tensor:
    """Negative entries clamped to 0."""
    return x.clamp(min=0)


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """The positive part plus negative_slope times the negative part."""
    return x.clamp(min=0) + negative_slope * x.clamp(max=0)


def cross_entropy(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood; a target with as many dims as the logits holds class probabilities."""
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    if target.ndim == logits.ndim:
        per_row = -(target * log_probs).sum(dim=1)
    else:
        per_row = -log_probs[torch.arange(logits.shape[0]), target]
    return per_row.sum() / logits.shape[0]


def dropout(x: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    """Keep each element with a Bernoulli(1 - p) draw and scale the kept ones by 1 / (1 - p)."""
    if not training or p == 0:
        return x
    mask = torch.bernoulli(torch.full_like(x, 1 - p))
    return mask * x * (1.0 / (1 - p))
