"""Week 03, networks: public specs."""
import pytest
import torch
from torch import nn

from autograder.boundary import in_worker


@in_worker
def into_worker(model):
    """Runs in the worker: the spec's model arrives there as a copy; the spec gets back a handle to that copy,
    so what the submission does to it in place is what the spec then reads."""
    return model


def _numel(model):
    return sum(p.numel() for p in model.parameters())


def _types(seq):
    return [layer.__class__.__name__ for layer in seq]  # a layer is a handle: type() would name the proxy


@pytest.mark.points(1)
def test_count_parameters(load):
    """count_parameters gives 46, 81 and 683 on the course's networks."""
    m = load("networks")
    nets = {
        46: nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 2)),
        81: nn.Sequential(nn.Linear(16, 4), nn.ReLU(), nn.Linear(4, 2), nn.ReLU(), nn.Linear(2, 1)),
        683: nn.Sequential(nn.Linear(10, 18), nn.ReLU(), nn.Linear(18, 20), nn.ReLU(), nn.Linear(20, 5)),
    }
    for want, net in nets.items():
        got = m.count_parameters(net)
        assert isinstance(got, int), f"count_parameters should return a Python int, got {type(got).__name__} (use int(...) or sum of numel())"
        assert got == want, f"a network with {want} parameters was counted as {got}: add p.numel() over every parameter, weights and biases"


@pytest.mark.points(2)
def test_build_mlp_structure(load):
    """build_mlp stacks Linear and activation layers and ends with a bare Linear."""
    m = load("networks")
    net = m.build_mlp(10, [18, 20], 5)
    assert isinstance(net, nn.Sequential), f"build_mlp should return an nn.Sequential, got {type(net).__name__}"
    assert _types(net) == ["Linear", "ReLU", "Linear", "ReLU", "Linear"], \
        f"build_mlp(10, [18, 20], 5) should be Linear, ReLU, Linear, ReLU, Linear; got {_types(net)}"
    assert _numel(net) == 683, f"build_mlp(10, [18, 20], 5) should have 683 parameters, got {_numel(net)}"
    out = net(torch.randn(3, 10))
    assert tuple(out.shape) == (3, 5), f"a batch (3, 10) should give (3, 5), got {tuple(out.shape)}"
    single = m.build_mlp(4, [], 3)
    assert _types(single) == ["Linear"], f"with no hidden layers the model is one Linear, got {_types(single)}"
    leaky = m.build_mlp(3, [7], 2, act="leaky_relu", negative_slope=0.05)
    assert _types(leaky) == ["Linear", "LeakyReLU", "Linear"], f"act='leaky_relu' should use nn.LeakyReLU, got {_types(leaky)}"
    assert abs(leaky[1].negative_slope - 0.05) < 1e-12, "the LeakyReLU should use the given negative_slope"
    sig = m.build_mlp(3, [7], 2, act="sigmoid")
    assert _types(sig) == ["Linear", "Sigmoid", "Linear"], f"act='sigmoid' should use nn.Sigmoid, got {_types(sig)}"


@pytest.mark.points(1)
def test_two_nets(load):
    """two_nets: 3 Linear layers under 120 parameters, 4 Linear layers over 120; 8 inputs, 2 outputs."""
    m = load("networks")
    small, large = m.two_nets()
    for name, net, n_lin in (("first", small, 3), ("second", large, 4)):
        lins = [mod for mod in net.modules() if isinstance(mod, nn.Linear)]
        assert len(lins) == n_lin, f"the {name} network should have exactly {n_lin} nn.Linear layers, it has {len(lins)}"
        out = net(torch.randn(5, 8))
        assert tuple(out.shape) == (5, 2), f"the {name} network should map (5, 8) to (5, 2), got {tuple(out.shape)}"
    assert _numel(small) < 120, f"the first network should have fewer than 120 parameters, it has {_numel(small)}"
    assert _numel(large) > 120, f"the second network should have more than 120 parameters, it has {_numel(large)}"


@pytest.mark.points(1)
def test_init_uniform(load):
    """init_uniform_ fills every Linear weight and bias from U[0, 1)."""
    m = load("networks")
    net = into_worker(nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64)))
    back = m.init_uniform_(net)
    assert back is net, "init_uniform_ should change the model in place and return the same object"
    for name, p in net.named_parameters():
        assert p.min() >= 0 and p.max() < 1, f"{name} has values outside [0, 1): use nn.init.uniform_ on weights and biases"
    w = net[0].weight
    assert abs(w.mean().item() - 0.5) < 0.05 and w.std().item() > 0.2, \
        "the weights do not look uniform on [0, 1) (mean should be near 0.5, spread near 0.29)"
    assert net[2].bias.std().item() > 0.1, "the biases should be drawn at random too, not set to one value"
    net2 = into_worker(nn.Sequential(nn.Linear(50, 50)))
    m.init_uniform_(net2, low=-2.0, high=-1.0)
    assert net2[0].weight.min() >= -2 and net2[0].weight.max() < -1, "init_uniform_ should honour low and high"


@pytest.mark.points(1)
def test_freeze_first(load):
    """freeze_first turns off requires_grad for the first n Linear layers only."""
    m = load("networks")
    net = into_worker(nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(),
                                    nn.Linear(8, 2)))
    names = m.freeze_first(net, 2)
    want = {"0.weight", "0.bias", "2.weight", "2.bias"}
    flags = {n: p.requires_grad for n, p in net.named_parameters()}
    assert {n for n, f in flags.items() if not f} == want, \
        f"exactly the weight and bias of the first two Linear layers should be frozen; frozen now: {sorted(n for n, f in flags.items() if not f)}"
    assert set(names) == want and len(names) == 4, f"freeze_first should return the frozen parameter names {sorted(want)}, got {names}"
