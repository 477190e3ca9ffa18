"""Week 09, task group 1: turning a time series into (window, next value) training pairs."""
from __future__ import annotations

import numpy as np
import pandas as pd


def create_sequences(data: pd.DataFrame | np.ndarray, seq_length: int) -> tuple[np.ndarray, np.ndarray]:
    """Sliding windows over a series, each paired with the value that follows it.

    data: a 1-D array of N values, or a DataFrame in the course layout (timestamp, consumption) whose
        values are in its second column (``data.iloc[:, 1]``).
    Returns (X, y): X has shape (N - seq_length, seq_length) with X[i] = values[i : i + seq_length];
    y has shape (N - seq_length,) with y[i] = values[i + seq_length]. Both keep the values' dtype.
    When N <= seq_length, X is (0, seq_length) and y is (0,). The input is not modified.
    """
    raise NotImplementedError


def seq_len_for_hours(hours: float, minutes_per_sample: int = 15) -> int:
    """The number of samples (an int) that cover `hours` hours when one sample is taken every
    `minutes_per_sample` minutes, e.g. 24 h of 15-minute readings -> 96."""
    raise NotImplementedError


def time_split(series: np.ndarray, train_frac: float) -> tuple[np.ndarray, np.ndarray]:
    """Split a series by time: the first round(train_frac * N) values are the training part, the rest
    the test part, both in their original order (never shuffle a time series before splitting)."""
    raise NotImplementedError
