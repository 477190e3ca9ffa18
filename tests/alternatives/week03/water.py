"""Week 03 water potability in a plain-script style: a row-wise Dataset over a DataFrame, metrics on the
concatenated predictions, a wide ReLU MLP trained with AdamW, the epoch loss as the mean of batch losses."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchmetrics.functional.classification import binary_accuracy, binary_f1_score
from tqdm.auto import tqdm

LABEL = "Potability"


class WaterDataset(Dataset):
    """One CSV; items are built from the DataFrame row on request."""

    def __init__(self, csv_path: str | Path) -> None:
        frame = pd.read_csv(csv_path)
        self.labels = frame.pop(LABEL).to_numpy(dtype=np.float32)
        self.features = frame.to_numpy(dtype=np.float32)

    def __len__(self) -> int:
        return self.features.shape[0]

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.from_numpy(self.features[i]), torch.tensor(self.labels[i])


def evaluate(model: nn.Module, loader: DataLoader) -> dict[str, float]:
    """Gather all logits and labels, then compute the loss and metrics once on the whole set."""
    was_training = model.training
    model.eval()
    all_logits, all_labels = [], []
    with torch.no_grad():
        for x, y in loader:
            all_logits.append(model(x).view(-1))
            all_labels.append(y.view(-1))
    logits = torch.cat(all_logits)
    labels = torch.cat(all_labels).float()
    loss = nn.BCEWithLogitsLoss()(logits, labels)
    preds = (logits > 0).long()
    result = {
        "loss": loss.item(),
        "acc": binary_accuracy(preds, labels.long()).item(),
        "f1": binary_f1_score(preds, labels.long()).item(),
    }
    if was_training:
        model.train()
    return result


def train_water(train_csv: str | Path, *, epochs: int = 30, seed: int = 0,
                val_csv: str | Path | None = None) -> tuple[nn.Module, dict[str, list[float]]]:
    """9-128-64-1 ReLU MLP with a little dropout, AdamW, batch 64, unweighted BCE."""
    torch.manual_seed(seed)
    train_loader = DataLoader(WaterDataset(train_csv), batch_size=64, shuffle=True)
    val_loader = DataLoader(WaterDataset(val_csv), batch_size=128) if val_csv else None
    model = nn.Sequential(
        nn.Linear(9, 128), nn.ReLU(), nn.Dropout(0.1),
        nn.Linear(128, 64), nn.ReLU(),
        nn.Linear(64, 1),
    )
    loss_fn = nn.BCEWithLogitsLoss()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    history: dict[str, list[float]] = {"train_loss": []}
    if val_loader is not None:
        history.update(val_loss=[], val_acc=[], val_f1=[])
    for epoch in tqdm(range(epochs)):
        model.train()
        batch_losses = []
        for features, labels in train_loader:
            opt.zero_grad()
            loss = loss_fn(model(features), labels.unsqueeze(1))
            loss.backward()
            opt.step()
            batch_losses.append(loss.item())
        history["train_loss"].append(float(np.mean(batch_losses)))
        if val_loader is not None:
            scores = evaluate(model, val_loader)
            for key in ("loss", "acc", "f1"):
                history["val_" + key].append(scores[key])
    return model, history


def plot_history(history: dict[str, list[float]]) -> Figure:
    """Every series on one axes, with a legend."""
    fig, ax = plt.subplots()
    for name, series in history.items():
        ax.plot(np.arange(1, len(series) + 1), series, label=name)
    ax.set_xlabel("epoch")
    ax.legend()
    return fig
