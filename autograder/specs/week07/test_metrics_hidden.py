"""Week 07, task 4: hidden checks."""
import math

import pytest
import torch
import torch.nn.functional as F

from autograder.boundary import by_hand, in_worker

pytestmark = pytest.mark.hidden

LOSSES = ("torch.nn.functional.cross_entropy", "torch.nn.functional.nll_loss")   # pixel_cross_entropy is by hand
TORCHMETRICS = ("torchmetrics.classification.MulticlassJaccardIndex", "torchmetrics.JaccardIndex",   # and the IoU
                "torchmetrics.functional.jaccard_index", "torchmetrics.functional.classification.multiclass_jaccard_index",
                "torchmetrics.classification.MulticlassConfusionMatrix",
                "torchmetrics.functional.classification.multiclass_confusion_matrix")


@in_worker
def loss_gradient(loss_fn, logits, target):
    """Runs in the worker: loss_fn(logits, target).backward(), then the gradient that reached the logits."""
    leaf = logits.detach().clone().requires_grad_(True)
    loss_fn(leaf, target).backward()
    return leaf.grad


@pytest.mark.points(1)
def test_absent_class_is_nan(load):
    """A class in neither prediction nor target gets NaN and is left out of mean_iou; ignored pixels never count."""
    m = load("metrics")
    target = torch.tensor([[0, 0, 1, -100], [1, 1, 0, -100]])
    pred = torch.tensor([[0, 1, 1, 2], [1, 1, 0, 3]])
    with by_hand(*TORCHMETRICS):
        got = m.iou_per_class(pred, target, 4)
        mean = m.mean_iou(pred, target, 4)
    assert math.isclose(float(got[0]), 2 / 3, abs_tol=1e-6) and math.isclose(float(got[1]), 3 / 4, abs_tol=1e-6), \
        "IoU of a present class is wrong (or ignored pixels were counted)"
    assert torch.isnan(got[2]) and torch.isnan(got[3]), "a class absent from both (after ignoring) should be NaN"
    assert math.isclose(mean, (2 / 3 + 3 / 4) / 2, abs_tol=1e-6), "mean_iou should skip NaN classes"


@pytest.mark.points(1)
def test_dice_edge_cases(load):
    """Two empty masks have Dice 1; Dice = 2 IoU / (1 + IoU) on random masks; 0/1 integer masks work."""
    m = load("metrics")
    empty = torch.zeros(4, 4, dtype=torch.bool)
    assert m.dice_coefficient(empty, empty) == 1.0, "two empty masks agree perfectly"
    g = torch.Generator().manual_seed(5)
    a, b = torch.rand(20, 20, generator=g) > 0.5, torch.rand(20, 20, generator=g) > 0.4
    iou = (a & b).sum().item() / (a | b).sum().item()
    assert math.isclose(m.dice_coefficient(a.long(), b.long()), 2 * iou / (1 + iou), abs_tol=1e-6), \
        "Dice of two random masks is wrong (0/1 integer masks should work like booleans)"


@pytest.mark.points(1)
def test_losses_have_gradients(load):
    """The gradients of both losses match autograd through the reference formulas."""
    m = load("metrics")
    logits = torch.randn(2, 2, 5, 5, requires_grad=True)
    target = torch.randint(0, 2, (2, 5, 5))
    target[0, 0] = -100
    with by_hand(*LOSSES):
        mine = loss_gradient(m.pixel_cross_entropy, logits, target)
    assert mine is not None, "pixel_cross_entropy should be differentiable: build it from torch operations on the logits"
    F.cross_entropy(logits, target, ignore_index=-100).backward()
    assert torch.allclose(mine, logits.grad, atol=1e-5), "the cross-entropy gradient is wrong: average over the counted pixels only, with torch operations"
    grad = loss_gradient(m.soft_dice_loss, logits, target)
    assert grad is not None and grad.abs().sum() > 0, "soft_dice_loss should be differentiable"
    assert grad[0, :, 0].abs().max() < 1e-7, "ignored pixels should get no gradient from the Dice loss"
