"""Week 09 (hidden): more forecasters and the training loop's contract."""
import pytest
import torch
from electricity_data import electricity_windows, train_and_score  # a helper module beside the specs

pytestmark = pytest.mark.hidden


@pytest.mark.points(3)
@pytest.mark.timeout(45)
def test_gru_forecasts_the_test_year(load, data_dir, credit):
    """A GRUForecaster (hidden 16, 1 layer) trained 3 epochs reaches a test R² of 0.4 (above 0 for half points)."""
    train_and_score(load("forecasting"), "GRUForecaster", data_dir, credit, hidden=True)


@pytest.mark.points(1)
@pytest.mark.timeout(30)
def test_training_is_seeded(load, data_dir):
    """The same seed gives the same losses and weights, another seed other weights; the loss falls, on the scale of the MSE."""
    m = load("forecasting")
    Xtr, ytr, _, _ = electricity_windows(data_dir)
    Xtr, ytr = Xtr[:1500], ytr[:1500]
    def fit_mse(model) -> float:  # judged on the model itself, not on the losses the submission reports
        return torch.mean((model(Xtr).detach().reshape(-1) - ytr) ** 2).item()

    histories, weights, fits = [], [], []
    for seed in (7, 7, 8):
        torch.manual_seed(5)
        model = m.RNNForecaster(1, 8, 1)
        before = fit_mse(model)
        torch.manual_seed(100 + len(histories))  # shuffling must follow the seed argument, not the global state
        histories.append(m.train_forecaster(model, Xtr, ytr, epochs=3, lr=1e-2, batch_size=64, seed=seed))
        weights.append(list(model.state_dict().values()))
        fits.append((before, fit_mse(model)))
    assert all(isinstance(v, float) for v in histories[0]), "the history should hold Python floats"
    assert histories[0] == histories[1], "two runs with the same seed should give the same losses: shuffle with a generator seeded by `seed`"
    assert all(torch.equal(a, b) for a, b in zip(weights[0], weights[1])), (
        "two runs with the same seed should end with the same weights: shuffle with a generator seeded by `seed`")
    assert not all(torch.equal(a, b) for a, b in zip(weights[0], weights[2])), (
        "seeds 7 and 8 gave the same weights: draw a new order of the windows each epoch from the seeded generator")
    assert fits[0][1] < fits[0][0], "training should lower the model's error on its training data: check the optimiser steps"
    assert histories[0][-1] < histories[0][0], "the mean training loss should fall from the first epoch to the last"
    (before, after), last = fits[0], histories[0][-1]
    assert after / 3 < last < before * 3, (
        f"the last epoch's mean loss {last:.4g} is not on the scale of the model's MSE on the training data "
        f"({before:.4g} before training, {after:.4g} after): weight each batch's loss by its size and divide by the "
        "number of windows")
