"""Week 15, averaging: three equivalent ways to average each token with the tokens before it."""
import pytest
import torch

VERSIONS = ("causal_mean_loop", "causal_mean_matmul", "causal_mean_softmax")


def _oracle(x):
    """Running mean along the time axis: cumulative sum divided by 1, 2, ..., T."""
    T = x.shape[1]
    return x.cumsum(dim=1) / torch.arange(1, T + 1, dtype=x.dtype).view(1, T, 1)


@pytest.mark.points(1)
def test_hand_example(load):
    """All three versions average [[2,7],[6,4],[6,5]] to [[2,7],[4,5.5],[4.667,5.333]]."""
    m = load("averaging")
    x = torch.tensor([[[2.0, 7.0], [6.0, 4.0], [6.0, 5.0]]])
    expected = torch.tensor([[[2.0, 7.0], [4.0, 5.5], [14 / 3, 16 / 3]]])
    for name in VERSIONS:
        got = getattr(m, name)(x)
        assert got.shape == x.shape, f"{name} should keep the shape (B, T, C) = {tuple(x.shape)}, got {tuple(got.shape)}"
        assert torch.allclose(got, expected, atol=1e-5), (
            f"{name} gave {got[0].tolist()}; row t should be the mean of rows 0..t")


@pytest.mark.points(2)
def test_three_versions_agree(load):
    """Loop, matmul and masked-softmax versions give the same running means on random input."""
    m = load("averaging")
    g = torch.Generator().manual_seed(1337)
    x = torch.randn(4, 8, 2, generator=g)
    expected = _oracle(x)
    for name in VERSIONS:
        got = getattr(m, name)(x)
        assert torch.allclose(got, expected, atol=1e-6), (
            f"{name} differs from the running mean (largest gap {(got - expected).abs().max():.2e}); "
            "note that torch.allclose at default tolerance can fail by float rounding: compare with atol=1e-6")


@pytest.mark.points(1)
def test_causal_average_weights(load):
    """causal_average_weights(T): lower triangular, row t is 1/(t+1) in its first t+1 places."""
    m = load("averaging")
    w = m.causal_average_weights(5)
    assert w.shape == (5, 5), f"expected a (5, 5) matrix, got {tuple(w.shape)}"
    assert torch.all(torch.triu(w, diagonal=1) == 0), "entries above the diagonal must be 0 (no future tokens)"
    assert torch.allclose(w.sum(dim=1), torch.ones(5)), "every row should sum to 1"
    expected = torch.tril(torch.ones(5, 5)) / torch.arange(1, 6).view(5, 1)
    assert torch.allclose(w, expected), "row t should hold 1/(t+1) in columns 0..t"


@pytest.mark.points(1)
def test_future_does_not_leak(load):
    """Changing a later token leaves every earlier output unchanged, in all three versions."""
    m = load("averaging")
    x = torch.randn(2, 6, 3)
    y = x.clone()
    y[:, 4:] += 10.0
    for name in VERSIONS:
        a, b = getattr(m, name)(x), getattr(m, name)(y)
        assert torch.allclose(a[:, :4], b[:, :4], atol=1e-6), f"{name}: changing tokens 4.. changed outputs 0..3"
        assert not torch.allclose(a[:, 4:], b[:, 4:]), f"{name}: outputs 4.. should change when tokens 4.. do"
