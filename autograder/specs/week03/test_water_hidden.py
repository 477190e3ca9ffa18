"""Week 03, water potability: hidden specs."""
import math

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn
from torchmetrics.functional.classification import binary_accuracy, binary_f1_score
from water_rows import unseen_rows  # a helper module beside the specs

from autograder.boundary import in_worker
from autograder.datasets import water as water_data

pytestmark = pytest.mark.hidden


@in_worker
def flat_model(lin):
    """Runs in the worker: a model around the spec's Linear(9, 1) whose output has shape (B,) (3 * lin(x)),
    in eval mode; the spec gets its handle."""
    from torch import nn

    class Flat(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = lin

        def forward(self, inp):
            return self.lin(inp).squeeze(-1) * 3

    return Flat().eval()


def _logits(model, x):
    model.eval()
    with torch.no_grad():
        return model(x).reshape(-1)


def _predict(model, path):
    df = pd.read_csv(path)
    x = torch.tensor(df.drop(columns=["Potability"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(df["Potability"].to_numpy())
    model.eval()
    with torch.no_grad():
        logits = model(x).reshape(-1)
    return logits, y


@pytest.mark.points(1)
def test_dataset_finds_label_by_name(load, data_dir, tmp_path):
    """WaterDataset takes the label from the Potability column wherever it is."""
    df = pd.read_csv(data_dir / "water_test.csv").head(20)
    moved = df[["Potability"] + [c for c in df.columns if c != "Potability"]]
    path = tmp_path / "moved.csv"
    moved.to_csv(path, index=False)
    ds = load("water").WaterDataset(path)
    x, y = ds[7]
    assert len(ds) == 20, "the dataset length is wrong for a 20-row file"
    assert np.allclose(x.numpy(), df.drop(columns=["Potability"]).iloc[7].to_numpy(float), atol=1e-6), \
        "with Potability as the first column the features are wrong: drop the label column by name"
    assert y.item() == df["Potability"].iloc[7], "with Potability as the first column the label is wrong: select it by name"


@pytest.mark.points(1)
def test_evaluate_flat_logits(load, data_dir):
    """evaluate also accepts a model returning logits of shape (B,)."""
    df = pd.read_csv(data_dir / "water_test.csv").head(400)
    x = torch.tensor(df.drop(columns=["Potability"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(df["Potability"].to_numpy(), dtype=torch.float32)
    lin = nn.Linear(9, 1)
    model = flat_model(lin)  # built in the worker around a copy of lin: the spec keeps lin for its oracle
    got = load("water").evaluate(model, torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=96))
    with torch.no_grad():
        logits = lin(x).squeeze(-1) * 3
    loss = nn.functional.binary_cross_entropy_with_logits(logits, y).item()
    acc = binary_accuracy(torch.sigmoid(logits), y.long()).item()
    f1 = binary_f1_score(torch.sigmoid(logits), y.long()).item()
    assert abs(got["loss"] - loss) < 1e-4 and abs(got["acc"] - acc) < 1e-4 and abs(got["f1"] - f1) < 1e-4, \
        ("evaluate is wrong for a model whose output has shape (B,) and batches of unequal size: reshape the output "
         "to (B,) before the loss and metrics, and average the loss over samples, not over batches")
    assert not model.training, "evaluate should leave a model that was in eval mode in eval mode"


@pytest.mark.points(1)
@pytest.mark.timeout(30)
def test_train_water_is_seeded(load, data_dir):
    """The same seed gives the same model; the epoch budget is honoured."""
    m = load("water")
    a, ha = m.train_water(data_dir / "water_train.csv", epochs=1, seed=7)
    b, hb = m.train_water(str(data_dir / "water_train.csv"), epochs=1, seed=7)
    assert len(ha["train_loss"]) == 1, "with epochs=1 history['train_loss'] should hold one value"
    la, _ = _predict(a, data_dir / "water_test.csv")
    lb, _ = _predict(b, data_dir / "water_test.csv")
    assert torch.allclose(la, lb), "two runs with the same seed gave different models: call torch.manual_seed(seed) before building the model"


@pytest.mark.points(2)
@pytest.mark.timeout(60)
def test_train_water_with_validation(load, data_dir, credit, tmp_path):
    """train_water(seed=1, val_csv=...) records validation history and beats the majority class on unseen rows."""
    m = load("water")
    vx, vy, _ = unseen_rows(data_dir, (297, 206), skip=(4000, 3000))   # a validation file of unseen rows
    val = pd.DataFrame(vx.numpy().astype(np.float64), columns=water_data.FEATURES)
    val["Potability"] = vy.long().numpy()
    val_csv = tmp_path / "water_val.csv"
    val.to_csv(val_csv, index=False, float_format="%.8f")
    model, history = m.train_water(data_dir / "water_train.csv", epochs=30, seed=1, val_csv=val_csv)
    for key in ("train_loss", "val_loss", "val_acc", "val_f1"):
        assert key in history and len(history[key]) == 30, f"history should have 30 values under {key!r} when val_csv is given"
        assert all(math.isfinite(v) for v in history[key]), f"history[{key!r}] holds nan or inf"
    assert history["train_loss"][-1] < history["train_loss"][0], "the training loss did not go down over the epochs"
    val_pred = (_logits(model, vx) > 0).long()
    assert abs(history["val_acc"][-1] - binary_accuracy(val_pred, vy.long()).item()) < 0.01, \
        "history['val_acc'][-1] is not the accuracy of the returned model on val_csv"
    x, y, where = unseen_rows(data_dir, (2970, 2060))   # neither file, nor the validation rows
    pred = (_logits(model, x) > 0).long()
    acc, f1 = binary_accuracy(pred, y.long()).item(), binary_f1_score(pred, y.long()).item()
    if acc >= 0.62:
        credit(0.5, f"the model beats the majority class on accuracy on {where}, but not by enough for full points")
    assert acc >= 0.64 and f1 >= 0.42, \
        f"the model trained with seed 1 is not clearly better than the majority class on {where} (accuracy and F1)"
    credit(1.0)
