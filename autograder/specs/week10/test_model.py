"""Week 10: whole models and a trained classifier."""
import pytest
import torch
from torch import nn
from week10_probes import check_embedded_input, layer_inputs, linear_layers  # a helper module beside the specs

VOCAB, D, H, L, FF, MAXLEN = 40, 16, 2, 2, 32, 12


def contains_three(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Sequences of tokens 1..9 padded with 0 to length 12; the label says whether token 3 occurs."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(1, 10, (n, MAXLEN), generator=g)
    lengths = torch.randint(4, MAXLEN + 1, (n,), generator=g)
    ids[torch.arange(MAXLEN).unsqueeze(0) >= lengths.unsqueeze(1)] = 0
    return ids, (ids == 3).any(1).long()


@pytest.mark.points(1)
def test_count_parameters(load):
    """count_parameters(nn.Transformer(512, 8, 6, 6)) is 44,140,544."""
    m = load("model")
    got = m.count_parameters(nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6))
    assert got == 44_140_544, f"got {got}: sum p.numel() over model.parameters()"


@pytest.mark.points(2)
def test_encoder_shapes_and_depth(load):
    """TransformerEncoder maps (B, L) ids to (B, L, d_model); each extra layer adds one encoder layer's parameters."""
    m = load("model")
    enc = m.TransformerEncoder(VOCAB, D, H, L, FF, 0.1, MAXLEN).eval()
    ids = torch.randint(1, VOCAB, (3, 7))
    assert enc(ids).shape == (3, 7, D), f"expected (3, 7, {D}), got {tuple(enc(ids).shape)}"
    seen, tables = layer_inputs(enc, ["EncoderLayer"], (ids,))
    check_embedded_input(seen.get("EncoderLayer"), tables, ids, D, "the first EncoderLayer")
    one_layer = (4 * D * D + D) + (D * FF + FF + FF * D + D) + 4 * D
    deeper = m.TransformerEncoder(VOCAB, D, H, L + 1, FF, 0.1, MAXLEN)
    diff = sum(p.numel() for p in deeper.parameters()) - sum(p.numel() for p in enc.parameters())
    assert diff == one_layer, f"one more layer should add {one_layer} parameters, it added {diff}: build num_layers EncoderLayers"


@pytest.mark.points(1)
def test_heads(load):
    """ClassifierHead and RegressionHead are one linear layer applied at every position: (B, L, d_model) -> (B, L, k)."""
    m = load("model")
    x = torch.randn(3, 4, D)
    for head, k, name in [(m.ClassifierHead(D, 3), 3, "ClassifierHead(d_model, 3)"),
                          (m.RegressionHead(D), 1, "RegressionHead(d_model)"),
                          (m.RegressionHead(D, 2), 2, "RegressionHead(d_model, 2)")]:
        head.eval()
        with torch.no_grad():
            out = head(x)
        assert out.shape == (3, 4, k), f"{name} should give (B, L, {k}), got {tuple(out.shape)}"
        linears = linear_layers(head)
        assert len(linears) == 1 and tuple(linears[0][1].shape) == (k, D), (
            f"{name} should hold exactly one nn.Linear(d_model, {k})")
        _, w, b = linears[0]
        want = x @ w.T + (0 if b is None else b)
        assert torch.allclose(out, want, atol=1e-5), (
            f"{name} should return its linear layer's output at every position, nothing more (no softmax: "
            "the logits go to nn.CrossEntropyLoss)")


@pytest.mark.points(2)
def test_transformer_output_shape_and_source_dependence(load):
    """Transformer(src, tgt) returns logits (B, L_tgt, vocab) that depend on the source."""
    m = load("model")
    model = m.Transformer(VOCAB, D, H, L, FF, MAXLEN, 0.1).eval()
    src, tgt = torch.randint(1, VOCAB, (2, 9)), torch.randint(1, VOCAB, (2, 5))
    with torch.no_grad():
        out = model(src, tgt)
        assert out.shape == (2, 5, VOCAB), f"expected logits (2, 5, {VOCAB}), got {tuple(out.shape)}"
        other = model(torch.randint(1, VOCAB, (2, 9)), tgt)
    assert not torch.allclose(out, other), "the output ignores the source: the decoder must cross-attend to the encoder output"
    seen, tables = layer_inputs(model, ["EncoderLayer", "DecoderLayer"], (src, tgt))
    check_embedded_input(seen.get("EncoderLayer"), tables, src, D, "the first EncoderLayer (source side)")
    check_embedded_input(seen.get("DecoderLayer"), tables, tgt, D, "the first DecoderLayer (target side)")


@pytest.mark.points(2)
def test_transformer_is_causal_in_the_target(load):
    """Changing target token t+1 leaves the logits at positions <= t unchanged."""
    m = load("model")
    model = m.Transformer(VOCAB, D, H, L, FF, MAXLEN, 0.1).eval()
    src, tgt = torch.randint(1, VOCAB, (2, 8)), torch.randint(1, VOCAB, (2, 6))
    changed = tgt.clone()
    changed[:, 3] = (changed[:, 3] % (VOCAB - 1)) + 1
    with torch.no_grad():
        a, b = model(src, tgt), model(src, changed)
    assert torch.allclose(a[:, :3], b[:, :3], atol=1e-5), (
        "positions before the change moved: apply a causal mask in the decoder's self-attention by default")
    assert not torch.allclose(a[:, 3:], b[:, 3:]), "positions from the change on should move"


@pytest.mark.points(5)
@pytest.mark.timeout(90)
def test_trained_classifier_finds_token_three(load, credit):
    """A tiny SequenceClassifier trained with train_classifier tells whether token 3 occurs (>= 0.95 for full points)."""
    m = load("model")
    ids, labels = contains_three(2000, seed=1)
    test_ids, test_labels = contains_three(500, seed=2)
    torch.manual_seed(0)
    model = m.SequenceClassifier(10, 32, 2, 2, 64, MAXLEN, 2, dropout=0.0)
    history = m.train_classifier(model, ids, labels, epochs=3, lr=1e-3, batch_size=32)
    assert len(history) == 3, "train_classifier should return one mean loss per epoch"
    model.eval()
    with torch.no_grad():
        acc = (model(test_ids).argmax(-1) == test_labels).float().mean().item()
    if acc >= 0.8:
        credit(0.5, f"test accuracy {acc:.3f} reaches 0.8 (half points).")
    # the task itself ignores token order; the model must not: in a fresh classifier of the same shape,
    # reversing the real tokens of a sequence moves its logits
    probe = test_ids[:64]
    lengths = (probe != 0).sum(1)
    reverse = probe.clone()
    for i, n in enumerate(lengths.tolist()):
        reverse[i, :n] = probe[i, :n].flip(0)
    torch.manual_seed(1)
    fresh = m.SequenceClassifier(10, 32, 2, 2, 64, MAXLEN, 2, dropout=0.0).eval()
    with torch.no_grad():
        a, b = fresh(probe), fresh(reverse)
    moved = (a - b).abs().amax(-1)
    assert (moved > 1e-4).float().mean().item() >= 0.5, (
        "the classifier gives the same logits when the tokens of a sequence are reversed: the encoder ignores "
        "positions (add the PositionalEncoding after the embeddings)")
    assert acc >= 0.95, f"test accuracy {acc:.3f} is below 0.95: check the padding mask, the pooling over real tokens and the loss"
    credit(1.0)
