"""Week 03, water potability: public specs."""
import numpy as np
import pandas as pd
import pytest
import torch
from matplotlib.figure import Figure
from torch import nn
from torchmetrics.functional.classification import binary_accuracy, binary_f1_score
from water_rows import table, unseen_rows  # a helper module beside the specs

from autograder.boundary import in_worker

MAJORITY_ACC = 297 / 503   # always answering "not potable" (the class balance of the test file and of the unseen rows)
UNSEEN = (2970, 2060)       # (not potable, potable) rows the trained model is scored on: 10 test files' worth


@in_worker
def into_worker(model):
    """Runs in the worker: the spec's model arrives there as a copy; the spec gets back a handle to that copy,
    so what the submission does to it (mode, parameters) is what the spec then reads."""
    return model


def _test_metrics(model, x, y):
    """Accuracy and F1 of `model` on the rows x (N, 9) with labels y, predicting class 1 when the logit is > 0 (not a spec)."""
    model.eval()
    with torch.no_grad():
        out = model(x)
    assert isinstance(out, torch.Tensor) and out.numel() == len(x), \
        f"the trained model should return one logit per row, shape (N, 1) or (N,); got {getattr(out, 'shape', type(out))}"
    logits = out.reshape(-1).float()
    assert torch.isfinite(logits).all(), "the trained model outputs nan or inf: check the learning rate and the loss"
    if (logits > 0).all() and logits.min() >= 0 and logits.max() <= 1:
        raise AssertionError("every output lies in [0, 1] and every row is predicted potable: return raw logits, "
                             "not sigmoid probabilities (use BCEWithLogitsLoss and no Sigmoid at the end)")
    pred = (logits > 0).long()
    return binary_accuracy(pred, y.long()).item(), binary_f1_score(pred, y.long()).item()


@pytest.mark.points(2)
def test_water_dataset(load, data_dir):
    """WaterDataset reads the CSV: length, item types and values."""
    m = load("water")
    df = pd.read_csv(data_dir / "water_train.csv")
    ds = m.WaterDataset(data_dir / "water_train.csv")
    assert len(ds) == 1508, f"water_train.csv has 1508 rows, the dataset has length {len(ds)}"
    x, y = ds[4]
    assert isinstance(x, torch.Tensor) and x.dtype == torch.float32 and tuple(x.shape) == (9,), \
        f"features should be a float32 tensor of shape (9,), got {type(x).__name__} {getattr(x, 'dtype', '')} {tuple(getattr(x, 'shape', ()))}"
    assert isinstance(y, torch.Tensor) and y.dtype == torch.float32 and y.dim() == 0, \
        f"the label should be a float32 0-dim tensor, got {type(y).__name__} {getattr(y, 'dtype', '')} of shape {tuple(getattr(y, 'shape', ()))}"
    row = df.iloc[4]
    assert np.allclose(x.numpy(), row.drop("Potability").to_numpy(float), atol=1e-6), "the features of item 4 are not the nine feature columns of row 4"
    assert y.item() == row["Potability"], "the label of item 4 is not the Potability of row 4"
    labels = torch.stack([ds[i][1] for i in range(len(ds))])
    assert labels.sum().item() == 605, f"the train file has 605 potable rows, the dataset's labels sum to {labels.sum().item()}"
    assert len(m.WaterDataset(str(data_dir / "water_test.csv"))) == 503, "WaterDataset should accept a str path too (water_test.csv has 503 rows)"


@pytest.mark.points(2)
def test_evaluate(load, data_dir):
    """evaluate returns the mean BCE-with-logits loss, accuracy and F1, with dropout off."""
    m = load("water")
    x, y = table(data_dir / "water_test.csv")
    x, y = x[:500], y[:500]
    lin = nn.Linear(9, 1)
    with torch.no_grad():
        lin.weight.copy_(torch.linspace(-2, 2, 9))
        lin.bias.fill_(-torch.quantile(x @ lin.weight[0], 0.6).item())   # about 40 % predicted potable
    model = nn.Sequential(nn.Dropout(0.5), lin)
    model.train()
    with torch.no_grad():
        logits = lin(x).reshape(-1)
        per_row = nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none")
    order = per_row.argsort()   # the last, smaller batch (50 of 500 rows) holds the worst rows: batch means != sample means
    x, y, logits, per_row = x[order], y[order], logits[order], per_row[order]
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=150)
    batch_means = per_row.split(150)
    mean_of_batch_means = torch.stack([b.mean() for b in batch_means]).mean().item()
    before = [p.detach().clone() for p in model.parameters()]
    model = into_worker(model)  # from here on, the worker's copy: its mode and parameters after evaluate are read back
    got = m.evaluate(model, loader)
    want = {"loss": per_row.mean().item(),
            "acc": binary_accuracy(torch.sigmoid(logits), y.long()).item(),
            "f1": binary_f1_score(torch.sigmoid(logits), y.long()).item()}
    assert abs(mean_of_batch_means - want["loss"]) > 0.05, "grader bug: the batches do not tell batch means from sample means"
    assert isinstance(got, dict) and set(want) <= set(got), f"evaluate should return a dict with keys loss, acc, f1; got {got!r}"
    for key in want:
        assert isinstance(got[key], float), f"{key} should be a Python float (use .item()), got {type(got[key]).__name__}"
        if key == "loss" and abs(got[key] - mean_of_batch_means) < 1e-4:
            raise AssertionError(f"loss is {got[key]:.4f}, the mean of the batches' mean losses, expected {want[key]:.4f}: the last "
                                 "batch is smaller, so sum the per-sample losses (reduction='sum') and divide by the number of samples")
        assert abs(got[key] - want[key]) < 1e-4, \
            f"{key} is {got[key]:.4f}, expected {want[key]:.4f}: switch to model.eval() so dropout is off, and average over all samples"
    assert model.training, "evaluate should put the model back in train mode (model.train()) when it was training"
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters())), "evaluate changed the model's parameters"


@pytest.mark.points(4)
@pytest.mark.timeout(60)
def test_train_water_beats_majority(load, data_dir, credit):
    """train_water(epochs=30, seed=0) beats the majority class on rows it has never seen (bands of accuracy and F1)."""
    m = load("water")
    model, history = m.train_water(data_dir / "water_train.csv", epochs=30, seed=0)
    assert isinstance(model, nn.Module), f"train_water should return (model, history), the model is a {type(model).__name__}"
    assert len(history["train_loss"]) == 30, f"history['train_loss'] should have one value per epoch (30), got {len(history['train_loss'])}"
    x, y, where = unseen_rows(data_dir, UNSEEN)
    acc, f1 = _test_metrics(model, x, y)
    note = f"accuracy {acc:.3f}, F1 {f1:.3f} on {where} (majority class: accuracy {MAJORITY_ACC:.3f}, F1 0)"
    if acc >= 0.61:
        credit(0.25, note + ": band 1 of 4 (accuracy >= 0.61)")
    if acc >= 0.62:
        credit(0.5, note + ": band 2 of 4 (accuracy >= 0.62)")
    if acc >= 0.63 and f1 >= 0.35:
        credit(0.75, note + ": band 3 of 4 (accuracy >= 0.63, F1 >= 0.35)")
    assert acc >= 0.64 and f1 >= 0.42, (note + ". Full points need accuracy >= 0.64 and F1 >= 0.42: try a wider MLP "
                                        "(e.g. 9-64-32-1 with ReLU), Adam with lr around 1e-3 to 3e-3, batch size 32, "
                                        "and, if F1 is low, pos_weight > 1 in BCEWithLogitsLoss. Train on train_csv only: the score is measured on "
                                        "data the model has not seen")
    credit(1.0, note)


@pytest.mark.points(1)
def test_plot_history(load):
    """plot_history draws one line per history series, against epochs 1, 2, ..."""
    m = load("water")
    history = {"train_loss": [0.69, 0.65, 0.62, 0.60], "val_loss": [0.70, 0.66, 0.64, 0.65],
               "val_acc": [0.59, 0.62, 0.66, 0.67], "val_f1": [0.10, 0.30, 0.50, 0.55]}
    fig = m.plot_history(history)
    assert isinstance(fig, Figure), f"plot_history should return a matplotlib Figure, got {type(fig).__name__}"
    lines = [line for ax in fig.axes for line in ax.lines]
    for key, values in history.items():
        found = [line for line in lines if len(line.get_ydata()) == len(values) and np.allclose(line.get_ydata(), values)]
        assert found, f"no line in the figure shows history[{key!r}]"
        assert np.allclose(found[0].get_xdata(), [1, 2, 3, 4]), f"history[{key!r}] should be drawn against the epochs 1, 2, 3, 4"
        assert found[0].get_label() == key, f"the line of history[{key!r}] should be labelled {key!r}, got {found[0].get_label()!r}"
