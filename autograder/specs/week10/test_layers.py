"""Week 10: the feed-forward sublayer, encoder and decoder layers."""
import pytest
import torch
from torch import nn


def mha_params(d: int) -> int:
    return 4 * d * d + d  # q, k, v without bias; out_proj with bias


def ff_params(d: int, d_ff: int) -> int:
    return d * d_ff + d_ff + d_ff * d + d


@pytest.mark.points(1)
def test_feed_forward_is_position_wise(load):
    """FeedForwardSubLayer: two biased Linears around a ReLU, the same at every position."""
    m = load("layers")
    ff = m.FeedForwardSubLayer(8, 32).eval()
    n = sum(p.numel() for p in ff.parameters())
    assert n == ff_params(8, 32), f"expected {ff_params(8, 32)} parameters (8->32->8 with biases), got {n}"
    x = torch.randn(2, 5, 8)
    out = ff(x)
    assert out.shape == (2, 5, 8), f"output shape should equal the input's, got {tuple(out.shape)}"
    assert torch.allclose(out[1, 3], ff(x[1, 3].unsqueeze(0)).squeeze(0), atol=1e-6), (
        "each position must be transformed on its own")
    linears = [mod for mod in ff.modules() if isinstance(mod, nn.Linear)]
    assert len(linears) == 2, "use exactly two nn.Linear layers"
    manual = linears[1](torch.relu(linears[0](x)))
    assert torch.allclose(out, manual, atol=1e-6), "the sublayer should compute Linear2(ReLU(Linear1(x)))"


@pytest.mark.points(3)
def test_encoder_layer_is_post_layernorm(load):
    """EncoderLayer (eval): x = norm1(x + self_attn(x)); x = norm2(x + ff(x))."""
    m = load("layers")
    layer = m.EncoderLayer(16, 4, 32, dropout=0.1).eval()
    for name in ("self_attn", "ff", "norm1", "norm2"):
        assert hasattr(layer, name), f"EncoderLayer should have the sublayer `{name}` (see the README's contract)"
    x = torch.randn(2, 5, 16)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]).bool().unsqueeze(1).expand(-1, 5, -1)
    with torch.no_grad():
        h = layer.norm1(x + layer.self_attn(x, x, x, mask))
        want = layer.norm2(h + layer.ff(h))
        got = layer(x, mask)
    assert got.shape == x.shape, f"output shape should be {tuple(x.shape)}, got {tuple(got.shape)}"
    assert torch.allclose(got, want, atol=1e-5), (
        "in eval mode the layer should be norm1(x + attention), then norm2(h + feed-forward): "
        "add the residual before each LayerNorm")


@pytest.mark.points(1)
def test_encoder_layer_parameter_count(load):
    """EncoderLayer holds one attention, one feed-forward and two LayerNorms."""
    m = load("layers")
    n = sum(p.numel() for p in m.EncoderLayer(16, 4, 32).parameters())
    want = mha_params(16) + ff_params(16, 32) + 2 * 2 * 16
    assert n == want, f"expected {want} parameters, got {n}: check for missing or extra sublayers"


@pytest.mark.points(1)
def test_dropout_only_in_training(load):
    """Dropout makes two training passes differ; eval passes are identical."""
    m = load("layers")
    layer = m.EncoderLayer(16, 4, 32, dropout=0.5)
    x = torch.randn(2, 5, 16)
    layer.train()
    assert not torch.allclose(layer(x), layer(x)), "in train() mode dropout should make two passes differ"
    layer.eval()
    assert torch.allclose(layer(x), layer(x)), "in eval() mode the layer must be deterministic"
