"""Week 06 single-object localisation in the torchvision tutorials' style: a TensorDataset and DataLoader,
a strided-convolution trunk, a box head that predicts centre and size as fractions of the image
(turned into x1, y1, x2, y2 pixels), and IoU of matched pairs computed directly."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from tqdm import tqdm


def load_shapes(path: str | Path, split: str = "train") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Images float32 (N, 3, 64, 64) in [0, 1], boxes float32 (N, 4), labels int64 (N,)."""
    with np.load(path) as npz:
        images = torch.tensor(npz[split + "_images"], dtype=torch.float32).permute(0, 3, 1, 2) / 255
        boxes = torch.tensor(npz[split + "_boxes"], dtype=torch.float32)
        labels = torch.tensor(npz[split + "_labels"], dtype=torch.int64)
    return images.contiguous(), boxes, labels


def _conv_bn(c_in: int, c_out: int, stride: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))


class TinyLocalizer(nn.Module):
    """Strided conv trunk; class scores from a global max-pool, a box from the flattened 1x1-squeezed map."""

    def __init__(self, num_classes: int, image_size: int = 64) -> None:
        super().__init__()
        self.image_size = image_size
        self.features = nn.Sequential(_conv_bn(3, 16, 2), _conv_bn(16, 32, 2), _conv_bn(32, 64, 2),
                                      _conv_bn(64, 64, 1))
        self.cls_head = nn.Linear(64, num_classes)
        cells = (image_size // 8) ** 2
        self.squeeze = nn.Conv2d(64, 8, kernel_size=1)
        self.box_head = nn.Sequential(nn.Linear(8 * cells, 128), nn.ReLU(inplace=True), nn.Linear(128, 4))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        fmap = self.features(x)
        scores = self.cls_head(torch.amax(fmap, dim=(2, 3)))
        cx, cy, w, h = torch.sigmoid(self.box_head(torch.flatten(F.relu(self.squeeze(fmap)), 1))).unbind(1)
        xyxy = torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], dim=1)
        return scores, xyxy * self.image_size


def train_localizer(model: nn.Module, images: torch.Tensor, boxes: torch.Tensor, labels: torch.Tensor,
                    epochs: int = 10, lr: float = 1e-3, batch_size: int = 32) -> list[float]:
    """Adam on cross-entropy plus L1 on boxes scaled to [0, 1]; mean loss per epoch; ends in eval mode."""
    loader = DataLoader(TensorDataset(images, boxes, labels), batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scale = float(images.shape[-1])
    history: list[float] = []
    for epoch in range(epochs):
        model.train()
        running, seen = 0.0, 0
        for x, target_boxes, target_labels in tqdm(loader, desc=f"epoch {epoch + 1}/{epochs}", leave=False):
            scores, pred_boxes = model(x)
            loss = F.cross_entropy(scores, target_labels) + F.l1_loss(pred_boxes / scale, target_boxes / scale)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item() * x.size(0)
            seen += x.size(0)
        history.append(running / seen)
    model.eval()
    return history


def _paired_iou(p: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """IoU of p[i] with t[i] for every i."""
    w = (torch.minimum(p[:, 2], t[:, 2]) - torch.maximum(p[:, 0], t[:, 0])).clamp(min=0)
    h = (torch.minimum(p[:, 3], t[:, 3]) - torch.maximum(p[:, 1], t[:, 1])).clamp(min=0)
    inter = w * h
    area = lambda b: (b[:, 2] - b[:, 0]).clamp(min=0) * (b[:, 3] - b[:, 1]).clamp(min=0)
    return inter / (area(p) + area(t) - inter)


def evaluate_localizer(model: nn.Module, images: torch.Tensor, boxes: torch.Tensor,
                       labels: torch.Tensor) -> dict[str, float]:
    """Accuracy, mean IoU with the true boxes, and the share of boxes with IoU >= 0.5."""
    model.eval()
    with torch.no_grad():
        scores, pred = model(images)
    iou = _paired_iou(pred, boxes)
    return {"accuracy": (scores.argmax(dim=1) == labels).double().mean().item(),
            "mean_iou": iou.mean().item(),
            "hit_rate": (iou >= 0.5).double().mean().item()}
