"""Week 06 boxes by hand: IoU from the unbound coordinate columns, and NMS as sort-and-suppress over
one precomputed IoU matrix (a boolean 'suppressed' flag per box instead of a shrinking queue)."""
from __future__ import annotations

import torch
from torchvision.utils import draw_bounding_boxes


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    """(N, 4) -> (N,) areas."""
    x1, y1, x2, y2 = boxes.unbind(dim=1)
    return (x2 - x1) * (y2 - y1)


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """(N, 4) and (M, 4) -> (N, M) IoU, broadcast over a column of a's boxes and a row of b's."""
    ax1, ay1, ax2, ay2 = (col.unsqueeze(1) for col in a.unbind(dim=1))  # (N, 1) each
    bx1, by1, bx2, by2 = (col.unsqueeze(0) for col in b.unbind(dim=1))  # (1, M) each
    inter_w = (torch.minimum(ax2, bx2) - torch.maximum(ax1, bx1)).clamp(min=0)
    inter_h = (torch.minimum(ay2, by2) - torch.maximum(ay1, by1)).clamp(min=0)
    inter = inter_w * inter_h
    union = box_area(a).unsqueeze(1) + box_area(b).unsqueeze(0) - inter
    return inter / union


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """Greedy NMS: walk the boxes by decreasing score, keep each one not yet suppressed and suppress
    every later box whose IoU with it is above the threshold. Kept indices, best first, int64."""
    _, order = torch.sort(scores, descending=True, stable=True)
    iou = box_iou(boxes[order], boxes[order])
    suppressed = torch.zeros(len(order), dtype=torch.bool)
    keep: list[int] = []
    for i in range(len(order)):
        if suppressed[i]:
            continue
        keep.append(int(order[i]))
        suppressed |= iou[i] > iou_threshold
    return torch.tensor(keep, dtype=torch.int64)


def draw_boxes(image: torch.Tensor, boxes: torch.Tensor, labels: list[str] | None = None,
               color: str = "red", width: int = 2) -> torch.Tensor:
    """Boxes drawn on a copy of a uint8 (3, H, W) image; one (4,) box or many (N, 4)."""
    if boxes.dim() == 1:
        boxes = boxes.unsqueeze(0)
    return draw_bounding_boxes(image.clone(), boxes, labels=labels, colors=color, width=width)
