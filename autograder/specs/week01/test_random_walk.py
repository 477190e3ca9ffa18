"""Public specs for week01/random_walk.py (NumPy's global generator, seeded by the spec)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import numpy.random  # noqa: E402,F401 - NumPy loads it lazily: loaded now, np.random.seed reaches the worker
import pytest  # noqa: E402

from autograder.boundary import in_worker  # noqa: E402

# The course's walk for np.random.seed(123), 100 throws, no falls (recomputed and checked).
WALK_123 = [0, 3, 4, 5, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 0, 0, 1, 6, 5, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 8, 9, 10,
            11, 12, 11, 15, 16, 15, 16, 15, 16, 17, 18, 19, 20, 21, 22, 25, 26, 27, 28, 33, 34, 38, 39, 38, 39,
            40, 39, 40, 41, 43, 44, 45, 44, 43, 44, 45, 44, 43, 44, 45, 47, 46, 45, 46, 45, 46, 47, 48, 50, 49,
            50, 51, 52, 53, 54, 53, 52, 53, 52, 53, 54, 53, 56, 57, 58, 59, 58, 59, 60]
ENDS_123 = [60, 73, 83, 68, 73]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def expected_step(step, seed):
    """Reference: the outcome of one throw after np.random.seed(seed)."""
    np.random.seed(seed)
    dice = np.random.randint(1, 7)
    if dice <= 2:
        return max(0, step - 1), dice
    if dice <= 5:
        return step + 1, dice
    return step + np.random.randint(1, 7), dice


@in_worker
def take_step_after_draws(module, seed, step):
    """Runs in the worker: seed NumPy's global generator, draw one float and two ints, then take one step."""
    import numpy as np
    np.random.seed(seed)
    np.random.rand(), np.random.randint(1, 7), np.random.randint(1, 7)
    return module.take_step(step)


@pytest.mark.points(1)
def test_take_step_rules(load):
    """take_step follows the dice rules and never goes below 0."""
    m = load("random_walk")
    got = take_step_after_draws(m, 123, 50)  # the draws must advance the generator take_step uses
    assert got == 51, f"after seed 123, one float and two ints, a throw from step 50 gives dice 3 and step 51; got {got}."
    for seed in range(40):
        for start in (0, 10):
            want, dice = expected_step(start, seed)
            np.random.seed(seed)
            got = m.take_step(start)
            assert got == want, (f"from step {start} with dice {dice} the new step should be {want}, got {got}. "
                                 "1-2: down (not below 0), 3-5: up, 6: throw again and climb that many; "
                                 "use np.random.randint(1, 7).")


@pytest.mark.points(2)
def test_walk_matches_course(load):
    """random_walk() after np.random.seed(123) gives the course's walk, ending at 60."""
    m = load("random_walk")
    np.random.seed(123)
    walk = m.random_walk()
    assert isinstance(walk, list), f"random_walk should return a list, got {type(walk).__name__}."
    assert len(walk) == 101, f"100 throws give 101 entries (the start 0 and one per throw), got {len(walk)}."
    assert walk[0] == 0, "a walk starts at step 0."
    assert min(walk) >= 0, "the step went below 0: clamp it with max(0, step - 1)."
    first_bad = next((i for i, (a, b) in enumerate(zip(walk, WALK_123)) if a != b), None)
    assert first_bad is None, (f"the walk first differs from the course's at index {first_bad}: expected "
                               f"{WALK_123[max(0, first_bad - 3):first_bad + 1]}, got {walk[max(0, first_bad - 3):first_bad + 1]}. "
                               "Draw exactly one randint per throw, a second only on a 6, and no rand() when fall_prob is 0.")


@pytest.mark.points(1)
def test_five_walks(load):
    """simulate_walks(5) after seed 123 ends at 60, 73, 83, 68, 73."""
    m = load("random_walk")
    np.random.seed(123)
    walks = np.asarray(m.simulate_walks(5))
    assert walks.shape == (5, 101), f"5 walks of 100 throws should give shape (5, 101), got {walks.shape}."
    assert walks[0].tolist() == WALK_123, "the first walk should equal random_walk() after the same seed."
    assert walks[:, -1].tolist() == ENDS_123, \
        f"the five walks should end at {ENDS_123}, got {walks[:, -1].tolist()}. Run the walks one after the other."


@pytest.mark.points(1)
def test_plot_walks(load):
    """plot_walks draws one line per walk."""
    m = load("random_walk")
    walks = np.array([WALK_123, list(range(101)), [0] * 101])
    fig = m.plot_walks(walks)
    axes = fig.get_axes()
    assert len(axes) == 1, f"plot_walks should draw on one axes, found {len(axes)}."
    lines = axes[0].lines
    assert len(lines) == 3, f"3 walks should give 3 lines, found {len(lines)}. Plot each row, not each column."
    for line, walk in zip(lines, walks):
        assert np.allclose(line.get_xdata(), np.arange(101)) and np.allclose(line.get_ydata(), walk), \
            "each line should be one walk: x = throw number 0..100, y = step."
