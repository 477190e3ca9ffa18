"""Week 04, part 3: multiclass precision, recall and F1 with per-class and averaged values.

Tasks: multiclass_scores, per_class_by_name. You may use torchmetrics or write the counts yourself.
"""
from __future__ import annotations

import torch


def multiclass_scores(preds: torch.Tensor, target: torch.Tensor, num_classes: int) -> dict[str, torch.Tensor | float]:
    """Precision, recall and F1 of predicted class indices `preds` against `target` (both int64 [N]).

    Returns a dict with the 12 keys '<metric>_<average>', metric in {precision, recall, f1} and
    average in {per_class, micro, macro, weighted}:
    - per_class: float tensor [num_classes]; a value whose denominator is 0 counts as 0;
    - micro: from the counts pooled over classes (for single-label data this equals accuracy);
    - macro: unweighted mean over the classes that occur in `target` or in `preds`;
    - weighted: mean over classes weighted by their number of true samples (support).
    Averages are Python floats. These are torchmetrics' Multiclass* definitions.
    """
    raise NotImplementedError


def per_class_by_name(values: torch.Tensor, class_to_idx: dict[str, int], ndigits: int = 4) -> dict[str, float]:
    """{class name: float(values[index]) rounded to `ndigits`} for every entry of `class_to_idx`."""
    raise NotImplementedError
