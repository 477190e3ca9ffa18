"""Week 15, gpt: the GPT language model, its sampler and a short training run."""
import math

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from autograder.boundary import in_worker


def gpt_parameter_count(V, C, T, n_layer):
    """Oracle: token table, position table, n_layer blocks, final LayerNorm, lm_head (with bias)."""
    block = (3 * C * C          # key, query, value of all heads (no bias)
             + C * C + C        # projection after the heads
             + C * 4 * C + 4 * C + 4 * C * C + C  # feed-forward
             + 2 * (2 * C))     # ln1, ln2
    return V * C + T * C + n_layer * block + 2 * C + C * V + V


@in_worker
def first_block_input(model, idx):
    """Runs in the worker (eval mode, no gradients): what the first Block receives during model(idx), and the
    weight of every nn.Embedding in the model."""
    import torch
    from torch import nn
    seen = []

    def hook(mod, args, kwargs):
        if not seen:
            first = args[0] if args else next(iter(kwargs.values()), None)
            seen.append(first.detach().clone() if isinstance(first, torch.Tensor) else None)

    handles = [mod.register_forward_pre_hook(hook, with_kwargs=True)
               for mod in model.modules() if mod.__class__.__name__ == "Block"]
    model.eval()
    try:
        with torch.no_grad():
            model(idx)
    finally:
        for h in handles:
            h.remove()
    return (seen[0] if seen else None), [mod.weight.detach().clone() for mod in model.modules()
                                         if isinstance(mod, nn.Embedding)]


def _corpus(data_dir):
    text = (data_dir / "shakespeare.txt").read_text(encoding="utf-8")
    chars = sorted(set(text))
    stoi = {c: i for i, c in enumerate(chars)}
    data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    n = int(0.9 * len(data))
    return data[:n], data[n:], len(chars)


@pytest.mark.points(2)
def test_parameter_count(load):
    """GPTLanguageModel(65, n_embd=32, block_size=8, n_head=4, n_layer=3), the defaults, has 42,369 parameters."""
    m = load("gpt")
    for V, C, T, H, L in [(65, 32, 8, 4, 3), (40, 24, 16, 3, 2)]:
        model = m.GPTLanguageModel(V, n_embd=C, block_size=T, n_head=H, n_layer=L, dropout=0.0)
        got = sum(p.numel() for p in model.parameters())
        expected = gpt_parameter_count(V, C, T, L)
        assert got == expected, (
            f"GPTLanguageModel({V}, n_embd={C}, block_size={T}, n_head={H}, n_layer={L}) has {got:,} parameters, "
            f"expected {expected:,}: token + position tables, n_layer Blocks (heads without bias, a projection, "
            "a 4x feed-forward, two LayerNorms), a final LayerNorm and an lm_head with bias")
    default = sum(p.numel() for p in m.GPTLanguageModel(65).parameters())
    assert default == gpt_parameter_count(65, 32, 8, 3), (
        f"GPTLanguageModel(65) has {default:,} parameters: the defaults are n_embd=32, block_size=8 and n_layer=3")


@pytest.mark.points(1)
def test_forward_shapes_and_initial_loss(load, data_dir):
    """forward feeds token + position embeddings to the blocks; (B, T, V) logits, or (B*T, V) and a loss near -ln(1/V)."""
    m = load("gpt")
    train, _, V = _corpus(data_dir)
    torch.manual_seed(0)
    model = m.GPTLanguageModel(V, n_embd=32, block_size=8, n_head=4, n_layer=2, dropout=0.0)
    g = torch.Generator().manual_seed(0)
    ix = torch.randint(len(train) - 8, (16,), generator=g)
    x = torch.stack([train[i:i + 8] for i in ix])
    y = torch.stack([train[i + 1:i + 9] for i in ix])
    logits, loss = model(x)
    assert logits.shape == (16, 8, V) and loss is None, (
        f"without targets expected ((16, 8, {V}) logits, None), got {tuple(logits.shape)} and {loss}")
    logits, loss = model(x, y)
    assert logits.shape == (128, V), f"with targets the logits should be (B*T, V) = (128, {V}), got {tuple(logits.shape)}"
    base = -math.log(1 / V)
    assert abs(loss.item() - base) < 0.5, (
        f"initial loss {loss.item():.3f} is far from -ln(1/{V}) = {base:.3f}; check the output layer and the loss")
    got, tables = first_block_input(model, x)
    assert got is not None, "the first Block was never called: build the model from n_layer Blocks of attention.py"
    tok = [t for t in tables if tuple(t.shape) == (V, 32)]
    pos = [t for t in tables if tuple(t.shape) == (8, 32)]
    assert tok and pos, "the model should hold a token table nn.Embedding(V, n_embd) and a position table nn.Embedding(block_size, n_embd)"
    ok = any(torch.allclose(got, t[x] + p[:8], atol=1e-5) for t in tok for p in pos)
    if not ok and any(torch.allclose(got, t[x], atol=1e-5) for t in tok):
        raise AssertionError("the first Block receives the token embeddings alone: add the position embeddings "
                             "(position_table(torch.arange(T))), or the model cannot tell token order")
    assert ok, "the first Block should receive token_table(idx) + position_table(arange(T))"


@pytest.mark.points(2)
def test_gpt_is_causal(load):
    """Changing a future token leaves the logits of every earlier position unchanged."""
    m = load("gpt")
    model = m.GPTLanguageModel(30, n_embd=16, block_size=8, n_head=2, n_layer=2, dropout=0.0).eval()
    idx = torch.randint(0, 30, (3, 8))
    changed = idx.clone()
    changed[:, 5] = (idx[:, 5] + 1) % 30
    with torch.no_grad():
        a, _ = model(idx)
        b, _ = model(changed)
    assert torch.allclose(a[:, :5], b[:, :5], atol=1e-5), (
        "the logits before position 5 changed when only token 5 changed: the model sees the future")
    assert not torch.allclose(a[:, 5], b[:, 5]), "the logits at position 5 should depend on token 5"
    # one causal layer sees the earlier tokens as a set: swapping two of them changes the later logits only
    # through the position embeddings
    one = m.GPTLanguageModel(30, n_embd=16, block_size=8, n_head=2, n_layer=1, dropout=0.0).eval()
    idx[:, 1] = (idx[:, 0] + 1 + idx[:, 1] % 29) % 30  # token 1 differs from token 0
    swapped = idx.clone()
    swapped[:, 0], swapped[:, 1] = idx[:, 1], idx[:, 0]
    with torch.no_grad():
        a, _ = one(idx)
        b, _ = one(swapped)
    assert not torch.allclose(a[:, 3:], b[:, 3:], atol=1e-4), (
        "swapping the first two tokens leaves every later logit unchanged: the model ignores positions "
        "(add the position embeddings to the token embeddings)")


@pytest.mark.points(2)
def test_generate_crops_to_block_size(load):
    """generate runs past block_size but never feeds the model more than block_size tokens."""
    m = load("gpt")
    model = m.GPTLanguageModel(20, n_embd=16, block_size=6, n_head=2, n_layer=1, dropout=0.0)
    lengths = []
    for mod in model.modules():
        if isinstance(mod, nn.Embedding):
            mod.register_forward_pre_hook(lambda _m, args: lengths.append(args[0].shape[-1]))
    idx = torch.randint(0, 20, (2, 9))  # the prompt is already longer than block_size
    out = model.generate(idx, 15, generator=torch.Generator().manual_seed(0))
    assert out.shape == (2, 24), f"expected (2, 9 + 15) = (2, 24), got {tuple(out.shape)}"
    assert torch.equal(out[:, :9], idx), "the prompt must stay at the start of the output"
    assert lengths, "generate did not run the model's embeddings"
    assert max(lengths) <= 6, (
        f"generate fed {max(lengths)} tokens to a model with block_size 6: crop to idx[:, -block_size:]")


@pytest.mark.points(4)
@pytest.mark.timeout(75)
def test_small_gpt_beats_bigram(load, data_dir, credit):
    """A 1-layer GPT (n_embd 64, 4 heads, block 16) trained 300 steps reaches val loss < 2.43 (bigram ~2.47)."""
    m = load("gpt")
    train, val, V = _corpus(data_dir)
    torch.manual_seed(0)
    model = m.GPTLanguageModel(V, n_embd=64, block_size=16, n_head=4, n_layer=1, dropout=0.0)
    result = m.train_gpt(model, train, val, steps=300, batch_size=16, lr=5e-3, eval_iters=20, seed=0)
    assert {"train", "val"} <= set(result), "train_gpt should return a dict with the keys train and val"
    # the trained model itself, on validation batches the spec draws: the returned numbers are not the evidence
    g = torch.Generator().manual_seed(1234)
    model.eval()
    total = 0.0
    with torch.no_grad():
        for _ in range(40):
            ix = torch.randint(len(val) - 16, (16,), generator=g)
            x = torch.stack([val[i:i + 16] for i in ix])
            y = torch.stack([val[i + 1:i + 17] for i in ix])
            total += F.cross_entropy(model(x)[0].reshape(-1, V), y.reshape(-1)).item()
    val_loss = total / 40
    assert math.isfinite(val_loss), "the trained model's validation loss is not finite: the training diverged"
    reported = float(result["val"])
    assert abs(reported - val_loss) < 0.15, (
        f"the reported val loss {reported:.3f} does not describe the trained model (about {val_loss:.3f} on the "
        "spec's own validation batches): train the model you were given and measure it after the last step")
    if val_loss < 2.6:
        credit(0.5, f"val loss {val_loss:.3f} is below 2.6 (half marks)")
    assert val_loss < 2.43, (
        f"val loss {val_loss:.3f} after 300 steps should be below 2.43, under the bigram model's ~2.47 "
        "on this corpus (the unigram entropy is ~3.21); check the attention, the residual paths and the optimiser")
    credit(1.0)
