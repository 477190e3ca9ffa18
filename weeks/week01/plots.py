"""Week 01, Matplotlib: line, scatter, histogram and bubble charts.

Every function builds a new figure and returns it (a matplotlib.figure.Figure), without calling
plt.show(). The grader inspects the axes, lines, points and bars of the returned figure.
"""
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
    """A line plot of world population (in billions) against year, on one axes.

    - one line whose points are (year[i], pop[i]);
    - x label 'Year', y label 'Population', title 'World Population Projections';
    - y ticks at POP_TICKS shown as POP_TICK_LABELS (so the axis starts at 0 and reads in billions).
    """
    raise NotImplementedError


def development_scatter(gdp_cap: Sequence[float], life_exp: Sequence[float], log_x: bool = True) -> Figure:
    """A scatter plot of life expectancy (y) against GDP per capita (x), on one axes.

    - the points are (gdp_cap[i], life_exp[i]);
    - the x axis is logarithmic when log_x is True, linear otherwise;
    - x label 'GDP per Capita [in USD]', y label 'Life Expectancy [in years]',
      title 'World Development in 2007'.
    """
    raise NotImplementedError


def histogram(values: Sequence[float], bins: int = 10) -> Figure:
    """A histogram of `values` with `bins` equal-width bins from min(values) to max(values), on one axes.

    Example: the notes' 12 values xs with bins=3 give bars of heights 4, 6 and 2.
    """
    raise NotImplementedError


def compare_histograms(left: Sequence[float], right: Sequence[float],
                       bins_left: int = 15, bins_right: int = 15) -> Figure:
    """Two histograms side by side: 1 row, 2 columns, sharing the y axis.

    The left axes shows `left` with `bins_left` bins, the right axes `right` with `bins_right` bins.
    """
    raise NotImplementedError


def bubble_chart(gdp_cap: Sequence[float], life_exp: Sequence[float], pop: Sequence[float],
                 colors: Sequence[str], labels: dict[str, tuple[float, float]] | None = None) -> Figure:
    """The world development bubble chart, on one axes.

    - a scatter of life_exp against gdp_cap; bubble i has size (area) 2 * pop[i], colour colors[i],
      and every bubble has opacity alpha=0.8;
    - a logarithmic x axis with ticks at GDP_TICKS shown as GDP_TICK_LABELS;
    - the same axis labels and title as development_scatter;
    - for every name -> (x, y) in `labels`, the text `name` placed at data position (x, y);
    - a grid is shown.
    """
    raise NotImplementedError
