"""Hidden specs for week01/gates.py."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

pytestmark = pytest.mark.hidden

OR_TABLE = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
NAND_TABLE = [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 0)]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def sig(z):
    return 1.0 / (1.0 + math.exp(-z))


@pytest.mark.points(1)
def test_gate_output_and_loss(load):
    """gate_output and gate_loss match the neuron's formula."""
    m = load("gates")
    for p in [(20.0, 20.0, -30.0), (-2.0, 0.5, 1.0), (0.0, 0.0, 0.0)]:
        for a, b in [(0, 0), (0, 1), (1, 0), (1, 1)]:
            assert np.isclose(m.gate_output(p, a, b), sig(p[0] * a + p[1] * b + p[2]), rtol=1e-12), \
                "gate_output should be sigmoid(w1 * x1 + w2 * x2 + b)."
        want = np.mean([(sig(p[0] * a + p[1] * b + p[2]) - t) ** 2 for a, b, t in OR_TABLE])
        assert np.isclose(m.gate_loss(p, OR_TABLE), want, rtol=1e-12), "gate_loss should be the mean squared error."


@pytest.mark.points(1)
@pytest.mark.timeout(20)
def test_train_or_and_nand(load):
    """train_gate learns OR, NAND and an asymmetric gate from other seeds; train_xor repeats with its seed."""
    m = load("gates")
    for table, seed in [(OR_TABLE, 1), (NAND_TABLE, 2)]:
        params, losses = m.train_gate(table, seed=seed)
        assert len(params) == 3, "train_gate should return (w1, w2, b)."
        outs = [sig(params[0] * a + params[1] * b + params[2]) for a, b, _ in table]
        rounded = [int(round(o)) for o in outs]
        assert rounded == [t for *_, t in table], "A trained gate does not reproduce its truth table."
        final = np.mean([(o - t) ** 2 for o, (*_, t) in zip(outs, table)])
        assert final < 0.05, "The final loss of a trained gate is too high."
        assert np.isclose(losses[-1], final, atol=1e-9), "losses[-1] should be the loss of the returned parameters."
    params, losses = m.train_gate(OR_TABLE, epochs=50, lr=0.5, seed=3)
    assert len(losses) == 50, "train_gate should honour epochs."
    x1_only = [(0, 0, 0), (0, 1, 0), (1, 0, 1), (1, 1, 1)]  # asymmetric: w1 and w2 must differ
    params, _ = m.train_gate(x1_only, seed=4)
    outs = [int(round(sig(params[0] * a + params[1] * b + params[2]))) for a, b, _ in x1_only]
    assert outs == [0, 0, 1, 1], "train_gate should return (w1, w2, b) in that order: a gate that copies x1 failed"
    a, b = m.train_xor(epochs=200, seed=6), m.train_xor(epochs=200, seed=6)
    assert [float(p) for p in a.parameters()] == [float(p) for p in b.parameters()], \
        "train_xor with the same seed should give the same parameters (seed NumPy's global generator with it)"


@pytest.mark.points(1)
def test_sigmoid_and_loss_plots(load):
    """sigmoid_plot and loss_plot draw the right lines."""
    m = load("gates")
    ax = m.sigmoid_plot().get_axes()[0]
    assert len(ax.lines) >= 1, "sigmoid_plot should draw a line."
    x, y = np.asarray(ax.lines[0].get_xdata(), float), np.asarray(ax.lines[0].get_ydata(), float)
    assert len(x) >= 50 and np.isclose(x.min(), -10) and np.isclose(x.max(), 10), \
        "sigmoid_plot should cover x from -10 to 10 with at least 50 points."
    assert np.allclose(y, 1 / (1 + np.exp(-x))), "sigmoid_plot's y values should be sigmoid(x)."
    losses = [0.3, 0.2, 0.12, 0.05, 0.01]
    ax = m.loss_plot(losses).get_axes()[0]
    assert len(ax.lines) >= 1 and np.allclose(ax.lines[0].get_ydata(), losses), \
        "loss_plot should draw the losses in order."
    xs = np.asarray(ax.lines[0].get_xdata(), float)
    assert np.allclose(np.diff(xs), 1), "loss_plot's x values should be consecutive epoch numbers."
