"""Week 09, task group 2: one recurrent neuron layer in plain NumPy."""
from __future__ import annotations

import numpy as np


def rnn_step(W_xh: np.ndarray, W_hh: np.ndarray, W_hy: np.ndarray, h: np.ndarray, x: np.ndarray,
             b_h: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One time step: h_new = tanh(W_xh @ x + W_hh @ h + b_h), y = W_hy @ h_new."""
    pre = W_xh @ x + W_hh @ h
    if b_h is not None:
        pre = pre + b_h
    h_new = np.tanh(pre)
    return W_hy @ h_new, h_new


def rnn_forward(W_xh: np.ndarray, W_hh: np.ndarray, W_hy: np.ndarray, xs: np.ndarray,
                h0: np.ndarray | None = None, b_h: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Unroll rnn_step over xs (T, input_size): returns the outputs (T, output_size) and the last hidden state."""
    h = np.zeros(W_hh.shape[0]) if h0 is None else h0
    ys = []
    for x in xs:  # the same weights at every step; only h carries information forward
        y, h = rnn_step(W_xh, W_hh, W_hy, h, x, b_h)
        ys.append(y)
    return np.stack(ys), h
