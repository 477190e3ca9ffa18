"""A small neural-network library on top of `Value`: Neuron, Layer, MLP, and a training loop."""
from __future__ import annotations

import random
from typing import Sequence

from tqdm import tqdm

from engine import Value


class Module:
    """Anything with parameters."""

    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """tanh(w . x + b) (or just w . x + b when nonlin=False), with weights drawn from U(-1, 1)."""

    def __init__(self, nin: int, nonlin: bool = True) -> None:
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(random.uniform(-1, 1))
        self.nonlin = nonlin

    def __call__(self, x: Sequence[float | Value]) -> Value:
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.tanh() if self.nonlin else act

    def parameters(self) -> list[Value]:
        return self.w + [self.b]            # the weights in input order, then the bias


class Layer(Module):
    """nout neurons that all see the same nin inputs."""

    def __init__(self, nin: int, nout: int, nonlin: bool = True) -> None:
        self.neurons = [Neuron(nin, nonlin) for _ in range(nout)]

    def __call__(self, x: Sequence[float | Value]) -> list[Value]:
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]


class MLP(Module):
    """Layers of sizes nouts; tanh on every layer but the last, which is linear."""

    def __init__(self, nin: int, nouts: Sequence[int]) -> None:
        sizes = [nin] + list(nouts)
        self.layers = [Layer(sizes[i], sizes[i + 1], nonlin=i < len(nouts) - 1)
                       for i in range(len(nouts))]

    def __call__(self, x: Sequence[float | Value]) -> Value | list[Value]:
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]


def mse_loss(preds: Sequence[Value], targets: Sequence[float]) -> Value:
    """Mean of the squared errors (pred - target)**2."""
    return sum(((p - t) ** 2 for p, t in zip(preds, targets)), Value(0.0)) / len(preds)


def fit(model: MLP, xs: Sequence[Sequence[float]], ys: Sequence[float], steps: int = 100,
        lr: float = 0.05) -> list[float]:
    """Full-batch gradient descent on the MSE loss; returns the loss before each update."""
    losses = []
    for _ in tqdm(range(steps), desc="fit"):
        loss = mse_loss([model(x) for x in xs], ys)   # forward
        model.zero_grad()                             # grads accumulate: clear them first
        loss.backward()                               # backward
        for p in model.parameters():                  # update: step downhill
            p.data -= lr * p.grad
        losses.append(loss.data)
    return losses
