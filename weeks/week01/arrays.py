"""Week 01, NumPy: arrays, element-wise maths, boolean masks, 2-D indexing and summary statistics.

Replace every `raise NotImplementedError` with your code. Use NumPy (no Python loops are needed).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

INCH_IN_METRES = 0.0254  # one inch is exactly 2.54 cm


def to_array(values: Sequence) -> np.ndarray:
    """Turn a Python list into a NumPy array.

    A flat list gives a 1-D array, a list of equally long lists gives a 2-D array with one row per
    inner list. The values and their kind are kept: a list of ints gives an integer array.
    Example: to_array([[74, 180], [72, 215]]).shape == (2, 2).
    """
    raise NotImplementedError


def inches_to_metres(height_in: Sequence[float]) -> np.ndarray:
    """Convert heights from inches to metres.

    Returns a 1-D float array with one value per input height, each multiplied by INCH_IN_METRES.
    The input list must not change.
    """
    raise NotImplementedError


def array_sum_answer() -> str:
    """Which option equals np.array([True, 1, 2]) + np.array([3, 4, False])?

    A. np.array([True, 1, 2, 3, 4, False])
    B. np.array([4, 3, 0]) + np.array([0, 2, 2])
    C. np.array([1, 1, 2]) + np.array([3, 4, -1])
    D. np.array([0, 1, 2, 3, 4, 5])

    Return the letter as a one-character upper-case string, e.g. "A".
    """
    raise NotImplementedError


def bmi(height: Sequence[float], weight: Sequence[float]) -> np.ndarray:
    """Body mass index of every person: weight / height ** 2, element by element.

    height (metres) and weight (kg) are lists or 1-D arrays of the same length n.
    Returns a float array of shape (n,).
    """
    raise NotImplementedError


def above(values: Sequence[float], threshold: float) -> np.ndarray:
    """The values strictly greater than `threshold`, in their original order.

    Use a boolean mask (values > threshold). Returns a 1-D array, possibly empty.
    Example: above(bmi(height, weight), 23) on the notes' family gives array([24.747...]).
    """
    raise NotImplementedError


def baseball_subset(height_in: Sequence[int], weight_lb: Sequence[int]) -> tuple[float, np.ndarray]:
    """Subset two equally long lists of players' heights and weights.

    Returns (weight at index 51, heights at indices 100 to 110 inclusive), the second as a 1-D array
    of 11 values. Both lists have at least 112 entries.
    """
    raise NotImplementedError


def columns(data: np.ndarray, idx: Sequence[int]) -> np.ndarray:
    """All rows of the 2-D array `data`, keeping only the columns whose indices are in `idx`.

    Example: for the notes' 2 x 5 family array, columns(np_2d, [1, 2]) is the height and weight of the
    second and third person, shape (2, 2).
    """
    raise NotImplementedError


def height_summary(np_baseball: np.ndarray) -> dict[str, object]:
    """Summary statistics of a 2-D array whose column 0 is height and column 1 is weight.

    Returns a dict with the keys
      "mean", "median", "std": floats computed on column 0 (std is NumPy's default, ddof=0);
      "corr": the 2 x 2 correlation matrix (np.corrcoef) of column 0 and column 1.
    """
    raise NotImplementedError


def first_year_above(year: Sequence[int], pop: Sequence[float], threshold: float) -> int:
    """The first year (in list order) whose population is strictly above `threshold`.

    year and pop are equally long. Returns a Python int. Raises ValueError if no population
    exceeds the threshold.
    """
    raise NotImplementedError


def synthetic_city(n: int = 5000) -> np.ndarray:
    """Made-up survey data: an (n, 2) float array of [height, weight] rows.

    Draw from NumPy's global random state (the caller seeds it with np.random.seed): first all n
    heights with np.random.normal(1.75, 0.2, n), then all n weights with np.random.normal(60.32, 15, n);
    round both to 2 decimals and paste them side by side as two columns.
    """
    raise NotImplementedError
