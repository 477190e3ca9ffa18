"""Training a segmenter on the pets trimaps and measuring it."""
from __future__ import annotations

import torch
from torch import nn
from tqdm import tqdm

from metrics import iou_per_class, pixel_cross_entropy, soft_dice_loss


def train_segmenter(model: nn.Module, images: torch.Tensor, targets: torch.Tensor, epochs: int = 2,
                    lr: float = 3e-3, batch_size: int = 8, ignore_index: int = -100, seed: int = 0) -> list[float]:
    """Adam on pixel cross-entropy + soft Dice (both ignore ignore_index); returns each epoch's mean loss."""
    gen = torch.Generator().manual_seed(seed)  # the shuffling order depends on the seed only
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in tqdm(range(epochs), desc="epochs"):
        model.train()
        order, total = torch.randperm(len(images), generator=gen), 0.0
        for start in range(0, len(images), batch_size):
            idx = order[start:start + batch_size]
            logits = model(images[idx])
            loss = pixel_cross_entropy(logits, targets[idx], ignore_index) + \
                soft_dice_loss(logits, targets[idx], ignore_index)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        history.append(total / len(images))
    return history


@torch.no_grad()
def predict_masks(model: nn.Module, images: torch.Tensor, batch_size: int = 64) -> torch.Tensor:
    """Most likely class of every pixel, int64 (N, H, W), computed in eval mode without gradients."""
    model.eval()
    return torch.cat([model(images[i:i + batch_size]).argmax(dim=1) for i in range(0, len(images), batch_size)])


def foreground_iou(model: nn.Module, images: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100) -> float:
    """IoU of class 1 (the animal) between the model's predictions and targets, ignored pixels left out."""
    return iou_per_class(predict_masks(model, images), targets, 2, ignore_index)[1].item()
