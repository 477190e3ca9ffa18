"""Week 03, water potability: a Dataset, a training loop with DataLoader, and validation metrics."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import torch
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchmetrics.classification import BinaryAccuracy, BinaryF1Score
from tqdm.auto import tqdm

LABEL = "Potability"


class WaterDataset(Dataset):
    """Rows of a water CSV: item i is (features float32 (9,), label float32 0-dim 0.0/1.0)."""

    def __init__(self, csv_path: str | Path) -> None:
        df = pd.read_csv(csv_path)
        self.features = torch.tensor(df.drop(columns=[LABEL]).to_numpy(), dtype=torch.float32)
        self.labels = torch.tensor(df[LABEL].to_numpy(), dtype=torch.float32)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.features[i], self.labels[i]


@torch.no_grad()
def evaluate(model: nn.Module, loader: DataLoader) -> dict[str, float]:
    """Mean BCE-with-logits loss per sample, accuracy and F1 (class 1 when the logit > 0)."""
    was_training = model.training
    model.eval()                                   # dropout off while we measure
    acc, f1 = BinaryAccuracy(), BinaryF1Score()
    loss_sum, n = 0.0, 0
    for x, y in loader:
        logits = model(x).reshape(-1)
        loss_sum += nn.functional.binary_cross_entropy_with_logits(logits, y.float(), reduction="sum").item()
        n += len(y)
        probs = torch.sigmoid(logits)              # torchmetrics thresholds probabilities at 0.5
        acc.update(probs, y.long())
        f1.update(probs, y.long())
    model.train(was_training)
    return {"loss": loss_sum / n, "acc": acc.compute().item(), "f1": f1.compute().item()}


def train_water(train_csv: str | Path, *, epochs: int = 30, seed: int = 0,
                val_csv: str | Path | None = None) -> tuple[nn.Module, dict[str, list[float]]]:
    """Train an MLP (9 features -> 1 logit) on train_csv for `epochs` epochs, seeded by `seed`.

    Returns the model and a history: "train_loss" (mean training loss of each epoch) and, when
    val_csv is given, "val_loss", "val_acc" and "val_f1" after each epoch. The graders score the
    model on rows of the same distribution that are in neither CSV file: train on `train_csv` only.
    """
    torch.manual_seed(seed)
    train_ds = WaterDataset(train_csv)
    loader = DataLoader(train_ds, batch_size=32, shuffle=True)
    val_loader = DataLoader(WaterDataset(val_csv), batch_size=256) if val_csv is not None else None

    model = nn.Sequential(nn.Linear(9, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1))
    # potable rows are the minority (40 %): weighting them a little up trades a bit of accuracy for F1
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(1.3))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    history: dict[str, list[float]] = {"train_loss": []}

    for _ in tqdm(range(epochs), desc="training", unit="epoch"):
        model.train()
        total, count = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = criterion(model(x).squeeze(1), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(y)
            count += len(y)
        history["train_loss"].append(total / count)
        if val_loader is not None:
            for key, value in evaluate(model, val_loader).items():
                history.setdefault(f"val_{key}", []).append(value)
    model.eval()
    return model, history


def plot_history(history: dict[str, list[float]]) -> Figure:
    """Loss curves on the left axes, validation accuracy/F1 (if present) on the right; one line per key."""
    fig, (ax_loss, ax_metric) = plt.subplots(1, 2, figsize=(10, 4))
    for key, values in history.items():
        ax = ax_loss if key.endswith("loss") else ax_metric
        ax.plot(range(1, len(values) + 1), values, label=key)
    ax_loss.set(xlabel="epoch", ylabel="loss", title="Loss")
    ax_metric.set(xlabel="epoch", ylabel="score", title="Validation metrics")
    for ax in (ax_loss, ax_metric):
        if ax.lines:
            ax.legend()
    return fig
