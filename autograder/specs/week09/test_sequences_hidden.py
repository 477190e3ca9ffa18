"""Week 09 (hidden): sliding windows, further cases."""
import numpy as np
import pytest

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def call_keeping_input(fn, series, *args):
    """Runs in the worker: calls fn(series, *args) there; returns its result and series as the call left it."""
    out = fn(series, *args)
    return out, series


@pytest.mark.points(1)
def test_create_sequences_matches_a_sliding_window(load):
    """create_sequences on random float32 data equals a sliding window, leaves the input unchanged, and gives empty arrays for short series."""
    m = load("sequences")
    series = np.random.default_rng(3).standard_normal(57).astype(np.float32)
    before = series.copy()
    # called in the worker on the worker's array: the spec's own series is a copy the submission never sees
    (X, y), after = call_keeping_input(m.create_sequences, series, 11)
    expected = np.lib.stride_tricks.sliding_window_view(series, 11)[:-1]
    assert np.shape(X) == expected.shape and np.allclose(X, expected), "the windows are not series[i : i + seq_length]"
    assert np.allclose(y, series[11:]), "the targets are not the values right after each window"
    assert isinstance(after, np.ndarray) and np.array_equal(after, before), "create_sequences must not modify its input"
    for n in (11, 4):  # N <= seq_length: no complete window
        X, y = m.create_sequences(series[:n], 11)
        assert np.shape(X) == (0, 11) and np.shape(y) == (0,), (
            f"with {n} values and seq_length 11 there is no window: X should be (0, 11) and y (0,), got "
            f"{np.shape(X)} and {np.shape(y)}")


@pytest.mark.points(1)
def test_split_and_hours_other_values(load):
    """time_split with another fraction, and seq_len_for_hours with other sampling rates."""
    m = load("sequences")
    train, test = m.time_split(np.arange(10), 0.7)
    assert list(train) + list(test) == list(range(10)) and len(train) == 7, "the split should keep every value in order"
    assert m.seq_len_for_hours(1, minutes_per_sample=5) == 12, "the number of samples per hour depends on the rate"
    assert m.seq_len_for_hours(48) == 192, "two days of 15-minute samples"
