"""Week 01 Matplotlib charts drawn with pyplot's state machine (plt.plot, plt.xlabel ...); each returns plt.gcf()."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

POP_TICKS = [0, 2, 4, 6, 8, 10]
POP_TICK_LABELS = ["0", "2B", "4B", "6B", "8B", "10B"]
GDP_TICKS = [1000, 10000, 100000]
GDP_TICK_LABELS = ["1k", "10k", "100k"]


def _world_labels() -> None:
    plt.xlabel("GDP per Capita [in USD]")
    plt.ylabel("Life Expectancy [in years]")
    plt.title("World Development in 2007")


def population_plot(year: Sequence[int], pop: Sequence[float]) -> Figure:
    """World population against year, with the billions ticks."""
    plt.figure()
    plt.plot(year, pop)
    plt.xlabel("Year")
    plt.ylabel("Population")
    plt.title("World Population Projections")
    plt.yticks(POP_TICKS, POP_TICK_LABELS)
    return plt.gcf()


def development_scatter(gdp_cap: Sequence[float], life_exp: Sequence[float], log_x: bool = True) -> Figure:
    """Life expectancy against GDP per capita, log x when asked."""
    plt.figure()
    plt.scatter(gdp_cap, life_exp)
    plt.xscale("log" if log_x else "linear")
    _world_labels()
    return plt.gcf()


def histogram(values: Sequence[float], bins: int = 10) -> Figure:
    """A histogram with `bins` equal-width bins."""
    plt.figure()
    plt.hist(values, bins)
    return plt.gcf()


def compare_histograms(left: Sequence[float], right: Sequence[float],
                       bins_left: int = 15, bins_right: int = 15) -> Figure:
    """Two histograms in one row sharing y, built with plt.subplot."""
    fig = plt.figure()
    ax_left = plt.subplot(1, 2, 1)
    plt.hist(left, bins=bins_left)
    plt.subplot(1, 2, 2, sharey=ax_left)
    plt.hist(right, bins=bins_right)
    return fig


def bubble_chart(gdp_cap: Sequence[float], life_exp: Sequence[float], pop: Sequence[float],
                 colors: Sequence[str], labels: dict[str, tuple[float, float]] | None = None) -> Figure:
    """The gapminder bubble chart, written as in the course's notebook."""
    plt.figure()
    np_pop = np.array(pop) * 2
    plt.scatter(x=gdp_cap, y=life_exp, s=np_pop, c=colors, alpha=0.8)
    plt.xscale("log")
    _world_labels()
    plt.xticks(GDP_TICKS, GDP_TICK_LABELS)
    if labels:
        for name in labels:
            x, y = labels[name]
            plt.text(x, y, name)
    plt.grid(True)
    return plt.gcf()
