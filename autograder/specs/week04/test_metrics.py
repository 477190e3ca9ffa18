"""Week 04, metrics: multiclass precision, recall and F1, per class and averaged."""
import pytest
import torch
from torchmetrics.classification import MulticlassF1Score, MulticlassPrecision, MulticlassRecall

METRICS = {"precision": MulticlassPrecision, "recall": MulticlassRecall, "f1": MulticlassF1Score}
AVERAGES = {"per_class": "none", "micro": "micro", "macro": "macro", "weighted": "weighted"}


def oracle(preds, target, k):
    return {f"{n}_{a}": cls(num_classes=k, average=avg)(preds, target)
            for n, cls in METRICS.items() for a, avg in AVERAGES.items()}


def check_against(got, expected, where):
    missing = sorted(set(expected) - set(got))
    assert not missing, f"multiclass_scores is missing the keys {missing}"
    for key, value in expected.items():
        g = torch.as_tensor(got[key], dtype=torch.float32)
        assert g.shape == value.shape, f"{key} should have shape {tuple(value.shape)}, got {tuple(g.shape)}"
        assert torch.allclose(g, value.float(), atol=1e-4), f"{key} is {[round(v, 4) for v in g.flatten().tolist()]} on {where}, " \
            f"expected {[round(v, 4) for v in value.float().flatten().tolist()]}"


@pytest.mark.points(1)
def test_scores_on_the_notes_example(load):
    """y_true=[0,1,2,2,2], y_pred=[0,0,2,2,1]: every metric and average matches torchmetrics."""
    m = load("metrics")
    target, preds = torch.tensor([0, 1, 2, 2, 2]), torch.tensor([0, 0, 2, 2, 1])
    got = m.multiclass_scores(preds, target, 3)
    check_against(got, oracle(preds, target, 3), "the notes' example")
    # the table in the course notes, rounded
    assert abs(float(got["f1_weighted"]) - 0.6133) < 1e-3, "weighted F1 of the example should be 0.6133"
    assert abs(float(got["recall_macro"]) - 0.5556) < 1e-3, "macro recall of the example should be 0.5556"


@pytest.mark.points(1)
def test_micro_equals_accuracy(load):
    """For single-label data micro precision, recall and F1 all equal accuracy."""
    m = load("metrics")
    g = torch.Generator().manual_seed(1)
    target = torch.randint(0, 7, (60,), generator=g)
    preds = torch.where(torch.rand(60, generator=g) < 0.6, target, torch.randint(0, 7, (60,), generator=g))
    got = m.multiclass_scores(preds, target, 7)
    acc = (preds == target).float().mean().item()
    for key in ("precision_micro", "recall_micro", "f1_micro"):
        assert abs(float(got[key]) - acc) < 1e-5, f"{key} should equal the accuracy {acc:.4f}, got {float(got[key]):.4f}"


@pytest.mark.points(1)
def test_per_class_by_name(load):
    """per_class_by_name maps per-class values to class names, rounded to 4 places."""
    m = load("metrics")
    class_to_idx = {"cirriform clouds": 0, "clear sky": 1, "cumulonimbus clouds": 2}
    got = m.per_class_by_name(torch.tensor([0.123456, 1.0, 0.909090]), class_to_idx)
    want = {"cirriform clouds": 0.1235, "clear sky": 1.0, "cumulonimbus clouds": 0.9091}
    assert isinstance(got, dict) and set(got) == set(want), f"expected the keys {sorted(want)}, got {got}"
    assert all(isinstance(v, float) for v in got.values()), "values should be Python floats"
    # rounding in float32 (torch.round(values, decimals=4)) lands within 1e-8 of the decimal: both are right
    assert all(abs(got[k] - want[k]) < 1e-6 for k in want), f"expected each class name with its value rounded to 4 places, got {got}"
