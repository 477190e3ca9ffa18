"""Sliding windows by fancy indexing with an index matrix, and a time split with np.split."""
from __future__ import annotations

import numpy as np
import pandas as pd


def create_sequences(data: pd.DataFrame | np.ndarray, seq_length: int) -> tuple[np.ndarray, np.ndarray]:
    """X[i] = values[i : i + seq_length], y[i] = values[i + seq_length]."""
    values = np.asarray(data.iloc[:, 1]) if isinstance(data, pd.DataFrame) else np.asarray(data)
    n_pairs = max(len(values) - seq_length, 0)
    rows = np.arange(n_pairs)[:, None] + np.arange(seq_length)[None, :]  # (n_pairs, seq_length) indices
    X = values[rows].reshape(n_pairs, seq_length)
    y = values[seq_length:seq_length + n_pairs].copy()
    return X, y


def seq_len_for_hours(hours: float, minutes_per_sample: int = 15) -> int:
    """Samples covering `hours` hours at one sample per `minutes_per_sample` minutes."""
    return int(round(hours * 60 / minutes_per_sample))


def time_split(series: np.ndarray, train_frac: float) -> tuple[np.ndarray, np.ndarray]:
    """First round(train_frac * N) values for training, the rest for testing, in order."""
    series = np.asarray(series)
    train, test = np.split(series, [round(train_frac * len(series))])
    return train, test
