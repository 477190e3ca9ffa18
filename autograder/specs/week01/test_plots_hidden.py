"""Hidden specs for week01/plots.py."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_rgba_array  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

pytestmark = pytest.mark.hidden


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _world(n=12, seed=9):
    rng = np.random.default_rng(seed)
    gdp = np.exp(rng.uniform(np.log(300), np.log(50000), n))
    life = rng.uniform(40, 83, n).round(3)
    pop = rng.uniform(0.2, 300, n).round(3)
    colors = list(rng.choice(["red", "green", "blue", "yellow", "black"], n))
    return gdp.tolist(), life.tolist(), pop.tolist(), colors


@pytest.mark.points(2)
def test_bubble_chart(load):
    """bubble_chart: sizes, colours, opacity, log axis, ticks, labels and grid."""
    gdp, life, pop, colors = _world()
    labels = {"India": (1550, 71), "China": (5700, 80)}
    fig = load("plots").bubble_chart(gdp, life, pop, colors, labels)
    assert isinstance(fig, Figure) and len(fig.get_axes()) == 1, \
        "bubble_chart should return a Figure with one axes."
    ax = fig.get_axes()[0]
    cols = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(cols) == 1, "bubble_chart should hold one scatter."
    sc = cols[0]
    assert np.allclose(sc.get_offsets(), np.column_stack((gdp, life))), "the bubbles are not at (gdp_cap, life_exp)."
    assert np.allclose(sc.get_sizes(), np.array(pop) * 2), "the bubble sizes should be twice the population."
    face = sc.get_facecolors()
    assert np.allclose(face[:, :3], to_rgba_array(colors)[:, :3]), "each bubble should take its colour from colors."
    alpha = sc.get_alpha()
    assert (alpha is not None and np.isclose(alpha, 0.8)) or np.allclose(face[:, 3], 0.8), \
        "the bubbles' opacity should be alpha=0.8."
    assert ax.get_xscale() == "log", "the x axis should be logarithmic."
    assert ax.get_title() == "World Development in 2007", "the title is wrong."
    assert ax.get_xlabel() == "GDP per Capita [in USD]" and ax.get_ylabel() == "Life Expectancy [in years]", \
        "the axis labels are wrong."
    fig.canvas.draw()
    assert np.allclose(ax.get_xticks(), [1000, 10000, 100000]), "the x ticks should be at 1000, 10000, 100000."
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1k", "10k", "100k"], \
        "the x tick labels should read 1k, 10k, 100k."
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    for name, pos in labels.items():
        assert name in texts, "every entry of labels should be written on the plot with ax.text / plt.text."
        assert np.allclose(texts[name], pos), "each label should sit at its given data position."
    grid = ax.xaxis.get_gridlines() + ax.yaxis.get_gridlines()
    assert any(g.get_visible() for g in grid), "the grid should be shown (ax.grid(True) / plt.grid(True))."


@pytest.mark.points(1)
def test_histogram_other_data(load):
    """histogram and compare_histograms on other data and bin counts."""
    m = load("plots")
    values = np.random.default_rng(21).exponential(3.0, 77)
    ax = m.histogram(values, bins=7).get_axes()[0]
    assert [p.get_height() for p in ax.patches] == np.histogram(values, 7)[0].tolist(), \
        "histogram's bars do not match the counts of equal-width bins."
    fig = m.compare_histograms(values, values * 2)
    assert all(len(a.patches) == 15 for a in fig.get_axes()), \
        "compare_histograms should use 15 bins on each side by default."
