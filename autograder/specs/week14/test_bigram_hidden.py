"""Week 14, bigram: hidden specs."""
import pytest
import torch
import torch.nn as nn

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def spy_model():
    """Runs in the worker: a model whose loss is the mean input id; it records each batch loss per split
    (ids from 1000 up are the val split)."""
    import torch
    import torch.nn as nn

    class SpyModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.ones(()))
            self.seen = {}

        def forward(self, idx, targets=None):
            loss = self.w * idx.float().mean()
            key = "val" if idx.min() >= 1000 else "train"
            self.seen.setdefault(key, []).append(loss.item())
            return None, loss

    return SpyModel()


@in_worker
def record_forwards(model):
    """Runs in the worker: from now on the model remembers (training mode?, sequence length) of every forward."""
    model.forwards = []
    model.register_forward_pre_hook(lambda mod, args: mod.forwards.append((mod.training, args[0].shape[-1])))


@in_worker
def recorded_forwards(model):
    return list(model.forwards)


@pytest.mark.points(1)
def test_estimate_loss_averages_batches(load):
    """estimate_loss returns the mean of the per-batch losses."""
    m = load("bigram")
    spy = spy_model()  # built in the worker, so the batches it records are the submission's own
    splits = {"train": torch.arange(0, 500), "val": torch.arange(1000, 1500)}
    out = m.estimate_loss(spy, splits, block_size=4, batch_size=2, eval_iters=9)
    seen_all = spy.seen
    assert isinstance(seen_all, dict), "estimate_loss should not replace the model's attributes"
    for key in ("train", "val"):
        seen = seen_all.get(key, [])
        assert len(seen) == 9, f"the {key} split should be measured on eval_iters batches"
        assert abs(float(out[key]) - sum(seen) / len(seen)) < 1e-4, f"the {key} value is not the mean batch loss"


@pytest.mark.points(1)
def test_estimate_loss_restores_train_mode(load):
    """estimate_loss leaves the model in training mode afterwards."""
    m = load("bigram")
    spy = spy_model()  # built in the worker: the mode it ends in is the one estimate_loss left
    spy.train()
    m.estimate_loss(spy, {"train": torch.arange(50), "val": torch.arange(1000, 1050)}, 4, 2, 2)
    assert spy.training is True, "call model.train() again after measuring, or training continues in eval mode"


@pytest.mark.points(1)
def test_generate_batch_of_prompts(load):
    """generate works on a batch of several prompts."""
    m = load("bigram")
    model = m.BigramLanguageModel(9)
    out = model.generate(torch.zeros((3, 2), dtype=torch.long), 5, generator=torch.Generator().manual_seed(1))
    assert out.shape == (3, 7), "generate on three prompts of length 2 gave the wrong shape"


@pytest.mark.points(1)
def test_token_position_model_shapes_and_parameters(load):
    """TokenPositionModel: token and position tables of n_embd, then a linear head with bias (defaults 32 and 8)."""
    m = load("bigram")
    V, C, T = 30, 16, 8
    model = m.TokenPositionModel(V, n_embd=C, block_size=T)
    n = sum(p.numel() for p in model.parameters())
    assert n == V * C + T * C + C * V + V, "the parameter count does not match token table + position table + lm_head"
    logits, loss = model(torch.randint(0, V, (2, T)))
    assert logits.shape == (2, T, V) and loss is None, "forward without targets has the wrong output"
    logits, loss = model(torch.randint(0, V, (2, 5)), torch.randint(0, V, (2, 5)))
    assert logits.shape == (10, V) and loss.dim() == 0, "forward on a shorter sequence with targets is wrong"
    default = sum(p.numel() for p in m.TokenPositionModel(V).parameters())
    assert default == V * 32 + 8 * 32 + 32 * V + V, "the defaults are n_embd=32 and block_size=8"


@pytest.mark.points(1)
def test_token_position_model_uses_position(load):
    """The same token at two positions gets different logits: the head reads the sum of the two tables."""
    m = load("bigram")
    model = m.TokenPositionModel(12, n_embd=8, block_size=6)
    logits, _ = model(torch.full((1, 6), 4))
    assert not torch.allclose(logits[0, 0], logits[0, 3]), "positions do not change the logits: add the position embedding"
    tables = sorted((mod for mod in model.modules() if isinstance(mod, nn.Embedding)), key=lambda e: -e.weight.shape[0])
    heads = [mod for mod in model.modules() if isinstance(mod, nn.Linear)]
    assert len(tables) == 2 and len(heads) == 1, "expected two nn.Embedding tables and one nn.Linear head"
    idx = torch.tensor([[3, 7, 7, 0, 11]])
    tok, pos, head = tables[0].weight, tables[1].weight, heads[0]
    expected = (tok[idx[0]] + pos[:5]) @ head.weight.T + head.bias
    logits, _ = model(idx)
    assert torch.allclose(logits[0], expected, atol=1e-5), \
        "the logits should be lm_head(token_embedding[idx] + position_embedding[0..T-1]): the two tables summed"


@pytest.mark.points(1)
def test_token_position_model_generate_crops(load):
    """TokenPositionModel.generate feeds the last block_size tokens, never more, and can run past it."""
    m = load("bigram")
    model = m.TokenPositionModel(12, n_embd=8, block_size=6)
    lengths = []
    for mod in model.modules():
        if isinstance(mod, nn.Embedding):
            mod.register_forward_pre_hook(lambda _m, args: lengths.append(args[0].shape[-1]))
    out = model.generate(torch.zeros((1, 1), dtype=torch.long), 20, generator=torch.Generator().manual_seed(0))
    assert out.shape == (1, 21), "generate past block_size gave the wrong shape"
    assert lengths and max(lengths) <= 6, "generate fed more than block_size tokens to the model"
    assert lengths[-1] == 6, f"past block_size, generate should feed the last block_size (6) tokens, fed {lengths[-1]}"


@pytest.mark.points(1)
def test_train_schedule_and_defaults(load):
    """train evaluates at step 0, every eval_interval steps and after the last step; by default it trains on
    blocks of 8 tokens for 3000 steps and estimates each loss from 200 batches."""
    m = load("bigram")
    torch.manual_seed(0)
    model = m.BigramLanguageModel(20)
    record_forwards(model)
    data = torch.randint(0, 20, (500,), generator=torch.Generator().manual_seed(1))
    history = m.train(model, data, data, steps=5, batch_size=4, eval_interval=2)
    steps = [h["step"] for h in history]
    assert len(history) == 4 and steps[:3] == [0, 2, 4], (
        f"with steps=5 and eval_interval=2, train should evaluate at steps 0, 2 and 4 and once more after the last "
        f"step (4 evaluations), got steps {steps}")
    seen = recorded_forwards(model)
    training = [t for mode, t in seen if mode]
    evaluating = [t for mode, t in seen if not mode]
    assert len(training) == 5, f"expected 5 training forwards (one per step) in training mode, got {len(training)}"
    assert set(training) == {8}, f"block_size should default to 8: the training batches had lengths {sorted(set(training))}"
    assert len(evaluating) == 4 * 2 * 200, (
        f"eval_iters should default to 200 batches per split: 4 evaluations made {len(evaluating)} forwards in eval "
        "mode, not 1600")
    model = m.BigramLanguageModel(20)
    record_forwards(model)
    m.train(model, data, data, batch_size=1, eval_interval=10**6, eval_iters=1)
    training = [t for mode, t in recorded_forwards(model) if mode]
    assert len(training) == 3000, f"steps should default to 3000, got {len(training)} training forwards"
