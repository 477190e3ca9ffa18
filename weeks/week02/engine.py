"""A tiny scalar autograd engine: `Value`, `top_sort` and `trace`.

Fill in every method that raises NotImplementedError. See README.md for the contracts and the points.
"""
from __future__ import annotations

import math  # noqa: F401  (math.exp and math.tanh are handy)


class Value:
    """One scalar in a computation graph, with its gradient.

    Attributes:
        data: the number, kept as given (``Value(5).data == 5``).
        grad: d(root)/d(self) after ``root.backward()``; starts at 0.0.
        _prev: the set of Values this one was made from (empty for a leaf).
        _op: the operation that made it: '' for a leaf, '+' for a sum, '*' for a product,
            'exp' for exp(), 'tanh' for tanh(); choose your own strings for the others.
        label: a name for drawing and debugging; '' by default.
        _backward: a function of no arguments that adds this node's contribution to the grads of
            its children (``+=``, never ``=``); a leaf's does nothing.

    Values hash and compare by identity (do not define ``__eq__``): two ``Value(1.0)`` are two nodes.
    """

    def __init__(self, data: float, _children: tuple[Value, ...] = (), _op: str = "",
                 label: str = "") -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        """'Value(data=<data>)', e.g. 'Value(data=5)' for Value(5) and 'Value(data=-1.0)'."""
        raise NotImplementedError

    def __add__(self, other: Value | float) -> Value:
        """self + other; a plain number is wrapped in a Value first."""
        raise NotImplementedError

    def __mul__(self, other: Value | float) -> Value:
        """self * other; a plain number is wrapped in a Value first."""
        raise NotImplementedError

    def __pow__(self, k: float) -> Value:
        """self ** k for a plain number k (int or float); a Value exponent is not supported."""
        raise NotImplementedError

    def __neg__(self) -> Value:
        """-self."""
        raise NotImplementedError

    def __sub__(self, other: Value | float) -> Value:
        """self - other."""
        raise NotImplementedError

    def __truediv__(self, other: Value | float) -> Value:
        """self / other."""
        raise NotImplementedError

    def __radd__(self, other: float) -> Value:
        """other + self, for `2 + x`."""
        raise NotImplementedError

    def __rmul__(self, other: float) -> Value:
        """other * self, for `2 * x`."""
        raise NotImplementedError

    def __rsub__(self, other: float) -> Value:
        """other - self, for `2 - x`."""
        raise NotImplementedError

    def __rtruediv__(self, other: float) -> Value:
        """other / self, for `2 / x`."""
        raise NotImplementedError

    def exp(self) -> Value:
        """e ** self, with _op 'exp'."""
        raise NotImplementedError

    def tanh(self) -> Value:
        """tanh(self), with _op 'tanh'. Its derivative is 1 - tanh(self)**2."""
        raise NotImplementedError

    def relu(self) -> Value:
        """max(self, 0). Its derivative is 1 where self > 0, else 0."""
        raise NotImplementedError

    def backward(self) -> None:
        """Fill in .grad of every node reachable from self with d(self)/d(node).

        Set self.grad = 1.0, then call each node's _backward in reverse topological order
        (the root first). Nodes that self does not depend on are not touched. Call it once per
        graph: gradients accumulate, so zero them before a second call.
        """
        raise NotImplementedError


def top_sort(root: Value) -> list[Value]:
    """Every node reachable from root exactly once, each after all of its children; root is last.

    Must work on graphs thousands of nodes deep under Python's default recursion limit (1000):
    use an explicit stack, not recursion.
    """
    raise NotImplementedError


def trace(root: Value) -> tuple[set[Value], set[tuple[Value, Value]]]:
    """(nodes, edges): every node reachable from root, and every edge as a tuple (child, parent).

    For a lone leaf x: ({x}, set()). For x*y + z: 5 nodes and 4 edges.
    """
    raise NotImplementedError
