"""Week 04, part 3: multiclass precision, recall and F1 with per-class and averaged values."""
from __future__ import annotations

import torch
from torchmetrics.classification import MulticlassF1Score, MulticlassPrecision, MulticlassRecall


def multiclass_scores(preds: torch.Tensor, target: torch.Tensor, num_classes: int) -> dict[str, torch.Tensor | float]:
    """Precision, recall and F1 under every averaging scheme.

    Keys are '<metric>_<average>' with metric in precision/recall/f1 and average in
    per_class (a float tensor [num_classes]), micro, macro, weighted (Python floats).
    """
    metrics = {"precision": MulticlassPrecision, "recall": MulticlassRecall, "f1": MulticlassF1Score}
    averages = {"per_class": "none", "micro": "micro", "macro": "macro", "weighted": "weighted"}
    out: dict[str, torch.Tensor | float] = {}
    for name, cls in metrics.items():
        for key, avg in averages.items():
            value = cls(num_classes=num_classes, average=avg)(preds, target)
            out[f"{name}_{key}"] = value.float() if key == "per_class" else value.item()
    return out


def per_class_by_name(values: torch.Tensor, class_to_idx: dict[str, int], ndigits: int = 4) -> dict[str, float]:
    """Map per-class values to class names (as ImageFolder's class_to_idx gives them), rounded."""
    return {name: round(float(values[idx]), ndigits) for name, idx in class_to_idx.items()}
