"""Public specs for week01/arrays.py (NumPy basics)."""
import numpy as np
import pytest

from autograder.boundary import in_worker

HEIGHT = [1.73, 1.68, 1.71, 1.89, 1.79]  # the notes' family, metres
WEIGHT = [65.4, 59.2, 63.6, 88.4, 68.7]  # kg
NOTES_BMI = [21.851, 20.975, 21.750, 24.747, 21.441]  # as printed in the notes (3 decimals)


def _baseball(seed: int, n: int = 150):
    rng = np.random.default_rng(seed)
    heights = rng.integers(67, 84, n).tolist()
    weights = rng.integers(150, 291, n).tolist()
    return heights, weights


@pytest.mark.points(1)
def test_to_array(load):
    """to_array turns a flat list and a list of lists into arrays."""
    m = load("arrays")
    baseball = [180, 215, 210, 210, 188, 176, 209, 200]
    got = m.to_array(baseball)
    assert isinstance(got, np.ndarray), f"to_array should return a numpy.ndarray, got {type(got).__name__}."
    assert got.shape == (8,), f"a list of 8 numbers should give shape (8,), got {got.shape}."
    assert np.issubdtype(got.dtype, np.integer), \
        f"a list of ints should give an integer array, got dtype {got.dtype}; let np.array pick the dtype."
    assert got.tolist() == baseball, "the array should hold the same values in the same order."
    rows = [[180, 78.4], [215, 102.7], [210, 98.5], [188, 75.2]]
    got2 = m.to_array(rows)
    assert isinstance(got2, np.ndarray) and got2.shape == (4, 2), \
        f"a list of 4 lists of 2 numbers should give shape (4, 2), got {getattr(got2, 'shape', None)}."
    assert np.allclose(got2, rows), "the 2-D array should hold the rows in order."


@in_worker
def inches_to_metres_and_input(module, height_in):
    """Runs in the worker: call inches_to_metres on a list there, return its result and that list afterwards."""
    got = module.inches_to_metres(height_in)
    return got, height_in


@pytest.mark.points(1)
def test_inches_to_metres(load):
    """inches_to_metres multiplies every height by 0.0254."""
    m = load("arrays")
    height_in = [74, 74, 72, 75, 75, 73]
    before = list(height_in)
    got, height_in = inches_to_metres_and_input(m, height_in)  # the list the submission saw, after the call
    assert isinstance(got, np.ndarray), f"inches_to_metres should return a numpy array, got {type(got).__name__}."
    assert np.issubdtype(got.dtype, np.floating), f"heights in metres should be floats, got dtype {got.dtype}."
    assert got.shape == (6,), f"expected one value per height, shape (6,), got {got.shape}."
    assert np.allclose(got, [1.8796, 1.8796, 1.8288, 1.905, 1.905, 1.8542]), \
        f"74 inches is 1.8796 m; got {got.tolist()}. Multiply by 0.0254."
    assert height_in == before, "the input list must not change."


@pytest.mark.points(1)
def test_bmi_matches_notes(load):
    """bmi gives the notes' values for the family."""
    m = load("arrays")
    got = m.bmi(HEIGHT, WEIGHT)
    assert isinstance(got, np.ndarray) and got.shape == (5,), \
        f"bmi should return an array with one value per person, shape (5,), got {getattr(got, 'shape', type(got))}."
    assert np.allclose(got, NOTES_BMI, atol=1e-3), \
        f"expected about {NOTES_BMI}, got {np.round(got, 3).tolist()}. BMI is weight / height ** 2."
    exact = np.array(WEIGHT) / np.array(HEIGHT) ** 2
    assert np.allclose(got, exact, rtol=1e-12), "bmi should not round its results."


@pytest.mark.points(1)
def test_above_uses_a_strict_mask(load):
    """above keeps the values strictly above the threshold, in order."""
    m = load("arrays")
    bmi = np.array(WEIGHT) / np.array(HEIGHT) ** 2
    got = np.asarray(m.above(bmi, 23))
    assert got.shape == (1,) and np.isclose(got[0], 24.7473475, atol=1e-6), \
        f"bmi[bmi > 23] for the notes' family is [24.747], got {got.tolist()}."
    got = np.asarray(m.above([5, 1, 9, 3, 7, 3], 3))
    assert got.tolist() == [5, 9, 7], \
        f"above([5, 1, 9, 3, 7, 3], 3) should be [5, 9, 7] (strictly greater, original order), got {got.tolist()}."
    got = np.asarray(m.above([1.0, 2.0], 10))
    assert got.size == 0, f"nothing is above 10 in [1.0, 2.0]: expected an empty array, got {got.tolist()}."


@pytest.mark.points(1)
def test_columns(load):
    """columns selects whole columns of a 2-D array (np_2d[:, [1, 2]])."""
    m = load("arrays")
    np_2d = np.array([HEIGHT, WEIGHT])
    got = np.asarray(m.columns(np_2d, [1, 2]))
    assert got.shape == (2, 2), f"two rows and two chosen columns give shape (2, 2), got {got.shape}."
    assert np.allclose(got, [[1.68, 1.71], [59.2, 63.6]]), \
        f"expected the second and third person, [[1.68, 1.71], [59.2, 63.6]], got {got.tolist()}."
    got = np.asarray(m.columns(np_2d, [4, 0]))
    assert np.allclose(got, [[1.79, 1.73], [68.7, 65.4]]), \
        "columns should follow the order of idx: [4, 0] gives the fifth person, then the first."


@pytest.mark.points(1)
def test_baseball_subset(load):
    """baseball_subset picks weight 51 and heights 100..110."""
    m = load("arrays")
    heights, weights = _baseball(1)
    weight, sub = m.baseball_subset(heights, weights)
    assert weight == weights[51], f"the weight at position 51 is {weights[51]}, got {weight}. Indices start at 0."
    sub = np.asarray(sub)
    assert sub.shape == (11,), \
        f"indices 100 to 110 inclusive are 11 values, got shape {sub.shape}. A slice stops before its end."
    assert sub.tolist() == heights[100:111], "the sub-array should be the heights at indices 100 to 110."


@pytest.mark.points(1)
def test_height_summary(load):
    """height_summary gives mean, median, std and the correlation matrix."""
    m = load("arrays")
    rng = np.random.default_rng(7)
    h = rng.normal(73.7, 2.3, 300).round()
    w = (h * 4.5 - 130 + rng.normal(0, 15, 300)).round()
    data = np.column_stack((h, w, rng.normal(28, 4, 300).round(2)))
    got = m.height_summary(data)
    assert isinstance(got, dict), f"height_summary should return a dict, got {type(got).__name__}."
    missing = {"mean", "median", "std", "corr"} - set(got)
    assert not missing, f"the dict is missing the keys {sorted(missing)}."
    assert np.isclose(got["mean"], np.mean(h)), f"mean of column 0 should be {np.mean(h):.6f}, got {got['mean']}."
    assert np.isclose(got["median"], np.median(h)), f"median should be {np.median(h)}, got {got['median']}."
    assert np.isclose(got["std"], np.std(h)), \
        f"std should be {np.std(h):.6f} (np.std, ddof=0), got {got['std']}."
    corr = np.asarray(got["corr"])
    assert corr.shape == (2, 2) and np.allclose(corr, np.corrcoef(h, w)), \
        "corr should be np.corrcoef(height, weight), a 2 x 2 matrix with 1 on the diagonal."
    # a few typos (72000 instead of 72) move the mean a lot and the median not at all
    typo = data.copy()
    typo[[3, 50, 120], 0] *= 1000
    got = m.height_summary(typo)
    assert np.isclose(got["mean"], np.mean(typo[:, 0])) and np.isclose(got["median"], np.median(typo[:, 0])), \
        "with outliers in column 0, mean and median should still be computed on column 0 as given."
