"""The worked examples of the week, built with `Value`: the L graph and a two-input neuron."""
from __future__ import annotations

from typing import Iterable

from engine import Value

# The neuron of the task sheet. This bias makes n = 0.8813..., where tanh(n) = 1/sqrt(2).
NEURON_INPUTS = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}


def build_l_graph(a: float = 2.0, b: float = -3.0, c: float = 10.0, f: float = -2.0) -> dict[str, Value]:
    """Build L = (a*b + c) * f as Values: e = a*b, d = e + c, L = d * f.

    Returns {'a', 'b', 'c', 'd', 'e', 'f', 'L'} -> the Value of that node, each with .label set
    to its name. No backward() is called. With the defaults, L.data == -8.0.
    """
    raise NotImplementedError


def nudge_leaves(leaves: Iterable[Value], step: float = 0.01) -> None:
    """Move every given leaf along its gradient, in place: leaf.data += step * leaf.grad.

    A small positive step makes the root go up, a negative one makes it go down. Gradients and
    all other nodes stay as they are. Returns None.
    """
    raise NotImplementedError


def tanh_via_exp(x: Value) -> Value:
    """tanh(x) = (e^(2x) - 1) / (e^(2x) + 1), built from Value.exp and arithmetic only.

    Must not call Value.tanh: backpropagation through the pieces must give 1 - tanh(x)**2.
    """
    raise NotImplementedError


def neuron_example(use_exp: bool = False) -> dict[str, Value]:
    """The sheet's neuron o = tanh(x1*w1 + x2*w2 + b) with NEURON_INPUTS, after o.backward().

    Builds a fresh graph on each call. Returns the nodes by label: 'x1', 'x2', 'w1', 'w2', 'b',
    'n' (the pre-activation x1*w1 + x2*w2 + b) and 'o'. With use_exp=True the tanh is made by
    tanh_via_exp(n) instead of n.tanh(); the values and gradients are the same.
    """
    raise NotImplementedError
