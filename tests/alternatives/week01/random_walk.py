"""Week 01 dice walk written with a while loop over throws and a preallocated array of walks."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def take_step(step: int, fall_prob: float = 0.0) -> int:
    """One throw: 1-2 down (floor 0), 3-5 up, 6 climbs a second throw; then maybe a fall."""
    dice = np.random.randint(1, 7)
    if dice in (1, 2):
        new = step - 1 if step > 0 else 0
    elif dice == 6:
        new = step + np.random.randint(1, 7)
    else:
        new = step + 1
    if fall_prob > 0:
        fell = np.random.rand() <= fall_prob
        if fell:
            new = 0
    return int(new)


def random_walk(n_throws: int = 100, fall_prob: float = 0.0) -> list[int]:
    """The steps of one walk, the start 0 first."""
    steps = [0]
    throws = 0
    while throws < n_throws:
        steps.append(take_step(steps[-1], fall_prob))
        throws += 1
    return steps


def simulate_walks(n_walks: int, n_throws: int = 100, fall_prob: float = 0.0) -> np.ndarray:
    """Walks one after another, written into the rows of an int array."""
    all_walks = np.zeros((n_walks, n_throws + 1), dtype=np.int64)
    for i in range(n_walks):
        all_walks[i] = random_walk(n_throws, fall_prob)
    return all_walks


def plot_walks(walks: Sequence[Sequence[int]]) -> Figure:
    """All walks at once: plt.plot of the transpose draws one line per walk."""
    plt.figure()
    plt.plot(np.transpose(np.array(walks)))
    plt.xlabel("throw")
    plt.ylabel("step")
    return plt.gcf()


def end_points(walks: Sequence[Sequence[int]]) -> np.ndarray:
    """The final column of the walks."""
    return np.array([walk[-1] for walk in walks])


def plot_end_points(walks: Sequence[Sequence[int]], bins: int = 10) -> Figure:
    """Histogram of the final steps."""
    plt.figure()
    plt.hist(end_points(walks), bins=bins)
    return plt.gcf()


def chance_of_reaching(walks: Sequence[Sequence[int]], goal: int = 60) -> float:
    """Count the walks that end at the goal or above, divided by the number of walks."""
    ends = end_points(walks)
    return np.count_nonzero(ends >= goal) / len(ends)
