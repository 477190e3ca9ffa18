"""Week 13, tasks 3-19 and 21-22: the MLP language model.

On the five names of the course sheet the sheet's own numbers reproduce (3481 parameters, a first
loss of 17.7697, 4.4147 after ten full-batch steps); on DATA/names.txt the oracles are computed
here (first minibatch losses at the seeded init); the final losses are thresholds.
"""
import math
import random

import pytest
import torch
import torch.nn.functional as F
from names_data import FIVE, STOI, windows, words_of  # a helper module beside the specs
from mlp_in_worker import init_in_worker, train_in_place  # a helper module beside the specs
from week13_rules import NO_NN_LAYERS  # the README's rule: raw tensors, no torch.nn layers

from autograder.boundary import by_hand

SEED = 2147483647
ITOS = {i: c for c, i in STOI.items()}


def _split(words):
    w = list(words)
    random.Random(42).shuffle(w)
    n1, n2 = int(0.8 * len(w)), int(0.9 * len(w))
    return w[:n1], w[n1:n2], w[n2:]


def _ref_params(g, emb=10, hidden=200, block=3, init="default"):
    C = torch.randn((27, emb), generator=g)
    W1 = torch.randn((block * emb, hidden), generator=g)
    b1 = torch.randn(hidden, generator=g)
    W2 = torch.randn((hidden, 27), generator=g)
    b2 = torch.randn(27, generator=g)
    if init != "default":
        W2, b2 = W2 * 0.01, b2 * 0
    if init == "both":
        W1, b1 = W1 * 0.2, b1 * 0.01
    if init == "kaiming":
        W1, b1 = W1 * (5 / 3) / (block * emb) ** 0.5, b1 * 0.01
    return [p.requires_grad_() for p in (C, W1, b1, W2, b2)]


def _ref_steps(params, X, Y, lrs, batch_size=None, g=None):
    """The reference training loop on copies of params: (losses, trained params)."""
    params = [p.detach().clone().requires_grad_() for p in params]
    losses = []
    for lr in lrs:
        if batch_size is None:
            Xb, Yb = X, Y
        else:
            ix = torch.randint(0, len(X), (batch_size,), generator=g)
            Xb, Yb = X[ix], Y[ix]
        loss = F.cross_entropy(_ref_logits(params, Xb), Yb)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
        losses.append(loss.item())
    return losses, [p.detach() for p in params]


def _ref_logits(params, X):
    C, W1, b1, W2, b2 = params
    return torch.tanh(C[X].flatten(1) @ W1 + b1) @ W2 + b2


@pytest.mark.points(2)
def test_init_shapes_and_count(load):
    """init_mlp makes [C, W1, b1, W2, b2] with the right shapes; num_params counts them."""
    m = load("mlp_model")
    g = torch.Generator().manual_seed(SEED)
    with by_hand(*NO_NN_LAYERS):
        params, flags = init_in_worker(m.init_mlp, g, vocab_size=27, emb_dim=2, hidden=100, block_size=3)
    shapes = [tuple(p.shape) for p in params]
    assert shapes == [(27, 2), (6, 100), (100,), (100, 27), (27,)], (
        f"the parameters should be C (27, 2), W1 (6, 100), b1 (100,), W2 (100, 27), b2 (27,) in that order, got {shapes}")
    assert all(grad and leaf for grad, leaf in flags), "every parameter should be a leaf with requires_grad=True"
    assert m.num_params(params) == 3481, f"emb 2, hidden 100 should have 3481 parameters, got {m.num_params(params)}"
    assert m.num_params(m.init_mlp(g, 27, 10, 200, 3)) == 11897, "emb 10, hidden 200 should have 11897 parameters"
    assert m.num_params(m.init_mlp(g, 27, 2, 300, 3)) == 10281, "emb 2, hidden 300 should have 10281 parameters"


@pytest.mark.points(2)
def test_forward_five_words(load):
    """mlp_forward at the seeded init gives the sheet's loss 17.7697 on the five names."""
    m = load("mlp_model")
    X, Y = windows(FIVE)
    with by_hand(*NO_NN_LAYERS):
        params = m.init_mlp(torch.Generator().manual_seed(SEED), 27, 2, 100, 3)
        logits = m.mlp_forward(params, X)
    assert tuple(logits.shape) == (32, 27), f"the logits should be (32, 27), got {tuple(logits.shape)}"
    expected = _ref_logits(_ref_params(torch.Generator().manual_seed(SEED), 2, 100), X)
    assert torch.allclose(logits, expected, atol=1e-4), (
        "the logits differ from tanh(C[X].view(n, -1) @ W1 + b1) @ W2 + b2 at the seeded init "
        "(draw C, W1, b1, W2, b2 in that order with the generator)")
    loss = F.cross_entropy(logits, Y).item()
    assert abs(loss - 17.769712448120117) < 1e-4, f"the loss on the five names should be 17.7697, got {loss:.4f}"


@pytest.mark.points(2)
def test_train_full_batch_five_words(load):
    """Ten full-batch steps at lr 0.1 on the five names go from 17.7697 to 4.4147."""
    m = load("mlp_model")
    X, Y = windows(FIVE)
    with by_hand(*NO_NN_LAYERS):
        params = m.init_mlp(torch.Generator().manual_seed(SEED), 27, 2, 100, 3)
        # train_mlp updates its params in place, in the worker: the trained copy comes back
        losses, params = train_in_place(m.train_mlp, params, X, Y, 10, lambda i: 0.1, batch_size=None)
    assert len(losses) == 10, f"train_mlp should return one loss per step (10), got {len(losses)}"
    assert abs(losses[0] - 17.769712448120117) < 1e-4, f"the first loss should be 17.7697, got {losses[0]:.4f}"
    assert abs(losses[-1] - 4.414663791656494) < 1e-3, (
        f"after 10 steps at lr 0.1 the loss should be 4.4147, got {losses[-1]:.4f}: record the loss, zero the "
        "gradients, backward, then p.data -= lr * p.grad for every parameter")
    # the trained parameters themselves, against ten reference steps from the same init
    _, want = _ref_steps(_ref_params(torch.Generator().manual_seed(SEED), 2, 100), X, Y, [0.1] * 10)
    assert len(params) == 5 and all(torch.allclose(p.detach(), w, atol=1e-3) for p, w in zip(params, want)), (
        "the parameters after train_mlp are not those of ten steps p.data -= lr * p.grad: train them in place")


@pytest.mark.points(2)
def test_minibatch_first_losses(load, data_dir):
    """The first two minibatch losses on the training split match the reference."""
    m = load("mlp_model")
    Xtr, Ytr = windows(_split(words_of(data_dir))[0])
    g = torch.Generator().manual_seed(SEED)
    ref = _ref_params(g)
    expected, want = _ref_steps(ref, Xtr, Ytr, [0.1, 0.1], 32, g)
    g = torch.Generator().manual_seed(SEED)
    with by_hand(*NO_NN_LAYERS):
        params = m.init_mlp(g)
        losses, params = train_in_place(m.train_mlp, params, Xtr, Ytr, 2, lambda i: 0.1, 32, g)
    assert abs(losses[0] - expected[0]) < 1e-3, (
        f"the first minibatch loss should be {expected[0]:.4f}, got {losses[0]:.4f}: draw the batch with "
        "torch.randint(0, len(X), (batch_size,), generator=generator), the same generator as init_mlp")
    assert abs(losses[1] - expected[1]) < 1e-3, (
        f"the second loss should be {expected[1]:.4f}, got {losses[1]:.4f}: check the update p.data -= lr * p.grad")
    assert all(torch.allclose(p.detach(), w, atol=1e-4) for p, w in zip(params, want)), (
        "after two minibatch steps the parameters differ from the reference: update every parameter in place")


@pytest.mark.points(2)
def test_initial_loss_fix(load, data_dir):
    """Scaling the output layer down makes the first loss about -ln(1/27) = 3.2958."""
    m = load("mlp_model")
    Xtr, Ytr = windows(_split(words_of(data_dir))[0])
    for init in ["output", "both"]:
        g = torch.Generator().manual_seed(SEED)
        ref = _ref_params(g, init=init)
        ix = torch.randint(0, len(Xtr), (32,), generator=g)
        expected = F.cross_entropy(_ref_logits(ref, Xtr[ix]), Ytr[ix]).item()
        g = torch.Generator().manual_seed(SEED)
        with by_hand(*NO_NN_LAYERS):
            got = m.train_mlp(m.init_mlp(g, init=init), Xtr, Ytr, 1, lambda i: 0.0, 32, g)[0]
        assert abs(got - expected) < 1e-4, (
            f"with init='{init}' the first loss should be {expected:.4f}, got {got:.4f}: "
            "W2 *= 0.01, b2 *= 0 (and for 'both' also W1 *= 0.2, b1 *= 0.01)")
        assert abs(got - math.log(27)) < 0.1, f"with init='{init}' the first loss should be near ln 27 = 3.2958"


@pytest.mark.points(1)
def test_schedules(load):
    """step_schedule decays the learning rate; learning_rates spans 10^-3 .. 10^0 in log space."""
    m = load("mlp_model")
    sched = m.step_schedule(0.1, 100)
    assert sched(0) == pytest.approx(0.1) and sched(99) == pytest.approx(0.1), "before decay_step the rate is lr"
    assert sched(100) == pytest.approx(0.01) and sched(5000) == pytest.approx(0.01), "from decay_step on it is lr * 0.1"
    lrs = torch.as_tensor(m.learning_rates(4))
    assert torch.allclose(lrs.double(), torch.tensor([1e-3, 1e-2, 1e-1, 1.0], dtype=torch.float64), rtol=1e-4), (
        "learning_rates(4) should be 10 ** linspace(-3, 0, 4) = [0.001, 0.01, 0.1, 1]")


@pytest.mark.points(4)
@pytest.mark.timeout(90)
def test_training_reaches_dev_loss(load, data_dir, credit):
    """10,000 minibatch steps with a decaying learning rate reach a good dev loss."""
    m = load("mlp_model")
    train, dev, _ = _split(words_of(data_dir))
    Xtr, Ytr = windows(train)
    Xdv, Ydv = windows(dev)
    g = torch.Generator().manual_seed(SEED)
    with by_hand(*NO_NN_LAYERS):
        params = m.init_mlp(g, init="kaiming")
        # train_mlp updates its params in place, in the worker: the trained copy comes back
        losses, params = train_in_place(m.train_mlp, params, Xtr, Ytr, 10_000, m.step_schedule(0.1, 7_500), 32, g)
    assert len(losses) == 10_000, "train_mlp should return one loss per step"
    assert len(params) == 5, "train_mlp should keep the five parameters [C, W1, b1, W2, b2]"
    with torch.no_grad():  # the trained weights, judged by the spec's own forward pass on the dev words
        dev_loss = F.cross_entropy(_ref_logits([p.detach() for p in params], Xdv), Ydv).item()
    assert math.isfinite(dev_loss), "the dev loss is not finite: the training diverged"
    with by_hand(*NO_NN_LAYERS):
        got = m.eval_loss(params, Xdv, Ydv)
    assert abs(got - dev_loss) < 1e-4, "eval_loss should be the mean cross-entropy over all of (X, Y)"
    if dev_loss < 2.45:
        credit(0.5, f"dev loss {dev_loss:.3f} is below 2.45 (half marks); full marks need below 2.30.")
    assert dev_loss < 2.30, (
        f"after 10,000 steps (lr 0.1, then 0.01 from step 7,500) the dev loss is {dev_loss:.3f}; it should be "
        "below 2.30. Check the kaiming init, the update and that each step draws a fresh batch")
    credit(1.0)


@pytest.mark.points(2)
def test_sample_names_seeded(load):
    """sample_names reproduces the reference draws for fixed parameters and a seeded generator."""
    m = load("mlp_model")
    params = _ref_params(torch.Generator().manual_seed(SEED), init="both")
    with torch.no_grad():
        params[3] += 0.2 * torch.randn(params[3].shape, generator=torch.Generator().manual_seed(1))
    g = torch.Generator().manual_seed(SEED + 10)
    expected = []
    with torch.no_grad():
        for _ in range(8):
            ctx, out = [0, 0, 0], []
            while len(out) < 50:
                probs = F.softmax(_ref_logits(params, torch.tensor([ctx])), dim=1)
                ix = torch.multinomial(probs, 1, generator=g).item()
                if ix == 0:
                    break
                out.append(ITOS[ix])
                ctx = ctx[1:] + [ix]
            expected.append("".join(out))
    with by_hand(*NO_NN_LAYERS):
        got = m.sample_names(params, ITOS, 8, 3, torch.Generator().manual_seed(SEED + 10))
    assert got == expected, (
        f"the names should be {expected[:3]}..., got {list(got)[:3]}...: start from [0, 0, 0], draw with "
        "torch.multinomial(probs, num_samples=1, generator=generator), stop at 0 and slide the context")
