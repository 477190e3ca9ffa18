"""Hidden specs for week02/examples.py."""
import math
import random

import pytest
import torch

pytestmark = pytest.mark.hidden


def mods(load):
    load("engine")
    return load("examples")


@pytest.mark.points(1)
def test_nudge_leaves_contract(load):
    """nudge_leaves does data += step * grad for any step, and changes nothing else."""
    ex = mods(load)
    rng = random.Random(5)
    for step in [0.01, -0.01, 0.2, -0.05]:
        vals = [round(rng.uniform(-3, 3), 3) for _ in range(4)]
        g = ex.build_l_graph(*vals)
        g["L"].backward()
        before = {k: (v.data, v.grad) for k, v in g.items()}
        ex.nudge_leaves([g["a"], g["c"]], step)
        for k, (d, gr) in before.items():
            want = d + step * gr if k in "ac" else d
            assert math.isclose(g[k].data, want, abs_tol=1e-12), \
                "nudge_leaves should set data += step * grad on the leaves it is given, and nothing else"
            assert g[k].grad == gr, "nudge_leaves must not change any gradient"
    g = ex.build_l_graph()
    g["L"].backward()
    ex.nudge_leaves([g[k] for k in "abcf"], -0.01)
    a, b, c, f = (g[k].data for k in "abcf")
    assert (a * b + c) * f < -8.0, "with a negative step, L should go down"


@pytest.mark.points(1)
def test_tanh_via_exp_random_and_composite(load, monkeypatch):
    """tanh_via_exp matches torch on random inputs and does not call Value.tanh."""
    ex = mods(load)

    def no_tanh(self):
        raise AssertionError("tanh_via_exp must build tanh from exp and arithmetic, without calling Value.tanh")
    monkeypatch.setattr(ex.Value, "tanh", no_tanh)
    rng = random.Random(11)
    for _ in range(20):
        x0 = rng.uniform(-3, 3)
        x = ex.Value(x0)
        y = ex.tanh_via_exp(2 * x + 1)
        (y * y).backward()
        t = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        ty = torch.tanh(2 * t + 1)
        (ty * ty).backward()
        assert math.isclose(y.data, ty.item(), abs_tol=1e-9) and math.isclose(x.grad, t.grad.item(), abs_tol=1e-6), \
            "tanh_via_exp gives a wrong value or gradient inside a larger expression"


@pytest.mark.points(1)
def test_neuron_example_with_exp(load):
    """neuron_example(use_exp=True) gives the same output and gradients as with Value.tanh."""
    ex = mods(load)
    a = ex.neuron_example(use_exp=False)
    b = ex.neuron_example(use_exp=True)
    assert b["o"]._op != "tanh", "with use_exp=True the output should be built by tanh_via_exp, not Value.tanh"
    for k in ["x1", "x2", "w1", "w2", "b", "n", "o"]:
        assert math.isclose(a[k].data, b[k].data, abs_tol=1e-9) and math.isclose(a[k].grad, b[k].grad, abs_tol=1e-9), \
            f"node {k} differs between use_exp=False and use_exp=True"
    assert b["o"] is not a["o"], "each call of neuron_example should build a fresh graph"
