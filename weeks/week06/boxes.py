"""Week 06, boxes by hand: IoU, non-maximum suppression and drawing.

A box is (x1, y1, x2, y2): top-left corner, then bottom-right corner, in pixels. Do not call
torchvision.ops here: the specs compare your results with it.
"""
from __future__ import annotations

import torch
from torchvision.utils import draw_bounding_boxes


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    """(N, 4) boxes -> (N,) areas, (x2 - x1) * (y2 - y1)."""
    raise NotImplementedError


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Intersection over union of every pair: (N, 4) and (M, 4) -> (N, M) float tensor.

    Boxes that do not overlap, or only touch, have IoU 0; a box with itself has IoU 1. Vectorise it:
    no Python loop over boxes.
    """
    raise NotImplementedError


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """Greedy non-maximum suppression.

    Visit boxes by decreasing score; keep the best remaining box and discard every remaining box whose IoU
    with it is strictly greater than iou_threshold; repeat until none remain. Returns the kept indices as an
    int64 tensor, in decreasing score order (exactly what torchvision.ops.nms returns). Zero boxes give an
    empty int64 tensor.
    """
    raise NotImplementedError


def draw_boxes(image: torch.Tensor, boxes: torch.Tensor, labels: list[str] | None = None,
               color: str = "red", width: int = 2) -> torch.Tensor:
    """Draw boxes on a uint8 image (3, H, W) with torchvision.utils.draw_bounding_boxes.

    boxes may be one box (4,) or many (N, 4). Returns a new uint8 image of the same shape; the input is
    left as it was.
    """
    raise NotImplementedError
