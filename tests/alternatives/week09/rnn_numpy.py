"""A recurrent layer in NumPy with row vectors (x @ W.T), the input projections of a sequence computed at once."""
from __future__ import annotations

import numpy as np


def rnn_step(W_xh: np.ndarray, W_hh: np.ndarray, W_hy: np.ndarray, h: np.ndarray, x: np.ndarray,
             b_h: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """h_new = tanh(x W_xh^T + h W_hh^T + b_h), y = h_new W_hy^T."""
    bias = 0.0 if b_h is None else b_h
    h_new = np.tanh(x @ W_xh.T + bias + h @ W_hh.T)
    return h_new @ W_hy.T, h_new


def rnn_forward(W_xh: np.ndarray, W_hh: np.ndarray, W_hy: np.ndarray, xs: np.ndarray,
                h0: np.ndarray | None = None, b_h: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Unrolled over xs (T, I): every input projected first, then the recurrence, then the outputs (T, O)."""
    inputs = np.asarray(xs) @ W_xh.T + (0.0 if b_h is None else b_h)  # (T, H)
    h = np.zeros(W_hh.shape[0]) if h0 is None else np.asarray(h0, dtype=float)
    states = np.empty((len(inputs), W_hh.shape[0]))
    for t, a in enumerate(inputs):
        h = np.tanh(a + h @ W_hh.T)
        states[t] = h
    return states @ W_hy.T, h
