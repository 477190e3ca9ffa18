"""Week 01, random numbers: the dice walk up the Empire State Building, simulated many times.

Use NumPy's global random generator only (np.random.randint and np.random.rand), and draw numbers in
exactly the order described below: then np.random.seed(123) before a call reproduces the course's walks.
Do not call np.random.seed inside these functions; the caller seeds.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def take_step(step: int, fall_prob: float = 0.0) -> int:
    """Throw the die once from `step` and return the new step (a Python int, never below 0).

    Draw dice = np.random.randint(1, 7), then
      - 1 or 2: one step down, but never below step 0;
      - 3, 4 or 5: one step up;
      - 6: draw np.random.randint(1, 7) again and climb that many steps.
    Only if fall_prob > 0: after the throw, draw one np.random.rand(); if it is <= fall_prob you fall,
    and the new step is 0. With fall_prob == 0, draw nothing more.
    """
    raise NotImplementedError


def random_walk(n_throws: int = 100, fall_prob: float = 0.0) -> list[int]:
    """A walk of `n_throws` throws starting from step 0, one take_step per throw.

    Returns a list of n_throws + 1 Python ints: the start (0) followed by the step after each throw.
    With np.random.seed(123) beforehand, random_walk() ends at step 60.
    """
    raise NotImplementedError


def simulate_walks(n_walks: int, n_throws: int = 100, fall_prob: float = 0.0) -> np.ndarray:
    """Run `n_walks` random walks one after the other.

    Returns an integer array of shape (n_walks, n_throws + 1); row i is the i-th walk.
    """
    raise NotImplementedError


def plot_walks(walks: Sequence[Sequence[int]]) -> Figure:
    """A line plot with one line per walk on one axes: x is the throw number 0..n, y the step.

    `walks` is a 2-D array or a list of equally long lists.
    """
    raise NotImplementedError


def end_points(walks: Sequence[Sequence[int]]) -> np.ndarray:
    """The last step of every walk: a 1-D array with one value per walk."""
    raise NotImplementedError


def plot_end_points(walks: Sequence[Sequence[int]], bins: int = 10) -> Figure:
    """A histogram (on one axes) of the walks' end points with `bins` equal-width bins."""
    raise NotImplementedError


def chance_of_reaching(walks: Sequence[Sequence[int]], goal: int = 60) -> float:
    """The fraction (a float in [0, 1]) of walks whose end point is at least `goal`."""
    raise NotImplementedError
