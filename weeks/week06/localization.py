"""Week 06, single-object localisation on DATA/shapes_detection.npz: what is in the image, and where."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torchvision import ops
from tqdm import tqdm


def load_shapes(path: str | Path, split: str = "train") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Load one split ("train" or "test") of the shapes file.

    Returns images float32 (N, 3, 64, 64) scaled to [0, 1], boxes float32 (N, 4) as (x1, y1, x2, y2) in
    pixels, labels int64 (N,) (0 square, 1 circle, 2 triangle), in the file's order.
    """
    raise NotImplementedError


class TinyLocalizer(nn.Module):
    """A small CNN with two heads for 64x64 images: forward(x) -> (scores (N, num_classes), boxes (N, 4)).

    Boxes come out in pixels, (x1, y1, x2, y2). Design it yourself; it must train in about 15 s on a CPU
    (3 epochs over 2,000 images). Hints: batch normalisation speeds training up; a global max-pool suits
    the classifier (what), while the box head needs to keep where things are (flatten, do not pool).
    """

    def __init__(self, num_classes: int, image_size: int = 64) -> None:
        """Create the trunk and the two heads."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Class scores and pixel boxes."""
        raise NotImplementedError


def train_localizer(model: nn.Module, images: torch.Tensor, boxes: torch.Tensor, labels: torch.Tensor,
                    epochs: int = 10, lr: float = 1e-3, batch_size: int = 32) -> list[float]:
    """Train with Adam(lr) on shuffled minibatches: cross-entropy on the scores plus a box loss
    (e.g. smooth L1 on boxes divided by the image size). Show a tqdm bar. Returns the mean training loss of
    each epoch and leaves the model in eval mode."""
    raise NotImplementedError


def evaluate_localizer(model: nn.Module, images: torch.Tensor, boxes: torch.Tensor,
                       labels: torch.Tensor) -> dict[str, float]:
    """In eval mode without gradients: {"accuracy": share of correct classes,
    "mean_iou": mean IoU of each predicted box with its true box, "hit_rate": share with IoU >= 0.5}."""
    raise NotImplementedError
