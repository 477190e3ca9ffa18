"""Per-pixel losses and the overlap metrics of segmentation: confusion matrix, IoU (Jaccard) and Dice."""
from __future__ import annotations

import torch


def pixel_cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                        weight: torch.Tensor | None = None) -> torch.Tensor:
    """Mean of -weight[y] * log softmax(logits)[y] over the pixels whose label is not ignore_index,
    divided by the sum of weight[y] over the same pixels (F.cross_entropy's convention)."""
    C = logits.shape[1]
    valid = target != ignore_index
    safe = torch.where(valid, target, torch.zeros_like(target))  # any class index; masked out below
    logp = logits.log_softmax(dim=1).gather(1, safe.unsqueeze(1)).squeeze(1)  # (N, H, W)
    w = torch.ones(C, dtype=logits.dtype, device=logits.device) if weight is None else weight.to(logits)
    wy = w[safe] * valid
    return -(wy * logp).sum() / wy.sum()


def soft_dice_loss(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                   eps: float = 1.0) -> torch.Tensor:
    """1 - mean over classes of (2 * sum(p * t) + eps) / (sum(p) + sum(t) + eps), with p = softmax(logits)
    and t the one-hot target, both summed over every valid pixel of the batch."""
    C = logits.shape[1]
    valid = (target != ignore_index).unsqueeze(1).to(logits.dtype)           # (N, 1, H, W)
    safe = torch.where(target != ignore_index, target, torch.zeros_like(target))
    p = logits.softmax(dim=1) * valid
    t = torch.nn.functional.one_hot(safe, C).permute(0, 3, 1, 2).to(logits.dtype) * valid
    dims = (0, 2, 3)
    dice = (2 * (p * t).sum(dims) + eps) / (p.sum(dims) + t.sum(dims) + eps)
    return 1 - dice.mean()


def confusion_matrix(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
                     ignore_index: int = -100) -> torch.Tensor:
    """(C, C) int64 counts: entry [i, j] is the number of pixels of true class i predicted as class j."""
    keep = target != ignore_index
    flat = target[keep].long() * num_classes + pred[keep].long()
    return torch.bincount(flat, minlength=num_classes * num_classes).reshape(num_classes, num_classes)


def iou_per_class(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
                  ignore_index: int = -100) -> torch.Tensor:
    """(C,) float: |pred == c and target == c| / |pred == c or target == c|; NaN when c is in neither."""
    cm = confusion_matrix(pred, target, num_classes, ignore_index).double()
    inter = cm.diag()
    union = cm.sum(0) + cm.sum(1) - inter  # predicted as c + truly c - counted twice
    return (inter / union).float()        # 0 / 0 gives NaN: the class is absent from both


def mean_iou(pred: torch.Tensor, target: torch.Tensor, num_classes: int, ignore_index: int = -100) -> float:
    """Mean of iou_per_class over the classes that occur in pred or target."""
    return iou_per_class(pred, target, num_classes, ignore_index).nanmean().item()


def dice_coefficient(pred: torch.Tensor, target: torch.Tensor) -> float:
    """2 |A and B| / (|A| + |B|) for two boolean masks of the same shape; 1.0 when both are empty."""
    a, b = pred.bool(), target.bool()
    total = a.sum() + b.sum()
    if total == 0:
        return 1.0
    return (2 * (a & b).sum() / total).item()
