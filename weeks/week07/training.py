"""Task 5: training a U-Net on the pets trimaps. Modules import each other by plain name
(`from metrics import pixel_cross_entropy`), so keep them side by side."""
from __future__ import annotations

import torch
from torch import nn


def train_segmenter(model: nn.Module, images: torch.Tensor, targets: torch.Tensor, epochs: int = 2,
                    lr: float = 3e-3, batch_size: int = 8, ignore_index: int = -100, seed: int = 0) -> list[float]:
    """Train model in place and return the mean training loss of each epoch (a list of `epochs` floats).

    images: float (N, 3, H, W) in [0, 1]; targets: int64 (N, H, W) class indices or ignore_index.
    Adam(lr), shuffled mini-batches of batch_size (the order drawn from `seed`), loss per batch =
    pixel_cross_entropy + soft_dice_loss from metrics.py, both ignoring ignore_index. Show a tqdm bar.
    """
    raise NotImplementedError


def predict_masks(model: nn.Module, images: torch.Tensor, batch_size: int = 64) -> torch.Tensor:
    """int64 (N, H, W): the argmax class of every pixel, computed in eval mode without gradients."""
    raise NotImplementedError


def foreground_iou(model: nn.Module, images: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100) -> float:
    """IoU of class 1 (the animal) between predict_masks(model, images) and targets, ignored pixels left out."""
    raise NotImplementedError
