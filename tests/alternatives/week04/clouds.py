"""Week 04 clouds in the PyTorch CIFAR-tutorial style: Resize before ToTensor, named conv layers with a shared
pool and functional ELU, torch.flatten, a counter-based training loop."""
from __future__ import annotations

import math
import random
from pathlib import Path

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import datasets, transforms
from tqdm import tqdm

CLOUD_CLASSES = [
    "cirriform clouds",
    "clear sky",
    "cumulonimbus clouds",
    "cumulus clouds",
    "high cumuliform clouds",
    "stratiform clouds",
    "stratocumulus clouds",
]


def get_transforms(train: bool, size: int = 128) -> transforms.Compose:
    """Augment PIL images when training, then resize the PIL image and convert it to a tensor."""
    augment = [
        transforms.RandomHorizontalFlip(),
        transforms.RandomRotation(degrees=45),
        transforms.RandomAutocontrast(),
    ] if train else []
    return transforms.Compose(augment + [transforms.Resize((size, size)), transforms.ToTensor()])


def make_loader(root: str | Path, train: bool, batch_size: int = 16, size: int = 128) -> DataLoader:
    """ImageFolder + DataLoader."""
    dataset = datasets.ImageFolder(root=root, transform=get_transforms(train, size))
    return DataLoader(dataset, batch_size=batch_size, shuffle=bool(train), num_workers=0)


class CloudNet(nn.Module):
    """conv1 -> ELU -> pool -> conv2 -> ELU -> pool -> flatten -> fc, one MaxPool2d module used twice."""

    def __init__(self, num_classes: int = 7, image_size: int = 128) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(64 * (image_size // 4) * (image_size // 4), num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.elu(self.conv1(x)))
        x = self.pool(F.elu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc(x)


def train_model(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                num_epochs: int) -> list[float]:
    """Cross-entropy; running loss divided by the number of batches seen."""
    criterion = nn.CrossEntropyLoss()
    losses = []
    model.train()
    for epoch in range(num_epochs):
        running_loss, batches = 0.0, 0
        for inputs, labels in tqdm(dataloader, desc=f"epoch {epoch + 1}/{num_epochs}", leave=False):
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
            batches += 1
        losses.append(running_loss / batches)
    return losses


def predict(model: nn.Module, dataloader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """argmax predictions and labels, collected under inference_mode."""
    model.eval()
    predicted, actual = [], []
    with torch.inference_mode():
        for inputs, labels in dataloader:
            _, top = torch.max(model(inputs), 1)
            predicted.append(top)
            actual.append(labels)
    return torch.cat(predicted).long(), torch.cat(actual).long()


def plot_samples(dataset: Dataset, n: int = 6, seed: int | None = None) -> Figure:
    """n distinct random images on a grid of two rows, picked with Python's random.Random(seed)."""
    picks = random.Random(seed).sample(range(len(dataset)), n)
    cols = math.ceil(n / 2)
    fig, axes = plt.subplots(2, cols, figsize=(2.5 * cols, 5), squeeze=False)
    flat = list(axes.flat)
    for ax, idx in zip(flat, picks):
        image, label = dataset[idx]
        ax.imshow(image.numpy().transpose(1, 2, 0))
        ax.set_title(dataset.classes[label])
        ax.set_axis_off()
    for ax in flat[n:]:
        fig.delaxes(ax)
    return fig


def plot_history(history: dict[str, list[float]], title: str = "Training") -> Figure:
    """One line per series, epochs from 1."""
    fig, ax = plt.subplots()
    for label, values in history.items():
        ax.plot(list(range(1, len(values) + 1)), values, label=label)
    ax.set(xlabel="Epoch", ylabel="loss", title=title)
    ax.legend()
    return fig
