"""Week 04, part 2: loading the clouds images with ImageFolder and classifying them with a small CNN."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms
from torchvision.datasets import ImageFolder
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
    """PIL image -> float tensor [3, size, size] in [0, 1]; random augmentation only when training."""
    steps = []
    if train:
        steps += [
            transforms.RandomHorizontalFlip(),
            transforms.RandomRotation(45),
            transforms.RandomAutocontrast(),
        ]
    steps += [transforms.ToTensor(), transforms.Resize((size, size))]
    return transforms.Compose(steps)


def make_loader(root: str | Path, train: bool, batch_size: int = 16, size: int = 128) -> DataLoader:
    """ImageFolder over `root` with get_transforms(train, size); shuffled only when training."""
    dataset = ImageFolder(str(root), transform=get_transforms(train, size))
    return DataLoader(dataset, batch_size=batch_size, shuffle=train)


class CloudNet(nn.Module):
    """Two conv-ELU-pool blocks, then one linear layer over the flattened feature maps."""

    def __init__(self, num_classes: int = 7, image_size: int = 128) -> None:
        super().__init__()
        self.feature_extractor = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.ELU(),
            nn.MaxPool2d(kernel_size=2),
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.ELU(),
            nn.MaxPool2d(kernel_size=2),
            nn.Flatten(),
        )
        side = image_size // 4  # two 2x2 poolings
        self.classifier = nn.Linear(64 * side * side, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.feature_extractor(x))


def train_model(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                num_epochs: int) -> list[float]:
    """Cross-entropy training; returns the mean batch loss of each epoch."""
    criterion = nn.CrossEntropyLoss()
    model.train()
    history = []
    for epoch in range(num_epochs):
        running = 0.0
        for images, labels in tqdm(dataloader, desc=f"Epoch {epoch + 1}"):
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            running += loss.item()
        history.append(running / len(dataloader))
    return history


@torch.no_grad()
def predict(model: nn.Module, dataloader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """(predicted classes, true classes) over the whole loader, both int64 [N], model in eval mode."""
    model.eval()
    preds, targets = [], []
    for images, labels in dataloader:
        preds.append(model(images).argmax(dim=1))
        targets.append(labels)
    return torch.cat(preds), torch.cat(targets)


def plot_samples(dataset: Dataset, n: int = 6, seed: int | None = None) -> Figure:
    """n random images of an ImageFolder-like dataset on one row, each titled with its class name."""
    g = torch.Generator()
    if seed is not None:
        g.manual_seed(seed)
    else:
        g.seed()
    picks = torch.randperm(len(dataset), generator=g)[:n]
    fig, axes = plt.subplots(1, n, figsize=(2 * n, 2.4), squeeze=False)
    for ax, idx in zip(axes[0], picks.tolist()):
        image, label = dataset[idx]
        ax.imshow(image.permute(1, 2, 0).numpy())  # [C, H, W] -> [H, W, C]
        ax.set_title(dataset.classes[label], fontsize=8)
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_history(history: dict[str, list[float]], title: str = "Training") -> Figure:
    """One line per named series against epochs 1..n, with a legend."""
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, values in history.items():
        ax.plot(range(1, len(values) + 1), values, marker="o", label=name)
    ax.set_xlabel("Epoch")
    ax.set_title(title)
    ax.legend()
    return fig
