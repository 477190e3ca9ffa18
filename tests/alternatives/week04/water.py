"""Week 04 water table, written the course's way: np.loadtxt for the CSV, attribute layers with an
optional batch norm switched in forward, functional BCE in the loop."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn import init
from torch.utils.data import DataLoader, Dataset
from tqdm import tqdm


class WaterDataset(Dataset):
    """Features and labels kept as two tensors, split once when the table is read."""

    def __init__(self, data: str | Path | np.ndarray) -> None:
        super().__init__()
        if isinstance(data, np.ndarray):
            table = data
        else:
            table = np.loadtxt(data, delimiter=",", skiprows=1, ndmin=2)
        table = torch.tensor(table, dtype=torch.float32)
        self.features = table[:, :-1]
        self.labels = table[:, -1]

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.features[idx], self.labels[idx]


class Net(nn.Module):
    """9-16-8-1; He-uniform hidden weights with init's defaults; batch norm applied only when asked."""

    def __init__(self, use_bn: bool = False) -> None:
        super().__init__()
        self.use_bn = use_bn
        self.fc1 = nn.Linear(9, 16)
        self.fc2 = nn.Linear(16, 8)
        self.fc3 = nn.Linear(8, 1)
        if use_bn:
            self.bn1 = nn.BatchNorm1d(16)
            self.bn2 = nn.BatchNorm1d(8)
        init.kaiming_uniform_(self.fc1.weight)
        init.kaiming_uniform_(self.fc2.weight)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.fc1(x)
        if self.use_bn:
            x = self.bn1(x)
        x = F.relu(x)
        x = self.fc2(x)
        if self.use_bn:
            x = self.bn2(x)
        x = F.relu(x)
        return self.fc3(x).sigmoid()


def count_parameters(model: nn.Module) -> int:
    """Trainable scalars, counted with a loop."""
    n = 0
    for p in model.parameters():
        if p.requires_grad:
            n += p.numel()
    return n


def train_model(dataloader_train: DataLoader, optimizer: torch.optim.Optimizer, net: nn.Module,
                num_epochs: int) -> list[float]:
    """Plain BCE loop; the epoch loss is the NumPy mean of the batch losses."""
    net.train()
    epoch_losses = []
    for epoch in range(num_epochs):
        batch_losses = []
        for features, labels in tqdm(dataloader_train, desc=f"epoch {epoch}", leave=False):
            optimizer.zero_grad()
            probs = net(features)
            loss = F.binary_cross_entropy(probs, labels.float().unsqueeze(1))
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        epoch_losses.append(float(np.mean(batch_losses)))
    return epoch_losses
