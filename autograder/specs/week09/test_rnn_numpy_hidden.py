"""Week 09 (hidden): unrolling the NumPy RNN over a sequence."""
import numpy as np
import pytest
import torch
from torch import nn

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
def test_rnn_forward_matches_nn_rnn(load):
    """rnn_forward over 6 steps gives nn.RNN's last hidden state and W_hy @ h_t at every step."""
    m = load("rnn_numpy")
    torch.manual_seed(2)
    rnn = nn.RNN(3, 5, bias=True).double()
    xs = np.random.default_rng(1).standard_normal((6, 3))
    h0 = np.random.default_rng(2).standard_normal(5) * 0.5
    with torch.no_grad():
        out, hn = rnn(torch.tensor(xs)[:, None], torch.tensor(h0)[None, None])
    W_hy = np.random.default_rng(4).standard_normal((2, 5))
    b = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy()
    ys, h_last = m.rnn_forward(rnn.weight_ih_l0.detach().numpy(), rnn.weight_hh_l0.detach().numpy(), W_hy, xs, h0, b)
    assert np.shape(ys) == (6, 2), "rnn_forward should return one output per time step, shape (T, output_size)"
    assert np.allclose(h_last, hn[0, 0].numpy(), atol=1e-10), "the last hidden state differs from a reference RNN"
    assert np.allclose(ys, out[:, 0].numpy() @ W_hy.T, atol=1e-10), "the outputs differ from W_hy @ h_t of a reference RNN"
    ys0, _ = m.rnn_forward(rnn.weight_ih_l0.detach().numpy(), rnn.weight_hh_l0.detach().numpy(), W_hy, xs, None, b)
    with torch.no_grad():
        out0, _ = rnn(torch.tensor(xs)[:, None])
    assert np.allclose(ys0, out0[:, 0].numpy() @ W_hy.T, atol=1e-10), "with h0=None the state should start at zeros"
