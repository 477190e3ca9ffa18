"""Hidden specs of week 13's health checks."""
import pytest
import torch
from week13_rules import NO_NN_LAYERS  # a helper module beside the specs: the README's rule, no torch.nn layers

from autograder.boundary import by_hand

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_threshold_argument(load):
    """tanh_saturation and dead_neurons respect another threshold."""
    m = load("mlp_health")
    h = torch.tensor([[0.95, 0.5], [-0.97, 0.92]])
    assert abs(float(m.tanh_saturation(h, 0.9)) - 0.75) < 1e-6, "tanh_saturation ignores its threshold"
    assert m.dead_neurons(h, 0.9).tolist() == [True, False], "dead_neurons is wrong with another threshold (remember |h|: the sign does not matter)"
    assert m.dead_neurons(h).tolist() == [False, False], "with the default 0.99 no neuron is dead here"
    edge = torch.tensor([[0.5, 0.6], [-0.5, 0.7]])  # |h| equal to the threshold is not above it
    assert abs(float(m.tanh_saturation(edge, 0.5)) - 0.5) < 1e-6, "saturated means |h| > threshold, strictly"
    assert m.dead_neurons(edge, 0.5).tolist() == [False, True], "dead means |h| > threshold on every example, strictly"


@pytest.mark.points(2)
def test_hidden_layer_values(load):
    """hidden_layer computes emb.view(n, -1) @ W1 + b1 and its tanh."""
    model = load("mlp_model")
    X = torch.randint(0, 27, (10, 4), generator=torch.Generator().manual_seed(6))
    with by_hand(*NO_NN_LAYERS):
        params = model.init_mlp(torch.Generator().manual_seed(5), 27, 3, 16, 4, init="both")
        hpreact, h = model.hidden_layer(params, X)
    C, W1, b1, _, _ = params
    expected = C[X].reshape(10, -1) @ W1 + b1
    assert torch.allclose(hpreact, expected, atol=1e-5), "hidden_layer's pre-activations are wrong"
    assert torch.allclose(h, torch.tanh(expected), atol=1e-6), "hidden_layer's tanh outputs are wrong"
