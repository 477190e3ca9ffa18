"""Week 06: hidden checks of IoU and NMS."""
import pytest
import torch
from torchvision import ops

from autograder.boundary import by_hand

pytestmark = pytest.mark.hidden

# "Do not call torchvision.ops in this file": while box_iou and nms run, torchvision's versions refuse in the worker,
# wherever the submission bound them (`from torchvision.ops import nms` included)
TORCHVISION_OPS = ("torchvision.ops.box_iou", "torchvision.ops.generalized_box_iou", "torchvision.ops.complete_box_iou",
                   "torchvision.ops.distance_box_iou", "torchvision.ops.box_area", "torchvision.ops.boxes._box_inter_union",
                   "torchvision.ops.nms", "torchvision.ops.batched_nms", "torch.ops.torchvision.nms")


@pytest.mark.points(1)
def test_box_iou_degenerate_nested_and_small_boxes(load):
    """Zero-area and touching boxes give 0, nested ones the area ratio; sub-pixel boxes and either argument order work."""
    m = load("boxes")
    ref = torch.tensor([[10.0, 20, 50, 40]])  # 40 x 20 = 800
    others = torch.tensor([[50.0, 40, 70, 60],  # touches ref at its bottom-right corner only
                           [10.0, 40, 50, 60],  # shares ref's bottom edge
                           [-5.0, 20, 10, 40],  # shares ref's left edge
                           [20.0, 25, 20, 35],  # zero width, inside ref
                           [15.0, 30, 45, 30],  # zero height, inside ref
                           [30.0, 30, 30, 30],  # a single point inside ref
                           [20.0, 25, 40, 35],  # inside ref: 200 / 800
                           [0.0, 0, 100, 100]])  # holds ref: 800 / 10000
    want = torch.tensor([[0.0, 0, 0, 0, 0, 0, 0.25, 0.08]])
    # boxes in image fractions (as many detection pipelines keep them): areas far below one square pixel,
    # with some zero-width and zero-height boxes on the second side
    g = torch.Generator().manual_seed(7)
    xy = torch.rand(400, 2, generator=g) * 0.6
    small = torch.cat([xy, xy + torch.rand(400, 2, generator=g) * 0.35 + 0.05], 1)
    a, b = small[:150], small[150:].clone()
    b[::7, 2] = b[::7, 0]
    b[3::7, 3] = b[3::7, 1]
    with by_hand(*TORCHVISION_OPS):
        got = m.box_iou(ref, others)
        ab, ba = m.box_iou(a, b), m.box_iou(b, a)
    assert got.shape == (1, 8) and torch.isfinite(got).all(), \
        "a zero-area box against a box with an area has a well-defined IoU: no NaN or inf"
    assert torch.allclose(got[:, :6], want[:, :6], atol=1e-6), \
        "boxes that only touch (at an edge or a corner) and zero-area boxes have IoU 0"
    assert torch.allclose(got[:, 6:], want[:, 6:], atol=1e-6), \
        "a box inside another has IoU = its own area / the outer box's area"
    oracle = ops.box_iou(a, b)
    # relative tolerance: a small epsilon added to the union is fine; rounding areas up to one pixel is not
    assert ab.shape == (150, 250) and torch.allclose(ab, oracle, rtol=1e-3, atol=1e-5), \
        "IoU is wrong for boxes smaller than a pixel (coordinates in [0, 1]): use the areas as they are"
    assert ba.shape == (250, 150) and torch.allclose(ba, oracle.T, rtol=1e-3, atol=1e-5), \
        "box_iou(b, a) should be box_iou(a, b) transposed: the IoU of a pair does not depend on the order"


@pytest.mark.points(1)
def test_nms_ties_and_duplicates(load):
    """Equal scores on separate boxes keep them all; an exact duplicate is suppressed."""
    m = load("boxes")
    boxes = torch.tensor([[0.0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10], [0, 0, 10, 10]])
    scores = torch.tensor([0.5, 0.5, 0.5, 0.4])
    with by_hand(*TORCHVISION_OPS):
        kept = m.nms(boxes, scores, 0.5)
    assert sorted(kept.tolist()) == [0, 1, 2], "three separate boxes with the same score all stay; the lower-scored duplicate goes"


@pytest.mark.points(1)
def test_nms_keeps_overlap_equal_to_threshold(load):
    """A box whose IoU with a better box equals the threshold exactly is kept, as in torchvision."""
    m = load("boxes")
    boxes = torch.tensor([[0.0, 0, 10, 10], [0, 0, 10, 5]])  # IoU = 50 / 100, exact in floating point
    scores = torch.tensor([0.9, 0.8])
    with by_hand(*TORCHVISION_OPS):
        kept = m.nms(boxes, scores, 0.5)
    assert kept.tolist() == ops.nms(boxes, scores, 0.5).tolist() == [0, 1], (
        "suppress only boxes whose IoU is strictly greater than the threshold")
