"""Week 10: hidden checks of the whole models."""
import pytest
import torch
from torch import nn
from week10_probes import check_embedded_input, layer_inputs  # a helper module beside the specs

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_count_parameters_skips_buffers(load):
    """count_parameters counts parameters only, not buffers."""
    m = load("model")
    model = nn.BatchNorm1d(7)  # 14 parameters, 15 buffer values
    assert m.count_parameters(model) == 14, "buffers (running statistics, positional tables) are not parameters"


@pytest.mark.points(2)
def test_source_padding_is_ignored(load):
    """With a source padding mask, the tokens at padded source positions do not change the logits."""
    m = load("model")
    model = m.Transformer(30, 16, 2, 2, 32, 10, 0.1).eval()
    src = torch.tensor([[5, 6, 7, 0, 0], [8, 9, 10, 11, 0]])
    noisy = src.clone()
    noisy[src == 0] = 13
    mask = (src != 0).unsqueeze(1).expand(-1, 5, -1)
    tgt = torch.randint(1, 30, (2, 4))
    with torch.no_grad():
        a, b = model(src, tgt, mask), model(noisy, tgt, mask)
    assert torch.allclose(a, b, atol=1e-5), "padded source positions leak into the output: pass the source mask to cross-attention too"


@pytest.mark.points(1)
def test_sequence_classifier_output(load):
    """SequenceClassifier maps (B, L) ids to (B, num_classes) logits, whatever the padding."""
    m = load("model")
    model = m.SequenceClassifier(10, 16, 2, 1, 32, 12, 3).eval()
    ids = torch.tensor([[1, 2, 3, 0, 0, 0], [4, 5, 6, 7, 8, 9]])
    with torch.no_grad():
        out = model(ids)
        padded_more = model(torch.cat([ids, torch.zeros(2, 3, dtype=torch.long)], 1))
    assert out.shape == (2, 3), "expected one row of class logits per sequence"
    assert torch.allclose(out, padded_more, atol=1e-5), "extra padding should not change a sequence's logits"
    seen, tables = layer_inputs(model, ["EncoderLayer"], (ids,))
    check_embedded_input(seen.get("EncoderLayer"), tables, ids, 16, "the classifier's first EncoderLayer")
