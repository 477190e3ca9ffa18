"""Week 09, task group 3: recurrent forecasters (sequence -> next value) and their training."""
from __future__ import annotations

import torch
from torch import nn
from tqdm.auto import tqdm


def _last_step(rnn: nn.Module, fc: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    out, _ = rnn(x)  # no state given: PyTorch starts from zeros (and zero cells for an LSTM)
    return fc(out[:, -1, :])  # (B, L, H) -> last time step (B, H) -> (B, 1)


class RNNForecaster(nn.Module):
    """Elman RNN (tanh) read at the last time step, then a linear head to one number."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size, num_layers=num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _last_step(self.rnn, self.fc, x)


class LSTMForecaster(nn.Module):
    """The same with an LSTM (hidden state h and cell state c)."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        super().__init__()
        self.rnn = nn.LSTM(input_size, hidden_size, num_layers=num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _last_step(self.rnn, self.fc, x)


class GRUForecaster(nn.Module):
    """The same with a GRU (one state, update and reset gates)."""

    def __init__(self, input_size: int = 1, hidden_size: int = 32, num_layers: int = 2) -> None:
        super().__init__()
        self.rnn = nn.GRU(input_size, hidden_size, num_layers=num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _last_step(self.rnn, self.fc, x)


def train_forecaster(model: nn.Module, X: torch.Tensor, y: torch.Tensor, epochs: int = 3, lr: float = 1e-2,
                     batch_size: int = 64, seed: int = 0) -> list[float]:
    """Adam on the MSE between model(X).squeeze(-1) and y, shuffled mini-batches; returns each epoch's mean loss."""
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for epoch in (bar := tqdm(range(epochs), desc="training")):
        order = torch.randperm(len(X), generator=gen)
        total = 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = nn.functional.mse_loss(model(X[idx]).squeeze(-1), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        history.append(total / len(X))
        bar.set_postfix(mse=f"{history[-1]:.4f}")
    return history


@torch.no_grad()
def evaluate_mse(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    """Mean squared error of the model's predictions on (X, y), in eval mode, without gradients."""
    model.eval()
    return nn.functional.mse_loss(model(X).squeeze(-1), y).item()


def persistence_mse(X: torch.Tensor, y: torch.Tensor) -> float:
    """The naive baseline: predict that the next value equals the last value of the window."""
    last = X[:, -1].reshape(-1)
    return torch.mean((last - y.reshape(-1)) ** 2).item()
