"""Week 10: masks, scaled dot-product attention, multi-head attention."""
import pytest
import torch
import torch.nn.functional as F
from week10_probes import linear_layers, mha_layouts, mha_oracle  # a helper module beside the specs


@pytest.mark.points(1)
def test_padding_mask(load):
    """make_padding_mask marks real tokens 1 and padding 0, one row per query."""
    m = load("attention")
    ids = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 9, 0, 0]])
    mask = m.make_padding_mask(ids, 0)
    assert tuple(mask.shape) == (3, 4, 4), f"the mask should be (batch, L, L) = (3, 4, 4), got {tuple(mask.shape)}"
    want = torch.tensor([1, 1, 0, 0]).expand(4, 4)
    assert torch.equal(mask[2].long(), want), "in the last sequence every query row should allow keys 0-1 and block the pads"
    assert bool(mask[:2].bool().all()), "sequences without padding should be all ones"


@pytest.mark.points(1)
def test_causal_mask(load):
    """make_causal_mask is lower triangular: position i sees positions j <= i."""
    m = load("attention")
    mask = m.make_causal_mask(5)
    assert tuple(mask.shape) == (5, 5), f"shape should be (5, 5), got {tuple(mask.shape)}"
    assert torch.equal(mask.bool(), torch.ones(5, 5).tril().bool()), "expected torch.tril of a matrix of ones"


@pytest.mark.points(2)
def test_scaled_dot_product_attention_by_hand(load):
    """scaled_dot_product_attention equals torch's fused version, with and without a mask."""
    m = load("attention")
    q, k, v = torch.randn(2, 5, 8), torch.randn(2, 7, 8), torch.randn(2, 7, 3)
    out, w = m.scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 5, 3) and w.shape == (2, 5, 7), (
        f"expected output (2, 5, 3) and weights (2, 5, 7), got {tuple(out.shape)} and {tuple(w.shape)}")
    assert torch.allclose(w.sum(-1), torch.ones(2, 5), atol=1e-5), "each row of attention weights must sum to 1"
    assert torch.allclose(out, F.scaled_dot_product_attention(q, k, v), atol=1e-5), (
        "output differs from softmax(q k^T / sqrt(d_k)) v: check the scale uses the key dimension")
    mask = torch.ones(5, 7).tril().bool()
    out, w = m.scaled_dot_product_attention(q, k, v, mask)
    assert torch.allclose(out, F.scaled_dot_product_attention(q, k, v, attn_mask=mask), atol=1e-5), (
        "with a mask the output is wrong: fill blocked scores (mask == 0) with -inf before the softmax")
    assert torch.all(w[..., ~mask] == 0), "blocked positions must get exactly zero weight"


@pytest.mark.points(3)
def test_multi_head_attention_matches_oracle(load):
    """MultiHeadAttention equals per-head attention on slices of its q, k, v projections, then the output projection."""
    m = load("attention")
    mha = m.MultiHeadAttention(16, 4).eval()
    layouts = mha_layouts(linear_layers(mha), 16, 4)
    assert layouts, (
        "no q, k, v projections found: use q_proj, k_proj, v_proj = nn.Linear(d_model, d_model, bias=False) and "
        "out_proj = nn.Linear(d_model, d_model) (the README's contract), or a list of heads with their own "
        "bias-free query, key and value layers followed by one Linear(d_model, d_model)")
    x = torch.randn(3, 6, 16)
    with torch.no_grad():
        got = mha(x, x, x)
    assert got.shape == (3, 6, 16), f"output shape should be (3, 6, 16), got {tuple(got.shape)}"
    match = [w for w in layouts if torch.allclose(got, mha_oracle(w, 4, x, x, x), atol=1e-5)]
    assert match, (
        "self-attention output is wrong: split q, k, v into 4 heads of 4 columns (head i takes columns "
        "4i..4i+3), attend per head with scores / sqrt(head_size), concatenate in head order, then apply out_proj")
    ids = torch.tensor([[1, 2, 3, 4, 5, 6], [1, 2, 3, 0, 0, 0], [7, 0, 0, 0, 0, 0]])
    mask = (ids != 0).unsqueeze(1).expand(-1, 6, -1)
    q, kv = torch.randn(3, 6, 16), torch.randn(3, 6, 16)
    with torch.no_grad():
        masked, cross = mha(x, x, x, mask), mha(q, kv, kv, mask)
    assert any(torch.allclose(masked, mha_oracle(w, 4, x, x, x, mask), atol=1e-5) for w in match), (
        "with a (B, L, L) padding mask the output is wrong: apply the same mask to every head")
    assert any(torch.allclose(cross, mha_oracle(w, 4, q, kv, kv, mask), atol=1e-5) for w in match), (
        "with different query and key/value inputs the output is wrong: queries come from `query`, keys from "
        "`key`, values from `value`")


@pytest.mark.points(1)
def test_heads_must_divide_d_model(load):
    """MultiHeadAttention(10, 3) is refused with a ValueError."""
    m = load("attention")
    with pytest.raises(ValueError):
        m.MultiHeadAttention(10, 3)
