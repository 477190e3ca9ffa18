"""Week 01: a one-weight neuron y_hat = w * x that learns to multiply by 2.

There is no autograd here: the derivative of the loss is estimated with a finite difference.
"""
from __future__ import annotations

import numpy as np

Dataset = list[tuple[int, int]]


def create_dataset(n: int) -> Dataset:
    """The n samples that show the wanted behaviour: [(0, 0), (1, 2), ..., (n-1, 2(n-1))].

    Example: create_dataset(4) == [(0, 0), (1, 2), (2, 4), (3, 6)].
    """
    raise NotImplementedError


def initialize_weights(low: float, high: float) -> float:
    """A random weight: one draw of np.random.uniform(low, high), returned as a Python float.

    With np.random.seed(42) beforehand, initialize_weights(0, 10) is 3.745401188473625.
    """
    raise NotImplementedError


def calculate_loss(w: float, dataset: Dataset) -> float:
    """The mean squared error of the model y_hat = w * x over the (x, y) pairs of `dataset`.

    With the seed-42 weight above and create_dataset(6), the loss is 27.92556532998047.
    """
    raise NotImplementedError


def finite_diff(w: float, dataset: Dataset, eps: float = 1e-3) -> float:
    """Estimate d loss / d w with the forward difference (loss(w + eps) - loss(w)) / eps."""
    raise NotImplementedError


def train(w: float, dataset: Dataset, lr: float = 1e-3, epochs: int = 500, eps: float = 1e-3) -> float:
    """Gradient descent from the weight `w`.

    Repeat `epochs` times: w = w - lr * finite_diff(w, dataset, eps). Return the final weight (a float).
    Starting from the seed-42 weight on create_dataset(6), 500 epochs bring w within 1e-3 of 2.
    """
    raise NotImplementedError
