"""Week 03, learning rate and momentum: public specs."""
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from autograder.boundary import by_hand, in_worker


@in_worker
def call_keeping_inputs(fn, *args, **kwargs):
    """Runs in the worker: calls fn(*args, **kwargs) there; returns its result and the arguments as the call left them."""
    out = fn(*args, **kwargs)
    return out, args


def _sgd(lr, momentum, x0=2.0, steps=20):
    x = torch.tensor(x0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=lr, momentum=momentum)
    xs = [x0]
    for _ in range(steps):
        opt.zero_grad()
        (x ** 4 + x ** 3 - 5 * x ** 2).backward()
        opt.step()
        xs.append(x.item())
    return xs


@pytest.mark.points(1)
def test_optimize(load):
    """objective is x^4 + x^3 - 5x^2 and optimize follows SGD with momentum."""
    m = load("momentum")
    for x in (-2.0, 1.25, 3.0):
        assert abs(float(m.objective(x)) - (x ** 4 + x ** 3 - 5 * x ** 2)) < 1e-9, f"objective({x}) is wrong"
    xs = m.optimize(0.05, 0.0)
    assert len(xs) == 21 and abs(xs[0] - 2.0) < 1e-12, f"optimize should return 21 positions starting with x0=2.0, got {len(xs)} starting with {xs[0] if xs else None}"
    assert all(isinstance(v, float) for v in xs), "positions should be Python floats (use .item())"
    assert abs(xs[-1] - 1.25) < 0.02, f"without momentum, x should get stuck near the local minimum 1.25, got {xs[-1]:.3f}"
    want = _sgd(0.03, 0.9)
    assert np.allclose(m.optimize(0.03, 0.9), want, atol=1e-5), \
        "with lr=0.03, momentum=0.9 the trajectory differs from torch.optim.SGD: zero_grad, backward, step on each of the 20 steps"


@pytest.mark.points(1)
def test_choose_lr_momentum(load):
    """The chosen (lr <= 0.05, momentum) reaches the global minimum x=-2 in 20 steps."""
    lr, mom = load("momentum").choose_lr_momentum()
    assert 0 < lr <= 0.05, f"the learning rate must be in (0, 0.05], got {lr}"
    assert 0 <= mom < 1, f"the momentum must be in [0, 1), got {mom}"
    end = _sgd(lr, mom)[-1]
    assert abs(end + 2) < 0.1, f"with lr={lr}, momentum={mom} SGD ends at x={end:.3f} after 20 steps, not within 0.1 of -2; try more momentum"


@pytest.mark.points(1)
def test_sample_hparams(load):
    """sample_hparams gives n (lr, momentum) pairs in range, the same for the same seed (defaults 10 and 0)."""
    m = load("momentum")
    pairs = m.sample_hparams(10, seed=0)
    assert len(pairs) == 10 and all(len(p) == 2 for p in pairs), "sample_hparams(10) should return 10 (lr, momentum) pairs"
    for lr, mom in pairs:
        assert 1e-4 <= lr <= 1e-2, f"lr {lr} is outside [1e-4, 1e-2]"
        assert 0.85 <= mom <= 0.99, f"momentum {mom} is outside [0.85, 0.99]"
    assert m.sample_hparams(10, seed=0) == pairs, "the same seed should give the same pairs: use a generator seeded with `seed`"
    assert m.sample_hparams(10, seed=1) != pairs, "different seeds should give different pairs"
    assert m.sample_hparams() == pairs, "the defaults are n=10 and seed=0: sample_hparams() should equal sample_hparams(10, seed=0)"


@pytest.mark.points(1)
def test_plot_trajectory(load):
    """plot_trajectory draws f and the points that SGD visits (other artists, such as lines marking the minima, are allowed)."""
    m = load("momentum")
    fig = m.plot_trajectory(0.05, 0.8)
    assert isinstance(fig, Figure), f"plot_trajectory should return a matplotlib Figure, got {type(fig).__name__}"
    drawn = []   # (x, y) of every line and scatter collection
    for ax in fig.axes:
        for line in ax.lines:
            drawn.append((np.asarray(line.get_xdata(), float).ravel(), np.asarray(line.get_ydata(), float).ravel()))
        for coll in ax.collections:
            off = np.asarray(coll.get_offsets(), float).reshape(-1, 2)
            if off.size:
                drawn.append((off[:, 0], off[:, 1]))
    assert drawn, "the figure has no lines or scatter points"
    # only what lies on y = f(x) is read: reference lines (axvline, axhline), texts and arrows are ignored
    on_f = [(x, y) for x, y in drawn
            if len(x) and len(x) == len(y) and np.isfinite(x).all() and np.allclose(y, x ** 4 + x ** 3 - 5 * x ** 2, atol=1e-4)]
    assert any(x.min() <= -3 + 1e-6 and x.max() >= 2.5 - 1e-6 for x, _ in on_f), \
        "no line follows y = f(x) over at least x in [-3, 2.5]: plot the curve of f on a grid of x values"
    visited = np.array(_sgd(0.05, 0.8))
    # the trajectory: artists on f whose every point is a visited position (one line or scatter, or one per step)
    steps = [x for x, _ in on_f if all(np.isclose(visited, v, atol=1e-4).any() for v in x)]
    shown = np.concatenate(steps) if steps else np.array([])
    for x in visited:
        assert np.isclose(shown, x, atol=1e-4).any(), \
            "not every position visited by SGD is drawn: plot the points (x, f(x)) of the trajectory as markers or a line"

@pytest.mark.points(1)
def test_weight_decay_step(load):
    """weight_decay_step matches one step of torch.optim.SGD with weight_decay."""
    m = load("momentum")
    w = torch.randn(3, 4)
    g = torch.randn(3, 4)
    w0, g0 = w.clone(), g.clone()
    with by_hand("torch.optim.SGD", "torch.optim.sgd.sgd"):   # the step is written by hand
        got, (w, g) = call_keeping_inputs(m.weight_decay_step, w, g, lr=0.1, weight_decay=0.01)  # as the call left them
    ref = torch.nn.Parameter(w0.clone())
    opt = torch.optim.SGD([ref], lr=0.1, weight_decay=0.01)
    ref.grad = g0.clone()
    opt.step()
    assert tuple(got.shape) == (3, 4), f"the new parameter should keep the shape (3, 4), got {tuple(got.shape)}"
    assert torch.allclose(got, ref.detach(), atol=1e-6), \
        "the step differs from torch.optim.SGD(lr=0.1, weight_decay=0.01): add weight_decay * param to the gradient"
    assert torch.equal(w, w0) and torch.equal(g, g0), "weight_decay_step changed param or grad in place: return a new tensor"
