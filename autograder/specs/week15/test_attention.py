"""Week 15, attention: one head, several heads, the feed-forward layer and the pre-LayerNorm block."""
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from autograder.boundary import in_worker


@in_worker
def add_to_parameters(model, deltas):
    """Runs in the worker: adds deltas[i] in place to the i-th of model.parameters()."""
    import torch
    params = list(model.parameters())
    if len(params) != len(deltas):
        raise ValueError(f"{len(deltas)} deltas for {len(params)} parameters")
    with torch.no_grad():
        for p, d in zip(params, deltas):
            p.add_(d.to(device=p.device, dtype=p.dtype))


def _n(module):
    return sum(p.numel() for p in module.parameters())


@pytest.mark.points(1)
def test_head_output_shape(load):
    """Head(n_embd=32, head_size=16, block_size=8) maps (4, 8, 32) to (4, 8, 16)."""
    m = load("attention")
    head = m.Head(32, 16, 8)
    out = head(torch.randn(4, 8, 32))
    assert out.shape == (4, 8, 16), f"expected (B, T, head_size) = (4, 8, 16), got {tuple(out.shape)}"
    assert _n(head) == 3 * 32 * 16, (
        f"a head has key, query and value nn.Linear(32, 16, bias=False): {3 * 32 * 16} parameters, got {_n(head)}")


@pytest.mark.points(3)
def test_head_matches_scaled_dot_product_attention(load):
    """A head equals causal softmax(q k^T / sqrt(head_size)) v computed with the same key/query/value weights."""
    m = load("attention")
    torch.manual_seed(1337)
    head = m.Head(32, 16, 8).eval()
    x = torch.randn(4, 8, 32)
    with torch.no_grad():
        q, k, v = head.query(x), head.key(x), head.value(x)
        expected = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # scale 1/sqrt(16)
        got = head(x)
        unscaled = F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=1.0)
    assert not torch.allclose(got, unscaled, atol=1e-5), (
        "the head matches attention without scaling: multiply q @ k^T by head_size ** -0.5")
    assert torch.allclose(got, expected, atol=1e-5), (
        f"the head's output differs from causal scaled dot-product attention (largest gap "
        f"{(got - expected).abs().max():.2e}); use wei = q @ k.transpose(-2, -1) * head_size ** -0.5, mask the "
        "future with -inf, softmax over the last dim, then wei @ v")


@pytest.mark.points(1)
def test_head_is_causal(load):
    """Changing a future token leaves the head's earlier outputs unchanged."""
    m = load("attention")
    head = m.Head(16, 8, 8).eval()
    x = torch.randn(2, 8, 16)
    y = x.clone()
    y[:, 5] = torch.randn(2, 16)
    with torch.no_grad():
        a, b = head(x), head(y)
    assert torch.allclose(a[:, :5], b[:, :5], atol=1e-6), (
        "outputs before position 5 changed when only token 5 changed: mask the scores above the diagonal")


@pytest.mark.points(2)
def test_multihead_concatenates_and_projects(load):
    """MultiHeadAttention: the heads' outputs concatenated on the last dim, then the projection."""
    m = load("attention")
    mha = m.MultiHeadAttention(4, 8, 32, 8).eval()
    x = torch.randn(2, 8, 32)
    with torch.no_grad():
        got = mha(x)
        assert got.shape == (2, 8, 32), f"expected (B, T, n_embd) = (2, 8, 32), got {tuple(got.shape)}"
        assert len(mha.heads) == 4, f"expected 4 heads in mha.heads, got {len(mha.heads)}"
        expected = mha.proj(torch.cat([h(x) for h in mha.heads], dim=-1))
    assert torch.allclose(got, expected, atol=1e-6), (
        "the output is not proj(cat([h(x) for h in heads], dim=-1))")
    expected_n = 4 * 3 * 32 * 8 + (32 * 32 + 32)
    assert _n(mha) == expected_n, f"expected {expected_n} parameters (4 heads + a 32->32 projection with bias), got {_n(mha)}"


@pytest.mark.points(1)
def test_feedforward(load):
    """FeedForward: n_embd -> 4*n_embd -> ReLU -> n_embd, applied to each position on its own."""
    m = load("attention")
    ff = m.FeedForward(32).eval()
    assert _n(ff) == 32 * 128 + 128 + 128 * 32 + 32, (
        f"expected {32 * 128 + 128 + 128 * 32 + 32} parameters (two Linear layers with a 4x hidden size), got {_n(ff)}")
    x = torch.randn(2, 5, 32)
    y = x.clone()
    y[:, 3] = torch.randn(2, 32)
    with torch.no_grad():
        a, b = ff(x), ff(y)
    assert a.shape == x.shape, f"FeedForward should keep the shape, got {tuple(a.shape)}"
    mask = torch.ones(5, dtype=torch.bool)
    mask[3] = False
    assert torch.allclose(a[:, mask], b[:, mask]), "FeedForward mixed positions: it must act on each token alone"


@pytest.mark.points(2)
def test_block_is_pre_layernorm_residual(load):
    """Block: x + sa(ln1(x)), then x + ffwd(ln2(x))."""
    m = load("attention")
    torch.manual_seed(0)
    blk = m.Block(32, 4, 8).eval()
    assert isinstance(blk.ln1, nn.LayerNorm) and isinstance(blk.ln2, nn.LayerNorm), (
        "ln1 and ln2 should be nn.LayerNorm(n_embd)")
    # move LayerNorm away from its identity start so the order matters; the block lives in the worker, so
    # the change is made there (adding to the copies blk.parameters() returns would change nothing)
    add_to_parameters(blk, [0.1 * torch.randn_like(p) for p in blk.parameters()])
    x = torch.randn(2, 8, 32)
    with torch.no_grad():
        h = x + blk.sa(blk.ln1(x))
        expected = h + blk.ffwd(blk.ln2(h))
        got = blk(x)
        h_post = blk.ln1(x + blk.sa(x))
        post = blk.ln2(h_post + blk.ffwd(h_post))
    assert got.shape == x.shape, f"a block keeps the shape (B, T, n_embd), got {tuple(got.shape)}"
    assert not torch.allclose(got, post, atol=1e-5), (
        "the block normalises after the residual (post-LN); normalise the input of sa and ffwd instead")
    assert torch.allclose(got, expected, atol=1e-5), (
        "the block's output is not x + sa(ln1(x)) followed by x + ffwd(ln2(x))")
