"""Week 03, networks: hidden specs."""
import pytest
import torch
from torch import nn

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def into_worker(model):
    """Runs in the worker: the spec's model arrives there as a copy; the spec gets back a handle to that copy,
    so what the submission does to it in place is what the spec then reads."""
    return model


@in_worker
def sgd_step_on_trainable(model, x, lr):
    """Runs in the worker: one SGD step over the model's parameters that still require grad, on mean(model(x)^2).
    Returns every parameter afterwards, by name."""
    import torch
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    opt.zero_grad()
    model(x).pow(2).mean().backward()
    opt.step()
    return {n: p.detach().clone() for n, p in model.named_parameters()}


@pytest.mark.points(1)
def test_count_parameters_trainable_only(load):
    """count_parameters counts every parameter kind and honours trainable_only."""
    m = load("networks")
    net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4, 3, bias=False))
    total = sum(p.numel() for p in net.parameters())
    assert m.count_parameters(net) == total, "count_parameters is wrong on a model with Conv2d, BatchNorm2d and a bias-free Linear"
    net[0].weight.requires_grad_(False)
    assert m.count_parameters(net) == total, "by default frozen parameters still count"
    trainable = total - net[0].weight.numel()
    assert m.count_parameters(net, trainable_only=True) == trainable, "with trainable_only=True, parameters with requires_grad=False must be left out"


@pytest.mark.points(1)
def test_build_mlp_dropout_and_errors(load):
    """build_mlp puts Dropout after each activation, only when asked, and rejects unknown activations."""
    m = load("networks")
    net = m.build_mlp(6, [16, 8], 1, act="tanh", dropout=0.8)
    kinds = [layer.__class__.__name__ for layer in net]  # a layer is a handle: type() would name the proxy
    assert kinds == ["Linear", "Tanh", "Dropout", "Linear", "Tanh", "Dropout", "Linear"], \
        "with dropout > 0 each hidden block should be Linear, activation, Dropout, and the last layer a bare Linear"
    assert all(abs(layer.p - 0.8) < 1e-12 for layer in net if isinstance(layer, nn.Dropout)), "Dropout should use p=dropout"
    net.eval()
    x = torch.randn(7, 6)
    assert torch.equal(net(x), net(x)), "in eval mode the network should be deterministic"
    try:
        m.build_mlp(3, [4], 2, act="softplus")
    except ValueError:
        return
    raise AssertionError("an unknown activation name should raise ValueError")


@pytest.mark.points(1)
def test_frozen_layers_do_not_train(load):
    """After an SGD step the frozen layers are unchanged and the others have moved."""
    m = load("networks")
    net = into_worker(nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(),
                                    nn.Linear(8, 2)))
    m.init_uniform_(net)
    m.freeze_first(net, 2)
    before = {n: p.detach().clone() for n, p in net.named_parameters()}
    after = sgd_step_on_trainable(net, torch.randn(16, 4), 0.1)  # the step acts on the worker's model
    for n, p in after.items():
        if n.startswith(("0.", "2.")):
            assert torch.equal(p, before[n]), "a frozen parameter changed after an optimizer step"
        else:
            assert not torch.equal(p, before[n]), "a parameter that should still train did not change after an optimizer step"
