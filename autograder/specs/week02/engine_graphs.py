"""Shared by the engine specs: the same random expression graph built with Values and with torch tensors."""
import math
import random

import torch

TOL = 1e-6


def close(got, want, tol=TOL):
    return math.isclose(float(got), float(want), rel_tol=tol, abs_tol=tol)


def leaf_pair(V, x):
    """The same number as a student Value and as a float64 torch leaf."""
    return V(x), torch.tensor(x, dtype=torch.float64, requires_grad=True)


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
