"""Week 10: hidden checks of the whole models."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from week10_probes import check_embedded_input, layer_inputs  # a helper module beside the specs

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def encoder_output_and_logits(model, ids):
    """Runs in the worker (no gradients): the output of the model's TransformerEncoder during model(ids), and the
    logits."""
    import torch
    seen = []
    encoders = [mod for mod in model.modules() if mod.__class__.__name__ == "TransformerEncoder"]
    handles = [e.register_forward_hook(lambda mod, args, out: seen.append(out.detach().clone())) for e in encoders]
    try:
        with torch.no_grad():
            logits = model(ids)
    finally:
        for h in handles:
            h.remove()
    return (seen[0] if seen else None), logits


@in_worker
def recording_classifier(num_classes):
    """Runs in the worker: a tiny trainable classifier that remembers the first token of every row it sees in
    training mode (the rows of the spec's ids are numbered by their first token)."""
    import torch
    from torch import nn

    class Recorder(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(500, num_classes)
            self.seen, self.logits = [], []

        def forward(self, ids):
            out = self.emb(ids).mean(1)
            if self.training:
                self.seen.append(ids[:, 0].tolist())
                self.logits.append(out.detach().clone())
            return out

    return Recorder()


@in_worker
def seen_rows(model):
    return list(model.seen)


@in_worker
def seen_logits(model):
    return list(model.logits)


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
    """SequenceClassifier maps (B, L) ids to (B, num_classes) logits, whatever the padding; dropout defaults to 0.1."""
    m = load("model")
    model = m.SequenceClassifier(10, 16, 2, 1, 32, 12, 3).eval()
    rates = [d.p for d in model.modules() if isinstance(d, nn.Dropout)]
    assert rates and all(abs(r - 0.1) < 1e-12 for r in rates), f"SequenceClassifier's dropout should default to 0.1, got {rates}"
    ids = torch.tensor([[1, 2, 3, 0, 0, 0], [4, 5, 6, 7, 8, 9]])
    with torch.no_grad():
        out = model(ids)
        padded_more = model(torch.cat([ids, torch.zeros(2, 3, dtype=torch.long)], 1))
    assert out.shape == (2, 3), "expected one row of class logits per sequence"
    assert torch.allclose(out, padded_more, atol=1e-5), "extra padding should not change a sequence's logits"
    seen, tables = layer_inputs(model, ["EncoderLayer"], (ids,))
    check_embedded_input(seen.get("EncoderLayer"), tables, ids, 16, "the classifier's first EncoderLayer")


@pytest.mark.points(1)
def test_classifier_averages_the_real_positions(load):
    """SequenceClassifier's logits are its last Linear applied to the mean of the encoder's outputs over the real
    (non-pad) positions: not their sum, not a mean that counts the padding."""
    m = load("model")
    torch.manual_seed(4)
    model = m.SequenceClassifier(10, 16, 2, 1, 32, 12, 3, dropout=0.0).eval()
    ids = torch.tensor([[1, 2, 3, 0, 0, 0], [4, 5, 6, 7, 8, 9], [2, 0, 0, 0, 0, 0]])
    h, logits = encoder_output_and_logits(model, ids)
    assert h is not None and tuple(h.shape) == (3, 6, 16), "expected a TransformerEncoder inside the classifier"
    heads = [mod for mod in model.modules() if isinstance(mod, nn.Linear) and mod.out_features == 3]
    assert heads, "expected an nn.Linear(d_model, num_classes) for the class logits"
    keep = (ids != 0).unsqueeze(-1).float()
    pooled = (h * keep).sum(1) / keep.sum(1)
    head = heads[-1]
    assert torch.allclose(logits, pooled @ head.weight.T + head.bias, atol=1e-5), (
        "the logits should be the classifier layer applied to the MEAN of the encoder outputs over the real "
        "tokens: (h * keep).sum(1) / keep.sum(1)")


@pytest.mark.points(1)
def test_train_classifier_visits_every_row_once_per_epoch(load):
    """train_classifier: trains in training mode, shows each sequence once per epoch in batches of batch_size (the
    last may be shorter), reports each epoch's mean loss and leaves the model in eval mode."""
    m = load("model")
    ids = torch.cat([torch.arange(10).unsqueeze(1), torch.ones(10, 3, dtype=torch.long)], dim=1)
    labels = torch.arange(10) % 2
    model = recording_classifier(2).eval()  # handed over in eval mode, as after an evaluation
    history = m.train_classifier(model, ids, labels, epochs=2, lr=1e-2, batch_size=4)
    assert len(history) == 2, "train_classifier should return one mean loss per epoch"
    batches = seen_rows(model)
    assert batches, "the model never ran in training mode: call model.train() before the training loop"
    sizes = [len(b) for b in batches]
    assert sizes == [4, 4, 2, 4, 4, 2], (
        f"10 sequences in batches of 4 for 2 epochs should give batches of 4, 4, 2 twice, got {sizes}: slice the "
        "shuffled order as order[start:start + batch_size]")
    for epoch in (batches[:3], batches[3:]):
        assert sorted(i for b in epoch for i in b) == list(range(10)), "each epoch should show every sequence once"
    assert not model.training, "train_classifier should leave the model in eval mode"
    # the first epoch's loss, from the logits the model gave before each step: per row, or per batch
    losses = [(F.cross_entropy(out, labels[rows], reduction="sum").item(), len(rows))
              for rows, out in zip(batches[:3], seen_logits(model)[:3])]
    per_row = sum(t for t, _ in losses) / 10
    per_batch = sum(t / n for t, n in losses) / 3
    assert min(abs(history[0] - per_row), abs(history[0] - per_batch)) < 1e-4, (
        f"the first epoch's loss should be the mean of its batches' cross-entropies ({per_row:.4f} per sequence, "
        f"{per_batch:.4f} per batch), got {history[0]:.4f}: start each epoch's total at 0")
