"""Week 09, task group 1: turning a time series into (window, next value) training pairs."""
from __future__ import annotations

import numpy as np
import pandas as pd


def create_sequences(data: pd.DataFrame | np.ndarray, seq_length: int) -> tuple[np.ndarray, np.ndarray]:
    """Sliding windows over a series: X[i] = values[i : i + seq_length], y[i] = values[i + seq_length]."""
    # a DataFrame in the course layout keeps the values in its second column (timestamp, consumption)
    values = data.iloc[:, 1].to_numpy() if isinstance(data, pd.DataFrame) else np.asarray(data)
    if values.ndim != 1:
        raise ValueError(f"expected a 1-D series, got shape {values.shape}")
    if seq_length < 1:
        raise ValueError("seq_length must be at least 1")
    n = len(values) - seq_length  # number of complete (window, target) pairs
    if n < 1:
        return np.empty((0, seq_length), dtype=values.dtype), np.empty((0,), dtype=values.dtype)
    X = np.stack([values[i:i + seq_length] for i in range(n)])
    y = values[seq_length:].copy()
    return X, y


def seq_len_for_hours(hours: float, minutes_per_sample: int = 15) -> int:
    """How many samples cover `hours` hours when one sample is taken every `minutes_per_sample` minutes."""
    steps = hours * 60 / minutes_per_sample
    if steps != int(steps):
        raise ValueError(f"{hours} h is not a whole number of {minutes_per_sample}-minute samples")
    return int(steps)


def time_split(series: np.ndarray, train_frac: float) -> tuple[np.ndarray, np.ndarray]:
    """Split by time: the first round(train_frac * N) values train, the rest test (no shuffling)."""
    if not 0 < train_frac < 1:
        raise ValueError("train_frac must lie strictly between 0 and 1")
    series = np.asarray(series)
    cut = int(round(train_frac * len(series)))
    return series[:cut], series[cut:]
