"""Week 04, part 1: a custom Dataset over the water-potability table and a class-based network.

Tasks: WaterDataset, Net (with He init and optional batch norm), train_model.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F  # noqa: F401  (the course's alias for functional calls)
from torch import nn
from torch.utils.data import DataLoader, Dataset


class WaterDataset(Dataset):
    """Rows of a numeric table: every column but the last is a feature, the last column is the label.

    `data` is either the path of a CSV file with a header row (like DATA/water_train.csv, whose
    columns are ph, Hardness, Solids, Chloramines, Sulfate, Conductivity, Organic_carbon,
    Trihalomethanes, Turbidity, Potability) or a 2-D NumPy array with the same layout.

    - `len(ds)` is the number of rows.
    - `ds[i]` is a tuple `(features, label)`: features a float32 tensor of shape [n_columns - 1],
      label a float32 scalar tensor (shape []) holding the last column (0.0 or 1.0 for water).
    Call `super().__init__()` first in `__init__`.
    """

    def __init__(self, data: str | Path | np.ndarray) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor]:
        raise NotImplementedError


class Net(nn.Module):
    """The 9 -> 16 -> 8 -> 1 classifier, written as a class.

    - Layers: Linear(9, 16), Linear(16, 8), Linear(8, 1); forward is ReLU, ReLU, then a sigmoid,
      so `net(x)` for x of shape [B, 9] is a probability tensor of shape [B, 1].
    - 305 parameters; with `use_bn=True` add BatchNorm1d(16) and BatchNorm1d(8), each placed after
      its Linear layer and before the ReLU (353 parameters).
    - Initialise the weights of the two hidden Linear layers with `nn.init.kaiming_uniform_`
      (He uniform, suited to ReLU-like activations) in `__init__`.
    """

    def __init__(self, use_bn: bool = False) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


def count_parameters(model: nn.Module) -> int:
    """Number of trainable scalars in `model` (sum of numel over parameters that require grad)."""
    raise NotImplementedError


def train_model(dataloader_train: DataLoader, optimizer: torch.optim.Optimizer, net: nn.Module,
                num_epochs: int) -> list[float]:
    """Train `net` with binary cross-entropy (nn.BCELoss) for `num_epochs` epochs.

    The loader yields (features [B, 9], labels [B]); compare the net's [B, 1] output with the labels
    reshaped to [B, 1]. One optimizer step per batch (zero_grad, backward, step). Show progress with
    tqdm. Returns one number per epoch: the mean of that epoch's batch losses (Python floats).
    """
    raise NotImplementedError
