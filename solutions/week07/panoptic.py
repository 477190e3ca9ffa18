"""Panoptic segmentation by merging: a semantic map for the "stuff", instance masks for the "things"."""
from __future__ import annotations

import torch


def panoptic_merge(semantic_logits: torch.Tensor, masks: torch.Tensor, scores: torch.Tensor, labels: torch.Tensor,
                   mask_threshold: float = 0.5, score_threshold: float = 0.5) -> tuple[torch.Tensor, torch.Tensor]:
    """Give every pixel a (class, instance id) pair.

    semantic_logits: (1, C, H, W) or (C, H, W) scores of a semantic model; masks: (K, 1, H, W) soft instance
    masks; scores, labels: (K,). Returns (classes, instances), both int64 (H, W).
    - Every pixel starts as (argmax of the semantic scores, 0): instance 0 means "no instance".
    - Instances with score >= score_threshold get ids 1, 2, ... in order of decreasing score.
    - An instance claims the pixels where its mask is above mask_threshold, overriding the semantic class with
      its label; where kept instances overlap, the one with the higher score wins.
    """
    logits = semantic_logits[0] if semantic_logits.dim() == 4 else semantic_logits
    classes = logits.argmax(dim=0)
    instances = torch.zeros_like(classes)
    order = scores.argsort(descending=True)
    order = order[scores[order] >= score_threshold]
    # paint the weakest instance first, so that stronger ones are painted over it
    for rank in reversed(range(len(order))):
        k = order[rank]
        where = masks[k, 0] > mask_threshold
        classes[where] = labels[k]
        instances[where] = rank + 1
    return classes, instances
