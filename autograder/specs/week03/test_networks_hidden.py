"""Week 03, networks: hidden specs."""
import pytest
import torch
from torch import nn

pytestmark = pytest.mark.hidden


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
    kinds = [type(layer).__name__ for layer in net]
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
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))
    m.init_uniform_(net)
    m.freeze_first(net, 2)
    before = {n: p.detach().clone() for n, p in net.named_parameters()}
    opt = torch.optim.SGD([p for p in net.parameters() if p.requires_grad], lr=0.1)
    opt.zero_grad()
    net(torch.randn(16, 4)).pow(2).mean().backward()
    opt.step()
    for n, p in net.named_parameters():
        if n.startswith(("0.", "2.")):
            assert torch.equal(p, before[n]), "a frozen parameter changed after an optimizer step"
        else:
            assert not torch.equal(p, before[n]), "a parameter that should still train did not change after an optimizer step"
