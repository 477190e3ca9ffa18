"""Slopes of lines and derivatives estimated by finite differences."""
from __future__ import annotations

from typing import Callable, Sequence


def slope(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Slope dy/dx of the line through points p = (x1, y1) and q = (x2, y2)."""
    dx = q[0] - p[0]
    if dx == 0:
        raise ValueError(f"the line through {p} and {q} is vertical: its slope is undefined")
    return (q[1] - p[1]) / dx


def numeric_derivative(f: Callable[[float], float], x: float, eps: float = 1e-6) -> float:
    """Forward difference (f(x + eps) - f(x)) / eps: the slope of a very short secant."""
    return (f(x + eps) - f(x)) / eps


def numeric_grad(f: Callable[..., float], xs: Sequence[float], eps: float = 1e-6) -> list[float]:
    """Partial derivatives of f(*xs) by forward differences, nudging one argument at a time."""
    xs = [float(x) for x in xs]
    base = f(*xs)
    grads = []
    for i in range(len(xs)):
        nudged = list(xs)
        nudged[i] += eps
        grads.append((f(*nudged) - base) / eps)
    return grads
