"""A small neural-network library on top of `Value`: Neuron, Layer, MLP, the MSE loss and a training loop."""
from __future__ import annotations

import random  # noqa: F401  (random.uniform(-1, 1) for the initial weights)
from typing import Sequence

from tqdm import tqdm  # noqa: F401  (show a progress bar in fit)

from engine import Value


class Module:
    """Anything with parameters."""

    def parameters(self) -> list[Value]:
        """All trainable Values of this module, in a fixed order (see the subclasses)."""
        raise NotImplementedError

    def zero_grad(self) -> None:
        """Set the grad of every parameter to 0.0."""
        raise NotImplementedError


class Neuron(Module):
    """tanh(w . x + b), or w . x + b when nonlin=False.

    The nin weights and the bias are new Values drawn at random (e.g. random.uniform(-1, 1)).
    """

    def __init__(self, nin: int, nonlin: bool = True) -> None:
        raise NotImplementedError

    def __call__(self, x: Sequence[float | Value]) -> Value:
        """One Value for an input of nin numbers or Values."""
        raise NotImplementedError

    def parameters(self) -> list[Value]:
        """[w_1, ..., w_nin, b]: the weights in input order, then the bias."""
        raise NotImplementedError


class Layer(Module):
    """nout neurons that all see the same nin inputs."""

    def __init__(self, nin: int, nout: int, nonlin: bool = True) -> None:
        raise NotImplementedError

    def __call__(self, x: Sequence[float | Value]) -> list[Value]:
        """A list of nout Values (always a list, even when nout == 1)."""
        raise NotImplementedError

    def parameters(self) -> list[Value]:
        """The parameters of neuron 0, then neuron 1, ... (nout * (nin + 1) Values)."""
        raise NotImplementedError


class MLP(Module):
    """Layers of sizes nouts after nin inputs: tanh on every layer but the last, which is linear."""

    def __init__(self, nin: int, nouts: Sequence[int]) -> None:
        raise NotImplementedError

    def __call__(self, x: Sequence[float | Value]) -> Value | list[Value]:
        """A single Value when the last layer has one neuron, else a list of Values."""
        raise NotImplementedError

    def parameters(self) -> list[Value]:
        """The parameters of layer 0, then layer 1, ..."""
        raise NotImplementedError


def mse_loss(preds: Sequence[Value], targets: Sequence[float]) -> Value:
    """The mean of (pred - target)**2 over the pairs, as a Value you can call backward() on."""
    raise NotImplementedError


def fit(model: MLP, xs: Sequence[Sequence[float]], ys: Sequence[float], steps: int = 100,
        lr: float = 0.05) -> list[float]:
    """Full-batch gradient descent on mse_loss for a model with one output; trains model in place.

    Each of the `steps` steps: forward every x, loss = mse_loss(preds, ys), zero the grads,
    backward, then p.data -= lr * p.grad for every parameter. Returns the loss of each step
    (as a float, computed before that step's update). Show a tqdm progress bar.
    """
    raise NotImplementedError
