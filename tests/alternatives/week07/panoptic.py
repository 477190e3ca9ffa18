"""Week 07 panoptic merge, vectorised: the kept masks are stacked best first and each pixel's owner is the
first stacked mask that covers it (no painting loop)."""
from __future__ import annotations

import torch


def panoptic_merge(semantic_logits: torch.Tensor, masks: torch.Tensor, scores: torch.Tensor, labels: torch.Tensor,
                   mask_threshold: float = 0.5, score_threshold: float = 0.5) -> tuple[torch.Tensor, torch.Tensor]:
    """(classes, instances) int64 (H, W): semantic argmax, overridden by the best confident instance covering a pixel."""
    semantic = semantic_logits.reshape(-1, *semantic_logits.shape[-2:]).argmax(dim=0)
    ranked = torch.sort(scores, descending=True, stable=True).indices
    ranked = ranked[scores[ranked] >= score_threshold]
    if len(ranked) == 0:
        return semantic, torch.zeros_like(semantic)
    covers = masks[ranked, 0] > mask_threshold                 # (K', H, W), best instance first
    covered = covers.any(dim=0)
    owner = covers.to(torch.int64).argmax(dim=0)               # first True along the ranking
    classes = torch.where(covered, labels[ranked][owner].long(), semantic)
    instances = torch.where(covered, owner + 1, torch.zeros_like(owner))
    return classes, instances
