"""Hidden specs for week01/random_walk.py."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import numpy.random  # noqa: E402,F401 - NumPy loads it lazily: loaded now, np.random.seed reaches the worker
import pytest  # noqa: E402

pytestmark = pytest.mark.hidden


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def reference_walks(seed, n_walks, n_throws, fall_prob):
    np.random.seed(seed)
    out = []
    for _ in range(n_walks):
        step, walk = 0, [0]
        for _ in range(n_throws):
            dice = np.random.randint(1, 7)
            if dice <= 2:
                step = max(0, step - 1)
            elif dice <= 5:
                step += 1
            else:
                step += np.random.randint(1, 7)
            if fall_prob > 0 and np.random.rand() <= fall_prob:
                step = 0
            walk.append(step)
        out.append(walk)
    return np.array(out)


@pytest.mark.points(1)
def test_take_step_falls(load):
    """take_step with fall_prob draws one rand() after the throw and falls to 0 when it is small enough."""
    m = load("random_walk")
    for seed in range(60):
        np.random.seed(seed)
        dice = np.random.randint(1, 7)
        extra = np.random.randint(1, 7) if dice == 6 else None
        u = np.random.rand()
        np.random.seed(seed)
        got = m.take_step(20, fall_prob=0.3)
        if u <= 0.3:
            assert got == 0, "A fall should send the walker to step 0; draw np.random.rand() after the throw."
        else:
            want = 19 if dice <= 2 else 21 if dice <= 5 else 20 + extra
            assert got == want, "Without a fall the usual dice rules apply; the fall check comes after the throw."


@pytest.mark.points(1)
def test_clumsy_walks(load):
    """simulate_walks with falls matches a reference simulation draw for draw."""
    m = load("random_walk")
    want = reference_walks(2024, 20, 100, 0.005)
    np.random.seed(2024)
    got = np.asarray(m.simulate_walks(20, 100, fall_prob=0.005))
    assert got.shape == want.shape, "simulate_walks returned the wrong shape."
    assert (got == want).all(), (
        "The clumsy walks differ from a reference simulation: keep the dice rules of take_step, draw one "
        "rand() after every throw when fall_prob > 0, and fall when it is <= fall_prob.")
    np.random.seed(5)
    short = np.asarray(m.simulate_walks(3, 10))
    assert short.shape == (3, 11) and (short == reference_walks(5, 3, 10, 0.0)).all(), \
        ("With fall_prob=0, simulate_walks(3, 10) should give 3 plain dice walks of 10 throws "
         "(no rand() draws when fall_prob is 0).")


@pytest.mark.points(1)
def test_end_points_and_chance(load):
    """end_points, chance_of_reaching (default goal 60) and the end-point histogram."""
    m = load("random_walk")
    walks = reference_walks(99, 50, 100, 0.001)
    ends = walks[:, -1]
    assert np.array_equal(np.asarray(m.end_points(walks)), ends), "end_points should be the last step of every walk."
    for goal in (60, 70, 0, 1000):
        got = m.chance_of_reaching(walks, goal)
        assert np.isclose(got, np.mean(ends >= goal)), \
            "chance_of_reaching should be the fraction of end points at least as high as the goal."
    assert np.isclose(m.chance_of_reaching([[0, 60], [0, 59], [0, 61], [0, 70]]), 0.75), \
        "chance_of_reaching's default goal is 60, and an end point of exactly 60 reaches it."
    fig = m.plot_end_points(walks, bins=8)
    ax = fig.get_axes()[0]
    assert [p.get_height() for p in ax.patches] == np.histogram(ends, 8)[0].tolist(), \
        "plot_end_points should be a histogram of the end points with the given number of bins."
