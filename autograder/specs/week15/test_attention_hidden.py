"""Week 15, attention: hidden specs."""
import pytest
import torch
import torch.nn.functional as F

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_head_shorter_sequence(load):
    """A head built for block_size 8 also works on 5 tokens."""
    m = load("attention")
    head = m.Head(12, 6, 8).eval()
    x = torch.randn(3, 5, 12)
    with torch.no_grad():
        got = head(x)
        expected = F.scaled_dot_product_attention(head.query(x), head.key(x), head.value(x), is_causal=True)
    assert got.shape == (3, 5, 6) and torch.allclose(got, expected, atol=1e-5), (
        "the head's output is wrong on a sequence shorter than block_size")


@pytest.mark.points(1)
def test_dropout_only_in_training(load):
    """With dropout the head is random in train mode and deterministic in eval mode; built without it (the default),
    the attention modules and the block behave in training mode as in eval mode."""
    m = load("attention")
    head = m.Head(16, 8, 8, dropout=0.5)
    x = torch.randn(2, 8, 16)
    head.train()
    assert not torch.allclose(head(x), head(x)), "dropout has no effect in training mode"
    head.eval()
    assert torch.allclose(head(x), head(x)), "the head should be deterministic in eval mode"
    for name, module in (("Head", m.Head(16, 8, 8)), ("MultiHeadAttention", m.MultiHeadAttention(2, 8, 16, 8)),
                         ("FeedForward", m.FeedForward(16)), ("Block", m.Block(16, 2, 8))):
        module.train()
        training = module(x)
        module.eval()
        assert torch.allclose(training, module(x), atol=1e-6), \
            f"{name}'s dropout should default to 0.0: built without it, training mode should change nothing"


@pytest.mark.points(1)
def test_block_is_causal(load):
    """Changing a future token leaves a block's earlier outputs unchanged."""
    m = load("attention")
    blk = m.Block(16, 2, 8).eval()
    x = torch.randn(2, 8, 16)
    y = x.clone()
    y[:, 6:] = torch.randn(2, 2, 16)
    with torch.no_grad():
        a, b = blk(x), blk(y)
    assert torch.allclose(a[:, :6], b[:, :6], atol=1e-5), "a block leaks information from the future"


@pytest.mark.points(1)
def test_multihead_is_causal_and_keeps_shape(load):
    """MultiHeadAttention keeps (B, T, n_embd) and never looks ahead."""
    m = load("attention")
    mha = m.MultiHeadAttention(3, 4, 12, 6).eval()
    x = torch.randn(2, 6, 12)
    y = x.clone()
    y[:, 4:] = torch.randn(2, 2, 12)
    with torch.no_grad():
        a, b = mha(x), mha(y)
    assert a.shape == (2, 6, 12), "multi-head attention should return (B, T, n_embd)"
    assert torch.allclose(a[:, :4], b[:, :4], atol=1e-5), "multi-head attention leaks information from the future"
