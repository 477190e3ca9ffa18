"""Task 4: per-pixel losses and overlap metrics. Do not call F.cross_entropy / nn.CrossEntropyLoss /
F.nll_loss or torchmetrics here."""
from __future__ import annotations

import torch


def pixel_cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                        weight: torch.Tensor | None = None) -> torch.Tensor:
    """Scalar cross-entropy of logits (N, C, H, W) against int64 target (N, H, W).

    Pixels whose target is ignore_index do not count. With class weights w (C,), the loss is
    sum(-w[y] * log_softmax(logits)[y]) / sum(w[y]) over the counted pixels (without weights, w = 1):
    the same value as F.cross_entropy(logits, target, weight, ignore_index=ignore_index). Differentiable.
    """
    raise NotImplementedError


def soft_dice_loss(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                   eps: float = 1.0) -> torch.Tensor:
    """Scalar 1 - mean_c dice_c with dice_c = (2 * sum(p_c * t_c) + eps) / (sum(p_c) + sum(t_c) + eps).

    p = softmax(logits, dim=1) (N, C, H, W), t = one-hot target; the sums run over the whole batch and all
    pixels whose target is not ignore_index (other pixels count in neither p nor t). Differentiable.
    """
    raise NotImplementedError


def confusion_matrix(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
                     ignore_index: int = -100) -> torch.Tensor:
    """int64 (C, C): entry [i, j] counts the pixels of true class i predicted as class j.
    pred and target are integer tensors of the same shape; pixels with target == ignore_index are skipped."""
    raise NotImplementedError


def iou_per_class(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
                  ignore_index: int = -100) -> torch.Tensor:
    """float (C,): IoU_c = |pred == c and target == c| / |pred == c or target == c| over non-ignored pixels;
    NaN for a class that occurs in neither."""
    raise NotImplementedError


def mean_iou(pred: torch.Tensor, target: torch.Tensor, num_classes: int, ignore_index: int = -100) -> float:
    """Mean of iou_per_class over the classes that are not NaN, as a Python float."""
    raise NotImplementedError


def dice_coefficient(pred: torch.Tensor, target: torch.Tensor) -> float:
    """2 |A and B| / (|A| + |B|) for two boolean (or 0/1) masks of the same shape, as a Python float;
    1.0 when both masks are empty."""
    raise NotImplementedError
