"""Week 15, part A: three equivalent ways for each token to average itself with the tokens before it."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def causal_mean_loop(x: torch.Tensor) -> torch.Tensor:
    """Version 1, explicit loops: out[b, t] = mean of x[b, 0..t]."""
    B, T, C = x.shape
    out = torch.zeros_like(x)
    for b in range(B):
        for t in range(T):
            out[b, t] = x[b, : t + 1].mean(dim=0)
    return out


def causal_average_weights(T: int) -> torch.Tensor:
    """A (T, T) lower-triangular matrix whose row t holds 1/(t+1) in its first t+1 places."""
    w = torch.tril(torch.ones(T, T))
    return w / w.sum(dim=1, keepdim=True)


def causal_mean_matmul(x: torch.Tensor) -> torch.Tensor:
    """Version 2: one batched matrix product with the averaging weights, (T, T) @ (B, T, C) -> (B, T, C)."""
    return causal_average_weights(x.shape[1]).to(x) @ x


def causal_mean_softmax(x: torch.Tensor) -> torch.Tensor:
    """Version 3: zero scores, -inf above the diagonal, softmax over each row, then the product."""
    T = x.shape[1]
    tril = torch.tril(torch.ones(T, T, device=x.device))
    wei = torch.zeros(T, T, device=x.device, dtype=x.dtype).masked_fill(tril == 0, float("-inf"))
    return F.softmax(wei, dim=-1) @ x
