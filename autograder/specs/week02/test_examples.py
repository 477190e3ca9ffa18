"""Public specs for week02/examples.py: the L graph, nudging the leaves, and the tanh neuron."""
import math

import pytest
import torch

from autograder.boundary import in_worker

B = 6.8813735870195432


@in_worker
def operations(node) -> list[str]:
    """Runs in the worker: the _op of every node the graph of `node` is built from, leaves left out."""
    seen, stack, ops = set(), [node], []
    while stack:
        v = stack.pop()
        if id(v) not in seen:
            seen.add(id(v))
            if v._prev:
                ops.append(v._op)
                stack.extend(v._prev)
    return sorted(ops)


def mods(load):
    """Load engine first so that examples.py shares its Value class."""
    load("engine")
    return load("examples")


@pytest.mark.points(1)
def test_l_graph(load):
    """build_l_graph() gives L = (a*b + c) * f = -8.0 with labelled nodes e = a*b and d = e + c."""
    ex = mods(load)
    g = ex.build_l_graph()
    want = {"a": 2.0, "b": -3.0, "c": 10.0, "e": -6.0, "d": 4.0, "f": -2.0, "L": -8.0}
    assert set(g) == set(want), f"build_l_graph should return the nodes {sorted(want)}, got {sorted(g)}"
    for name, val in want.items():
        assert isinstance(g[name], ex.Value), f"g[{name!r}] should be a Value"
        assert math.isclose(g[name].data, val), f"node {name} should hold {val}, got {g[name].data}"
        assert g[name].label == name, f"node {name} should carry label={name!r}, got {g[name].label!r}"
    assert g["L"]._prev == {g["d"], g["f"]} and g["d"]._prev == {g["e"], g["c"]} \
        and g["e"]._prev == {g["a"], g["b"]}, "the graph should be L = d * f, d = e + c, e = a * b"
    g2 = ex.build_l_graph(1.0, 2.0, 3.0, 4.0)
    assert math.isclose(g2["L"].data, 20.0), "build_l_graph(a, b, c, f) should use the numbers it is given"


@pytest.mark.points(1)
def test_nudge_leaves_sheet_numbers(load):
    """After backward, nudge_leaves(step=0.01) moves L from -8.0 to -7.286496 (sheet task 11)."""
    ex = mods(load)
    g = ex.build_l_graph()
    g["L"].backward()
    leaves = [g[k] for k in "abcf"]
    out = ex.nudge_leaves(leaves, 0.01)
    assert out is None, "nudge_leaves changes the leaves in place and returns None"
    a, b, c, f = (v.data for v in leaves)
    new_l = (a * b + c) * f
    assert abs(new_l - (-7.286496)) < 1e-9, (
        f"after nudging, L should be -7.286496 (Old L = -8.0), got {new_l}. "
        "The contract is data += step * grad: a positive step moves along the gradient.")


@pytest.mark.points(2)
def test_neuron_example(load):
    """The sheet's neuron: o = tanh(x1*w1 + x2*w2 + b) = 0.7071 and its gradients (tasks 12-14)."""
    ex = mods(load)
    g = ex.neuron_example()
    need = ["x1", "x2", "w1", "w2", "b", "n", "o"]
    assert all(k in g for k in need), f"neuron_example should return the nodes {need}, got {sorted(g)}"
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
         for k, v in {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": B}.items()}
    n = t["x1"] * t["w1"] + t["x2"] * t["w2"] + t["b"]
    n.retain_grad()
    o = torch.tanh(n)
    o.backward()
    assert math.isclose(g["o"].data, o.item(), abs_tol=1e-9), \
        f"o should be tanh(0.8814) = {o.item():.8f}, got {g['o'].data}"
    assert math.isclose(g["n"].data, n.item(), abs_tol=1e-9), f"n should be {n.item():.8f}, got {g['n'].data}"
    assert math.isclose(g["o"].grad, 1.0), "neuron_example should call o.backward(), so o.grad is 1.0"
    for k in ["x1", "x2", "w1", "w2", "b"]:
        assert math.isclose(g[k].grad, t[k].grad.item(), abs_tol=1e-6), \
            f"{k}.grad should be {t[k].grad.item():.6f}, got {g[k].grad}; d(tanh n)/dn = 1 - o**2 = 0.5"
    assert math.isclose(g["n"].grad, 0.5, abs_tol=1e-6), f"n.grad should be 1 - o**2 = 0.5, got {g['n'].grad}"
    ops = operations(g["n"])
    assert ops.count("*") == 2 and set(ops) == {"*", "+"}, (
        f"n should be built as x1*w1 + x2*w2 + b, from two products and sums; its graph holds the operations {ops}")


@pytest.mark.points(1)
def test_tanh_via_exp(load):
    """tanh_via_exp builds tanh from exp and arithmetic: same value and gradient as tanh."""
    ex = mods(load)
    for x0 in [-2.0, -0.3, 0.0, 0.8813735870195432, 1.7]:
        x = ex.Value(x0)
        y = ex.tanh_via_exp(x)
        assert isinstance(y, ex.Value), "tanh_via_exp should return a Value"
        assert math.isclose(y.data, math.tanh(x0), abs_tol=1e-9), \
            f"tanh_via_exp(Value({x0})) should be {math.tanh(x0):.8f}, got {y.data}"
        y.backward()
        assert math.isclose(x.grad, 1 - math.tanh(x0) ** 2, abs_tol=1e-9), \
            f"the gradient through tanh_via_exp at x={x0} should be 1 - tanh(x)**2 = {1 - math.tanh(x0) ** 2:.8f}, got {x.grad}"
