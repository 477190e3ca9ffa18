"""Week 13, tasks 14, 20 and 22: saturation, dead neurons, Kaiming init and the diagnostic plots."""
import random

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from week13_rules import NO_NN_LAYERS  # a helper module beside the specs: the README's rule, no torch.nn layers

from autograder.boundary import by_hand

SEED = 2147483647
STOI = {".": 0, **{c: i + 1 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}}


def _windows(words, block_size=3):
    X = []
    for w in words:
        ctx = [0] * block_size
        for ch in w + ".":
            X.append(ctx)
            ctx = ctx[1:] + [STOI[ch]]
    return torch.tensor(X)


@pytest.mark.points(2)
def test_saturation_and_dead_neurons(load):
    """tanh_saturation counts |h| > threshold; dead_neurons finds columns saturated on every row."""
    m = load("mlp_health")
    h = torch.tensor([[0.995, -0.2, -0.999, 0.5],
                      [-0.991, 0.3, -1.0, 0.999],
                      [0.999, 0.98, -0.995, 0.1]])
    frac = m.tanh_saturation(h)
    assert abs(float(frac) - 7 / 12) < 1e-6, f"7 of the 12 entries have |h| > 0.99, so the fraction is 7/12, got {frac}"
    dead = m.dead_neurons(h)
    assert torch.as_tensor(dead).dtype == torch.bool and tuple(dead.shape) == (4,), (
        "dead_neurons should return one bool per neuron (column): shape (hidden,)")
    assert dead.tolist() == [True, False, True, False], (
        "a neuron is dead when |h| > 0.99 on every example: columns 0 and 2 here (the sign does not matter)")


@pytest.mark.points(1)
def test_kaiming(load):
    """kaiming_std is gain / sqrt(fan_in); kaiming_init keeps the output std near the gain."""
    m = load("mlp_health")
    assert abs(m.kaiming_std(10) - 10 ** -0.5) < 1e-9, "kaiming_std(10) should be 1 / sqrt(10)"
    assert abs(m.kaiming_std(30, 5 / 3) - (5 / 3) / 30 ** 0.5) < 1e-9, "kaiming_std(30, 5/3) should be (5/3) / sqrt(30)"
    W = m.kaiming_init(10, 200, 1.0, torch.Generator().manual_seed(SEED))
    assert tuple(W.shape) == (10, 200), "kaiming_init(10, 200, ...) should be (10, 200)"
    x = torch.randn(1000, 10, generator=torch.Generator().manual_seed(0))
    std = (x @ W).std().item()
    assert 0.9 < std < 1.1, f"with gain 1 the std of x @ W should stay near 1, got {std:.3f}"
    expected = torch.randn((10, 200), generator=torch.Generator().manual_seed(SEED)) * 10 ** -0.5
    assert torch.allclose(W, expected, atol=1e-6), "kaiming_init should be torch.randn((fan_in, fan_out), generator) * std"


@pytest.mark.points(2)
def test_init_fix_reduces_saturation(load, data_dir):
    """With the default init the tanh layer saturates; the scaled inits ('both', 'kaiming') do not."""
    health = load("mlp_health")
    model = load("mlp_model")
    words = [w for w in (data_dir / "names.txt").read_text(encoding="utf-8").split("\n") if w]
    X = _windows(random.Random(0).sample(words, 200))[:256]
    fractions = {}
    for init in ["default", "both", "kaiming"]:
        with by_hand(*NO_NN_LAYERS):
            params = model.init_mlp(torch.Generator().manual_seed(SEED), init=init)
            hpreact, h = model.hidden_layer(params, X)
        C, W1, b1 = (p.detach() for p in params[:3])
        want = C[X].reshape(len(X), -1) @ W1 + b1  # the spec's own layer, on the returned parameters
        assert tuple(h.shape) == (256, 200), f"hidden_layer should give (n, hidden) = (256, 200), got {tuple(h.shape)}"
        assert torch.allclose(hpreact, want, atol=1e-4), "hpreact should be C[X].view(n, -1) @ W1 + b1"
        assert torch.allclose(h, torch.tanh(want), atol=1e-5), "h should be tanh(hpreact)"
        fractions[init] = (torch.tanh(want).abs() > 0.99).float().mean().item()
        assert abs(float(health.tanh_saturation(h)) - fractions[init]) < 1e-6, (
            "tanh_saturation should be the fraction of |h| > 0.99")
    # over 60 seeds and batches (shipped names and the course's original file alike) the default init saturates
    # 0.53-0.69 of the units, 'both' 0.005-0.045 and 'kaiming' 0.06-0.18: the bounds sit well outside both spreads
    assert fractions["default"] > 0.4, (
        f"with the default init {fractions['default']:.2f} of the tanh outputs are saturated; expected a large share of them")
    assert fractions["both"] < 0.1 and fractions["kaiming"] < 0.3, (
        f"with the scaled inits few outputs should be saturated, got {fractions['both']:.2f} ('both') and "
        f"{fractions['kaiming']:.2f} ('kaiming')")


@pytest.mark.points(1)
def test_plot_activations(load):
    """plot_activations shows two histograms and the saturation mask."""
    import matplotlib.pyplot as plt
    m = load("mlp_health")
    hpreact = torch.randn(32, 20, generator=torch.Generator().manual_seed(0)) * 3
    fig = m.plot_activations(hpreact, torch.tanh(hpreact))
    assert isinstance(fig, Figure), f"plot_activations should return a Figure, got {type(fig).__name__}"
    assert len(fig.axes) >= 3, f"expected three Axes (two histograms and the mask), got {len(fig.axes)}"
    hists = [ax for ax in fig.axes if len(ax.patches) > 1]
    assert len(hists) >= 2, "two Axes should hold histograms (ax.hist) of the pre-activations and of tanh"
    images = [im for ax in fig.axes for im in ax.get_images()]
    assert len(images) == 1 and images[0].get_array().shape == (32, 20), "one image should show the (n, hidden) mask"
    holder = [ax for ax in fig.axes if ax.get_images()][0]
    assert len(holder.patches) <= 1, "the mask should have an Axes of its own, not share one with a histogram"
    shown = torch.as_tensor(np.asarray(images[0].get_array(), dtype=float))
    assert torch.equal(shown > 0.5, torch.tanh(hpreact).abs() > 0.99), "the image should be the mask |h| > threshold"
    plt.close(fig)


@pytest.mark.points(1)
def test_plot_embeddings(load):
    """plot_embeddings scatters a 2-D embedding table with one label per character, on its own point."""
    import matplotlib.pyplot as plt
    m = load("mlp_health")
    C = torch.randn(27, 2, generator=torch.Generator().manual_seed(0))
    fig = m.plot_embeddings(C, {i: c for c, i in STOI.items()})
    assert isinstance(fig, Figure), f"plot_embeddings should return a Figure, got {type(fig).__name__}"
    texts = sorted(t.get_text() for ax in fig.axes for t in ax.texts)
    assert texts == sorted(STOI), "there should be one text label per character ('.' and a-z)"
    offsets = [np.asarray(c.get_offsets(), dtype=float) for ax in fig.axes for c in ax.collections]
    assert offsets and len(offsets[0]) == 27, "a scatter of the 27 embedding points is missing"
    points = C.numpy().astype(float)
    assert np.allclose(np.sort(offsets[0], axis=0), np.sort(points, axis=0), atol=1e-5), (
        "the scatter should place each character at (C[i, 0], C[i, 1])")
    for t in (t for ax in fig.axes for t in ax.texts):
        nearest = int(np.argmin(((points - np.asarray(t.get_position(), dtype=float)) ** 2).sum(1)))
        assert nearest == STOI[t.get_text()], (
            f"the label {t.get_text()!r} should sit on its own point (C[i, 0], C[i, 1]), not nearest to another one")
    plt.close(fig)
