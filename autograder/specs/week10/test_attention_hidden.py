"""Week 10: hidden checks of attention."""
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
def test_padding_positions_do_not_leak(load):
    """Changing the inputs at padded positions leaves the outputs at real positions unchanged."""
    m = load("attention")
    mha = m.MultiHeadAttention(12, 3).eval()
    ids = torch.tensor([[4, 5, 6, 0, 0], [1, 2, 3, 4, 0]])
    mask = m.make_padding_mask(ids, 0)
    x = torch.randn(2, 5, 12)
    y = x.clone()
    y[ids == 0] = torch.randn(int((ids == 0).sum()), 12) * 10
    with torch.no_grad():
        a, b = mha(x, x, x, mask), mha(y, y, y, mask)
    real = ids != 0
    assert torch.allclose(a[real], b[real], atol=1e-5), "padded positions still influence real ones: check the mask"


@pytest.mark.points(1)
def test_cross_attention_shapes(load):
    """Queries of length 3 attending over keys/values of length 7 give 3 outputs."""
    m = load("attention")
    mha = m.MultiHeadAttention(8, 2).eval()
    q, kv = torch.randn(2, 3, 8), torch.randn(2, 7, 8)
    with torch.no_grad():
        out = mha(q, kv, kv)
    assert out.shape == (2, 3, 8), "cross-attention should return one vector per query position"
    with torch.no_grad():
        again = mha(q, torch.cat([kv, kv[:, :1]], 1), torch.cat([kv, kv[:, :1]], 1))
    assert not torch.allclose(out, again), "the output should depend on the keys and values it attends over"


@pytest.mark.points(1)
def test_causal_attention_ignores_the_future(load):
    """With a causal mask, position t does not depend on positions after t."""
    m = load("attention")
    mha = m.MultiHeadAttention(8, 2).eval()
    x = torch.randn(1, 6, 8)
    y = x.clone()
    y[:, 4:] += 5
    mask = m.make_causal_mask(6).unsqueeze(0)
    with torch.no_grad():
        a, b = mha(x, x, x, mask), mha(y, y, y, mask)
    assert torch.allclose(a[:, :4], b[:, :4], atol=1e-5), "the causal mask leaks future positions"
    assert not torch.allclose(a[:, 4:], b[:, 4:]), "later positions should change when their inputs change"
