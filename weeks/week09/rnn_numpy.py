"""Week 09, task group 2: one recurrent layer in plain NumPy."""
from __future__ import annotations

import numpy as np


def rnn_step(W_xh: np.ndarray, W_hh: np.ndarray, W_hy: np.ndarray, h: np.ndarray, x: np.ndarray,
             b_h: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One time step of a recurrent layer.

    Shapes: W_xh (H, I), W_hh (H, H), W_hy (O, H), h (H,), x (I,), b_h (H,) or None (no bias).
    Returns (y, h_new) with h_new = tanh(W_xh @ x + W_hh @ h + b_h), shape (H,), and y = W_hy @ h_new,
    shape (O,). The inputs are not modified.
    """
    raise NotImplementedError


def rnn_forward(W_xh: np.ndarray, W_hh: np.ndarray, W_hy: np.ndarray, xs: np.ndarray,
                h0: np.ndarray | None = None, b_h: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Run rnn_step over a sequence xs of shape (T, I), starting from h0 (zeros when None).

    Returns (ys, h_T): ys of shape (T, O) holds the output of every step, h_T (H,) the last hidden state.
    """
    raise NotImplementedError
