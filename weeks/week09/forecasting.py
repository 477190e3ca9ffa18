"""Week 09, task group 3: recurrent forecasters (sequence -> next value) and their training."""
from __future__ import annotations

import torch
from torch import nn
from tqdm.auto import tqdm  # show a progress bar over the epochs in train_forecaster


class RNNForecaster(nn.Module):
    """Sequence-to-vector forecaster: one nn.RNN (tanh, batch_first) and one nn.Linear(hidden_size, 1).

    forward(x): x (B, L, input_size) float -> (B, 1), the linear head applied to the top layer's output
    at the last time step; the recurrent state starts at zeros.
    """

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class LSTMForecaster(nn.Module):
    """As RNNForecaster with one nn.LSTM (hidden and cell states start at zeros)."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class GRUForecaster(nn.Module):
    """As RNNForecaster with one nn.GRU."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


def train_forecaster(model: nn.Module, X: torch.Tensor, y: torch.Tensor, epochs: int = 3, lr: float = 1e-2,
                     batch_size: int = 64, seed: int = 0) -> list[float]:
    """Train in place with Adam(lr) on the MSE between model(X_batch) (squeezed to (B,)) and y_batch.

    X (N, L, 1) float32, y (N,) float32. Each epoch visits every example once in a new random order drawn
    from a torch.Generator seeded with `seed` (so the run does not depend on the global random state).
    Returns a list of `epochs` Python floats: each epoch's mean training loss (per example).
    """
    raise NotImplementedError


def evaluate_mse(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """The mean squared error of the predictions (B, 1) -> (B,) against y (B,), as a Python float;
    the model is put in eval mode and no gradients are tracked."""
    raise NotImplementedError


def persistence_mse(X: torch.Tensor, y: torch.Tensor) -> float:
    """The naive last-value baseline: the MSE of predicting y[i] by the last value of window X[i]."""
    raise NotImplementedError
