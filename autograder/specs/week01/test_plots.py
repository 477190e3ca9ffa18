"""Public specs for week01/plots.py: the returned Figure's axes and artists are inspected."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

YEAR = [1950, 1970, 1990, 2010]
POP = [2.519, 3.692, 5.263, 6.972]
XS = [0, 0.6, 1.4, 1.6, 2.2, 2.5, 2.6, 3.2, 3.5, 3.9, 4.2, 6]  # the notes' 12 values


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def one_axes(fig, what):
    assert isinstance(fig, Figure), f"{what} should return a matplotlib Figure, got {type(fig).__name__}."
    axes = fig.get_axes()
    assert len(axes) == 1, f"{what} should draw on exactly one axes, found {len(axes)}."
    return axes[0]


def bar_heights(ax):
    return [p.get_height() for p in ax.patches]


def scatter_of(ax, what):
    cols = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(cols) == 1, f"{what} should hold one scatter (ax.scatter / plt.scatter), found {len(cols)}."
    return cols[0]


@pytest.mark.points(2)
def test_population_plot(load):
    """population_plot: the line, labels, title and billion ticks."""
    fig = load("plots").population_plot(YEAR, POP)
    ax = one_axes(fig, "population_plot")
    assert len(ax.lines) == 1, f"expected one line (ax.plot / plt.plot), found {len(ax.lines)}."
    xy = ax.lines[0].get_xydata()
    assert np.allclose(xy, np.column_stack((YEAR, POP))), \
        "the line's points should be (year[i], pop[i]); pass year first, then pop."
    assert ax.get_title() == "World Population Projections", \
        f"the title should be 'World Population Projections', got {ax.get_title()!r}."
    assert ax.get_xlabel() == "Year" and ax.get_ylabel() == "Population", \
        f"the axis labels should be 'Year' and 'Population', got {ax.get_xlabel()!r} and {ax.get_ylabel()!r}."
    assert np.allclose(ax.get_yticks(), [0, 2, 4, 6, 8, 10]), \
        f"the y ticks should be at 0, 2, ..., 10, got {list(ax.get_yticks())}."
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["0", "2B", "4B", "6B", "8B", "10B"], \
        f"the y tick labels should read 0, 2B, ..., 10B, got {labels}. Pass the labels with the ticks."


@pytest.mark.points(1)
def test_development_scatter(load):
    """development_scatter: points, log x axis, labels and title."""
    m = load("plots")
    gdp = [974.58, 5937.03, 6223.37, 4797.23, 12779.38, 34435.37]
    life = [43.83, 76.42, 72.30, 42.73, 75.32, 81.24]
    ax = one_axes(m.development_scatter(gdp, life), "development_scatter")
    pts = scatter_of(ax, "development_scatter").get_offsets()
    assert np.allclose(pts, np.column_stack((gdp, life))), "the points should be (gdp_cap[i], life_exp[i])."
    assert ax.get_xscale() == "log", f"with log_x=True the x axis should be 'log', got {ax.get_xscale()!r}."
    assert ax.get_xlabel() == "GDP per Capita [in USD]" and ax.get_ylabel() == "Life Expectancy [in years]", \
        f"axis labels are wrong: got {ax.get_xlabel()!r} and {ax.get_ylabel()!r}."
    assert ax.get_title() == "World Development in 2007", f"the title is wrong: got {ax.get_title()!r}."
    ax = one_axes(m.development_scatter(gdp, life, log_x=False), "development_scatter")
    assert ax.get_xscale() == "linear", "with log_x=False the x axis should stay linear."


@pytest.mark.points(2)
def test_histogram_counts(load):
    """histogram: the notes' example gives bars 4, 6, 2; the default is 10 bins."""
    m = load("plots")
    ax = one_axes(m.histogram(XS, bins=3), "histogram")
    assert bar_heights(ax) == [4, 6, 2], \
        f"with bins=3 the notes' values give bar heights [4, 6, 2], got {bar_heights(ax)}. Use ax.hist / plt.hist."
    values = np.random.default_rng(3).normal(70, 8, 142)
    ax = one_axes(m.histogram(values), "histogram")
    counts, _ = np.histogram(values, bins=10)
    assert len(ax.patches) == 10, f"without a bins argument there should be 10 bars, found {len(ax.patches)}."
    assert bar_heights(ax) == counts.tolist(), "the bar heights should be the counts of 10 equal-width bins."


@pytest.mark.points(1)
def test_compare_histograms(load):
    """compare_histograms: two axes side by side, sharing y."""
    values = np.random.default_rng(4).normal(65, 10, 142)
    other = np.random.default_rng(5).normal(45, 12, 142)
    fig = load("plots").compare_histograms(values, other, 5, 20)
    assert isinstance(fig, Figure), f"compare_histograms should return a Figure, got {type(fig).__name__}."
    axes = fig.get_axes()
    assert len(axes) == 2, f"expected two axes (plt.subplots(1, 2, ...)), found {len(axes)}."
    ax1, ax2 = sorted(axes, key=lambda a: a.get_position().x0)
    assert ax1.get_shared_y_axes().joined(ax1, ax2), "the two axes should share the y axis (sharey=True)."
    assert bar_heights(ax1) == np.histogram(values, 5)[0].tolist(), \
        "the left axes should show `left` with bins_left bins."
    assert bar_heights(ax2) == np.histogram(other, 20)[0].tolist(), \
        "the right axes should show `right` with bins_right bins."
