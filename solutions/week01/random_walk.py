"""Week 01, random numbers: the dice walk up the Empire State Building, simulated many times.

All randomness comes from NumPy's global generator (np.random.randint / np.random.rand), so that
np.random.seed(123) before a call reproduces the course's walks exactly.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def take_step(step: int, fall_prob: float = 0.0) -> int:
    """One throw of the die from `step`; returns the new step (never below 0).

    1-2: one step down; 3-5: one step up; 6: throw again and climb that many steps.
    If fall_prob > 0, one np.random.rand() follows the throw and a value <= fall_prob sends you to 0.
    """
    dice = np.random.randint(1, 7)
    if dice <= 2:
        step = max(0, step - 1)  # the floor: you cannot go below step 0
    elif dice <= 5:
        step = step + 1
    else:
        step = step + np.random.randint(1, 7)
    if fall_prob > 0 and np.random.rand() <= fall_prob:
        step = 0  # clumsy: fell all the way down
    return int(step)


def random_walk(n_throws: int = 100, fall_prob: float = 0.0) -> list[int]:
    """A walk of `n_throws` throws from step 0: a list of n_throws + 1 ints starting with 0."""
    walk = [0]
    for _ in range(n_throws):
        walk.append(take_step(walk[-1], fall_prob))
    return walk


def simulate_walks(n_walks: int, n_throws: int = 100, fall_prob: float = 0.0) -> np.ndarray:
    """`n_walks` walks one after the other: an int array of shape (n_walks, n_throws + 1)."""
    return np.array([random_walk(n_throws, fall_prob) for _ in range(n_walks)])


def plot_walks(walks: Sequence[Sequence[int]]) -> Figure:
    """One line per walk: x is the throw number 0..n, y the step."""
    fig, ax = plt.subplots()
    for walk in np.atleast_2d(np.asarray(walks)):
        ax.plot(walk)
    ax.set_xlabel("Throw")
    ax.set_ylabel("Step")
    return fig


def end_points(walks: Sequence[Sequence[int]]) -> np.ndarray:
    """The last step of every walk: a 1-D array with one value per walk."""
    return np.asarray(walks)[:, -1]


def plot_end_points(walks: Sequence[Sequence[int]], bins: int = 10) -> Figure:
    """Histogram of the walks' end points."""
    fig, ax = plt.subplots()
    ax.hist(end_points(walks), bins=bins)
    ax.set_xlabel("Final step")
    ax.set_ylabel("Number of walks")
    return fig


def chance_of_reaching(walks: Sequence[Sequence[int]], goal: int = 60) -> float:
    """The fraction of walks whose end point is at least `goal`."""
    return float(np.mean(end_points(walks) >= goal))
