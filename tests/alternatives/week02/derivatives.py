"""Slopes and derivatives estimated numerically, as in the first part of the micrograd lecture."""
from __future__ import annotations


def slope(p, q):
    x1, y1 = p
    x2, y2 = q
    if x1 == x2:
        raise ValueError("a vertical line has no slope")
    return (y2 - y1) / (x2 - x1)


def numeric_derivative(f, x, eps=1e-6):
    h = eps
    return (f(x + h) - f(x)) / h


def numeric_grad(f, xs, eps=1e-6):
    h = eps
    xs = list(xs)
    L1 = f(*xs)
    grads = []
    for i in range(len(xs)):
        bumped = xs.copy()
        bumped[i] = bumped[i] + h
        L2 = f(*bumped)
        grads.append((L2 - L1) / h)
    return grads
