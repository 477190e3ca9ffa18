"""Hidden specs for week01/arrays.py."""
import numpy as np
import numpy.random  # noqa: E402,F401 - NumPy loads it lazily: loaded now, np.random.seed reaches the worker
import pytest

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_array_sum_answer(load):
    """The multiple-choice answer on adding arrays of booleans and ints."""
    got = load("arrays").array_sum_answer()
    target = np.array([True, 1, 2]) + np.array([3, 4, False])
    options = {
        "A": None,  # concatenation-like list, a different shape
        "B": np.array([4, 3, 0]) + np.array([0, 2, 2]),
        "C": np.array([1, 1, 2]) + np.array([3, 4, -1]),
        "D": np.array([0, 1, 2, 3, 4, 5]),
    }
    right = [k for k, v in options.items() if v is not None and v.shape == target.shape and (v == target).all()]
    assert isinstance(got, str) and got.strip().upper() in options, \
        "array_sum_answer should return one letter, 'A' to 'D'."
    assert got.strip().upper() in right, \
        "That option does not equal the sum. Evaluate each option in Python (True counts as 1, False as 0)."


@pytest.mark.points(1)
def test_first_year_above(load):
    """first_year_above finds the first year over a threshold, or raises."""
    m = load("arrays")
    year = list(range(1950, 2101))
    pop = (11 / (1 + np.exp(-(np.array(year) - 2000) / 28.0))).round(3).tolist()
    for thr in (5, 10, 2.5):
        expected = year[int(np.argmax(np.array(pop) > thr))]
        got = m.first_year_above(year, pop, thr)
        assert got == expected, "first_year_above returned the wrong year; mask the years with pop > threshold."
        assert isinstance(got, (int, np.integer)), "first_year_above should return an int."
    with pytest.raises(ValueError):
        m.first_year_above(year, pop, 100)
    assert m.first_year_above([2000, 2001, 2002], [4.0, 5.0, 6.0], 5.0) == 2002, \
        "strictly above: a population equal to the threshold does not count"


@pytest.mark.points(1)
def test_synthetic_city(load):
    """synthetic_city draws heights, then weights, rounds them and stacks two columns."""
    m = load("arrays")
    np.random.seed(11)
    got = m.synthetic_city(40)
    np.random.seed(11)
    h = np.round(np.random.normal(1.75, 0.2, 40), 2)
    w = np.round(np.random.normal(60.32, 15, 40), 2)
    got = np.asarray(got)
    assert got.shape == (40, 2), "synthetic_city(n) should return an (n, 2) array."
    assert np.allclose(got, np.column_stack((h, w))), \
        "The values differ: draw all heights first, then all weights, from np.random.normal, and round to 2 decimals."
    assert np.asarray(m.synthetic_city()).shape == (5000, 2), "synthetic_city's n should default to 5000."
