"""Week 01, NumPy: arrays, element-wise maths, boolean masks, 2-D indexing and summary statistics."""
from __future__ import annotations

from typing import Sequence

import numpy as np

INCH_IN_METRES = 0.0254  # one inch is exactly 2.54 cm


def to_array(values: Sequence) -> np.ndarray:
    """A NumPy array holding `values` (a flat list gives 1-D, a list of lists gives 2-D)."""
    return np.array(values)


def inches_to_metres(height_in: Sequence[float]) -> np.ndarray:
    """Heights in inches -> a float array of heights in metres."""
    return np.array(height_in, dtype=float) * INCH_IN_METRES


def array_sum_answer() -> str:
    """The letter of the option that equals np.array([True, 1, 2]) + np.array([3, 4, False])."""
    # True counts as 1 and False as 0, so the target is [4, 5, 2]; only option B adds up to it.
    return "B"


def bmi(height: Sequence[float], weight: Sequence[float]) -> np.ndarray:
    """Body mass index weight / height**2, element by element (height in metres, weight in kg)."""
    h = np.asarray(height, dtype=float)
    w = np.asarray(weight, dtype=float)
    return w / h ** 2


def above(values: Sequence[float], threshold: float) -> np.ndarray:
    """The values strictly greater than `threshold`, in their original order (a boolean mask)."""
    arr = np.asarray(values)
    return arr[arr > threshold]


def baseball_subset(height_in: Sequence[int], weight_lb: Sequence[int]) -> tuple[float, np.ndarray]:
    """(the weight at index 51, the heights at indices 100 to 110 inclusive)."""
    heights, weights = np.array(height_in), np.array(weight_lb)
    return weights[51], heights[100:111]


def columns(data: np.ndarray, idx: Sequence[int]) -> np.ndarray:
    """Every row of the 2-D array `data`, keeping only the columns listed in `idx`."""
    return np.asarray(data)[:, list(idx)]


def height_summary(np_baseball: np.ndarray) -> dict[str, object]:
    """Statistics of column 0 (height) of a 2-D array; 'corr' is the 2x2 correlation of columns 0 and 1."""
    data = np.asarray(np_baseball, dtype=float)
    height, weight = data[:, 0], data[:, 1]
    return {
        "mean": float(np.mean(height)),
        "median": float(np.median(height)),  # robust to a few typos like 72000 for 72
        "std": float(np.std(height)),
        "corr": np.corrcoef(height, weight),
    }


def first_year_above(year: Sequence[int], pop: Sequence[float], threshold: float) -> int:
    """The first year whose population is strictly above `threshold`; ValueError if there is none."""
    years = np.asarray(year)[np.asarray(pop) > threshold]
    if years.size == 0:
        raise ValueError(f"the population never exceeds {threshold}")
    return int(years[0])


def synthetic_city(n: int = 5000) -> np.ndarray:
    """An (n, 2) array of made-up [height, weight] rows drawn from NumPy's global random state.

    Heights come from normal(1.75, 0.2) and weights from normal(60.32, 15), both rounded to 2 decimals;
    all n heights are drawn first, then all n weights.
    """
    height = np.round(np.random.normal(1.75, 0.2, n), 2)
    weight = np.round(np.random.normal(60.32, 15, n), 2)
    return np.column_stack((height, weight))
