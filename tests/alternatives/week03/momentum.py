"""Week 03 momentum experiments: the quartic in factored form, a float64 parameter, stdlib random search."""
from __future__ import annotations

import math
import random

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure


def objective(x):
    """x^2 (x^2 + x - 5), the same quartic factored."""
    return x * x * (x * x + x - 5)


def optimize(lr: float, momentum: float, x0: float = 2.0, steps: int = 20) -> list[float]:
    """SGD with momentum on a float64 scalar; the visited positions, x0 first."""
    x = torch.tensor([x0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr, momentum=momentum)
    path = [float(x0)]
    for _ in range(steps):
        optimizer.zero_grad()
        loss = objective(x).sum()
        loss.backward()
        optimizer.step()
        path.append(x.item())
    return path


def choose_lr_momentum() -> tuple[float, float]:
    """The largest allowed step with moderate momentum rolls over the bump and settles at x = -2."""
    return 0.05, 0.7


def sample_hparams(n: int = 10, seed: int = 0) -> list[tuple[float, float]]:
    """Pairs drawn one at a time from random.Random(seed): exponent first, then momentum."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        lr = math.pow(10, rng.uniform(-4, -2))
        mom = rng.uniform(0.85, 0.99)
        pairs.append((lr, mom))
    return pairs


def plot_trajectory(lr: float, momentum: float, x0: float = 2.0, steps: int = 20) -> Figure:
    """The curve of f as a line, the SGD positions as a scatter on top."""
    grid = np.arange(-3.2, 2.71, 0.01)
    visited = np.array(optimize(lr, momentum, x0, steps))
    fig = plt.figure()
    plt.plot(grid, objective(grid), label="f")
    plt.scatter(visited, objective(visited), c="red", zorder=3, label="SGD")
    plt.axvline(-2, linestyle=":", color="grey")
    plt.xlabel("x")
    plt.ylabel("f(x)")
    plt.legend()
    return fig


def weight_decay_step(param: torch.Tensor, grad: torch.Tensor, lr: float, weight_decay: float) -> torch.Tensor:
    """d_p = grad + wd * param, then param - lr * d_p, as torch's SGD writes it."""
    d_p = grad.add(param, alpha=weight_decay)
    return param.sub(d_p, alpha=lr)
