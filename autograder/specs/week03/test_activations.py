"""Week 03, activations by hand: public specs."""
import pytest
import torch
import torch.nn.functional as F

from autograder.boundary import in_worker


@in_worker
def call_keeping_inputs(fn, *args, **kwargs):
    """Runs in the worker: calls fn(*args, **kwargs) there; returns its result and the arguments as the call left them."""
    out = fn(*args, **kwargs)
    return out, args


@pytest.mark.points(1)
def test_sigmoid(load):
    """sigmoid(6.0) is 0.9975 and sigmoid matches torch.sigmoid."""
    m = load("activations")
    got = m.sigmoid(torch.tensor([[6.0]]))
    assert tuple(got.shape) == (1, 1), f"sigmoid should keep the shape (1, 1), got {tuple(got.shape)}"
    assert abs(got.item() - 0.9975) < 1e-4, f"sigmoid(6.0) should be 0.9975, got {got.item():.4f}: compute 1 / (1 + exp(-x))"
    x = torch.randn(5, 7) * 4
    assert torch.allclose(m.sigmoid(x), torch.sigmoid(x), atol=1e-6), "sigmoid differs from torch.sigmoid on random inputs"


@pytest.mark.points(1)
def test_softmax(load):
    """softmax([4.3, 6.1, 2.3]) is [0.1392, 0.8420, 0.0188]; softmax follows dim."""
    m = load("activations")
    got = m.softmax(torch.tensor([[4.3, 6.1, 2.3]]))
    want = torch.tensor([[0.1392, 0.8420, 0.0188]])
    assert tuple(got.shape) == (1, 3), f"softmax should keep the shape (1, 3), got {tuple(got.shape)}"
    assert torch.allclose(got, want, atol=1e-4), f"softmax([[4.3, 6.1, 2.3]]) should be [[0.1392, 0.8420, 0.0188]], got {got.tolist()}"
    x = torch.randn(4, 6)
    assert torch.allclose(m.softmax(x), torch.softmax(x, dim=-1), atol=1e-6), "softmax differs from torch.softmax along the last dimension"
    assert torch.allclose(m.softmax(x, dim=0), torch.softmax(x, dim=0), atol=1e-6), \
        "softmax(x, dim=0) should normalise each column: use keepdim=True in the sum so it broadcasts along dim"


@pytest.mark.points(1)
def test_relu_and_leaky_relu(load):
    """relu and leaky_relu match torch on mixed-sign inputs."""
    m = load("activations")
    x = torch.tensor([-3.0, -0.5, 0.0, 0.5, 3.0])
    assert torch.equal(m.relu(x), torch.tensor([0.0, 0.0, 0.0, 0.5, 3.0])), f"relu should zero the negatives, got {m.relu(x).tolist()}"
    assert torch.allclose(m.leaky_relu(x), F.leaky_relu(x)), "leaky_relu with the default slope 0.01 differs from F.leaky_relu"
    assert torch.allclose(m.leaky_relu(x, 0.05), F.leaky_relu(x, 0.05)), "leaky_relu(x, 0.05) should multiply negatives by 0.05"


@pytest.mark.points(2)
def test_cross_entropy(load):
    """cross_entropy gives 8.0619 and 0.8131 and matches F.cross_entropy on a batch."""
    m = load("activations")
    got = m.cross_entropy(torch.tensor([[0.1, 6.0, -2.0, 3.2]]), torch.tensor([2]))
    assert got.dim() == 0, f"cross_entropy should return a 0-dim tensor (the mean), got shape {tuple(got.shape)}"
    assert abs(got.item() - 8.0619) < 1e-4, f"scores [0.1, 6.0, -2.0, 3.2] with true class 2 should give 8.0619, got {got.item():.4f}"
    onehot = m.cross_entropy(torch.tensor([[-0.1211, 0.1059]]), torch.tensor([[1.0, 0.0]]))
    assert abs(onehot.item() - 0.8131) < 1e-4, \
        f"a one-hot float target [[1., 0.]] with scores [[-0.1211, 0.1059]] should give 0.8131, got {onehot.item():.4f}"
    logits, target = torch.randn(16, 5), torch.randint(0, 5, (16,))
    assert torch.allclose(m.cross_entropy(logits, target), F.cross_entropy(logits, target), atol=1e-6), \
        "on a batch of 16 rows cross_entropy differs from F.cross_entropy: take the mean over rows"


@pytest.mark.points(1)
def test_dropout(load):
    """dropout zeroes about p of the elements in training, rescales the rest, and is a no-op in eval."""
    m = load("activations")
    x = torch.ones(100_000)
    y, (x, _) = call_keeping_inputs(m.dropout, x, 0.8)  # x as the submission's dropout left it
    assert tuple(y.shape) == (100_000,), f"dropout should keep the shape, got {tuple(y.shape)}"
    zero = (y == 0).float().mean().item()
    assert abs(zero - 0.8) < 0.01, f"with p=0.8 about 80 % of the elements should be zero, got {zero:.1%}"
    kept = y[y != 0]
    assert torch.allclose(kept, torch.full_like(kept, 5.0), rtol=1e-5), \
        "the surviving elements should be scaled by 1 / (1 - p) (5.0 for p=0.8), so the mean stays the same"
    assert torch.equal(x, torch.ones(100_000)), "dropout changed its input in place"
    z = torch.randn(3, 4)
    assert torch.equal(m.dropout(z, 0.5, training=False), z), "with training=False dropout should return x unchanged"
    assert torch.equal(m.dropout(z, 0.0), z), "with p=0 dropout should return x unchanged"
