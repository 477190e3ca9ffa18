"""Week 01 one-weight neuron with a vectorised NumPy loss (dataset turned into arrays)."""
from __future__ import annotations

import numpy as np

Dataset = list[tuple[int, int]]


def create_dataset(n: int) -> Dataset:
    """Pairs (x, 2x) for x in 0..n-1, built from a NumPy range."""
    xs = np.arange(n)
    return list(zip(xs.tolist(), (2 * xs).tolist()))


def initialize_weights(low: float, high: float) -> float:
    """One uniform draw from NumPy's global generator."""
    return np.random.uniform(low, high, size=1).item()


def calculate_loss(w: float, dataset: Dataset) -> float:
    """Mean of squared errors of w * x, computed on arrays."""
    data = np.array(dataset, dtype=np.float64).reshape(-1, 2)
    x, y = data[:, 0], data[:, 1]
    return float(np.mean((y - w * x) ** 2))


def finite_diff(w: float, dataset: Dataset, eps: float = 1e-3) -> float:
    """Forward difference of the loss."""
    here = calculate_loss(w, dataset)
    ahead = calculate_loss(w + eps, dataset)
    return (ahead - here) / eps


def train(w: float, dataset: Dataset, lr: float = 1e-3, epochs: int = 500, eps: float = 1e-3) -> float:
    """Plain gradient descent, printing nothing."""
    for epoch in range(epochs):
        w -= lr * finite_diff(w, dataset, eps)
    return float(w)
