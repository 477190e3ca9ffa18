"""Week 09: recurrent forecasters on a household's electricity series, as hourly means."""
import pytest
import torch
from torch import nn

from electricity_data import train_and_score  # a helper module beside the specs


def recurrent_and_head(model: nn.Module) -> tuple[nn.Module, nn.Linear]:
    rec = [mod for mod in model.modules() if isinstance(mod, (nn.RNN, nn.LSTM, nn.GRU))]
    lin = [mod for mod in model.modules() if isinstance(mod, nn.Linear)]
    assert len(rec) == 1 and len(lin) == 1, (
        f"a forecaster should hold one nn.RNN/nn.LSTM/nn.GRU and one nn.Linear, found {len(rec)} and {len(lin)}")
    return rec[0], lin[0]


@pytest.mark.points(1)
def test_parameter_counts(load):
    """With hidden 32 and 2 layers (the defaults) the forecasters have 3,265 (RNN), 12,961 (LSTM) and 9,729 (GRU) parameters."""
    m = load("forecasting")
    for name, want in [("RNNForecaster", 3265), ("LSTMForecaster", 12961), ("GRUForecaster", 9729)]:
        got = sum(p.numel() for p in getattr(m, name)(1, 32, 2).parameters())
        assert got == want, f"{name}(1, 32, 2) has {got} parameters, expected {want}: a 2-layer recurrent net + Linear(32, 1)"
        default = sum(p.numel() for p in getattr(m, name)().parameters())
        assert default == want, f"{name}() has {default} parameters: the defaults are input_size=1, hidden_size=32, num_layers=2"


@pytest.mark.points(2)
def test_forward_reads_the_last_step(load):
    """forward maps (B, L, 1) to (B, 1): the head applied to the top layer's output at the last time step, from a zero state."""
    m = load("forecasting")
    x = torch.randn(5, 7, 1)
    for name in ["RNNForecaster", "LSTMForecaster", "GRUForecaster"]:
        model = getattr(m, name)(1, 8, 2).eval()
        rec, fc = recurrent_and_head(model)
        with torch.no_grad():
            got = model(x)
            out = rec(x)[0][:, -1] if rec.batch_first else rec(x.transpose(0, 1))[0][-1]
            want = fc(out)
        assert got.shape == (5, 1), f"{name} should return (batch, 1), got {tuple(got.shape)}"
        assert torch.allclose(got, want, atol=1e-6), (
            f"{name}: the prediction should be Linear(output of the last layer at the last time step), starting from zeros")


@pytest.mark.points(1)
def test_evaluate_and_persistence(load):
    """evaluate_mse equals F.mse_loss on (B,) predictions; persistence_mse scores 'next = last value'."""
    m = load("forecasting")
    model = m.GRUForecaster(1, 8, 1)
    X, y = torch.randn(20, 6, 1), torch.randn(20)
    with torch.no_grad():
        want = nn.functional.mse_loss(model.eval()(X).reshape(-1), y).item()
    got = m.evaluate_mse(model, X, y)
    assert isinstance(got, float), "evaluate_mse should return a Python float (use .item())"
    assert abs(got - want) < 1e-6, (
        "evaluate_mse differs from the MSE of the predictions: squeeze the (B, 1) output to (B,) before comparing with y "
        "(broadcasting (B, 1) against (B,) gives a (B, B) matrix)")
    naive = torch.mean((X[:, -1, 0] - y) ** 2).item()
    assert abs(m.persistence_mse(X, y) - naive) < 1e-6, "persistence_mse should predict each target by the window's last value"


@pytest.mark.points(3)
@pytest.mark.timeout(45)
def test_lstm_forecasts_the_test_year(load, data_dir, credit):
    """An LSTMForecaster (hidden 16, 1 layer) trained 3 epochs reaches a test R² of 0.4 (above 0 for half points)."""
    train_and_score(load("forecasting"), "LSTMForecaster", data_dir, credit)
