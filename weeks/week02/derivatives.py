"""Slopes of lines and derivatives estimated by finite differences."""
from __future__ import annotations

from typing import Callable, Sequence


def slope(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Slope dy/dx of the line through p = (x1, y1) and q = (x2, y2).

    Raises ValueError when x1 == x2 (a vertical line has no slope).
    """
    raise NotImplementedError


def numeric_derivative(f: Callable[[float], float], x: float, eps: float = 1e-6) -> float:
    """The forward difference (f(x + eps) - f(x)) / eps, with exactly the eps given."""
    raise NotImplementedError


def numeric_grad(f: Callable[..., float], xs: Sequence[float], eps: float = 1e-6) -> list[float]:
    """Partial derivatives of f(*xs), one per argument, in order.

    The i-th entry is the forward difference (f(..., xs[i] + eps, ...) - f(*xs)) / eps,
    nudging only argument i.
    """
    raise NotImplementedError
