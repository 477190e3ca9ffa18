"""Hidden specs for week02/engine.py: many random graphs, deep graphs, and what backward must not touch."""
import random
import sys

import pytest
import torch
from engine_graphs import check_graph, close, leaf_pair  # a helper module beside the specs

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
    x, tx = leaf_pair(V, 0.5)
    mv, mt = zip(*(leaf_pair(V, v) for v in ms))
    cv, ct = zip(*(leaf_pair(V, v) for v in cs))
    y, ty = x, tx
    for i in range(n):                 # y = y * m_i + c_i: 2 operations per step, 4000 deep
        y, ty = y * mv[i] + cv[i], ty * mt[i] + ct[i]
    limit = sys.getrecursionlimit()
    try:
        order = m.top_sort(y)
        y.backward()
    except RecursionError:
        raise AssertionError("top_sort/backward hit the recursion limit on a graph 4000 nodes deep: "
                             "write the topological sort with an explicit stack instead of recursion")
    finally:
        sys.setrecursionlimit(limit)
    assert len(order) == 1 + 4 * n and len({id(v) for v in order}) == 1 + 4 * n, \
        "top_sort on a deep chain should list every node exactly once"
    pos = {id(v): i for i, v in enumerate(order)}
    assert order[-1] is y and all(pos[id(c)] < pos[id(v)] for v in order for c in v._prev), \
        "top_sort on a deep chain is out of order: children must come before their parents, the root last"
    ty.backward()
    assert close(y.data, ty.item()), "the value at the end of the deep chain is wrong"
    for name, v, t in [("x", x, tx), ("m_0", mv[0], mt[0]), ("c_0", cv[0], ct[0]), ("m_999", mv[999], mt[999]),
                       ("c_1999", cv[-1], ct[-1])]:
        assert close(v.grad, t.grad.item()), f"the gradient of {name} in the deep chain is wrong"


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
