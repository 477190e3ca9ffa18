"""Week 06: hidden checks of the localisation helpers."""
import pytest
import torch
from torchvision import ops

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def fixed_model(scores, boxes):
    """Runs in the worker: a stand-in model that always answers the same scores and boxes."""
    from torch import nn

    class Fixed(nn.Module):
        def __init__(self, scores, boxes):
            super().__init__()
            self.scores, self.boxes = scores, boxes

        def forward(self, x):
            return self.scores, self.boxes

    return Fixed(scores, boxes)


@pytest.mark.points(1)
def test_evaluate_localizer(load):
    """evaluate_localizer reports accuracy, mean IoU and the share of boxes with IoU >= 0.5."""
    m = load("localization")
    true = torch.tensor([[0.0, 0, 10, 10], [10, 10, 30, 30], [0, 0, 20, 20], [5, 5, 15, 15]])
    pred = torch.tensor([[0.0, 0, 10, 10], [10, 10, 20, 20], [0, 0, 20, 10], [40, 40, 50, 50]])
    scores = torch.tensor([[2.0, 0, 0], [0, 2.0, 0], [0, 0, 2.0], [2.0, 0, 0]])
    labels = torch.tensor([0, 1, 1, 2])
    got = m.evaluate_localizer(fixed_model(scores, pred), torch.zeros(4, 3, 64, 64), true, labels)
    iou = ops.box_iou(pred, true).diagonal()
    assert abs(got["accuracy"] - 0.5) < 1e-6, "accuracy is the share of argmax scores equal to the labels"
    assert abs(got["mean_iou"] - iou.mean().item()) < 1e-5, "mean_iou is the mean IoU of each predicted box with its own true box"
    assert abs(got["hit_rate"] - (iou >= 0.5).float().mean().item()) < 1e-6, "hit_rate counts boxes with IoU >= 0.5"
