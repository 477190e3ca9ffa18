"""Single-object localisation: one network, two heads (what is it, and where is it)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn
from torchvision import ops
from tqdm import tqdm


def load_shapes(path: str | Path, split: str = "train") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(images float32 (N, 3, 64, 64) in [0, 1], boxes float32 (N, 4) xyxy pixels, labels int64 (N,))."""
    data = np.load(path)
    images = torch.from_numpy(data[f"{split}_images"]).permute(0, 3, 1, 2).float() / 255.0
    return images, torch.from_numpy(data[f"{split}_boxes"]).float(), torch.from_numpy(data[f"{split}_labels"]).long()


class TinyLocalizer(nn.Module):
    """A small CNN trunk with a classifier head (what) and a box-regression head (where)."""

    def __init__(self, num_classes: int, image_size: int = 64) -> None:
        super().__init__()
        self.image_size = image_size

        def block(c_in: int, c_out: int) -> list[nn.Module]:
            return [nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(), nn.MaxPool2d(2)]

        self.backbone = nn.Sequential(*block(3, 16), *block(16, 32), *block(32, 64))  # (N, 64, s/8, s/8)
        # what: the strongest response anywhere in the image
        self.classifier = nn.Sequential(nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(64, num_classes))
        # where: keep the spatial layout, squeezed to 16 channels, then regress 4 numbers
        cells = (image_size // 8) ** 2
        self.box_regressor = nn.Sequential(nn.Conv2d(64, 16, 1), nn.ReLU(), nn.Flatten(),
                                           nn.Linear(16 * cells, 64), nn.ReLU(), nn.Linear(64, 4))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.backbone(x)
        # the box head predicts fractions of the image; scale them to pixels
        return self.classifier(h), self.box_regressor(h) * self.image_size


def train_localizer(model: nn.Module, images: torch.Tensor, boxes: torch.Tensor, labels: torch.Tensor,
                    epochs: int = 10, lr: float = 1e-3, batch_size: int = 32) -> list[float]:
    """Adam on cross-entropy + smooth L1 on boxes (in image fractions); returns the mean loss of each epoch."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    size = images.shape[-1]
    history = []
    for _ in tqdm(range(epochs), desc="epochs"):
        model.train()
        order, total = torch.randperm(len(images)), 0.0
        for start in range(0, len(images), batch_size):
            idx = order[start:start + batch_size]
            logits, pred = model(images[idx])
            loss = nn.functional.cross_entropy(logits, labels[idx]) + \
                nn.functional.smooth_l1_loss(pred / size, boxes[idx] / size, beta=0.05)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        history.append(total / len(images))
    model.eval()
    return history


@torch.no_grad()
def evaluate_localizer(model: nn.Module, images: torch.Tensor, boxes: torch.Tensor,
                       labels: torch.Tensor) -> dict[str, float]:
    """Accuracy, mean IoU of predicted vs true boxes, and the share of boxes with IoU >= 0.5."""
    model.eval()
    logits, pred = model(images)
    iou = ops.box_iou(pred, boxes).diagonal()
    return {"accuracy": (logits.argmax(1) == labels).float().mean().item(),
            "mean_iou": iou.mean().item(), "hit_rate": (iou >= 0.5).float().mean().item()}
