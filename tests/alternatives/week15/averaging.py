"""The mathematical trick in self-attention, the three versions of gpt-dev.ipynb (alternative implementation)."""
from __future__ import annotations

import torch
from torch.nn import functional as F


def causal_mean_loop(x):
    # We want x[b,t] = mean_{i<=t} x[b,i]
    B, T, C = x.shape
    xbow = torch.zeros((B, T, C), dtype=x.dtype)
    for b in range(B):
        for t in range(T):
            xprev = x[b, :t+1]  # (t,C)
            xbow[b, t] = torch.mean(xprev, 0)
    return xbow


def causal_average_weights(T):
    wei = torch.tril(torch.ones(T, T))
    wei = wei / wei.sum(1, keepdim=True)
    return wei


def causal_mean_matmul(x):
    # version 2: using matrix multiply for a weighted aggregation
    B, T, C = x.shape
    wei = causal_average_weights(T).to(x.dtype)
    xbow2 = wei @ x  # (B, T, T) @ (B, T, C) ----> (B, T, C)
    return xbow2


def causal_mean_softmax(x):
    # version 3: use Softmax
    B, T, C = x.shape
    tril = torch.tril(torch.ones(T, T))
    wei = torch.zeros((T, T), dtype=x.dtype)
    wei = wei.masked_fill(tril == 0, float('-inf'))
    wei = F.softmax(wei, dim=-1)
    xbow3 = wei @ x
    return xbow3
