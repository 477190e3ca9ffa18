"""Shared by the engine specs: the same random expression graph built with Values and with torch tensors.

The recipe of a graph (which operation on which earlier nodes, with which constant) is drawn here,
on the torch side; the student's Values are built from that recipe in the worker in one request
(`build_and_backward`), which returns plain numbers; all judging stays here.
"""
import math
import random

import torch

from autograder.boundary import in_worker

TOL = 1e-6
KINDS = ["add", "sub", "mul", "div", "neg", "pow", "radd", "rmul", "rsub", "rdiv",
         "addc", "mulc", "divc", "exp", "tanh", "relu", "twice", "square"]
CONSTANTS = [-2.5, -1.5, -0.5, 0.75, 1.25, 3.0]
# the same Python expression for Values (in build_and_backward) and for tensors (here)
TORCH_OPS = {"add": lambda p, q, c, k: p + q, "sub": lambda p, q, c, k: p - q, "mul": lambda p, q, c, k: p * q,
             "div": lambda p, q, c, k: p / q, "neg": lambda p, q, c, k: -p, "pow": lambda p, q, c, k: p ** k,
             "radd": lambda p, q, c, k: c + p, "rmul": lambda p, q, c, k: c * p, "rsub": lambda p, q, c, k: c - p,
             "rdiv": lambda p, q, c, k: c / p, "addc": lambda p, q, c, k: p + c, "mulc": lambda p, q, c, k: p * c,
             "divc": lambda p, q, c, k: p / c, "exp": lambda p, q, c, k: p.exp(), "tanh": lambda p, q, c, k: p.tanh(),
             "relu": lambda p, q, c, k: p.relu(), "twice": lambda p, q, c, k: p + p, "square": lambda p, q, c, k: p * p}


def close(got, want, tol=TOL):
    return math.isclose(float(got), float(want), rel_tol=tol, abs_tol=tol)


def leaf(x):
    """A number as a float64 torch leaf."""
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def leaf_pair(V, x):
    """The same number as a student Value and as a float64 torch leaf."""
    return V(x), leaf(x)


@in_worker
def build_and_backward(V, leaves, ops):
    """Runs in the worker: builds the graph of a recipe with the Value class V, then calls root.backward().

    leaves: the leaf numbers; ops: (kind, index of p, index of q, constant c, exponent k) per new node,
    the operands being earlier nodes. Returns every node's data (read before backward) and grad (after).
    """
    f = {"add": lambda p, q, c, k: p + q, "sub": lambda p, q, c, k: p - q, "mul": lambda p, q, c, k: p * q,
         "div": lambda p, q, c, k: p / q, "neg": lambda p, q, c, k: -p, "pow": lambda p, q, c, k: p ** k,
         "radd": lambda p, q, c, k: c + p, "rmul": lambda p, q, c, k: c * p, "rsub": lambda p, q, c, k: c - p,
         "rdiv": lambda p, q, c, k: c / p, "addc": lambda p, q, c, k: p + c, "mulc": lambda p, q, c, k: p * c,
         "divc": lambda p, q, c, k: p / c, "exp": lambda p, q, c, k: p.exp(), "tanh": lambda p, q, c, k: p.tanh(),
         "relu": lambda p, q, c, k: p.relu(), "twice": lambda p, q, c, k: p + p, "square": lambda p, q, c, k: p * p}
    nodes = [V(x) for x in leaves]
    for kind, i, j, c, k in ops:
        nodes.append(f[kind](nodes[i], nodes[j], c, k))
    datas = [n.data for n in nodes]
    nodes[-1].backward()
    return datas, [n.grad for n in nodes]


def random_graph(seed, n_leaves, n_ops, p_last):
    """Draw a random expression graph and build it with float64 torch tensors.

    Returns the leaf numbers, the recipe (kind, operand index p, operand index q, constant c, exponent k)
    of every other node, and a list of (kind, tensor) for every node, the root last. Operands are drawn
    from all earlier nodes, so nodes get reused; with probability p_last the newest node is one of the
    operands, which makes the graph deep.
    """
    rng = random.Random(seed)
    leaves, ops, pool, used = [], [], [], set()
    for i in range(n_leaves):
        x = round(rng.uniform(-2, 2), 3)
        leaves.append(x)
        pool.append((f"leaf{i}", leaf(x)))
    while len(pool) < n_leaves + n_ops:
        ia = len(pool) - 1 if rng.random() < p_last else rng.randrange(len(pool))
        ib = rng.randrange(len(pool))
        ta, tb = pool[ia][1], pool[ib][1]
        x, y, c = ta.item(), tb.item(), rng.choice(CONSTANTS)
        kind = rng.choice(KINDS)
        if kind in ("div",) and abs(y) < 0.3 or kind == "rdiv" and abs(x) < 0.3 \
                or kind == "exp" and x > 2.5 or kind == "relu" and abs(x) < 1e-3:
            continue
        k = None
        if kind == "pow":
            k = rng.choice([2, 3, -1, 0.5, 1.5])
            if k < 0 and abs(x) < 0.3 or k in (0.5, 1.5) and x < 0.1:
                continue
        tout = TORCH_OPS[kind](ta, tb, c, k)
        if not math.isfinite(tout.item()) or abs(tout.item()) > 20:
            continue
        tout.retain_grad()
        pool.append((kind, tout))
        ops.append((kind, ia, ib, c, k))
        used.update((ia, ib) if kind not in ("neg", "pow", "exp", "tanh", "relu", "twice", "square")
                    and not kind.startswith("r") and not kind.endswith("c") else (ia,))
    # the root adds up every node that nothing else used, so the whole graph reaches it
    root, troot = len(pool) - 1, pool[-1][1]
    for i in range(len(pool) - 1):
        if i not in used:
            troot = troot + pool[i][1]
            troot.retain_grad()
            pool.append(("add", troot))
            ops.append(("add", root, i, None, None))
            root = len(pool) - 1
    return leaves, ops, pool


def check_graph(V, seed, n_leaves, n_ops, p_last, hidden=False):
    leaves, ops, pool = random_graph(seed, n_leaves, n_ops, p_last)
    datas, grads = build_and_backward(V, leaves, ops)
    assert len(datas) == len(grads) == len(pool), \
        f"graph {seed}: building it with Values gave {len(datas)} values and {len(grads)} gradients " \
        f"for {len(pool)} nodes"
    for i, (kind, t) in enumerate(pool):
        assert close(datas[i], t.item()), (
            f"graph {seed}: node {i} (operation '{kind}') has the wrong value"
            + ("" if hidden else f": {datas[i]}, expected {t.item():.6f}"))
    pool[-1][1].backward()
    # walk from the root back to the leaves: the first wrong gradient is nearest to the faulty operation
    for i in range(len(pool) - 1, -1, -1):
        kind, t = pool[i]
        want = t.grad.item() if t.grad is not None else 0.0
        assert close(grads[i], want, 1e-6), (
            f"graph {seed}: node {i} ({kind if i >= n_leaves else 'a leaf'}) of {len(pool)} has the wrong "
            "gradient" + ("" if hidden else f": {grads[i]}, expected {want:.6f}")
            + ". Check that every _backward uses += and that backward() follows a topological order.")
