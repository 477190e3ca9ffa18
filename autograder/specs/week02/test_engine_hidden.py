"""Hidden specs for week02/engine.py: many random graphs, deep graphs, and what backward must not touch."""
import random

import pytest
import torch

from autograder.boundary import in_worker
from engine_graphs import check_graph, close, leaf  # a helper module beside the specs

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
@pytest.mark.timeout(60)
def test_many_random_graphs(load):
    """Values and gradients equal torch autograd on 40 more random graphs, 10 of them a few hundred nodes deep."""
    V = load("engine").Value
    for seed in range(100, 130):
        check_graph(V, seed, n_leaves=3 + seed % 5, n_ops=30 + 3 * (seed % 20), p_last=0.5, hidden=True)
    for seed in range(200, 210):
        check_graph(V, seed, n_leaves=6, n_ops=300, p_last=1.0, hidden=True)


@in_worker
def deep_chain(V, top_sort, x0, ms, cs):
    """Runs in the worker: builds y = y * m_i + c_i from y = x with Values, calls top_sort(y) and y.backward().

    Nodes are numbered: x is 0, m_i is 1 + i, c_i is 1 + n + i, then for each step the product and the sum;
    any other object met in top_sort's answer or in a _prev gets the next free number. Returns the order as
    numbers, each listed node's children as numbers, y.data, and the grads of x, the m_i and the c_i.
    A RecursionError is not caught here: it reaches the spec.
    """
    import sys

    x, mv, cv = V(x0), [V(v) for v in ms], [V(v) for v in cs]
    nodes = [x] + mv + cv
    y = x
    for m, c in zip(mv, cv):
        p = y * m
        y = p + c
        nodes += [p, y]
    limit = sys.getrecursionlimit()
    try:
        order = top_sort(y)
        y.backward()
    finally:
        sys.setrecursionlimit(limit)
    number = {id(v): i for i, v in enumerate(nodes)}

    def num(v):
        if id(v) not in number:
            number[id(v)] = len(nodes)
            nodes.append(v)  # keeps it alive, so that its id stays its own
        return number[id(v)]
    length = len(order)
    listed = [num(v) for v in order]
    children = [[num(c) for c in v._prev] for v in order]
    return {"length": length, "order": listed, "children": children, "root": num(y), "y": y.data,
            "x_grad": x.grad, "m_grads": [v.grad for v in mv], "c_grads": [v.grad for v in cv]}


@pytest.mark.points(2)
@pytest.mark.timeout(60)
def test_deep_chain_no_recursion_error(load):
    """backward() and top_sort() work on a chain 4000 nodes deep under Python's default recursion limit."""
    m = load("engine")
    V = m.Value
    rng = random.Random(7)
    n = 2000
    ms = [round(rng.uniform(0.999, 1.001), 6) for _ in range(n)]
    cs = [round(rng.uniform(-0.01, 0.01), 6) for _ in range(n)]
    tx, mt, ct = leaf(0.5), [leaf(v) for v in ms], [leaf(v) for v in cs]
    ty = tx
    for i in range(n):                 # y = y * m_i + c_i: 2 operations per step, 4000 deep
        ty = ty * mt[i] + ct[i]
    # the chain is built, sorted and backpropagated in the worker, which runs under Python's default limit
    try:
        got = deep_chain(V, m.top_sort, 0.5, ms, cs)
    except RecursionError:
        raise AssertionError("top_sort/backward hit the recursion limit on a graph 4000 nodes deep: "
                             "write the topological sort with an explicit stack instead of recursion")
    order = got["order"]
    assert got["length"] == len(order) == 1 + 4 * n and len(set(order)) == 1 + 4 * n, \
        "top_sort on a deep chain should list every node exactly once"
    pos = {v: i for i, v in enumerate(order)}
    in_order = all(c in pos and pos[c] < pos[v] for v, kids in zip(order, got["children"]) for c in kids)
    assert order[-1] == got["root"] and in_order, \
        "top_sort on a deep chain is out of order: children must come before their parents, the root last"
    ty.backward()
    assert close(got["y"], ty.item()), "the value at the end of the deep chain is wrong"
    for name, g, t in [("x", got["x_grad"], tx), ("m_0", got["m_grads"][0], mt[0]),
                       ("c_0", got["c_grads"][0], ct[0]), ("m_999", got["m_grads"][999], mt[999]),
                       ("c_1999", got["c_grads"][-1], ct[-1])]:
        assert close(g, t.grad.item()), f"the gradient of {name} in the deep chain is wrong"


@pytest.mark.points(1)
def test_backward_leaves_other_things_alone(load):
    """backward() sets the root's grad to 1, changes no data and no node outside the graph."""
    m = load("engine")
    V = m.Value
    a, b, c = V(1.5), V(-0.5), V(2.0)
    other = a * c                     # made from a, but not part of the graph below
    r = (a * b).tanh() + b.exp() - b / 3
    datas = [n.data for n in (a, b, c, other, r)]
    r.backward()
    assert r.grad == 1.0, "after r.backward(), r.grad should be 1.0: d(r)/d(r) = 1"
    assert [n.data for n in (a, b, c, other, r)] == datas, "backward() must not change any node's data"
    assert c.grad == 0 and other.grad == 0, \
        "backward() changed the grad of nodes that the root does not depend on: visit only nodes reachable from the root"
    ta = torch.tensor(1.5, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(-0.5, dtype=torch.float64, requires_grad=True)
    ((ta * tb).tanh() + tb.exp() - tb / 3).backward()
    assert close(a.grad, ta.grad.item()) and close(b.grad, tb.grad.item()), \
        "the gradients of a small graph with tanh, exp and division are wrong"
