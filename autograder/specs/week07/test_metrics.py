"""Week 07, task 4: per-pixel losses and overlap metrics (oracles: PyTorch, torchmetrics, hand maths)."""
import pytest
import torch
import torch.nn.functional as F
from torchmetrics.classification import MulticlassConfusionMatrix, MulticlassJaccardIndex

from autograder.boundary import by_hand

# pixel_cross_entropy equals F.cross_entropy "without calling it": torch's loss functions refuse while it runs
# (nn.CrossEntropyLoss and nn.NLLLoss call them too); log_softmax stays allowed
LOSSES = ("torch.nn.functional.cross_entropy", "torch.nn.functional.nll_loss")
# "Do not call torchmetrics here": the confusion matrix and the IoU are counted by hand, torchmetrics is the oracle
TORCHMETRICS = ("torchmetrics.classification.MulticlassConfusionMatrix", "torchmetrics.classification.MulticlassJaccardIndex",
                "torchmetrics.ConfusionMatrix", "torchmetrics.JaccardIndex", "torchmetrics.functional.confusion_matrix",
                "torchmetrics.functional.jaccard_index", "torchmetrics.functional.classification.multiclass_confusion_matrix",
                "torchmetrics.functional.classification.multiclass_jaccard_index")


def batch(seed: int, n: int = 2, c: int = 3, h: int = 6, w: int = 5):
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(n, c, h, w, generator=g)
    target = torch.randint(0, c, (n, h, w), generator=g)
    target[torch.rand(n, h, w, generator=g) < 0.2] = -100
    return logits, target


@pytest.mark.points(1)
def test_pixel_cross_entropy(load):
    """pixel_cross_entropy equals F.cross_entropy, with ignored pixels and with class weights."""
    m = load("metrics")
    logits, target = batch(1)
    weight = torch.tensor([0.2, 1.0, 3.0])
    with by_hand(*LOSSES):
        got = m.pixel_cross_entropy(logits, target)
        weighted = m.pixel_cross_entropy(logits, target, weight=weight)
    assert got.dim() == 0, f"the loss should be a scalar tensor, got shape {tuple(got.shape)}"
    want = F.cross_entropy(logits, target, ignore_index=-100)
    assert torch.allclose(got, want, atol=1e-5), \
        f"got {got.item():.5f}, expected {want.item():.5f}: average -log softmax of the true class over non-ignored pixels"
    want = F.cross_entropy(logits, target, weight=weight, ignore_index=-100)
    assert torch.allclose(weighted, want, atol=1e-5), \
        f"with weights got {weighted.item():.5f}, expected {want.item():.5f}: divide by the sum of the weights of the counted pixels"


@pytest.mark.points(1)
def test_soft_dice_loss(load):
    """soft_dice_loss follows the stated formula (sums over the batch, ignored pixels left out)."""
    m = load("metrics")
    logits, target = batch(2)
    p = logits.softmax(1)
    valid = target != -100
    dice = []
    for c in range(3):
        pc, tc = p[:, c][valid], (target[valid] == c).float()
        dice.append((2 * (pc * tc).sum() + 1) / (pc.sum() + tc.sum() + 1))
    want = 1 - torch.stack(dice).mean()
    got = m.soft_dice_loss(logits, target)
    assert torch.allclose(got, want, atol=1e-5), f"got {float(got):.5f}, expected {want.item():.5f}"
    perfect = F.one_hot(target.clamp(min=0), 3).permute(0, 3, 1, 2).float() * 50
    assert m.soft_dice_loss(perfect, target) < 0.01, "confident, correct logits should give a loss near 0"


@pytest.mark.points(1)
def test_confusion_matrix(load):
    """confusion_matrix matches torchmetrics (rows: true class, columns: predicted class)."""
    m = load("metrics")
    _, target = batch(3, c=4)
    pred = torch.randint(0, 4, target.shape)
    with by_hand(*TORCHMETRICS):
        got = m.confusion_matrix(pred, target, 4)
    want = MulticlassConfusionMatrix(4, ignore_index=-100)(pred, target)
    assert got.shape == (4, 4), f"expected (4, 4), got {tuple(got.shape)}"
    assert torch.equal(got.long(), want.long()), "counts differ: entry [i, j] counts true class i predicted as j; skip ignored pixels"


@pytest.mark.points(1)
def test_iou_per_class(load):
    """iou_per_class and mean_iou match torchmetrics' JaccardIndex when every class occurs."""
    m = load("metrics")
    _, target = batch(4, c=3, h=10, w=10)
    pred = torch.randint(0, 3, target.shape)
    with by_hand(*TORCHMETRICS):
        got = m.iou_per_class(pred, target, 3)
        mean = m.mean_iou(pred, target, 3)
    want = MulticlassJaccardIndex(3, average="none", ignore_index=-100)(pred, target)
    assert got.shape == (3,), f"expected one IoU per class, got shape {tuple(got.shape)}"
    assert torch.allclose(got.float(), want, atol=1e-6), f"got {got.tolist()}, expected {want.tolist()}"
    assert isinstance(mean, float), "mean_iou should return a Python float"
    assert abs(mean - want.mean().item()) < 1e-6, f"mean_iou: got {mean}, expected {want.mean().item()}"


@pytest.mark.points(1)
def test_dice_coefficient(load):
    """dice_coefficient is 2|A and B| / (|A| + |B|)."""
    m = load("metrics")
    a = torch.zeros(6, 6, dtype=torch.bool)
    b = torch.zeros(6, 6, dtype=torch.bool)
    a[:3] = True   # 18 pixels
    b[1:5] = True  # 24 pixels, 12 shared
    got = m.dice_coefficient(a, b)
    assert isinstance(got, float), "dice_coefficient should return a Python float"
    assert abs(got - 24 / 42) < 1e-6, f"got {got}, expected 2 * 12 / (18 + 24) = {24 / 42:.6f}"
