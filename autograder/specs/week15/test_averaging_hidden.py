"""Week 15, averaging: hidden specs."""
import pytest
import torch

pytestmark = pytest.mark.hidden

VERSIONS = ("causal_mean_loop", "causal_mean_matmul", "causal_mean_softmax")


@pytest.mark.points(1)
def test_other_shapes(load):
    """The versions work for T = 1, wider C and a batch of one."""
    m = load("averaging")
    for shape in [(1, 1, 5), (3, 11, 7)]:
        x = torch.randn(*shape)
        expected = x.cumsum(dim=1) / torch.arange(1, shape[1] + 1).view(1, -1, 1)
        for name in VERSIONS:
            got = getattr(m, name)(x)
            assert got.shape == x.shape and torch.allclose(got, expected, atol=1e-5), (
                f"{name} is wrong for an input of another shape")


@pytest.mark.points(1)
def test_float64_input(load):
    """The matmul and softmax versions keep float64 input in float64."""
    m = load("averaging")
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    for name in ("causal_mean_matmul", "causal_mean_softmax"):
        got = getattr(m, name)(x)
        assert got.dtype == torch.float64, f"{name} should return the dtype of its input"
