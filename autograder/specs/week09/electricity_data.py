"""Shared by the forecasting specs: the electricity series cut into standardised 24-hour windows."""
import numpy as np
import pandas as pd
import torch

SEQ = 24  # one day of hourly values


def electricity_windows(data_dir) -> tuple[torch.Tensor, ...]:
    """24-hour windows (N, 24, 1) and next values (N,), standardised with the training mean and std."""
    folder = data_dir / "electricity_consumption"
    train = pd.read_csv(folder / "electricity_train.csv")["consumption"].to_numpy(np.float32)
    test = pd.read_csv(folder / "electricity_test.csv")["consumption"].to_numpy(np.float32)
    mu, sd = train.mean(), train.std()
    out = []
    for s in ((train - mu) / sd, (test - mu) / sd):
        X = np.lib.stride_tricks.sliding_window_view(s, SEQ)[:-1].copy()
        out += [torch.from_numpy(X).unsqueeze(-1), torch.from_numpy(s[SEQ:].copy())]
    return tuple(out)


def train_and_score(m, cls_name: str, data_dir, credit, hidden: bool = False) -> None:
    """Train the submission's forecaster 3 epochs and score it against the last-value baseline."""
    Xtr, ytr, Xte, yte = electricity_windows(data_dir)
    torch.manual_seed(0)
    model = getattr(m, cls_name)(input_size=1, hidden_size=16, num_layers=1)
    history = m.train_forecaster(model, Xtr, ytr, epochs=3, lr=1e-2, batch_size=64, seed=0)
    assert len(history) == 3, "train_forecaster should return one mean training loss per epoch"
    model.eval()
    with torch.no_grad():
        mse = torch.nn.functional.mse_loss(model(Xte).reshape(-1), yte).item()
    naive = torch.mean((Xte[:, -1, 0] - yte) ** 2).item()
    if mse < naive:
        credit(0.5, "the test MSE beats the last-value baseline (half points)." if hidden else
               f"test MSE {mse:.3f} beats the last-value baseline {naive:.3f} (half points).")
    hint = ("check that the loss compares predictions of shape (B,) with y, that batches are shuffled "
            "and that the optimiser steps")
    assert mse < 0.9 * naive, (
        f"the test MSE is not 10 % below the last-value baseline's: {hint}" if hidden else
        f"test MSE {mse:.3f} should be below 0.9 x the last-value baseline ({0.9 * naive:.3f}): {hint}")
    credit(1.0)
