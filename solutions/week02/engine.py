"""A tiny scalar autograd engine: `Value` nodes that remember how they were made.

Every arithmetic operation on `Value`s returns a new `Value` whose `_prev` holds the operands and
whose `_backward` closure knows how to push the output's gradient back into them (chain rule).
`backward()` walks the graph in reverse topological order and calls those closures.
"""
from __future__ import annotations

import math
from typing import Callable


class Value:
    """One scalar in a computation graph, with its gradient."""

    def __init__(self, data: float, _children: tuple[Value, ...] = (), _op: str = "",
                 label: str = "") -> None:
        self.data = data
        self.grad = 0.0                       # d(root)/d(self), filled in by backward()
        self._backward: Callable[[], None] = lambda: None   # leaves have nothing to propagate
        self._prev = set(_children)           # the operands this node was made from
        self._op = _op                        # the operation that made it ('' for a leaf)
        self.label = label

    def __repr__(self) -> str:
        return f"Value(data={self.data})"

    # ------------------------------------------------------------------ binary operations
    def __add__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            # d(a+b)/da = d(a+b)/db = 1: the gradient is copied to both operands.
            # `+=` because a node used twice collects a contribution from each use.
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            # d(a*b)/da = b and d(a*b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k: float) -> Value:
        assert isinstance(k, (int, float)), "only a plain number is supported as the exponent"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward() -> None:
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    # everything else is built from +, * and **
    def __neg__(self) -> Value:
        return self * -1

    def __sub__(self, other: Value | float) -> Value:
        return self + (-other)

    def __truediv__(self, other: Value | float) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        return self * other ** -1

    # reflected versions: called for `2 + x`, `2 * x`, `2 - x`, `2 / x`
    def __radd__(self, other: float) -> Value:
        return self + other

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __rsub__(self, other: float) -> Value:
        return Value(other) + (-self)

    def __rtruediv__(self, other: float) -> Value:
        return Value(other) * self ** -1

    # ------------------------------------------------------------------ unary functions
    def exp(self) -> Value:
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad      # (e^x)' = e^x
        out._backward = _backward
        return out

    def tanh(self) -> Value:
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward() -> None:
            self.grad += (1 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> Value:
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if out.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # ------------------------------------------------------------------ backpropagation
    def backward(self) -> None:
        """Fill in `.grad` of every node reachable from self with d(self)/d(node)."""
        self.grad = 1.0
        for node in reversed(top_sort(self)):
            node._backward()


def top_sort(root: Value) -> list[Value]:
    """Every node reachable from root once, each after all of its children; root is last.

    Iterative depth-first search (an explicit stack instead of recursion), so a graph thousands
    of nodes deep does not hit Python's recursion limit.
    """
    order: list[Value] = []
    visited: set[Value] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)            # all its children are already in `order`
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))        # come back to it after its children
        for child in node._prev:
            if child not in visited:
                stack.append((child, False))
    return order


def trace(root: Value) -> tuple[set[Value], set[tuple[Value, Value]]]:
    """All nodes reachable from root, and all edges (child, parent) between them."""
    nodes: set[Value] = set()
    edges: set[tuple[Value, Value]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node in nodes:
            continue
        nodes.add(node)
        for child in node._prev:
            edges.add((child, node))
            stack.append(child)
    return nodes, edges
