"""Hidden specs of week 13's MLP."""
import pytest
import torch
import torch.nn.functional as F

from mlp_in_worker import init_in_worker, train_in_place  # a helper module beside the specs
from week13_rules import NO_NN_LAYERS  # the README's rule: raw tensors, no torch.nn layers

from autograder.boundary import by_hand

pytestmark = pytest.mark.hidden

SEED = 2147483647


@pytest.mark.points(1)
def test_unknown_init_raises(load):
    """init_mlp rejects an unknown init name."""
    m = load("mlp_model")
    with pytest.raises(ValueError):
        m.init_mlp(torch.Generator().manual_seed(0), init="xavier-ish")


@pytest.mark.points(2)
def test_kaiming_init_scales(load):
    """init='kaiming' scales W1 by (5/3)/sqrt(fan_in), b1 by 0.01, W2 by 0.01 and zeroes b2."""
    m = load("mlp_model")
    d = m.init_mlp(torch.Generator().manual_seed(SEED), 27, 4, 50, 5, init="default")
    k, flags = init_in_worker(m.init_mlp, torch.Generator().manual_seed(SEED), 27, 4, 50, 5, init="kaiming")
    assert torch.allclose(k[0], d[0]), "kaiming should leave C as drawn"
    assert torch.allclose(k[1], d[1] * (5 / 3) / 20 ** 0.5, atol=1e-6), "kaiming W1 scale is wrong"
    assert torch.allclose(k[2], d[2] * 0.01, atol=1e-7), "kaiming b1 scale is wrong"
    assert torch.allclose(k[3], d[3] * 0.01, atol=1e-7) and torch.all(k[4] == 0), "the output layer scale is wrong"
    assert all(leaf and grad for grad, leaf in flags), "scaled parameters should still be leaves with requires_grad"


@pytest.mark.points(1)
def test_eval_and_zero_lr(load):
    """eval_loss is the full cross-entropy; a zero learning rate changes nothing."""
    m = load("mlp_model")
    g = torch.Generator().manual_seed(3)
    X = torch.randint(0, 27, (64, 3), generator=g)
    Y = torch.randint(0, 27, (64,), generator=g)
    with by_hand(*NO_NN_LAYERS):
        params = m.init_mlp(torch.Generator().manual_seed(SEED), 27, 5, 30, 3, init="both")
        before = [p.detach().clone() for p in params]
        # train_mlp updates its params in place, in the worker: what they are afterwards comes back
        _, params = train_in_place(m.train_mlp, params, X, Y, 3, lambda i: 0.0, 16, torch.Generator().manual_seed(1))
    assert all(torch.equal(a, b.detach()) for a, b in zip(before, params)), "lr 0 must leave the parameters unchanged"
    C, W1, b1, W2, b2 = before
    expected = F.cross_entropy(torch.tanh(C[X].flatten(1) @ W1 + b1) @ W2 + b2, Y).item()
    with by_hand(*NO_NN_LAYERS):
        got = m.eval_loss(params, X, Y)
        _, params = train_in_place(m.train_mlp, params, X, Y, 3, lambda i: 0.5, 16, torch.Generator().manual_seed(1))
    assert abs(got - expected) < 1e-5, "eval_loss is wrong"
    assert not torch.equal(before[1], params[1].detach()), "train_mlp should update the parameters in place"
