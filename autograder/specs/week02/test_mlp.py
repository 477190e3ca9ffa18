"""Public specs for week02/mlp.py: Neuron, Layer, MLP on top of Value, the MSE loss and a training loop.

Parameters are set through parameters() (weights of each neuron in input order, then its bias;
neuron by neuron; layer by layer) and the forward pass is compared with the same maths in torch.
"""
import math
import random

import numpy as np
import pytest
import torch

KARPATHY_XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
KARPATHY_YS = [1.0, -1.0, -1.0, 1.0]


def mods(load):
    """Load engine first so that mlp.py shares its Value class."""
    load("engine")
    return load("mlp")


def set_params(model, rng):
    """Give every parameter a known value; returns them as a float64 torch leaf."""
    ps = model.parameters()
    vals = [round(rng.uniform(-1, 1), 4) for _ in ps]
    for p, v in zip(ps, vals):
        p.data = v
        p.grad = 0.0
    return torch.tensor(vals, dtype=torch.float64, requires_grad=True)


def torch_mlp(p, sizes, x):
    """The reference MLP: tanh after every layer but the last, parameters laid out neuron by neuron."""
    h, i = torch.tensor(x, dtype=torch.float64), 0
    for k, (nin, nout) in enumerate(zip(sizes[:-1], sizes[1:])):
        rows = []
        for _ in range(nout):
            rows.append(p[i:i + nin] @ h + p[i + nin])
            i += nin + 1
        h = torch.stack(rows)
        if k < len(sizes) - 2:
            h = torch.tanh(h)
    return h


@pytest.mark.points(1)
def test_neuron(load):
    """Neuron(nin) computes tanh(w . x + b); nonlin=False drops the tanh; nin + 1 parameters."""
    m = mods(load)
    rng = random.Random(1)
    n = m.Neuron(3)
    ps = n.parameters()
    assert len(ps) == 4 and all(isinstance(p, m.Value) for p in ps), \
        f"Neuron(3).parameters() should be 4 Values (3 weights, then the bias), got {len(ps)}"
    assert len({id(p) for p in ps}) == 4, "each parameter should be its own Value"
    p = set_params(n, rng)
    x = [0.5, -1.5, 2.0]
    out = n(x)
    want = math.tanh(sum(p[i].item() * x[i] for i in range(3)) + p[3].item())
    assert isinstance(out, m.Value), f"calling a Neuron should return a Value, got {out.__class__.__name__}"
    assert math.isclose(out.data, want, abs_tol=1e-9), \
        f"Neuron output should be tanh(w . x + b) = {want:.6f}, got {out.data}; parameters() is [w1, w2, w3, b]"
    out = n([m.Value(v) for v in x])
    assert math.isclose(out.data, want, abs_tol=1e-9), "a Neuron should accept a list of Values as input too"
    lin = m.Neuron(2, nonlin=False)
    p = set_params(lin, rng)
    want = p[0].item() * 1.5 + p[1].item() * -0.5 + p[2].item()
    assert math.isclose(lin([1.5, -0.5]).data, want, abs_tol=1e-9), "Neuron(nin, nonlin=False) should be w . x + b"
    a, b = m.Neuron(3), m.Neuron(3)
    assert [q.data for q in a.parameters()] != [q.data for q in b.parameters()], \
        "two new Neurons should start from different random weights"


@pytest.mark.points(1)
def test_layer(load):
    """Layer(nin, nout) returns a list of nout Values; parameters neuron by neuron."""
    m = mods(load)
    layer = m.Layer(3, 2)
    assert len(layer.parameters()) == 8, f"Layer(3, 2) has 2 * (3 + 1) = 8 parameters, got {len(layer.parameters())}"
    p = set_params(layer, random.Random(2))
    x = [1.0, -2.0, 0.5]
    out = layer(x)
    assert isinstance(out, list) and len(out) == 2, "calling Layer(3, 2) should return a list of 2 Values"
    want = torch_mlp(p, [3, 2], x).tanh()
    for j in range(2):
        assert math.isclose(out[j].data, want[j].item(), abs_tol=1e-9), \
            f"output {j} of the layer should be {want[j].item():.6f}, got {out[j].data}"


@pytest.mark.points(1)
def test_mlp_forward_backward(load):
    """MLP(3, [4, 4, 1]): 41 parameters; output and every parameter's gradient match torch."""
    m = mods(load)
    model = m.MLP(3, [4, 4, 1])
    assert len(model.parameters()) == 41, f"MLP(3, [4, 4, 1]) has 16 + 20 + 5 = 41 parameters, got {len(model.parameters())}"
    p = set_params(model, random.Random(3))
    x = [2.0, 3.0, -1.0]
    out = model(x)
    assert isinstance(out, m.Value), "an MLP whose last layer has one neuron should return a single Value"
    want = torch_mlp(p, [3, 4, 4, 1], x)[0]
    assert math.isclose(out.data, want.item(), abs_tol=1e-9), \
        f"MLP output should be {want.item():.6f}, got {out.data}: tanh on the hidden layers, the last layer linear"
    out.backward()
    want.backward()
    got = [q.grad for q in model.parameters()]
    assert np.allclose(got, p.grad.numpy(), atol=1e-6), "the gradients of the MLP's parameters do not match torch"
    two = m.MLP(2, [3, 2])
    p = set_params(two, random.Random(4))
    out = two([0.3, -0.7])
    want = torch_mlp(p, [2, 3, 2], [0.3, -0.7])
    assert isinstance(out, list) and len(out) == 2, "MLP(2, [3, 2]) should return a list of 2 Values"
    assert np.allclose([o.data for o in out], want.detach().numpy(), atol=1e-9), "MLP(2, [3, 2]) gives wrong outputs"


@pytest.mark.points(1)
def test_zero_grad(load):
    """zero_grad() sets every parameter's grad back to 0."""
    m = mods(load)
    for model, x in [(m.Neuron(2), [1.0, 2.0]), (m.MLP(2, [3, 1]), [1.0, 2.0])]:
        model(x).backward()
        assert any(p.grad != 0 for p in model.parameters()), "backward should give the parameters gradients"
        model.zero_grad()
        assert all(p.grad == 0 for p in model.parameters()), \
            f"after {model.__class__.__name__}.zero_grad() every parameter's grad should be 0"
    layer = m.Layer(2, 2)
    out = layer([1.0, -1.0])
    (out[0] + out[1]).backward()
    layer.zero_grad()
    assert all(p.grad == 0 for p in layer.parameters()), "after Layer.zero_grad() every parameter's grad should be 0"


@pytest.mark.points(1)
def test_mse_loss(load):
    """mse_loss(preds, targets) is the mean of (pred - target)**2, with gradients."""
    m = mods(load)
    rng = random.Random(6)
    vals = [rng.uniform(-2, 2) for _ in range(5)]
    ys = [rng.uniform(-2, 2) for _ in range(5)]
    preds = [m.Value(v) for v in vals]
    loss = m.mse_loss(preds, ys)
    t = torch.tensor(vals, dtype=torch.float64, requires_grad=True)
    tl = ((t - torch.tensor(ys, dtype=torch.float64)) ** 2).mean()
    tl.backward()
    assert isinstance(loss, m.Value), "mse_loss should return a Value, so that you can call backward() on it"
    assert math.isclose(loss.data, tl.item(), abs_tol=1e-9), \
        f"mse_loss should be the mean of the squared errors, {tl.item():.6f}, got {loss.data}"
    loss.backward()
    assert np.allclose([p.grad for p in preds], t.grad.numpy(), atol=1e-9), \
        "the gradients of mse_loss with respect to the predictions are wrong: 2 * (pred - target) / n"


@pytest.mark.points(2)
@pytest.mark.timeout(30)
def test_fit_small_dataset(load, credit):
    """fit trains MLP(3, [4, 4, 1]) on the 4-example dataset to a loss below 0.05 in 100 steps."""
    m = mods(load)
    worst = 0.0
    for seed in range(3):
        random.seed(seed)
        np.random.seed(seed)
        model = m.MLP(3, [4, 4, 1])
        losses = m.fit(model, KARPATHY_XS, KARPATHY_YS, steps=100, lr=0.05)
        assert len(losses) == 100, f"fit(steps=100) should return 100 losses, got {len(losses)}"
        assert all(isinstance(v, float) for v in losses), "fit should return the losses as plain floats (loss.data)"
        final = m.mse_loss([model(x) for x in KARPATHY_XS], KARPATHY_YS).data
        assert final < losses[0], ("the loss did not go down: in each step zero the grads, call backward, "
                                   "then update with p.data -= lr * p.grad")
        worst = max(worst, final)
    if worst < 0.2:
        credit(0.5, f"the final loss {worst:.4f} is below 0.2 but not yet below 0.05.")
    assert worst < 0.05, (f"after 100 steps at lr=0.05 the worst final loss over 3 seeds is {worst:.4f}, "
                          "above 0.05: zero the grads before each backward and step against the gradient")
    credit(1.0)
