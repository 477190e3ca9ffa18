"""Week 04, part 2: loading the clouds images with ImageFolder and classifying them with a small CNN.

Tasks: get_transforms, make_loader, plot_samples, CloudNet, train_model, predict, plot_history.
"""
from __future__ import annotations

from pathlib import Path

import torch
from matplotlib.figure import Figure
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

# the folder names under DATA/clouds/clouds_train, in ImageFolder's (alphabetical) order
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
    """A Compose that turns a PIL RGB image into a float32 tensor [3, size, size] with values in [0, 1].

    Always ends with ToTensor() and Resize((size, size)). When `train` is True it first augments with
    RandomHorizontalFlip(), RandomRotation(45) and RandomAutocontrast(); when False it has no random step.
    """
    raise NotImplementedError


def make_loader(root: str | Path, train: bool, batch_size: int = 16, size: int = 128) -> DataLoader:
    """A DataLoader over `torchvision.datasets.ImageFolder(root)` with `get_transforms(train, size)`.

    Shuffles only when `train` is True. Batches are (images [B, 3, size, size], labels int64 [B]);
    `loader.dataset.class_to_idx` maps the class folder names to 0..6 alphabetically.
    """
    raise NotImplementedError


class CloudNet(nn.Module):
    """A small CNN for the clouds: feature_extractor then classifier.

    feature_extractor: Conv2d(3, 32, 3, padding=1), ELU, MaxPool2d(2),
                       Conv2d(32, 64, 3, padding=1), ELU, MaxPool2d(2), Flatten.
    classifier:        Linear(64 * (image_size // 4) ** 2, num_classes).
    Input [B, 3, image_size, image_size] -> logits [B, num_classes]. With the defaults (7 classes,
    128x128 images) the model has 478,151 parameters.
    """

    def __init__(self, num_classes: int = 7, image_size: int = 128) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


def train_model(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                num_epochs: int) -> list[float]:
    """Train with nn.CrossEntropyLoss on (images, labels) batches, one optimizer step per batch.

    Put the model in training mode, show a tqdm bar per epoch, and return the mean batch loss of
    each epoch (a list of `num_epochs` Python floats).
    """
    raise NotImplementedError


def predict(model: nn.Module, dataloader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """Run `model` in eval mode without gradients over the whole loader.

    Returns (predicted classes, true classes), both int64 tensors of shape [N], in loader order;
    a prediction is the argmax of the logits.
    """
    raise NotImplementedError


def plot_samples(dataset: Dataset, n: int = 6, seed: int | None = None) -> Figure:
    """A figure with n Axes, each showing one randomly chosen image of `dataset` titled with its class name.

    `dataset` is ImageFolder-like: items (image tensor [3, H, W], label) and a `classes` list.
    Show each image with imshow after moving the channels last ([H, W, 3]). `seed` fixes the choice
    of images (torch.Generator().manual_seed(seed)); None picks them at random. Returns the Figure.
    """
    raise NotImplementedError


def plot_history(history: dict[str, list[float]], title: str = "Training") -> Figure:
    """A figure with one Axes and one line per entry of `history` (e.g. {"train loss": [...]}).

    Each line is labelled with its key and plots the values against epochs 1, 2, ..., n; the x axis
    is labelled "Epoch", the Axes has a legend and the given title. Returns the Figure.
    """
    raise NotImplementedError
