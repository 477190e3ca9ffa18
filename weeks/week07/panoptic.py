"""Task 7: panoptic segmentation by merging a semantic map with instance masks."""
from __future__ import annotations

import torch


def panoptic_merge(semantic_logits: torch.Tensor, masks: torch.Tensor, scores: torch.Tensor, labels: torch.Tensor,
                   mask_threshold: float = 0.5, score_threshold: float = 0.5) -> tuple[torch.Tensor, torch.Tensor]:
    """Give every pixel a (class, instance id) pair; returns (classes, instances), both int64 (H, W).

    semantic_logits: (1, C, H, W) or (C, H, W); masks: (K, 1, H, W) soft masks; scores, labels: (K,).
    - Each pixel starts as (argmax over the C semantic scores, 0); instance id 0 means "no instance".
    - Only instances with score >= score_threshold are used. They get ids 1, 2, ... in order of decreasing
      score (1 = best), whether or not they end up owning a pixel.
    - An instance owns the pixels where its mask is strictly above mask_threshold: there the class becomes
      the instance's label and the id its id. Where used instances overlap, the higher score wins.
    The inputs are not changed.
    """
    raise NotImplementedError
