"""Week 07 losses and metrics on flattened pixel lists: logits become (P, C) rows, ignored pixels are dropped
by boolean indexing, and the counts are per-class loops and index_put_ accumulation."""
from __future__ import annotations

import math

import torch


def _pixels(logits: torch.Tensor, target: torch.Tensor, ignore_index: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(P, C) logits and (P,) targets of the pixels that count."""
    rows = logits.movedim(1, -1).reshape(-1, logits.shape[1])
    flat = target.reshape(-1)
    keep = flat != ignore_index
    return rows[keep], flat[keep]


def pixel_cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                        weight: torch.Tensor | None = None) -> torch.Tensor:
    """Weighted mean of logsumexp(z) - z_y over the counted pixels."""
    z, y = _pixels(logits, target, ignore_index)
    nll = torch.logsumexp(z, dim=1) - z[torch.arange(len(y)), y]
    if weight is None:
        return nll.mean()
    w = weight.to(z.dtype)[y]
    return (w * nll).sum() / w.sum()


def soft_dice_loss(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                   eps: float = 1.0) -> torch.Tensor:
    """1 - mean over classes of the soft Dice of softmax probabilities against the one-hot target."""
    z, y = _pixels(logits, target, ignore_index)
    p = torch.softmax(z, dim=1)
    scores = []
    for c in range(z.shape[1]):
        t = (y == c).to(p.dtype)
        scores.append((2 * (p[:, c] * t).sum() + eps) / (p[:, c].sum() + t.sum() + eps))
    return 1 - torch.stack(scores).mean()


def confusion_matrix(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
                     ignore_index: int = -100) -> torch.Tensor:
    """(C, C) counts of (true class, predicted class) pairs."""
    keep = target != ignore_index
    t, p = target[keep].long(), pred[keep].long()
    cm = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    cm.index_put_((t, p), torch.ones_like(t), accumulate=True)
    return cm


def iou_per_class(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
                  ignore_index: int = -100) -> torch.Tensor:
    """Per-class intersection over union of the counted pixels; NaN for a class in neither."""
    keep = target != ignore_index
    t, p = target[keep], pred[keep]
    out = torch.empty(num_classes, dtype=torch.float32)
    for c in range(num_classes):
        inter = ((p == c) & (t == c)).sum().item()
        union = ((p == c) | (t == c)).sum().item()
        out[c] = inter / union if union else math.nan
    return out


def mean_iou(pred: torch.Tensor, target: torch.Tensor, num_classes: int, ignore_index: int = -100) -> float:
    """Average of the per-class IoUs that are defined."""
    ious = iou_per_class(pred, target, num_classes, ignore_index)
    return ious[~torch.isnan(ious)].mean().item()


def dice_coefficient(pred: torch.Tensor, target: torch.Tensor) -> float:
    """2|A and B| / (|A| + |B|); two empty masks agree perfectly."""
    a, b = pred != 0, target != 0
    size_a, size_b = int(a.sum()), int(b.sum())
    if size_a + size_b == 0:
        return 1.0
    return 2 * int((a & b).sum()) / (size_a + size_b)
