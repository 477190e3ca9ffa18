"""Hidden specs for week02/engine.py: many random graphs, deep graphs, and what backward must not touch."""
import math
import random
import sys

import pytest
import torch

pytestmark = pytest.mark.hidden

TOL = 1e-6


def close(got, want, tol=TOL):
    return math.isclose(float(got), float(want), rel_tol=tol, abs_tol=tol)


def leaf_pair(V, x):
    """The same number as a student Value and as a float64 torch leaf."""
    return V(x), torch.tensor(x, dtype=torch.float64, requires_grad=True)


# The same random-graph builder as in the public specs.
def random_graph(V, seed, n_leaves, n_ops, p_last):
    """Build the same random expression graph with Values and with float64 torch tensors.

    Returns a list of (name, value, tensor) for every node and the root pair. Operands are drawn
    from all earlier nodes, so nodes get reused; with probability p_last the newest node is one
    of the operands, which makes the graph deep.
    """
    rng = random.Random(seed)
    pool, used = [], set()
    for i in range(n_leaves):
        v, t = leaf_pair(V, round(rng.uniform(-2, 2), 3))
        pool.append((f"leaf{i}", v, t))
    while len(pool) < n_leaves + n_ops:
        _, a, ta = pool[-1] if rng.random() < p_last else rng.choice(pool)
        _, b, tb = rng.choice(pool)
        x, y, c = ta.item(), tb.item(), rng.choice([-2.5, -1.5, -0.5, 0.75, 1.25, 3.0])
        kind = rng.choice(["add", "sub", "mul", "div", "neg", "pow", "radd", "rmul", "rsub", "rdiv",
                           "addc", "mulc", "divc", "exp", "tanh", "relu", "twice", "square"])
        if kind in ("div",) and abs(y) < 0.3 or kind == "rdiv" and abs(x) < 0.3 \
                or kind == "exp" and x > 2.5 or kind == "relu" and abs(x) < 1e-3:
            continue
        if kind == "pow":
            k = rng.choice([2, 3, -1, 0.5, 1.5])
            if k < 0 and abs(x) < 0.3 or k in (0.5, 1.5) and x < 0.1:
                continue
        f = {"add": lambda p, q: p + q, "sub": lambda p, q: p - q, "mul": lambda p, q: p * q,
             "div": lambda p, q: p / q, "neg": lambda p, q: -p, "pow": lambda p, q: p ** k,
             "radd": lambda p, q: c + p, "rmul": lambda p, q: c * p, "rsub": lambda p, q: c - p,
             "rdiv": lambda p, q: c / p, "addc": lambda p, q: p + c, "mulc": lambda p, q: p * c,
             "divc": lambda p, q: p / c, "exp": lambda p, q: p.exp(), "tanh": lambda p, q: p.tanh(),
             "relu": lambda p, q: p.relu(), "twice": lambda p, q: p + p, "square": lambda p, q: p * p}[kind]
        tout = f(ta, tb)
        if not math.isfinite(tout.item()) or abs(tout.item()) > 20:
            continue
        tout.retain_grad()
        pool.append((kind, f(a, b), tout))
        used.update((id(a), id(b)) if kind not in ("neg", "pow", "exp", "tanh", "relu", "twice", "square")
                    and not kind.startswith("r") and not kind.endswith("c") else (id(a),))
    # the root adds up every node that nothing else used, so the whole graph reaches it
    _, root, troot = pool[-1]
    for kind, v, t in pool[:-1]:
        if id(v) not in used:
            root, troot = root + v, troot + t
            troot.retain_grad()
            pool.append(("add", root, troot))
    return pool, root, troot


def check_graph(V, seed, n_leaves, n_ops, p_last, hidden=False):
    pool, root, troot = random_graph(V, seed, n_leaves, n_ops, p_last)
    for i, (kind, v, t) in enumerate(pool):
        assert close(v.data, t.item()), (
            f"graph {seed}: node {i} (operation '{kind}') has the wrong value"
            + ("" if hidden else f": {v.data}, expected {t.item():.6f}"))
    troot.backward()
    root.backward()
    # walk from the root back to the leaves: the first wrong gradient is nearest to the faulty operation
    for i in range(len(pool) - 1, -1, -1):
        kind, v, t = pool[i]
        want = t.grad.item() if t.grad is not None else 0.0
        assert close(v.grad, want, 1e-6), (
            f"graph {seed}: node {i} ({kind if i >= n_leaves else 'a leaf'}) of {len(pool)} has the wrong "
            "gradient" + ("" if hidden else f": {v.grad}, expected {want:.6f}")
            + ". Check that every _backward uses += and that backward() follows a topological order.")


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
