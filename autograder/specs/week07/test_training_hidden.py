"""Week 07, task 5: hidden checks."""
import pytest
import torch
from torch import nn

from week07_in_worker import kept_in_worker  # a helper module beside the specs

pytestmark = pytest.mark.hidden


def small_model():
    return nn.Sequential(nn.Conv2d(3, 6, 3, padding=1), nn.ReLU(), nn.Conv2d(6, 2, 1))


@pytest.mark.points(1)
def test_seed_repeats_training(load):
    """The shuffling follows the seed argument: the same seed gives the same weights whatever the global RNG."""
    m = load("training")
    images = torch.rand(12, 3, 6, 6)
    targets = (images[:, 1] > 0.5).long()
    targets[:, :2] = -100
    runs = []
    for global_seed in (99, 5):
        torch.manual_seed(3)
        model = kept_in_worker(small_model())  # train_segmenter must train the object whose weights are read below
        torch.manual_seed(global_seed)  # global draws must not change the order of the batches
        m.train_segmenter(model, images, targets, epochs=2, lr=1e-2, batch_size=5, seed=7)
        runs.append(torch.cat([p.detach().flatten() for p in model.parameters()]))
    assert torch.allclose(runs[0], runs[1]), \
        "two runs with the same seed trained different weights: draw the batch order from a generator seeded with `seed`"


@pytest.mark.points(1)
def test_foreground_iou(load):
    """foreground_iou is the IoU of class 1 between the model's argmax and the targets, ignoring -100."""
    m = load("training")
    torch.manual_seed(0)
    model = small_model()
    images = torch.rand(4, 3, 8, 8)
    targets = torch.randint(0, 2, (4, 8, 8))
    targets[:, 0] = -100
    with torch.no_grad():
        pred = model(images).argmax(1)
    valid = targets != -100
    want = ((pred == 1) & (targets == 1) & valid).sum().item() / (((pred == 1) | (targets == 1)) & valid).sum().item()
    got = m.foreground_iou(model, images, targets)
    assert abs(got - want) < 1e-6, "foreground_iou is wrong: use class 1 only and leave ignored pixels out"
