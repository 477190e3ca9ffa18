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
    labels = torch.tensor([0, 1, 2, 2])
    got = m.evaluate_localizer(fixed_model(scores, pred), torch.zeros(4, 3, 64, 64), true, labels)
    iou = ops.box_iou(pred, true).diagonal()
    assert abs(got["accuracy"] - 0.75) < 1e-6, "accuracy is the share of argmax scores equal to the labels"
    assert abs(got["mean_iou"] - iou.mean().item()) < 1e-5, "mean_iou is the mean IoU of each predicted box with its own true box"
    assert abs(got["hit_rate"] - (iou >= 0.5).float().mean().item()) < 1e-6, "hit_rate counts boxes with IoU >= 0.5"


@in_worker
def recording_localizer(num_classes):
    """Runs in the worker: a tiny trainable localiser that remembers which images (by their constant pixel value)
    each forward pass saw in training mode."""
    import torch
    from torch import nn

    class Recorder(nn.Module):
        def __init__(self):
            super().__init__()
            self.head = nn.Linear(1, num_classes + 4)
            self.seen, self.weights = [], []

        def forward(self, x):
            if self.training:
                self.seen.append([int(round(v)) for v in x[:, 0, 0, 0].tolist()])
                self.weights.append(torch.cat([self.head.weight.detach().flatten(), self.head.bias.detach()]))
            out = self.head(x.mean(dim=(1, 2, 3)).unsqueeze(1))
            return out[:, :num_classes], torch.sigmoid(out[:, num_classes:]) * x.shape[-1]

    return Recorder()


@in_worker
def seen_batches(model):
    return list(model.seen)


@in_worker
def first_step(model):
    """The largest change of one weight between the first two training forwards: Adam's first step is lr."""
    return (model.weights[1] - model.weights[0]).abs().max().item()


def numbered_images(n: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """n constant 16x16 images whose pixel value is their index, one box, labels 0, 1, 2, 0, ..."""
    images = torch.arange(n, dtype=torch.float32).view(n, 1, 1, 1).expand(n, 3, 16, 16).contiguous()
    return images, torch.tensor([[2.0, 2, 10, 10]]).repeat(n, 1), torch.arange(n) % 3


@pytest.mark.points(1)
def test_train_localizer_visits_every_image_once_per_epoch(load):
    """train_localizer: every epoch shows each image exactly once, in batches of batch_size (the last may be shorter)."""
    m = load("localization")
    images, boxes, labels = numbered_images(10)
    model = recording_localizer(3)
    history = m.train_localizer(model, images, boxes, labels, epochs=2, lr=1e-3, batch_size=4)
    assert len(history) == 2 and all(isinstance(v, float) and v == v for v in history), \
        "train_localizer should return one finite mean loss per epoch"
    batches = seen_batches(model)
    sizes = [len(b) for b in batches]
    assert sizes == [4, 4, 2, 4, 4, 2], (
        f"10 images in batches of 4 for 2 epochs should give batches of 4, 4, 2 twice, got {sizes}: "
        "slice the shuffled order as order[start:start + batch_size]")
    for epoch in (batches[:3], batches[3:]):
        assert sorted(i for b in epoch for i in b) == list(range(10)), \
            "each epoch should show every image exactly once"


@pytest.mark.points(1)
def test_train_localizer_defaults(load):
    """train_localizer's defaults: 10 epochs of batches of 32, and Adam's first step of lr = 1e-3."""
    m = load("localization")
    images, boxes, labels = numbered_images(40)
    model = recording_localizer(3)
    history = m.train_localizer(model, images, boxes, labels)
    sizes = [len(b) for b in seen_batches(model)]
    assert len(history) == 10 and sizes == [32, 8] * 10, (
        f"called without epochs and batch_size, 40 images should be trained for 10 epochs in batches of 32 and 8; "
        f"got {len(history)} epochs and batches of {sizes[:6]}...: keep the defaults of the signature")
    step = first_step(model)
    assert abs(step - 1e-3) < 1e-5, (
        f"Adam's first step moves a weight by lr, and the default lr is 1e-3; the largest first move was {step:.3g}")
