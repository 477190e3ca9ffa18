"""Week 06: IoU, non-maximum suppression and drawing boxes, by hand, against torchvision.ops."""
import pytest
import torch
from torchvision import ops

from autograder.boundary import by_hand, in_worker

# "Do not call torchvision.ops in this file": while box_iou and nms run, torchvision's versions refuse in the worker,
# wherever the submission bound them (`from torchvision.ops import nms` included)
TORCHVISION_OPS = ("torchvision.ops.box_iou", "torchvision.ops.generalized_box_iou", "torchvision.ops.complete_box_iou",
                   "torchvision.ops.distance_box_iou", "torchvision.ops.box_area", "torchvision.ops.boxes._box_inter_union",
                   "torchvision.ops.nms", "torchvision.ops.batched_nms", "torch.ops.torchvision.nms")


@in_worker
def draw_and_keep_input(draw_boxes, image, boxes):
    """Runs in the worker: draw_boxes(image, boxes), then that same input image as it is after the call."""
    out = draw_boxes(image, boxes)
    return out, image


def random_boxes(n: int, generator: torch.Generator, size: float = 100.0) -> torch.Tensor:
    xy = torch.rand(n, 2, generator=generator) * size
    wh = torch.rand(n, 2, generator=generator) * size / 2 + 1
    return torch.cat([xy, xy + wh], 1)


@pytest.mark.points(2)
def test_box_iou_matches_torchvision(load):
    """box_iou(a, b) equals torchvision.ops.box_iou on random boxes, and the notes' 0.1429."""
    m = load("boxes")
    g = torch.Generator().manual_seed(1)
    a, b = random_boxes(7, g), random_boxes(5, g)
    with by_hand(*TORCHVISION_OPS):
        got = m.box_iou(torch.tensor([[50.0, 50, 150, 150]]), torch.tensor([[100.0, 100, 200, 200]]))
        many = m.box_iou(a, b)
    assert got.shape == (1, 1), f"one box against one box gives a (1, 1) matrix, got {tuple(got.shape)}"
    assert abs(got.item() - 1 / 7) < 1e-4, f"the notes' boxes overlap with IoU 2500/17500 = 0.1429, got {got.item():.4f}"
    assert many.shape == (7, 5), f"(N, 4) against (M, 4) gives (N, M) = (7, 5), got {tuple(many.shape)}"
    assert torch.allclose(many, ops.box_iou(a, b), atol=1e-5), (
        "IoU differs from torchvision: intersection = clamp(min(x2) - max(x1), 0) * clamp(min(y2) - max(y1), 0)")


@pytest.mark.points(1)
def test_box_iou_edge_cases(load):
    """Identical boxes give 1, disjoint and edge-touching boxes give 0."""
    m = load("boxes")
    box = torch.tensor([[10.0, 10, 30, 40]])
    far = torch.tensor([[100.0, 100, 120, 120], [30.0, 10, 50, 40]])  # the second one only touches the edge
    with by_hand(*TORCHVISION_OPS):
        same, apart = m.box_iou(box, box), m.box_iou(box, far)
    assert torch.allclose(same, torch.ones(1, 1)), "a box with itself has IoU 1"
    assert torch.allclose(apart, torch.zeros(1, 2)), (
        "boxes that do not overlap (or only touch) have IoU 0: clamp negative widths and heights to 0")


@pytest.mark.points(1)
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_nms_matches_torchvision(load, threshold):
    """nms keeps exactly the boxes torchvision.ops.nms keeps, best score first."""
    m = load("boxes")
    g = torch.Generator().manual_seed(int(threshold * 10))
    boxes = random_boxes(120, g)
    scores = torch.rand(120, generator=g)
    with by_hand(*TORCHVISION_OPS):
        got = m.nms(boxes, scores, threshold)
    want = ops.nms(boxes, scores, threshold)
    assert got.dtype == torch.int64, f"return int64 indices, got {got.dtype}"
    assert torch.equal(got, want), (
        f"at threshold {threshold} you kept {len(got)} boxes, torchvision keeps {len(want)} (or the order differs): "
        "visit boxes by decreasing score, keep one, drop the rest that overlap it with IoU > threshold")


@pytest.mark.points(1)
def test_nms_on_no_boxes(load):
    """nms of zero boxes returns an empty int64 tensor."""
    m = load("boxes")
    with by_hand(*TORCHVISION_OPS):
        got = m.nms(torch.zeros(0, 4), torch.zeros(0), 0.5)
    assert got.numel() == 0 and got.dtype == torch.int64, "with no boxes, return torch.empty(0, dtype=torch.int64)"


@pytest.mark.points(1)
def test_draw_boxes(load):
    """draw_boxes draws in red on a copy and keeps the image's shape and dtype."""
    m = load("boxes")
    img = torch.zeros(3, 64, 64, dtype=torch.uint8)
    out, img_after = draw_and_keep_input(m.draw_boxes, img, torch.tensor([10.0, 12, 40, 50]))
    assert out.shape == img.shape and out.dtype == torch.uint8, "the result is a uint8 (3, H, W) image"
    assert out[:, 12, 25].tolist() == [255, 0, 0], "the top edge of the box should be red: (255, 0, 0)"
    assert int(img_after.sum()) == 0, "do not draw on the input image itself"
