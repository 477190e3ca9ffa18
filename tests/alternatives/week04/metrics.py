"""Week 04 multiclass metrics counted by hand from a confusion matrix, in float64."""
from __future__ import annotations

import torch


def _safe_div(num: torch.Tensor, den: torch.Tensor) -> torch.Tensor:
    return torch.where(den > 0, num / den.clamp(min=1), torch.zeros_like(num))


def multiclass_scores(preds: torch.Tensor, target: torch.Tensor, num_classes: int) -> dict[str, torch.Tensor | float]:
    """Per-class, micro, macro and weighted precision, recall and F1 from true/false positive counts."""
    k = num_classes
    cm = torch.bincount(target.long() * k + preds.long(), minlength=k * k).reshape(k, k).double()
    tp = cm.diagonal()
    fp = cm.sum(dim=0) - tp
    fn = cm.sum(dim=1) - tp
    support = cm.sum(dim=1)
    per_class = {
        "precision": _safe_div(tp, tp + fp),
        "recall": _safe_div(tp, tp + fn),
        "f1": _safe_div(2 * tp, 2 * tp + fp + fn),
    }
    pooled = {
        "precision": _safe_div(tp.sum(), tp.sum() + fp.sum()),
        "recall": _safe_div(tp.sum(), tp.sum() + fn.sum()),
        "f1": _safe_div(2 * tp.sum(), 2 * tp.sum() + fp.sum() + fn.sum()),
    }
    present = (tp + fp + fn) > 0
    out: dict[str, torch.Tensor | float] = {}
    for name, values in per_class.items():
        out[f"{name}_per_class"] = values
        out[f"{name}_micro"] = pooled[name].item()
        out[f"{name}_macro"] = values[present].mean().item()
        out[f"{name}_weighted"] = ((values * support).sum() / support.sum()).item()
    return out


def per_class_by_name(values: torch.Tensor, class_to_idx: dict[str, int], ndigits: int = 4) -> dict[str, float]:
    """Round the tensor first (torch.round with decimals), then read each class's entry."""
    rounded = torch.round(torch.as_tensor(values), decimals=ndigits).tolist()
    return {name: float(rounded[i]) for name, i in class_to_idx.items()}
