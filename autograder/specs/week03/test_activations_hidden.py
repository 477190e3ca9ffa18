"""Week 03, activations by hand: hidden specs."""
import pytest
import torch
import torch.nn.functional as F

from activation_rules import LIBRARY  # the library versions the README asks to write by hand

from autograder.boundary import by_hand, in_worker

pytestmark = pytest.mark.hidden


@in_worker
def cross_entropy_grad(cross_entropy, logits, target):
    """Runs in the worker: the gradient of cross_entropy(logits, target) with respect to logits."""
    import torch
    logits = logits.detach().clone().requires_grad_(True)
    grad, = torch.autograd.grad(cross_entropy(logits, target), logits)
    return grad


@pytest.mark.points(1)
def test_stable_for_large_inputs(load):
    """sigmoid, softmax and cross_entropy stay finite and correct for inputs near ±1000."""
    m = load("activations")
    x = torch.tensor([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    big = torch.tensor([[1000.0, 1001.0], [-1000.0, 5.0]])
    logits, target = torch.randn(8, 4) * 1000, torch.randint(0, 4, (8,))
    with by_hand(*LIBRARY):
        s = m.sigmoid(x)
        soft = m.softmax(big)
        got = m.cross_entropy(logits, target)
    assert torch.isfinite(s).all() and torch.allclose(s, torch.sigmoid(x), atol=1e-6), "sigmoid overflows or is wrong for large |x|"
    assert torch.isfinite(soft).all() and torch.allclose(soft, torch.softmax(big, -1), atol=1e-4), "softmax overflows or is wrong for large inputs"
    assert torch.isfinite(got) and torch.allclose(got, F.cross_entropy(logits, target), rtol=1e-5), \
        "cross_entropy overflows or is wrong for large logits"


@pytest.mark.points(1)
def test_gradients_match(load):
    """Gradients through cross_entropy (indices and probabilities) match F.cross_entropy."""
    m = load("activations")
    logits = torch.randn(6, 3, dtype=torch.float64, requires_grad=True)
    target = torch.randint(0, 3, (6,))
    for tgt in (target, torch.softmax(torch.randn(6, 3, dtype=torch.float64), -1)):
        with by_hand(*LIBRARY):
            g_mine = cross_entropy_grad(m.cross_entropy, logits, tgt)
        g_ref, = torch.autograd.grad(F.cross_entropy(logits, tgt), logits)
        assert torch.allclose(g_mine, g_ref, atol=1e-8), "the gradient of cross_entropy differs from that of F.cross_entropy"
