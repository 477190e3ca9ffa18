"""Week 01 NumPy basics, written with explicit dtypes, np.stack and a plain loop where a student reaches for one."""
from __future__ import annotations

from typing import Sequence

import numpy as np

INCH_IN_METRES = 0.0254


def to_array(values: Sequence) -> np.ndarray:
    """The list as an array; NumPy chooses the dtype and the number of dimensions."""
    return np.asarray(values)


def inches_to_metres(height_in: Sequence[float]) -> np.ndarray:
    """Every height in inches converted to metres (a new float64 array)."""
    metres = np.empty(len(height_in), dtype=np.float64)
    metres[:] = height_in
    metres *= INCH_IN_METRES
    return metres


def array_sum_answer() -> str:
    """[True, 1, 2] + [3, 4, False] is [4, 5, 2], which is option B: [4, 3, 0] + [0, 2, 2]."""
    return "B"


def bmi(height: Sequence[float], weight: Sequence[float]) -> np.ndarray:
    """weight / height ** 2 per person."""
    h = np.array(height, dtype=np.float64)
    return np.divide(np.array(weight, dtype=np.float64), np.square(h))


def above(values: Sequence[float], threshold: float) -> np.ndarray:
    """The values over the threshold, selected with np.where on a strict comparison."""
    arr = np.array(values)
    return arr[np.where(arr > threshold)[0]]


def baseball_subset(height_in: Sequence[int], weight_lb: Sequence[int]) -> tuple[float, np.ndarray]:
    """Weight 51 and heights 100..110 (inclusive), read from arrays."""
    np_weight = np.array(weight_lb)
    np_height = np.array(height_in)
    return np_weight[51], np_height[np.arange(100, 111)]


def columns(data: np.ndarray, idx: Sequence[int]) -> np.ndarray:
    """The chosen columns of every row, gathered with np.take along axis 1."""
    return np.take(np.asarray(data), np.asarray(idx, dtype=int), axis=1)


def height_summary(np_baseball: np.ndarray) -> dict[str, object]:
    """Mean, median and population std of the heights, and the height-weight correlation matrix."""
    arr = np.asarray(np_baseball)
    height = arr[:, 0]
    weight = arr[:, 1]
    return {
        "mean": height.mean(),
        "median": np.median(height),
        "std": height.std(),
        "corr": np.corrcoef(np.vstack([height, weight])),
    }


def first_year_above(year: Sequence[int], pop: Sequence[float], threshold: float) -> int:
    """Walk both lists together and stop at the first population over the threshold."""
    for y, p in zip(year, pop):
        if p > threshold:
            return int(y)
    raise ValueError("no population is above the threshold")


def synthetic_city(n: int = 5000) -> np.ndarray:
    """n heights, then n weights from the global normal generator, rounded and stacked as columns."""
    height = np.random.normal(1.75, 0.2, n).round(2)
    weight = np.random.normal(60.32, 15, n).round(2)
    return np.stack([height, weight], axis=1)
