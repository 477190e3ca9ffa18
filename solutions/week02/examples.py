"""The worked examples of the week, built with `Value`: the L graph and a two-input neuron."""
from __future__ import annotations

from typing import Iterable

from engine import Value

# The neuron of the task sheet. This bias makes n = 0.8813..., where tanh(n) = 1/sqrt(2).
NEURON_INPUTS = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}


def build_l_graph(a: float = 2.0, b: float = -3.0, c: float = 10.0, f: float = -2.0) -> dict[str, Value]:
    """L = (a*b + c) * f, with e = a*b and d = e + c; every node labelled by its name."""
    va, vb, vc, vf = Value(a, label="a"), Value(b, label="b"), Value(c, label="c"), Value(f, label="f")
    e = va * vb
    e.label = "e"
    d = e + vc
    d.label = "d"
    L = d * vf
    L.label = "L"
    return {"a": va, "b": vb, "c": vc, "d": d, "e": e, "f": vf, "L": L}


def nudge_leaves(leaves: Iterable[Value], step: float = 0.01) -> None:
    """Move every leaf along its gradient: data += step * grad.

    With step > 0 the root goes up (for a small step); pass a negative step to go downhill.
    Gradients and every other node are left as they are.
    """
    for leaf in leaves:
        leaf.data += step * leaf.grad


def tanh_via_exp(x: Value) -> Value:
    """tanh(x) = (e^(2x) - 1) / (e^(2x) + 1), built only from exp, +, -, * and /."""
    e2x = (2 * x).exp()
    return (e2x - 1) / (e2x + 1)


def neuron_example(use_exp: bool = False) -> dict[str, Value]:
    """o = tanh(x1*w1 + x2*w2 + b) for the sheet's inputs, after o.backward().

    Returns the nodes by label: 'x1', 'x2', 'w1', 'w2', 'b', 'n' (the pre-activation) and 'o'.
    With use_exp=True the tanh is built by `tanh_via_exp` instead of `Value.tanh`.
    """
    v = {name: Value(val, label=name) for name, val in NEURON_INPUTS.items()}
    n = v["x1"] * v["w1"] + v["x2"] * v["w2"] + v["b"]
    n.label = "n"
    o = tanh_via_exp(n) if use_exp else n.tanh()
    o.label = "o"
    o.backward()
    return {**v, "n": n, "o": o}
