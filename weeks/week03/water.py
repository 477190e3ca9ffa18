"""Week 03, water potability: a Dataset, a training loop with DataLoader, and validation metrics.

DATA/water_train.csv and DATA/water_test.csv have nine feature columns scaled to [0, 1] and the 0/1
label column Potability. (The shipped files are synthetic; see the README.)
"""
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
    """The rows of one water CSV file.

    The features are every column except Potability, in file order; the label is the Potability
    column (find it by name, not by position). len(ds) is the number of rows; ds[i] is a tuple
    (features, label): features a float32 tensor of shape (9,), label a float32 0-dim tensor
    holding 0.0 or 1.0.
    """

    def __init__(self, csv_path: str | Path) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        raise NotImplementedError


def evaluate(model: nn.Module, loader: DataLoader) -> dict[str, float]:
    """Measure a binary classifier on every batch of `loader` (batches are (x (B, 9), y (B,))).

    The model returns one raw score (logit) per row, shape (B, 1) or (B,); the predicted class is 1
    when the logit is > 0 (probability sigmoid(logit) > 0.5).
    Returns {"loss": mean binary cross-entropy-with-logits per sample, "acc": accuracy,
    "f1": F1 score of class 1} as Python floats; use torchmetrics for acc and f1.
    Runs under torch.no_grad() with the model in eval mode (dropout off) and puts the model back in
    train mode if it was in train mode. Must not change any parameter.
    """
    raise NotImplementedError


def train_water(train_csv: str | Path, *, epochs: int = 30, seed: int = 0,
                val_csv: str | Path | None = None) -> tuple[nn.Module, dict[str, list[float]]]:
    """Train a classifier of potability on `train_csv` for exactly `epochs` passes over the data.

    Call torch.manual_seed(seed) first, so the same seed gives the same model. Use WaterDataset, a
    shuffling DataLoader, a loss such as nn.BCEWithLogitsLoss and an optimizer of your choice, with a
    tqdm progress bar. The model maps float32 (N, 9) to logits (N, 1) (no sigmoid at the end). Training
    runs on the CPU and must finish within about 15 s for epochs=30 on one CPU thread.
    Returns (model, history): history["train_loss"] is a list with the mean training loss of each
    epoch; when val_csv is given, history also has "val_loss", "val_acc" and "val_f1", one value per
    epoch, measured with evaluate() on val_csv after each epoch.
    The graders train with the epoch budget and seed they choose and score the model on rows of the
    same distribution that are in neither CSV file: train on `train_csv` only.
    """
    raise NotImplementedError


def plot_history(history: dict[str, list[float]]) -> Figure:
    """Plot every series in `history` (as returned by train_water) against the epoch number 1, 2, ...

    One line per key, labelled with the key; losses and metrics may share axes or have their own.
    Returns the matplotlib Figure.
    """
    raise NotImplementedError
