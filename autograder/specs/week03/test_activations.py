"""Week 03, activations by hand: public specs."""
import pytest
import torch
import torch.nn.functional as F

from activation_rules import LIBRARY  # the library versions the README asks to write by hand

from autograder.boundary import by_hand, in_worker


@in_worker
def call_keeping_inputs(fn, *args, **kwargs):
    """Runs in the worker: calls fn(*args, **kwargs) there; returns its result and the arguments as the call left them."""
    out = fn(*args, **kwargs)
    return out, args


@pytest.mark.points(1)
def test_sigmoid(load):
    """sigmoid(6.0) is 0.9975 and sigmoid matches torch.sigmoid."""
    m = load("activations")
    x = torch.randn(5, 7) * 4
    with by_hand(*LIBRARY):
        got = m.sigmoid(torch.tensor([[6.0]]))
        mine = m.sigmoid(x)
    assert tuple(got.shape) == (1, 1), f"sigmoid should keep the shape (1, 1), got {tuple(got.shape)}"
    assert abs(got.item() - 0.9975) < 1e-4, f"sigmoid(6.0) should be 0.9975, got {got.item():.4f}: compute 1 / (1 + exp(-x))"
    assert torch.allclose(mine, torch.sigmoid(x), atol=1e-6), "sigmoid differs from torch.sigmoid on random inputs"


@pytest.mark.points(1)
def test_softmax(load):
    """softmax([4.3, 6.1, 2.3]) is [0.1392, 0.8420, 0.0188]; softmax follows dim."""
    m = load("activations")
    x = torch.randn(4, 6)
    with by_hand(*LIBRARY):
        got = m.softmax(torch.tensor([[4.3, 6.1, 2.3]]))
        last = m.softmax(x)
        first = m.softmax(x, dim=0)
    want = torch.tensor([[0.1392, 0.8420, 0.0188]])
    assert tuple(got.shape) == (1, 3), f"softmax should keep the shape (1, 3), got {tuple(got.shape)}"
    assert torch.allclose(got, want, atol=1e-4), f"softmax([[4.3, 6.1, 2.3]]) should be [[0.1392, 0.8420, 0.0188]], got {got.tolist()}"
    assert torch.allclose(last, torch.softmax(x, dim=-1), atol=1e-6), "softmax differs from torch.softmax along the last dimension"
    assert torch.allclose(first, torch.softmax(x, dim=0), atol=1e-6), \
        "softmax(x, dim=0) should normalise each column: use keepdim=True in the sum so it broadcasts along dim"


@pytest.mark.points(1)
def test_relu_and_leaky_relu(load):
    """relu and leaky_relu match torch on mixed-sign inputs."""
    m = load("activations")
    x = torch.tensor([-3.0, -0.5, 0.0, 0.5, 3.0])
    with by_hand(*LIBRARY):
        relu = m.relu(x)
        leaky = m.leaky_relu(x)
        leaky5 = m.leaky_relu(x, 0.05)
    assert torch.equal(relu, torch.tensor([0.0, 0.0, 0.0, 0.5, 3.0])), f"relu should zero the negatives, got {relu.tolist()}"
    assert torch.allclose(leaky, F.leaky_relu(x)), "leaky_relu with the default slope 0.01 differs from F.leaky_relu"
    assert torch.allclose(leaky5, F.leaky_relu(x, 0.05)), "leaky_relu(x, 0.05) should multiply negatives by 0.05"


@pytest.mark.points(2)
def test_cross_entropy(load):
    """cross_entropy gives 8.0619 and 0.8131 and matches F.cross_entropy on a batch."""
    m = load("activations")
    logits, target = torch.randn(16, 5), torch.randint(0, 5, (16,))
    with by_hand(*LIBRARY):
        got = m.cross_entropy(torch.tensor([[0.1, 6.0, -2.0, 3.2]]), torch.tensor([2]))
        onehot = m.cross_entropy(torch.tensor([[-0.1211, 0.1059]]), torch.tensor([[1.0, 0.0]]))
        batch = m.cross_entropy(logits, target)
    assert got.dim() == 0, f"cross_entropy should return a 0-dim tensor (the mean), got shape {tuple(got.shape)}"
    assert abs(got.item() - 8.0619) < 1e-4, f"scores [0.1, 6.0, -2.0, 3.2] with true class 2 should give 8.0619, got {got.item():.4f}"
    assert abs(onehot.item() - 0.8131) < 1e-4, \
        f"a one-hot float target [[1., 0.]] with scores [[-0.1211, 0.1059]] should give 0.8131, got {onehot.item():.4f}"
    assert torch.allclose(batch, F.cross_entropy(logits, target), atol=1e-6), \
        "on a batch of 16 rows cross_entropy differs from F.cross_entropy: take the mean over rows"


@pytest.mark.points(1)
def test_dropout(load):
    """dropout zeroes about p of the elements in training, with a fresh mask per call and per element, rescales the
    rest, and is a no-op in eval."""
    m = load("activations")
    z = torch.randn(3, 4)
    with by_hand(*LIBRARY):
        y, (x, _) = call_keeping_inputs(m.dropout, torch.ones(100_000), 0.8)  # x as the submission's dropout left it
        a = m.dropout(torch.ones(400, 250), 0.5)
        b = m.dropout(torch.ones(400, 250), 0.5)
        evaluating = m.dropout(z, 0.5, training=False)
        p_zero = m.dropout(z, 0.0)
    assert tuple(y.shape) == (100_000,), f"dropout should keep the shape, got {tuple(y.shape)}"
    zero = (y == 0).float().mean().item()
    assert abs(zero - 0.8) < 0.01, f"with p=0.8 about 80 % of the elements should be zero, got {zero:.1%}"
    kept = y[y != 0]
    assert torch.allclose(kept, torch.full_like(kept, 5.0), rtol=1e-5), \
        "the surviving elements should be scaled by 1 / (1 - p) (5.0 for p=0.8), so the mean stays the same"
    assert torch.equal(x, torch.ones(100_000)), "dropout changed its input in place"
    assert tuple(a.shape) == (400, 250) and tuple(b.shape) == (400, 250), "dropout should keep the shape of a 2-D input"
    # independent masks: two masks with p=0.5 disagree on half of the elements (1/2 +- 0.002 here)
    for what, u, v, hint in (("neighbouring rows", a, a.roll(1, 0), "draw one random number per element (torch.rand_like(x))"),
                             ("neighbouring columns", a, a.roll(1, 1), "draw one random number per element (torch.rand_like(x))"),
                             ("two calls", a, b, "draw a new random mask on every call (no fixed seed or saved mask)")):
        differ = ((u == 0) != (v == 0)).float().mean().item()
        assert abs(differ - 0.5) < 0.02, \
            f"with p=0.5 the masks of {what} should differ on about half of the elements, they differ on {differ:.1%}: {hint}"
    assert torch.equal(evaluating, z), "with training=False dropout should return x unchanged"
    assert torch.equal(p_zero, z), "with p=0 dropout should return x unchanged"
