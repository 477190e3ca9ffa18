"""Week 10: hidden checks of the decoder layer."""
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
def test_decoder_layer_composition(load):
    """DecoderLayer (eval): masked self-attention, cross-attention over y, feed-forward, each add & norm."""
    m = load("layers")
    layer = m.DecoderLayer(16, 2, 32, dropout=0.1).eval()
    for name in ("self_attn", "cross_attn", "ff", "norm1", "norm2", "norm3"):
        assert hasattr(layer, name), f"DecoderLayer should have the sublayer `{name}` (see the README's contract)"
    x, y = torch.randn(2, 4, 16), torch.randn(2, 6, 16)
    causal = torch.ones(4, 4).tril().bool().unsqueeze(0).expand(2, -1, -1)
    with torch.no_grad():
        h = layer.norm1(x + layer.self_attn(x, x, x, causal))
        h = layer.norm2(h + layer.cross_attn(h, y, y, None))
        want = layer.norm3(h + layer.ff(h))
        got = layer(x, y, causal, None)
    assert torch.allclose(got, want, atol=1e-5), "the decoder layer's composition is off (order, residuals or which input gives keys)"


@pytest.mark.points(1)
def test_decoder_layer_parameter_count(load):
    """DecoderLayer holds two attentions, one feed-forward and three LayerNorms; both layers' dropout defaults to 0.1."""
    m = load("layers")
    n = sum(p.numel() for p in m.DecoderLayer(16, 4, 32).parameters())
    want = 2 * (4 * 16 * 16 + 16) + (16 * 32 + 32 + 32 * 16 + 16) + 3 * 2 * 16
    assert n == want, "the decoder layer has missing or extra sublayers"
    for name in ("EncoderLayer", "DecoderLayer"):
        rates = [d.p for d in getattr(m, name)(16, 4, 32).modules() if isinstance(d, torch.nn.Dropout)]
        assert rates and all(abs(r - 0.1) < 1e-12 for r in rates), \
            f"{name}'s nn.Dropout should default to p=0.1, got {rates}"
