"""Week 01: logic gates with sigmoid neurons, trained by finite differences, and an XOR built from three of them.

A gate neuron has three parameters (w1, w2, b) and outputs sigmoid(w1 * x1 + w2 * x2 + b).
"""
from __future__ import annotations

import math
from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

# truth tables as (x1, x2, target) rows
AND_DATA = [(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 1)]
OR_DATA = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
NAND_DATA = [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
XOR_DATA = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]

Params = tuple[float, float, float]


def sigmoid(x: float | np.ndarray) -> float | np.ndarray:
    """The logistic function 1 / (1 + e^-x).

    For a float returns a float; for a NumPy array works element-wise and returns an array of the
    same shape.
    """
    raise NotImplementedError


def gate_output(params: Sequence[float], x1: float, x2: float) -> float:
    """The neuron's output sigmoid(w1 * x1 + w2 * x2 + b), where params = (w1, w2, b)."""
    raise NotImplementedError


def gate_loss(params: Sequence[float], data: Sequence[tuple[int, int, int]]) -> float:
    """The mean squared error of the neuron with `params` over the (x1, x2, target) rows of `data`."""
    raise NotImplementedError


def train_gate(data: Sequence[tuple[int, int, int]], epochs: int = 3000, lr: float = 2.0,
               eps: float = 1e-3, seed: int | None = None) -> tuple[Params, list[float]]:
    """Train one gate neuron on a truth table with finite-difference gradient descent.

    - if seed is not None, call np.random.seed(seed) first; then draw the starting parameters
      (w1, w2, b) with np.random.uniform(-1, 1, 3) (large starting values saturate the sigmoid and
      learn very slowly);
    - each epoch: estimate the derivative of gate_loss for each of w1, w2, b with a forward difference
      of step eps (all three at the current parameters), then move every parameter by -lr * derivative;
    - returns ((w1, w2, b), losses) where losses has `epochs` floats and losses[i] is the loss after
      the update of epoch i (so losses[-1] == gate_loss(final params, data)).
    With the defaults the rounded outputs reproduce the truth table (e.g. AND_DATA, OR_DATA, NAND_DATA).
    """
    raise NotImplementedError


def sigmoid_plot() -> Figure:
    """A line plot of sigmoid(x) for x from -10 to 10 (at least 50 points, ends included), on one axes."""
    raise NotImplementedError


def loss_plot(losses: Sequence[float]) -> Figure:
    """A line plot of the loss per epoch on one axes: x is the epoch number, y is losses[epoch]."""
    raise NotImplementedError


class Xor:
    """XOR = AND(OR(x1, x2), NAND(x1, x2)): three gate neurons, 9 parameters in all.

    The 9 parameters, in this order: [or_w1, or_w2, or_b, nand_w1, nand_w2, nand_b, and_w1, and_w2, and_b].
    The OR and NAND neurons read (x1, x2); the AND neuron reads their two outputs.
    """

    def __init__(self, params: Sequence[float] | None = None) -> None:
        """Store the 9 given parameters, or draw 9 random ones when params is None.

        Raises ValueError if params does not hold exactly 9 values.
        """
        raise NotImplementedError

    def parameters(self) -> list[float]:
        """The 9 parameters as a list of floats, in the order given in the class docstring."""
        raise NotImplementedError

    def forward(self, x1: float, x2: float) -> float:
        """The model's output, a float in (0, 1): the AND neuron applied to (OR(x1, x2), NAND(x1, x2))."""
        raise NotImplementedError


def forward(model: Xor, x1: float, x2: float) -> float:
    """The output of `model` for the inputs x1, x2 (the same value as model.forward(x1, x2))."""
    raise NotImplementedError


def train_xor(epochs: int = 3000, lr: float = 2.0, seed: int | None = None) -> Xor:
    """Train an Xor model whose outputs, rounded, reproduce XOR_DATA.

    If seed is not None, call np.random.seed(seed) first. Hint: the hidden neurons have a known job;
    each can be trained on its own truth table with train_gate.
    """
    raise NotImplementedError
