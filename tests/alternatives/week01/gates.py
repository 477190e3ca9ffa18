"""Week 01 gate neurons with parameters kept in a NumPy vector and the truth table as arrays."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

AND_DATA = [(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 1)]
OR_DATA = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
NAND_DATA = [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
XOR_DATA = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]

Params = tuple[float, float, float]


def sigmoid(x: float | np.ndarray) -> float | np.ndarray:
    """Logistic function through np.exp; a Python float comes back as a float."""
    out = 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))
    return float(out) if np.ndim(x) == 0 else out


def gate_output(params: Sequence[float], x1: float, x2: float) -> float:
    """sigmoid of the dot product of (w1, w2, b) with (x1, x2, 1)."""
    return float(sigmoid(np.dot(np.asarray(params, dtype=np.float64), [x1, x2, 1.0])))


def gate_loss(params: Sequence[float], data: Sequence[tuple[int, int, int]]) -> float:
    """MSE over the table, all rows at once."""
    table = np.asarray(data, dtype=np.float64)
    inputs = np.column_stack((table[:, :2], np.ones(len(table))))
    preds = sigmoid(inputs @ np.asarray(params, dtype=np.float64))
    return float(np.mean((preds - table[:, 2]) ** 2))


def train_gate(data: Sequence[tuple[int, int, int]], epochs: int = 3000, lr: float = 2.0,
               eps: float = 1e-3, seed: int | None = None) -> tuple[Params, list[float]]:
    """Finite-difference descent on the parameter vector; nudges along each unit vector of np.eye(3)."""
    if seed is not None:
        np.random.seed(seed)
    theta = np.random.uniform(-1, 1, 3)
    losses: list[float] = []
    for _ in range(epochs):
        base = gate_loss(theta, data)
        grad = np.array([(gate_loss(theta + eps * e, data) - base) / eps for e in np.eye(3)])
        theta = theta - lr * grad
        losses.append(gate_loss(theta, data))
    w1, w2, b = theta.tolist()
    return (w1, w2, b), losses


def sigmoid_plot() -> Figure:
    """sigmoid on 100 points of [-10, 10]."""
    fig = plt.figure()
    xs = np.linspace(-10, 10, 100)
    plt.plot(xs, sigmoid(xs))
    return fig


def loss_plot(losses: Sequence[float]) -> Figure:
    """Loss against epochs numbered from 1."""
    fig = plt.figure()
    plt.plot(range(1, len(losses) + 1), losses)
    plt.xlabel("epoch")
    plt.ylabel("loss")
    return fig


class Xor:
    """Three neurons in one 9-vector: rows of a 3 x 3 matrix are OR, NAND and AND."""

    def __init__(self, params: Sequence[float] | None = None) -> None:
        if params is None:
            params = np.random.randn(9)
        theta = np.array(params, dtype=np.float64).ravel()
        if theta.size != 9:
            raise ValueError("Xor takes exactly 9 parameters")
        self.theta = theta

    def parameters(self) -> list[float]:
        return self.theta.tolist()

    def forward(self, x1: float, x2: float) -> float:
        w = self.theta.reshape(3, 3)
        hidden = sigmoid(w[:2] @ np.array([x1, x2, 1.0]))
        return float(sigmoid(w[2] @ np.append(hidden, 1.0)))


def forward(model: Xor, x1: float, x2: float) -> float:
    """model.forward(x1, x2)."""
    return model.forward(x1, x2)


def train_xor(epochs: int = 3000, lr: float = 2.0, seed: int | None = None) -> Xor:
    """Train the output AND first, then NAND, then OR, each on its own table, and pack the 9 numbers."""
    if seed is not None:
        np.random.seed(seed)
    and_p, _ = train_gate(AND_DATA, epochs=epochs, lr=lr)
    nand_p, _ = train_gate(NAND_DATA, epochs=epochs, lr=lr)
    or_p, _ = train_gate(OR_DATA, epochs=epochs, lr=lr)
    return Xor(list(or_p) + list(nand_p) + list(and_p))
