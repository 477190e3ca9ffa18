"""Forecasters with time-major recurrent layers (batch_first=False), an explicit zero initial state, the
prediction read from the top layer's final hidden state; training over a seeded DataLoader."""
from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from tqdm.auto import tqdm


class _Forecaster(nn.Module):
    """One time-major recurrent layer and a Linear(hidden_size, 1) head on the top layer's last state."""

    def __init__(self, rnn: nn.Module) -> None:
        super().__init__()
        self.rnn = rnn
        self.head = nn.Linear(rnn.hidden_size, 1)

    def _zeros(self, batch: int, like: torch.Tensor) -> torch.Tensor:
        return like.new_zeros(self.rnn.num_layers, batch, self.rnn.hidden_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        seq = x.transpose(0, 1)  # (B, L, I) -> (L, B, I)
        h0 = self._zeros(x.size(0), x)
        state = (h0, self._zeros(x.size(0), x)) if isinstance(self.rnn, nn.LSTM) else h0
        _, h_n = self.rnn(seq, state)
        if isinstance(h_n, tuple):  # LSTM: (h_n, c_n)
            h_n = h_n[0]
        return self.head(h_n[-1])  # top layer at the last step


class RNNForecaster(_Forecaster):
    """tanh RNN forecaster."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        super().__init__(nn.RNN(input_size, hidden_size, num_layers))


class LSTMForecaster(_Forecaster):
    """LSTM forecaster (zero hidden and cell states)."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        super().__init__(nn.LSTM(input_size, hidden_size, num_layers))


class GRUForecaster(_Forecaster):
    """GRU forecaster."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        super().__init__(nn.GRU(input_size, hidden_size, num_layers))


def train_forecaster(model: nn.Module, X: torch.Tensor, y: torch.Tensor, epochs: int = 3, lr: float = 1e-2,
                     batch_size: int = 64, seed: int = 0) -> list[float]:
    """Adam on the MSE; a DataLoader shuffles with its own generator seeded by `seed`; per-example epoch means."""
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history: list[float] = []
    for _ in tqdm(range(epochs), desc="epochs"):
        model.train()
        squared_error, seen = 0.0, 0
        for xb, yb in loader:
            sse = ((model(xb).view(-1) - yb) ** 2).sum()
            optimizer.zero_grad()
            (sse / len(yb)).backward()
            optimizer.step()
            squared_error += sse.item()
            seen += len(yb)
        history.append(squared_error / seen)
    return history


def evaluate_mse(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """MSE of model(X) flattened to (B,) against y, in eval mode without gradients."""
    model.eval()
    with torch.no_grad():
        return ((model(X).view(-1) - y.view(-1)) ** 2).mean().item()


def persistence_mse(X: torch.Tensor, y: torch.Tensor) -> float:
    """MSE of predicting each target by the last value of its window."""
    last = X.reshape(len(X), -1)[:, -1]
    return float(((last - y.reshape(-1)) ** 2).mean())
