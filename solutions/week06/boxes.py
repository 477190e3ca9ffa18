"""Boxes by hand: IoU, non-maximum suppression, and drawing (boxes are (x1, y1, x2, y2), x2/y2 bottom-right)."""
from __future__ import annotations

import torch
from torchvision.utils import draw_bounding_boxes


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    """(N, 4) -> (N,) areas."""
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """(N, 4) and (M, 4) -> (N, M): intersection area over union area of every pair."""
    top_left = torch.max(a[:, None, :2], b[None, :, :2])  # (N, M, 2)
    bottom_right = torch.min(a[:, None, 2:], b[None, :, 2:])
    wh = (bottom_right - top_left).clamp(min=0)  # no overlap -> zero width or height
    inter = wh[..., 0] * wh[..., 1]
    return inter / (box_area(a)[:, None] + box_area(b)[None, :] - inter)


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """Greedy non-maximum suppression: keep the best box, drop boxes overlapping it by more than the
    threshold, repeat. Returns the kept indices (int64) in decreasing score order."""
    order = torch.argsort(scores, descending=True, stable=True)
    keep = []
    while order.numel() > 0:
        best = order[0]
        keep.append(best)
        overlap = box_iou(boxes[best].unsqueeze(0), boxes[order[1:]]).squeeze(0)
        order = order[1:][overlap <= iou_threshold]
    return torch.stack(keep) if keep else torch.empty(0, dtype=torch.int64)


def draw_boxes(image: torch.Tensor, boxes: torch.Tensor, labels: list[str] | None = None,
               color: str = "red", width: int = 2) -> torch.Tensor:
    """Draw (N, 4) boxes on a uint8 (3, H, W) image; returns a new uint8 image of the same shape."""
    return draw_bounding_boxes(image, boxes.reshape(-1, 4), labels=labels, colors=color, width=width)
