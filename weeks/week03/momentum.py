"""Week 03, learning rate and momentum on f(x) = x^4 + x^3 - 5x^2, plus a random hyper-parameter search."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure


def objective(x):
    """f(x) = x^4 + x^3 - 5x^2. Works on a float, a NumPy array or a tensor (returns the same kind)."""
    raise NotImplementedError


def optimize(lr: float, momentum: float, x0: float = 2.0, steps: int = 20) -> list[float]:
    """Minimise f with torch.optim.SGD(lr=lr, momentum=momentum), starting from x = x0.

    x is a 0-dim float tensor with requires_grad=True; each step is zero_grad, f(x).backward(), step.
    Returns the steps + 1 positions as Python floats: x0 first, then x after every step.
    """
    raise NotImplementedError


def choose_lr_momentum() -> tuple[float, float]:
    """Return (lr, momentum) with 0 < lr <= 0.05 such that optimize(lr, momentum) ends within 0.1 of the
    global minimum x = -2 after 20 steps from x = 2. (Without momentum, x gets stuck near 1.25.)
    """
    raise NotImplementedError


def sample_hparams(n: int = 10, seed: int = 0) -> list[tuple[float, float]]:
    """n random (lr, momentum) pairs for a random search, as Python floats.

    lr is log-uniform in [1e-4, 1e-2] (draw the exponent uniformly in [-4, -2]); momentum is uniform in
    [0.85, 0.99]. Use a generator seeded with `seed` (e.g. np.random.default_rng(seed)), so that the
    same seed gives the same list and different seeds give different lists.
    """
    raise NotImplementedError


def plot_trajectory(lr: float, momentum: float, x0: float = 2.0, steps: int = 20) -> Figure:
    """Plot f as a curve over at least [-3, 2.5] and, on the same axes, the points (x, f(x)) visited
    by optimize(lr, momentum, x0, steps). Label the axes. Returns the matplotlib Figure.
    """
    raise NotImplementedError


def weight_decay_step(param: torch.Tensor, grad: torch.Tensor, lr: float, weight_decay: float) -> torch.Tensor:
    """One step of SGD with weight decay (no momentum), computed by hand.

    Weight decay adds weight_decay * param to the gradient before the usual update, which is what
    torch.optim.SGD(params, lr=lr, weight_decay=weight_decay) does. Returns the new value of the
    parameter as a new tensor of the same shape; `param` and `grad` must not change.
    """
    raise NotImplementedError
