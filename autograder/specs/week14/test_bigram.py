"""Week 14, bigram: the bigram language model, sampling, the loss estimate and training."""
import math

import pytest
import torch
import torch.nn.functional as F

from autograder.boundary import in_worker


def _corpus(data_dir):
    text = (data_dir / "shakespeare.txt").read_text(encoding="utf-8")
    chars = sorted(set(text))
    stoi = {c: i for i, c in enumerate(chars)}
    data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    n = int(0.9 * len(data))
    return data[:n], data[n:], len(chars)


def _batch(data, block_size, batch_size, g):
    ix = torch.randint(len(data) - block_size, (batch_size,), generator=g)
    return (torch.stack([data[i:i + block_size] for i in ix]),
            torch.stack([data[i + 1:i + block_size + 1] for i in ix]))


@in_worker
def spy_model():
    """Runs in the worker: a model that records how estimate_loss calls it (mode, grad, input shape);
    its loss is the mean input id, so each split has its own value."""
    import torch
    import torch.nn as nn

    class SpyModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.ones(()))
            self.calls = []

        def forward(self, idx, targets=None):
            self.calls.append((self.training, torch.is_grad_enabled(), tuple(idx.shape)))
            loss = self.w * idx.float().mean()
            return None, loss

    return SpyModel()


@pytest.mark.points(2)
def test_bigram_forward_shapes(load):
    """forward: (B, T, V) logits without targets; (B*T, V) logits and a scalar loss with targets."""
    m = load("bigram")
    model = m.BigramLanguageModel(11)
    idx = torch.randint(0, 11, (4, 8))
    logits, loss = model(idx)
    assert loss is None, "without targets forward should return (logits, None)"
    assert logits.shape == (4, 8, 11), f"without targets logits should be (B, T, V) = (4, 8, 11), got {tuple(logits.shape)}"
    logits, loss = model(idx, torch.randint(0, 11, (4, 8)))
    assert logits.shape == (32, 11), (
        f"with targets logits should be flattened to (B*T, V) = (32, 11), got {tuple(logits.shape)}")
    assert loss is not None and loss.dim() == 0, "with targets forward should return a scalar loss"


@pytest.mark.points(1)
def test_bigram_loss_is_cross_entropy(load):
    """The loss is the mean cross-entropy of the logits against the targets."""
    m = load("bigram")
    model = m.BigramLanguageModel(13)
    idx, targets = torch.randint(0, 13, (3, 5)), torch.randint(0, 13, (3, 5))
    logits, loss = model(idx, targets)
    expected = F.cross_entropy(logits.reshape(15, 13), targets.reshape(15))
    assert torch.allclose(loss, expected, atol=1e-6), (
        f"loss {loss.item():.6f} differs from F.cross_entropy(logits, targets.view(-1)) = {expected.item():.6f}")


@pytest.mark.points(1)
def test_bigram_initial_loss_near_uniform(load, data_dir):
    """An untrained model's loss on real data is near -ln(1/V) (somewhat above it with N(0, 1) weights)."""
    m = load("bigram")
    train, _, V = _corpus(data_dir)
    torch.manual_seed(42)
    model = m.BigramLanguageModel(V)
    x, y = _batch(train, 8, 32, torch.Generator().manual_seed(42))
    _, loss = model(x, y)
    base = -math.log(1 / V)
    assert base - 0.05 <= loss.item() <= base + 1.2, (
        f"initial loss {loss.item():.3f} is far from the uniform baseline -ln(1/{V}) = {base:.3f}; "
        "the model should be a single nn.Embedding(V, V) table")


@pytest.mark.points(1)
def test_bigram_only_looks_at_current_token(load):
    """The logits at a position depend only on the token at that position."""
    m = load("bigram")
    model = m.BigramLanguageModel(10)
    a = torch.tensor([[1, 2, 3, 4]])
    b = torch.tensor([[7, 9, 3, 0]])  # same token 3 at position 2, different context
    la, _ = model(a)
    lb, _ = model(b)
    assert torch.allclose(la[0, 2], lb[0, 2]), (
        "the same token got different logits in different contexts: a bigram model looks up one row per token")


@pytest.mark.points(1)
def test_generate_shape_keeps_prompt(load):
    """generate appends max_new_tokens valid ids and keeps the prompt."""
    m = load("bigram")
    model = m.BigramLanguageModel(65)
    idx = torch.zeros((1, 1), dtype=torch.long)
    out = model.generate(idx, 100, generator=torch.Generator().manual_seed(0))
    assert out.shape == (1, 101), f"generating 100 tokens from (1, 1) should give (1, 101), got {tuple(out.shape)}"
    assert out[0, 0] == 0, "the prompt must stay at the start of the output"
    assert out.min() >= 0 and out.max() < 65, "generated ids must lie in [0, vocab_size)"


@pytest.mark.points(2)
def test_generate_matches_sampling_oracle(load):
    """generate: softmax of the last position's logits, torch.multinomial with the generator, append."""
    m = load("bigram")
    torch.manual_seed(1)
    model = m.BigramLanguageModel(20)
    idx = torch.tensor([[3, 4], [5, 6]])
    out = model.generate(idx, 30, generator=torch.Generator().manual_seed(7))
    g = torch.Generator().manual_seed(7)
    expected = idx
    with torch.no_grad():
        for _ in range(30):
            logits, _ = model(expected)
            probs = F.softmax(logits[:, -1, :], dim=-1)
            expected = torch.cat([expected, torch.multinomial(probs, 1, generator=g)], dim=1)
    assert out.shape == expected.shape, f"expected shape {tuple(expected.shape)}, got {tuple(out.shape)}"
    assert torch.equal(out, expected), (
        "the samples differ from one torch.multinomial(softmax(logits[:, -1, :]), 1, generator=generator) "
        "draw per step")


@pytest.mark.points(2)
def test_estimate_loss_in_eval_mode_without_grad(load):
    """estimate_loss: eval_iters batches per split, in eval mode, with gradients off; one value per split."""
    m = load("bigram")
    spy = spy_model()  # built in the worker, so the calls it records are the submission's own
    splits = {"train": torch.full((100,), 2), "val": torch.full((100,), 5)}
    out = m.estimate_loss(spy, splits, block_size=4, batch_size=3, eval_iters=7)
    calls = spy.calls
    assert isinstance(calls, list), "estimate_loss should not replace the model's attributes"
    assert set(out) == {"train", "val"}, f"estimate_loss should return a dict with keys train and val, got {set(out)}"
    assert abs(float(out["train"]) - 2.0) < 1e-6 and abs(float(out["val"]) - 5.0) < 1e-6, (
        "each split's value should be the mean loss over batches of that split")
    assert len(calls) == 14, f"expected 7 forward calls per split (14), got {len(calls)}"
    assert all(not training for training, _, _ in calls), "call model.eval() before measuring the loss"
    assert all(not grad for _, grad, _ in calls), "measure under torch.no_grad()"
    assert all(shape == (3, 4) for _, _, shape in calls), "each batch should be (batch_size, block_size)"


@pytest.mark.points(3)
@pytest.mark.timeout(60)
def test_train_bigram_learns(load, data_dir, credit):
    """train: 800 AdamW steps at lr 1e-2 bring the bigram model's validation loss well below its start."""
    m = load("bigram")
    train, val, V = _corpus(data_dir)
    torch.manual_seed(0)
    model = m.BigramLanguageModel(V)
    history = m.train(model, train, val, block_size=8, batch_size=32, steps=800, lr=1e-2,
                      eval_interval=400, eval_iters=20, seed=0)
    assert isinstance(history, list) and history, "train should return a non-empty list of evaluations"
    last = history[-1]
    assert {"step", "train", "val"} <= set(last), "each evaluation should be a dict with step, train and val"
    # the trained model itself, on validation batches the spec draws: the returned history is not the evidence
    g = torch.Generator().manual_seed(1234)
    batches = [_batch(val, 8, 32, g) for _ in range(40)]
    model.eval()
    with torch.no_grad():
        val_loss = sum(F.cross_entropy(model(x)[0].reshape(-1, V), y.reshape(-1)).item() for x, y in batches) / 40
    assert math.isfinite(val_loss), "the trained model's validation loss is not finite: the training diverged"
    reported = float(last["val"])
    assert abs(reported - val_loss) < 0.2, (
        f"the last reported val loss {reported:.3f} does not describe the trained model (about {val_loss:.3f} on "
        "the spec's own validation batches): train the model you were given and evaluate it after the last step")
    if val_loss < 3.2:
        credit(0.5, f"final val loss {val_loss:.3f} is below 3.2 (half marks)")
    assert val_loss < 2.7, (
        f"final val loss {val_loss:.3f} should be below 2.7 after 800 steps (about 2.5 is typical); "
        "check zero_grad/backward/step and that you train on the training split")
    credit(1.0)
