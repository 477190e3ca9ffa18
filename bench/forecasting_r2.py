"""Prints the test R² that week 09's forecasting specs judge, for correct forecasters and planted bugs.

    .venv/bin/python bench/forecasting_r2.py [--seeds N]

The specs (autograder/specs/week09/electricity_data.py) average the series per clock hour, make
standardised 24-hour windows, train a forecaster (hidden 16, 1 layer) 3 epochs with lr 1e-2 and batch 64,
and ask for R² >= 0.4 (above 0 for half points). This script does the same with the reference solution, the
alternative in tests/alternatives/week09 and three planted bugs, on DATA/ and, where it exists, on the
course's original series in ../shared/canonical. The spread of the correct rows is what the 0.4 bar rests on.

Measured on 2 shared cores (2026-12-03), seeds 0-2, R² on the test file:

    data         persistence   correct (LSTM, GRU)   (B,1) vs (B,) loss   no zero_grad      untrained
    substitute   0.38          0.50-0.54             -0.08 to -0.03       -10.0 to 0.38     -0.23 to 0.02
    original     0.82          0.69-0.82             0.00 to 0.04         -185 to 0.09      -0.27 to -0.02
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import warnings
from pathlib import Path

import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "autograder" / "specs" / "week09"))
from electricity_data import electricity_windows  # noqa: E402  (the specs' own windows)


def module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def planted(squeeze: bool = True, zero_grad: bool = True):
    """A train_forecaster with one bug: the loss on (B, 1) against (B,), or no zero_grad."""
    def train(model, X, y, epochs=3, lr=1e-2, batch_size=64, seed=0):
        gen = torch.Generator().manual_seed(seed)
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        for _ in range(epochs):
            order = torch.randperm(len(X), generator=gen)
            for start in range(0, len(X), batch_size):
                idx = order[start:start + batch_size]
                out = model(X[idx])
                loss = nn.functional.mse_loss(out.squeeze(-1) if squeeze else out, y[idx])
                if zero_grad:
                    opt.zero_grad()
                loss.backward()
                opt.step()
        return [0.0] * epochs
    return train


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore", message="Using a target size")  # the planted broadcasting bug
    sol = module(ROOT / "solutions" / "week09" / "forecasting.py", "sol")
    alt = module(ROOT / "tests" / "alternatives" / "week09" / "forecasting.py", "alt")
    rows = [("solution", sol, sol.train_forecaster), ("alternative", alt, alt.train_forecaster),
            ("(B,1) vs (B,) loss", sol, planted(squeeze=False)), ("no zero_grad", sol, planted(zero_grad=False)),
            ("untrained", sol, lambda *a, **k: [])]
    folders = [("substitute", ROOT / "DATA"), ("original", ROOT.parent / "shared" / "canonical")]
    for label, folder in folders:
        if not (folder / "electricity_consumption" / "electricity_train.csv").exists():
            print(f"{label}: {folder} has no electricity series, skipped")
            continue
        Xtr, ytr, Xte, yte = electricity_windows(folder)
        var = torch.mean((yte - yte.mean()) ** 2).item()
        naive = 1 - torch.mean((Xte[:, -1, 0] - yte) ** 2).item() / var
        print(f"{label}: {len(Xtr):,} training windows, {len(Xte):,} test windows, persistence R² {naive:.3f}")
        for name, mod, train in rows:
            for cls in ("LSTMForecaster", "GRUForecaster"):
                r2 = []
                for seed in range(args.seeds):
                    torch.manual_seed(seed)
                    model = getattr(mod, cls)(input_size=1, hidden_size=16, num_layers=1)
                    train(model, Xtr, ytr, epochs=3, lr=1e-2, batch_size=64, seed=seed)
                    with torch.no_grad():
                        mse = nn.functional.mse_loss(model.eval()(Xte).reshape(-1), yte).item()
                    r2.append(1 - mse / var)
                print(f"    {name:20s} {cls:15s} R² " + "  ".join(f"{v:7.3f}" for v in r2), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
