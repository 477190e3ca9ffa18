"""Week 04, part 1: a custom Dataset over the water-potability table and a class-based network."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset
from tqdm import tqdm


class WaterDataset(Dataset):
    """Rows of a numeric table; every column but the last is a feature, the last is the label."""

    def __init__(self, data: str | Path | np.ndarray) -> None:
        super().__init__()
        if isinstance(data, (str, Path)):
            data = pd.read_csv(data).to_numpy()
        self.data = np.asarray(data, dtype=np.float32)

    def __len__(self) -> int:
        return self.data.shape[0]

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor]:
        row = torch.from_numpy(self.data[idx])
        return row[:-1], row[-1]  # (features [n_features], label [])


class Net(nn.Module):
    """9 -> 16 -> 8 -> 1 with ReLU, a sigmoid output, He (Kaiming) uniform init and optional batch norm."""

    def __init__(self, use_bn: bool = False) -> None:
        super().__init__()
        self.fc1 = nn.Linear(9, 16)
        self.fc2 = nn.Linear(16, 8)
        self.fc3 = nn.Linear(8, 1)
        # batch norm goes after the linear layer and before the activation
        self.bn1 = nn.BatchNorm1d(16) if use_bn else nn.Identity()
        self.bn2 = nn.BatchNorm1d(8) if use_bn else nn.Identity()
        # He init suits ReLU-like layers; the sigmoid output layer keeps a gain of 1
        nn.init.kaiming_uniform_(self.fc1.weight, nonlinearity="relu")
        nn.init.kaiming_uniform_(self.fc2.weight, nonlinearity="relu")
        nn.init.kaiming_uniform_(self.fc3.weight, nonlinearity="sigmoid")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.bn1(self.fc1(x)))
        x = F.relu(self.bn2(self.fc2(x)))
        return torch.sigmoid(self.fc3(x))


def count_parameters(model: nn.Module) -> int:
    """Number of trainable scalars in the model."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train_model(dataloader_train: DataLoader, optimizer: torch.optim.Optimizer, net: nn.Module,
                num_epochs: int) -> list[float]:
    """Binary cross-entropy training; returns the mean batch loss of each epoch."""
    criterion = nn.BCELoss()
    net.train()
    history = []
    for epoch in tqdm(range(num_epochs), desc="Training"):
        running = 0.0
        for features, labels in dataloader_train:
            optimizer.zero_grad()
            outputs = net(features)
            loss = criterion(outputs, labels.view(-1, 1).float())
            loss.backward()
            optimizer.step()
            running += loss.item()
        history.append(running / len(dataloader_train))
    return history
