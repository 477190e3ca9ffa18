"""Week 01, Matplotlib: line, scatter, histogram and bubble charts. Every function returns its Figure."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

POP_TICKS = [0, 2, 4, 6, 8, 10]
POP_TICK_LABELS = ["0", "2B", "4B", "6B", "8B", "10B"]
GDP_TICKS = [1000, 10000, 100000]
GDP_TICK_LABELS = ["1k", "10k", "100k"]


def population_plot(year: Sequence[int], pop: Sequence[float]) -> Figure:
    """Line plot of world population (billions) against year, with labels, title and billion ticks."""
    fig, ax = plt.subplots()
    ax.plot(year, pop)
    ax.set_xlabel("Year")
    ax.set_ylabel("Population")
    ax.set_title("World Population Projections")
    ax.set_yticks(POP_TICKS, POP_TICK_LABELS)  # start the y axis at 0 and say "billions"
    return fig


def development_scatter(gdp_cap: Sequence[float], life_exp: Sequence[float], log_x: bool = True) -> Figure:
    """Scatter of life expectancy against GDP per capita, optionally with a logarithmic x axis."""
    fig, ax = plt.subplots()
    ax.scatter(gdp_cap, life_exp)
    if log_x:
        ax.set_xscale("log")
    ax.set_xlabel("GDP per Capita [in USD]")
    ax.set_ylabel("Life Expectancy [in years]")
    ax.set_title("World Development in 2007")
    return fig


def histogram(values: Sequence[float], bins: int = 10) -> Figure:
    """Histogram of `values` with `bins` equal-width bins spanning min..max."""
    fig, ax = plt.subplots()
    ax.hist(values, bins=bins)
    return fig


def compare_histograms(left: Sequence[float], right: Sequence[float],
                       bins_left: int = 15, bins_right: int = 15) -> Figure:
    """Two histograms side by side (1 row, 2 columns) that share the y axis."""
    fig, (ax1, ax2) = plt.subplots(1, 2, sharey=True)
    ax1.hist(left, bins=bins_left)
    ax2.hist(right, bins=bins_right)
    fig.tight_layout()
    return fig


def bubble_chart(gdp_cap: Sequence[float], life_exp: Sequence[float], pop: Sequence[float],
                 colors: Sequence[str], labels: dict[str, tuple[float, float]] | None = None) -> Figure:
    """The gapminder bubble chart: bubble area 2 * pop, given colours, alpha 0.8, log x, grid, text labels."""
    fig, ax = plt.subplots()
    sizes = np.array(pop, dtype=float) * 2
    ax.scatter(gdp_cap, life_exp, s=sizes, c=list(colors), alpha=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("GDP per Capita [in USD]")
    ax.set_ylabel("Life Expectancy [in years]")
    ax.set_title("World Development in 2007")
    ax.set_xticks(GDP_TICKS, GDP_TICK_LABELS)
    for name, (x, y) in (labels or {}).items():
        ax.text(x, y, name)
    ax.grid(True)
    return fig
