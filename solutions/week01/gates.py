"""Week 01: logic gates with sigmoid neurons, trained by finite differences, and an XOR built from three of them.

A gate neuron has three parameters (w1, w2, b) and outputs sigmoid(w1 * x1 + w2 * x2 + b).
"""
from __future__ import annotations

import math
from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from tqdm import tqdm

# truth tables as (x1, x2, target) rows
AND_DATA = [(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 1)]
OR_DATA = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
NAND_DATA = [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
XOR_DATA = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]

Params = tuple[float, float, float]


def sigmoid(x: float | np.ndarray) -> float | np.ndarray:
    """1 / (1 + e^-x); works on a float (returns a float) and element-wise on a NumPy array."""
    if isinstance(x, np.ndarray):
        return 1.0 / (1.0 + np.exp(-x))
    return 1.0 / (1.0 + math.exp(-x))


def gate_output(params: Sequence[float], x1: float, x2: float) -> float:
    """The neuron's output sigmoid(w1 * x1 + w2 * x2 + b) for params = (w1, w2, b)."""
    w1, w2, b = params
    return sigmoid(w1 * x1 + w2 * x2 + b)


def gate_loss(params: Sequence[float], data: Sequence[tuple[int, int, int]]) -> float:
    """Mean squared error of the neuron over the (x1, x2, target) rows."""
    return sum((gate_output(params, x1, x2) - y) ** 2 for x1, x2, y in data) / len(data)


def train_gate(data: Sequence[tuple[int, int, int]], epochs: int = 3000, lr: float = 2.0,
               eps: float = 1e-3, seed: int | None = None) -> tuple[Params, list[float]]:
    """Train one neuron on a truth table; returns ((w1, w2, b), losses), losses[i] = loss after epoch i."""
    if seed is not None:
        np.random.seed(seed)
    params = [float(p) for p in np.random.uniform(-1, 1, 3)]
    losses = []
    for _ in tqdm(range(epochs), desc="train gate", leave=False):
        base = gate_loss(params, data)
        grads = []
        for i in range(3):  # forward difference for each parameter, all at the same point
            nudged = list(params)
            nudged[i] += eps
            grads.append((gate_loss(nudged, data) - base) / eps)
        params = [p - lr * g for p, g in zip(params, grads)]
        losses.append(gate_loss(params, data))
    return (params[0], params[1], params[2]), losses


def sigmoid_plot() -> Figure:
    """A line of sigmoid(x) for x from -10 to 10."""
    xs = np.linspace(-10, 10, 201)
    fig, ax = plt.subplots()
    ax.plot(xs, sigmoid(xs))
    ax.set_xlabel("x")
    ax.set_ylabel("sigmoid(x)")
    return fig


def loss_plot(losses: Sequence[float]) -> Figure:
    """A line of the loss per epoch: x is the epoch number (starting at 0 or 1), y the loss."""
    fig, ax = plt.subplots()
    ax.plot(np.arange(len(losses)), losses)
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss")
    return fig


class Xor:
    """XOR = AND(OR(x1, x2), NAND(x1, x2)): three gate neurons, 9 parameters in all.

    The parameter order is [or_w1, or_w2, or_b, nand_w1, nand_w2, nand_b, and_w1, and_w2, and_b].
    """

    def __init__(self, params: Sequence[float] | None = None) -> None:
        if params is None:
            params = np.random.uniform(-1, 1, 9)
        if len(params) != 9:
            raise ValueError(f"Xor needs 9 parameters, got {len(params)}")
        self.or_gate = tuple(float(p) for p in params[0:3])
        self.nand_gate = tuple(float(p) for p in params[3:6])
        self.and_gate = tuple(float(p) for p in params[6:9])

    def parameters(self) -> list[float]:
        """The 9 parameters as floats, in the documented order."""
        return [*self.or_gate, *self.nand_gate, *self.and_gate]

    def forward(self, x1: float, x2: float) -> float:
        """The model's output in (0, 1) for the inputs x1, x2."""
        hidden_or = gate_output(self.or_gate, x1, x2)
        hidden_nand = gate_output(self.nand_gate, x1, x2)
        return gate_output(self.and_gate, hidden_or, hidden_nand)


def forward(model: Xor, x1: float, x2: float) -> float:
    """The course's function form of Xor.forward."""
    return model.forward(x1, x2)


def train_xor(epochs: int = 3000, lr: float = 2.0, seed: int | None = None) -> Xor:
    """An Xor whose rounded outputs reproduce XOR_DATA: each hidden neuron learns its own gate."""
    if seed is not None:
        np.random.seed(seed)
    or_params, _ = train_gate(OR_DATA, epochs, lr)
    nand_params, _ = train_gate(NAND_DATA, epochs, lr)
    and_params, _ = train_gate(AND_DATA, epochs, lr)
    return Xor([*or_params, *nand_params, *and_params])
