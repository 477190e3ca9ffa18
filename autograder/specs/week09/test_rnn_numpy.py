"""Week 09: a recurrent layer in NumPy, checked against PyTorch's RNN cell."""
import numpy as np
import pytest
import torch
from torch import nn


def _cell(inp: int, hid: int, bias: bool) -> nn.RNNCell:
    torch.manual_seed(1)
    return nn.RNNCell(inp, hid, bias=bias, nonlinearity="tanh").double()


@pytest.mark.points(2)
def test_rnn_step_matches_rnn_cell(load):
    """rnn_step gives RNNCell's new hidden state (with the same weights and bias) and y = W_hy @ h_new."""
    m = load("rnn_numpy")
    cell = _cell(3, 4, bias=True)
    W_hy = np.random.default_rng(0).standard_normal((2, 4))
    x, h = np.array([0.5, -1.0, 2.0]), np.array([0.1, -0.2, 0.3, 0.0])
    with torch.no_grad():
        h_ref = cell(torch.tensor(x)[None], torch.tensor(h)[None])[0].numpy()
    b = (cell.bias_ih + cell.bias_hh).detach().numpy()
    y, h_new = m.rnn_step(cell.weight_ih.detach().numpy(), cell.weight_hh.detach().numpy(), W_hy, h, x, b)
    assert np.shape(h_new) == (4,) and np.shape(y) == (2,), f"expected h_new (4,) and y (2,), got {np.shape(h_new)}, {np.shape(y)}"
    assert np.allclose(h_new, h_ref, atol=1e-10), "h_new should be tanh(W_xh @ x + W_hh @ h + b_h)"
    assert np.allclose(y, W_hy @ h_ref, atol=1e-10), "y should be W_hy @ h_new (computed from the new state)"


@pytest.mark.points(1)
def test_rnn_step_without_bias(load):
    """Without b_h, rnn_step matches a bias-free RNNCell (the notes' version)."""
    m = load("rnn_numpy")
    cell = _cell(2, 3, bias=False)
    W_hy = np.eye(3)
    x, h = np.array([1.0, -0.5]), np.array([0.2, 0.4, -0.6])
    with torch.no_grad():
        h_ref = cell(torch.tensor(x)[None], torch.tensor(h)[None])[0].numpy()
    y, h_new = m.rnn_step(cell.weight_ih.detach().numpy(), cell.weight_hh.detach().numpy(), W_hy, h, x)
    assert np.allclose(h_new, h_ref, atol=1e-10), "with b_h=None the step is tanh(W_xh @ x + W_hh @ h)"
