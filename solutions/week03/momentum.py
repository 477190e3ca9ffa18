"""Week 03, learning rate and momentum on f(x) = x^4 + x^3 - 5x^2, plus a random hyper-parameter search."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure


def objective(x):
    """f(x) = x^4 + x^3 - 5x^2 (floats, NumPy arrays and tensors alike)."""
    return x ** 4 + x ** 3 - 5 * x ** 2


def optimize(lr: float, momentum: float, x0: float = 2.0, steps: int = 20) -> list[float]:
    """Minimise f from x0 with torch.optim.SGD(lr, momentum); returns x before and after every step."""
    x = torch.tensor(x0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=lr, momentum=momentum)
    xs = [x.item()]
    for _ in range(steps):
        opt.zero_grad()
        objective(x).backward()
        opt.step()
        xs.append(x.item())
    return xs


def choose_lr_momentum() -> tuple[float, float]:
    """An (lr <= 0.05, momentum) pair that ends 20 steps from x=2 next to the global minimum x=-2."""
    # without momentum x settles in the local minimum at 1.25; momentum carries it over the bump
    return 0.05, 0.8


def sample_hparams(n: int = 10, seed: int = 0) -> list[tuple[float, float]]:
    """n random (lr, momentum) pairs: lr log-uniform in [1e-4, 1e-2], momentum uniform in [0.85, 0.99]."""
    rng = np.random.default_rng(seed)       # own generator: the same seed gives the same list
    lrs = 10.0 ** rng.uniform(-4, -2, size=n)
    moms = rng.uniform(0.85, 0.99, size=n)
    return [(float(a), float(b)) for a, b in zip(lrs, moms)]


def plot_trajectory(lr: float, momentum: float, x0: float = 2.0, steps: int = 20) -> Figure:
    """The curve of f over [-3, 2.5] and the points visited by optimize(lr, momentum, x0, steps)."""
    xs = np.array(optimize(lr, momentum, x0, steps))
    grid = np.linspace(-3, 2.5, 300)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(grid, objective(grid), color="gray", label="f(x)")
    ax.plot(xs, objective(xs), "o-", color="tab:red", markersize=4, label=f"SGD lr={lr}, momentum={momentum}")
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.legend()
    return fig


def weight_decay_step(param: torch.Tensor, grad: torch.Tensor, lr: float, weight_decay: float) -> torch.Tensor:
    """One plain SGD step with weight decay, by hand: the new value of `param` (inputs unchanged)."""
    # weight decay adds weight_decay * param to the gradient, pulling every weight towards 0
    return param - lr * (grad + weight_decay * param)
