"""Hidden specs for week 04, metrics."""
import pytest
import torch
from torchmetrics.classification import MulticlassF1Score, MulticlassPrecision, MulticlassRecall

pytestmark = pytest.mark.hidden

METRICS = {"precision": MulticlassPrecision, "recall": MulticlassRecall, "f1": MulticlassF1Score}
AVERAGES = {"per_class": "none", "micro": "micro", "macro": "macro", "weighted": "weighted"}


def compare(m, preds, target, k, where):
    got = m.multiclass_scores(preds, target, k)
    for n, cls in METRICS.items():
        for a, avg in AVERAGES.items():
            want = cls(num_classes=k, average=avg)(preds, target).float()
            g = torch.as_tensor(got[f"{n}_{a}"], dtype=torch.float32)
            assert g.shape == want.shape and torch.allclose(g, want, atol=1e-4), \
                f"{n}_{a} is wrong on {where}"


@pytest.mark.points(1)
def test_scores_on_random_predictions(load):
    """Every key matches torchmetrics on random 7-class predictions."""
    m = load("metrics")
    g = torch.Generator().manual_seed(7)
    for n in (20, 105):
        target = torch.randint(0, 7, (n,), generator=g)
        preds = torch.where(torch.rand(n, generator=g) < 0.5, target, torch.randint(0, 7, (n,), generator=g))
        compare(m, preds, target, 7, f"random 7-class predictions ({n} samples)")


@pytest.mark.points(1)
def test_classes_never_predicted(load):
    """A class that is never predicted scores precision 0, and a class absent everywhere is left out of macro."""
    m = load("metrics")
    target = torch.tensor([0, 0, 1, 1, 2, 2, 2])
    preds = torch.tensor([0, 0, 0, 1, 0, 1, 1])  # class 2 never predicted, class 3 absent from both
    compare(m, preds, target, 4, "4 classes where one is never predicted and one never occurs")
