"""Hidden specs for week02/mlp.py: fit's update rule step by step, and two more datasets."""
import math
import random

import numpy as np
import pytest
import torch

pytestmark = pytest.mark.hidden


def mods(load):
    load("engine")
    return load("mlp")


@pytest.mark.points(2)
@pytest.mark.timeout(30)
def test_fit_matches_gradient_descent(load):
    """Three steps of fit equal three full-batch gradient-descent steps on the MSE loss in torch; its defaults
    are steps=100 and lr=0.05."""
    m = mods(load)
    model = m.MLP(2, [3, 1])
    rng = random.Random(9)
    ps = model.parameters()
    vals = [round(rng.uniform(-1, 1), 4) for _ in ps]
    for p, v in zip(ps, vals):
        p.data = v
    xs = [[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8]]
    ys = [0.4, -0.6, 1.0]
    lr = 0.1
    losses = m.fit(model, xs, ys, steps=3, lr=lr)
    p = torch.tensor(vals, dtype=torch.float64, requires_grad=True)
    want_losses = []
    for _ in range(3):
        preds = []
        for x in xs:
            h = torch.tanh(torch.stack([p[3 * j:3 * j + 2] @ torch.tensor(x, dtype=torch.float64) + p[3 * j + 2]
                                        for j in range(3)]))
            preds.append(p[9:12] @ h + p[12])
        loss = ((torch.stack(preds) - torch.tensor(ys, dtype=torch.float64)) ** 2).mean()
        want_losses.append(loss.item())
        p.grad = None
        loss.backward()
        with torch.no_grad():
            p -= lr * p.grad
    assert len(losses) == 3, f"fit(steps=3) should return 3 losses, got {len(losses)}"
    assert math.isclose(losses[0], want_losses[0], abs_tol=1e-9), \
        "the first loss returned by fit should be the MSE of the model before any update"
    assert np.allclose([q.data for q in model.parameters()], p.detach().numpy(), atol=1e-9), \
        "after 3 steps of fit the parameters differ from plain gradient descent (are the grads zeroed before each backward?)"
    assert np.allclose(losses, want_losses, atol=1e-9), "fit should return the MSE loss computed before each update"
    # the defaults fit declares: steps=100, lr=0.05
    model = m.MLP(2, [3, 1])
    for q, v in zip(model.parameters(), vals):
        q.data = v
    assert len(m.fit(model, xs, ys)) == 100, "fit's steps should default to 100"
    model = m.MLP(2, [3, 1])
    for q, v in zip(model.parameters(), vals):
        q.data = v
    m.fit(model, xs, ys, steps=1)
    p = torch.tensor(vals, dtype=torch.float64, requires_grad=True)
    preds = [p[9:12] @ torch.tanh(torch.stack([p[3 * j:3 * j + 2] @ torch.tensor(x, dtype=torch.float64) + p[3 * j + 2]
                                               for j in range(3)])) + p[12] for x in xs]
    ((torch.stack(preds) - torch.tensor(ys, dtype=torch.float64)) ** 2).mean().backward()
    assert np.allclose([q.data for q in model.parameters()], (p - 0.05 * p.grad).detach().numpy(), atol=1e-9), \
        "fit's lr should default to 0.05"


@pytest.mark.points(2)
@pytest.mark.timeout(40)
def test_fit_xor_and_sine(load, credit):
    """fit learns XOR with MLP(2, [4, 1]) in 200 steps and a sine curve with MLP(1, [4, 1]) in 150."""
    m = mods(load)
    tasks = [("XOR", [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [-1.0, 1.0, 1.0, -1.0], 2, [4, 1], 200)]
    xs = [[i * 0.6 - 1.5] for i in range(6)]
    tasks.append(("sine", xs, [math.sin(1.5 * x[0]) for x in xs], 1, [4, 1], 150))
    passed = 0
    for name, xs, ys, nin, nouts, steps in tasks:
        worst = 0.0
        for seed in range(3):
            random.seed(seed)
            np.random.seed(seed)
            model = m.MLP(nin, nouts)
            m.fit(model, xs, ys, steps=steps, lr=0.1)
            worst = max(worst, m.mse_loss([model(x) for x in xs], ys).data)
        if worst < 0.1:
            passed += 1
            credit(passed / 2, f"{name} was learned.")
    assert passed == 2, "fit did not bring the loss low enough on one of the two datasets"
