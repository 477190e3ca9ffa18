"""Week 09: sliding windows over a time series, and a split by time."""
import numpy as np
import pandas as pd
import pytest


@pytest.mark.points(2)
def test_create_sequences_values(load):
    """create_sequences on arange(10) with seq_length 3 gives the windows and the next values."""
    m = load("sequences")
    X, y = m.create_sequences(np.arange(10), 3)
    assert X.shape == (7, 3) and y.shape == (7,), (
        f"10 values and windows of 3 give 7 pairs: expected X (7, 3) and y (7,), got {X.shape} and {y.shape}")
    assert X[0].tolist() == [0, 1, 2] and X[-1].tolist() == [6, 7, 8], "X[i] should be series[i : i + seq_length]"
    assert y.tolist() == list(range(3, 10)), "y[i] should be series[i + seq_length], the value right after window i"


@pytest.mark.points(1)
def test_create_sequences_reads_the_second_column(load):
    """Given a DataFrame (timestamp, consumption), the values come from the second column, as in the course."""
    m = load("sequences")
    df = pd.DataFrame({"timestamp": [f"t{i}" for i in range(101)], "consumption": np.arange(101) * 0.5})
    X, y = m.create_sequences(df, 5)
    assert X.shape == (96, 5) and y.shape == (96,), f"expected (96, 5) and (96,), got {X.shape} and {y.shape}"
    assert np.allclose(X[0], [0, 0.5, 1, 1.5, 2]), (
        "take the values from the second column (df.iloc[:, 1]), not from the timestamps or the index")
    assert np.isclose(y[0], 2.5), "y[0] should be the value right after the first window (here 2.5)"


@pytest.mark.points(1)
def test_create_sequences_on_the_electricity_file(load, data_dir):
    """On the hourly training file, 24-hour windows give one pair per hour after the first day."""
    m = load("sequences")
    df = pd.read_csv(data_dir / "electricity_consumption" / "electricity_train.csv")
    X, y = m.create_sequences(df, 24)
    n = len(df) - 24
    assert X.shape == (n, 24) and y.shape == (n,), f"expected ({n}, 24) and ({n},), got {X.shape} and {y.shape}"
    assert np.allclose(y[:3], df["consumption"].to_numpy()[24:27]), "y should be the consumption right after each window"


@pytest.mark.points(1)
def test_seq_len_for_hours(load):
    """24 hours of 15-minute samples are 96 steps; of hourly samples, 24."""
    m = load("sequences")
    assert m.seq_len_for_hours(24) == 96, "24 h at one sample every 15 minutes is 24 * 4 = 96 samples"
    assert m.seq_len_for_hours(24, minutes_per_sample=60) == 24, "with hourly samples 24 h is 24 samples"
    assert isinstance(m.seq_len_for_hours(2), int), "return an int: it is used as a length"


@pytest.mark.points(1)
def test_time_split_keeps_the_order(load):
    """time_split puts the earliest values in train and the latest in test, unshuffled."""
    m = load("sequences")
    series = np.arange(100) * 2.0
    train, test = m.time_split(series, 0.8)
    assert len(train) == 80 and len(test) == 20, f"0.8 of 100 values should give 80/20, got {len(train)}/{len(test)}"
    assert np.array_equal(train, series[:80]) and np.array_equal(test, series[80:]), (
        "never shuffle a time series before splitting: train is the first part, test the rest, both in order")
