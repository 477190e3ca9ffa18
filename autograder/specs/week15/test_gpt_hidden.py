"""Week 15, gpt: hidden specs."""
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def head_of_the_model(model, idx):
    """Runs in the worker (eval mode, no gradients): the output of the last Block during model(idx), the weights
    of every LayerNorm that is not inside a Block, and lm_head's weight and bias."""
    import torch
    from torch import nn
    outs = []
    blocks = [mod for mod in model.modules() if mod.__class__.__name__ == "Block"]
    handles = [b.register_forward_hook(lambda mod, args, out: outs.append(out.detach().clone())) for b in blocks]
    model.eval()
    try:
        with torch.no_grad():
            logits = model(idx)[0]
    finally:
        for h in handles:
            h.remove()
    inside = {id(sub) for b in blocks for sub in b.modules()}
    norms = [(mod.weight.detach().clone(), mod.bias.detach().clone(), mod.eps) for mod in model.modules()
             if isinstance(mod, nn.LayerNorm) and id(mod) not in inside]
    head = model.lm_head
    return logits, (outs[-1] if outs else None), norms, head.weight.detach().clone(), head.bias.detach().clone()


@pytest.mark.points(1)
def test_generate_matches_sampling_oracle(load):
    """generate draws with torch.multinomial(softmax(last logits), 1, generator) on the cropped context."""
    m = load("gpt")
    torch.manual_seed(3)
    model = m.GPTLanguageModel(15, n_embd=16, block_size=4, n_head=2, n_layer=1, dropout=0.0).eval()
    idx = torch.tensor([[1, 2]])
    out = model.generate(idx, 12, generator=torch.Generator().manual_seed(5))
    g = torch.Generator().manual_seed(5)
    expected = idx
    with torch.no_grad():
        for _ in range(12):
            logits, _ = model(expected[:, -4:])
            probs = F.softmax(logits[:, -1, :], dim=-1)
            expected = torch.cat([expected, torch.multinomial(probs, 1, generator=g)], dim=1)
    assert torch.equal(out, expected), "the samples differ from the expected sampling procedure"


@pytest.mark.points(1)
def test_loss_is_cross_entropy(load):
    """The loss is the mean cross-entropy of the returned logits."""
    m = load("gpt")
    model = m.GPTLanguageModel(11, n_embd=8, block_size=4, n_head=2, n_layer=1, dropout=0.0)
    x, y = torch.randint(0, 11, (2, 4)), torch.randint(0, 11, (2, 4))
    logits, loss = model(x, y)
    assert torch.allclose(loss, F.cross_entropy(logits.view(8, 11), y.view(8)), atol=1e-6), "the loss is not the cross-entropy"


@pytest.mark.points(1)
def test_layernorms_and_dropout(load):
    """Two LayerNorms per block plus a final one; dropout acts only in training mode."""
    m = load("gpt")
    model = m.GPTLanguageModel(11, n_embd=8, block_size=4, n_head=2, n_layer=3, dropout=0.3)
    n_ln = sum(isinstance(mod, nn.LayerNorm) for mod in model.modules())
    assert n_ln == 7, "the model should hold 2 LayerNorms per block and one final LayerNorm"
    x = torch.randint(0, 11, (2, 4))
    model.train()
    assert not torch.allclose(model(x)[0], model(x)[0]), "dropout has no effect in training mode"
    model.eval()
    assert torch.allclose(model(x)[0], model(x)[0]), "the model should be deterministic in eval mode"


@pytest.mark.points(1)
def test_each_layer_adds_one_block(load):
    """Each extra layer adds exactly one Block's parameters; the last Block's output goes through the final LayerNorm and lm_head."""
    m = load("gpt")
    counts = [sum(p.numel() for p in m.GPTLanguageModel(13, n_embd=12, block_size=5, n_head=3, n_layer=L,
                                                         dropout=0.0).parameters()) for L in (1, 2, 3)]
    C = 12
    block = 3 * C * C + C * C + C + 8 * C * C + 5 * C + 4 * C
    assert counts[1] - counts[0] == block and counts[2] - counts[1] == block, (
        "adding a layer should add one Block's parameters and nothing else")
    model = m.GPTLanguageModel(13, n_embd=12, block_size=5, n_head=3, n_layer=2, dropout=0.0)
    idx = torch.randint(0, 13, (2, 5), generator=torch.Generator().manual_seed(4))
    logits, last, norms, w, b = head_of_the_model(model, idx)
    assert last is not None and len(norms) == 1, "the model should run its Blocks and then one final LayerNorm"
    gamma, beta, eps = norms[0]
    want = F.layer_norm(last, (12,), gamma, beta, eps) @ w.T + b
    assert torch.allclose(logits, want, atol=1e-5), (
        "the logits should be lm_head(final LayerNorm(output of the last Block))")


@pytest.mark.points(1)
def test_train_gpt_takes_adamw_steps_of_lr(load):
    """One step of train_gpt with the default lr moves each weight by about 1e-3: AdamW's first step is lr * sign(grad)."""
    m = load("gpt")
    torch.manual_seed(7)
    model = m.GPTLanguageModel(11, n_embd=8, block_size=4, n_head=2, n_layer=1, dropout=0.0)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    data = torch.randint(0, 11, (200,), generator=torch.Generator().manual_seed(3))
    m.train_gpt(model, data, data, steps=1, batch_size=4, eval_iters=1, seed=0)
    after = model.state_dict()
    moves = torch.cat([(after[k].float() - before[k].float()).abs().flatten() for k in before
                       if before[k].is_floating_point()])
    moved = moves[moves > 2e-4]  # weights that had a gradient (weight decay alone moves a weight by ~1e-5)
    assert moved.numel() > moves.numel() // 2, "one step of train_gpt should change most of the model's weights"
    median = moved.median().item()
    assert abs(median - 1e-3) < 5e-5, (
        f"one AdamW step moved the weights by {median:.2e} (median), not lr = 1e-3: train_gpt's lr should default "
        "to 1e-3 and each step should be one optimizer step of AdamW")
