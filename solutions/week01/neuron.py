"""Week 01: a one-weight neuron y = w * x that learns to multiply by 2 with finite-difference gradient descent."""
from __future__ import annotations

import numpy as np
from tqdm import tqdm

Dataset = list[tuple[int, int]]


def create_dataset(n: int) -> Dataset:
    """The n samples (x, 2x) for x = 0 .. n-1."""
    return [(x, 2 * x) for x in range(n)]


def initialize_weights(low: float, high: float) -> float:
    """One draw from np.random.uniform(low, high), returned as a Python float."""
    return float(np.random.uniform(low, high))


def calculate_loss(w: float, dataset: Dataset) -> float:
    """Mean squared error of the model y_hat = w * x over the dataset."""
    errors = [(w * x - y) ** 2 for x, y in dataset]
    return float(sum(errors) / len(errors))


def finite_diff(w: float, dataset: Dataset, eps: float = 1e-3) -> float:
    """Forward-difference estimate of d loss / d w: (loss(w + eps) - loss(w)) / eps."""
    return (calculate_loss(w + eps, dataset) - calculate_loss(w, dataset)) / eps


def train(w: float, dataset: Dataset, lr: float = 1e-3, epochs: int = 500, eps: float = 1e-3) -> float:
    """Gradient descent: `epochs` times, w -= lr * finite_diff(w). Returns the final w."""
    for _ in tqdm(range(epochs), desc="train x2", leave=False):
        w = w - lr * finite_diff(w, dataset, eps)
    return w
