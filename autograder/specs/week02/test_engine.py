"""Public specs for week02/engine.py: the scalar autograd engine `Value`, `top_sort` and `trace`.

Oracles: torch autograd in float64, and the task sheet's printed values.
"""
import math

import pytest

from autograder.boundary import in_worker
from engine_graphs import check_graph, close, leaf_pair  # a helper module beside the specs

# one entry per operation: (name, function applied to (a, b) or (a, c) for Values and for tensors alike)
BINARY = [
    ("a + b", lambda a, b: a + b), ("a - b", lambda a, b: a - b),
    ("a * b", lambda a, b: a * b), ("a / b", lambda a, b: a / b),
]
UNARY = [
    ("-a", lambda a: -a), ("a ** 2", lambda a: a ** 2), ("a ** 3", lambda a: a ** 3),
    ("a ** -1", lambda a: a ** -1), ("a ** 0.5", lambda a: a ** 0.5),
    ("a + 2.5", lambda a: a + 2.5), ("2.5 + a", lambda a: 2.5 + a),
    ("a - 2.5", lambda a: a - 2.5), ("2.5 - a", lambda a: 2.5 - a),
    ("a * 2.5", lambda a: a * 2.5), ("2.5 * a", lambda a: 2.5 * a),
    ("a / 2.5", lambda a: a / 2.5), ("2.5 / a", lambda a: 2.5 / a),
    ("a.exp()", lambda a: a.exp()), ("a.tanh()", lambda a: a.tanh()), ("a.relu()", lambda a: a.relu()),
]


@in_worker
def set_and_dict_of(a, b):
    """Runs in the worker: puts a and b into a set and a into a dict there, and reports what it finds."""
    s = {a, b}
    d = {a: 1}
    return {"set_len": len(s), "a_in_set": a in s, "dict_a": d.get(a)}


@pytest.mark.points(1)
def test_value_basics(load):
    """Value(data): repr, + and *, grad starts at 0, label (sheet tasks 1-3 and 9)."""
    V = load("engine").Value
    assert repr(V(5)) == "Value(data=5)", \
        f"repr(Value(5)) should be 'Value(data=5)', got {repr(V(5))!r}; keep data as given in __repr__"
    assert repr(V(2.0) + V(-3.0)) == "Value(data=-1.0)", \
        f"repr(Value(2.0) + Value(-3.0)) should be 'Value(data=-1.0)', got {repr(V(2.0) + V(-3.0))!r}"
    x, y, z = V(2.0), V(-3.0), V(10.0)
    r = x * y + z
    assert repr(r) == "Value(data=4.0)", f"x*y + z with 2, -3, 10 should print Value(data=4.0), got {r!r}"
    assert r.data == 4.0, f"(x*y + z).data should be 4.0, got {r.data}"
    assert x.grad == 0 and r.grad == 0, "a new Value (leaf or result) should start with grad = 0.0"
    assert V(1.0).label == "", "label should default to the empty string ''"
    assert V(1.0, label="w1").label == "w1", "Value(1.0, label='w1').label should be 'w1'"


@pytest.mark.points(1)
def test_children_and_op(load):
    """_prev holds the operands and _op the operation (sheet tasks 4-5)."""
    V = load("engine").Value
    x, y, z = V(2.0), V(-3.0), V(10.0)
    p = x * y
    r = p + z
    assert isinstance(r._prev, set), f"_prev should be a set, got {r._prev.__class__.__name__}"
    assert r._prev == {p, z}, f"(x*y + z)._prev should be {{x*y, z}} = {{Value(data=-6.0), Value(data=10.0)}}, got {r._prev}"
    assert p._prev == {x, y}, f"(x*y)._prev should be {{x, y}}, got {p._prev}"
    assert x._prev == set() and x._op == "", "a leaf should have an empty _prev set and _op ''"
    assert r._op == "+", f"the _op of a sum should be '+', got {r._op!r}"
    assert p._op == "*", f"the _op of a product should be '*', got {p._op!r}"
    assert x.tanh()._op == "tanh", "the _op of a.tanh() should be 'tanh'"
    assert x.exp()._op == "exp", "the _op of a.exp() should be 'exp'"
    made = V(1.0, (x, y), "+", "s")
    assert made._prev == {x, y} and made._op == "+" and made.label == "s", \
        "Value(data, _children, _op, label) should store the children as the set _prev, the _op and the label"


@pytest.mark.points(1)
def test_values_hash_by_identity(load):
    """Two Values with equal data are still two different nodes (sets and dict keys work)."""
    V = load("engine").Value
    a, b = V(1.0), V(1.0)
    try:
        # the set and the dict are built in the worker, with the Value's own __hash__ and __eq__ (a set of
        # proxies on this side would hash and compare by identity whatever the Value does)
        probe = set_and_dict_of(a, b)
    except TypeError:
        raise AssertionError("Value must be hashable; if you define __eq__, also define __hash__ (by identity: id(self))") from None
    assert probe["set_len"] == 2, "Value(1.0) and Value(1.0) must be two different nodes in a set: hash and compare by identity"
    assert probe["a_in_set"] is True and probe["dict_a"] == 1, "a Value must be usable as a set member and a dict key"


@pytest.mark.points(1)
def test_number_operands(load):
    """Plain numbers on either side of +, -, *, / and as the exponent (sheet task 18)."""
    V = load("engine").Value
    x = V(2.0)
    checks = {"x + 2": lambda: x + 2, "2 + x": lambda: 2 + x, "x * 2": lambda: x * 2,
              "2 * x": lambda: 2 * x, "(x + 6) / 2": lambda: (x + 6) / 2, "x ** 2": lambda: x ** 2,
              "6 - x": lambda: 6 - x, "8 / x": lambda: 8 / x, "-(-4 * x / 2)": lambda: -(-4 * x / 2),
              "x - (-2)": lambda: x - (-2)}
    for text, f in checks.items():
        try:
            out = f()
        except TypeError as exc:
            raise AssertionError(f"{text} with x = Value(2.0) raised TypeError ({exc}); "
                        "add the missing operator (e.g. __radd__, __rmul__, __rsub__, __rtruediv__)")
        assert isinstance(out, V), f"{text} should return a Value, got {out.__class__.__name__}"
        assert close(out.data, 4.0), f"{text} with x = Value(2.0) should be 4.0, got {out.data}"
    assert close(x.exp().data, math.exp(2.0)), f"Value(2.0).exp().data should be e**2, got {x.exp().data}"


@pytest.mark.points(2)
def test_each_operation_against_torch(load):
    """Every operation's value and gradient match torch autograd."""
    V = load("engine").Value
    for a0, b0 in [(1.7, -0.6), (-1.3, 2.2), (0.4, 0.9)]:
        for name, f in BINARY:
            a, ta = leaf_pair(V, a0)
            b, tb = leaf_pair(V, b0)
            out, tout = f(a, b), f(ta, tb)
            assert close(out.data, tout.item()), \
                f"{name} with a={a0}, b={b0}: value {out.data}, expected {tout.item():.6f}"
            out.backward()
            tout.backward()
            assert close(a.grad, ta.grad.item()) and close(b.grad, tb.grad.item()), \
                (f"{name} with a={a0}, b={b0}: grads (a, b) = ({a.grad}, {b.grad}), expected "
                 f"({ta.grad.item():.6f}, {tb.grad.item():.6f}); check this operation's _backward")
        for name, f in UNARY:
            if name == "a ** 0.5" and a0 <= 0:
                continue
            a, ta = leaf_pair(V, a0)
            out, tout = f(a), f(ta)
            assert close(out.data, tout.item()), f"{name} with a={a0}: value {out.data}, expected {tout.item():.6f}"
            out.backward()
            tout.backward()
            assert close(a.grad, ta.grad.item()), \
                f"{name} with a={a0}: grad {a.grad}, expected {ta.grad.item():.6f}; check this operation's _backward"


@pytest.mark.points(1)
def test_gradients_accumulate(load):
    """A node used twice collects both gradient contributions (sheet task 17)."""
    V = load("engine").Value
    a = V(3.0)
    b = a + a
    b.backward()
    assert close(a.grad, 2.0), f"for b = a + a, a.grad should be 2.0, got {a.grad}: use += in _backward"
    a = V(3.0)
    (a * a).backward()
    assert close(a.grad, 6.0), f"for a * a with a = 3, a.grad should be 6.0, got {a.grad}"
    a, c = V(-2.0), V(5.0)
    d = a * c
    e = d + a
    f = e * d
    f.backward()
    # f = (ac + a) * ac = a^2 c^2 + a^2 c  ->  df/da = 2ac^2 + 2ac, df/dc = 2a^2 c + a^2
    assert close(a.grad, 2 * -2 * 25 + 2 * -2 * 5) and close(c.grad, 2 * 4 * 5 + 4), \
        f"f = (a*c + a) * (a*c): grads (a, c) = ({a.grad}, {c.grad}), expected (-120.0, 44.0)"


def _check_order(order, root, nodes):
    assert isinstance(order, list), f"top_sort should return a list, got {order.__class__.__name__}"
    ids = [id(n) for n in order]
    assert len(ids) == len(set(ids)), "top_sort listed a node more than once: keep a visited set"
    assert set(ids) == {id(n) for n in nodes}, \
        f"top_sort should list every node reachable from the root exactly once ({len(nodes)} here), got {len(order)}"
    assert order[-1] is root, "the root should be the last node of top_sort"
    pos = {id(n): i for i, n in enumerate(order)}
    for n in order:
        for c in n._prev:
            assert pos[id(c)] < pos[id(n)], f"{c} comes after its parent {n}: children must come first"


@pytest.mark.points(1)
def test_top_sort(load):
    """top_sort lists each node once, children before parents, root last (diamond graph)."""
    m = load("engine")
    V = m.Value
    a = V(2.0)
    b, c = a * 3, a + 1            # a is shared: a diamond
    d = b * c
    e = d + b
    nodes = [a, b, c, d, e] + [n for n in (b, c) for n in n._prev]
    _check_order(m.top_sort(e), e, set(nodes))
    leaf = V(1.0)
    assert m.top_sort(leaf) == [leaf], "top_sort of a lone leaf should be [leaf]"


@pytest.mark.points(1)
def test_trace(load):
    """trace(root) gives the node set and the (child, parent) edge set (sheet task 6)."""
    m = load("engine")
    V = m.Value
    leaf = V(2.0)
    nodes, edges = m.trace(leaf)
    assert nodes == {leaf} and edges == set(), f"trace of a leaf should be ({{leaf}}, set()), got ({nodes}, {edges})"
    x, y, z = V(2.0), V(-3.0), V(10.0)
    p = x * y
    r = p + z
    nodes, edges = m.trace(r)
    assert isinstance(nodes, set) and isinstance(edges, set), "trace should return two sets: (nodes, edges)"
    assert nodes == {x, y, z, p, r}, f"x*y + z has 5 nodes, trace found {len(nodes)}"
    assert edges == {(x, p), (y, p), (p, r), (z, r)}, \
        f"x*y + z has 4 edges, each a tuple (child, parent), e.g. (Value(data=2.0), Value(data=-6.0)); got {edges}"


# ------------------------------------------------------------------ random expression graphs

@pytest.mark.points(2)
@pytest.mark.timeout(30)
def test_random_graphs(load):
    """Values and gradients equal torch autograd (float64, 1e-6) on 12 random graphs with reused nodes."""
    V = load("engine").Value
    for seed in range(12):
        check_graph(V, seed, n_leaves=4 + seed % 3, n_ops=20 + 5 * seed, p_last=0.5)
