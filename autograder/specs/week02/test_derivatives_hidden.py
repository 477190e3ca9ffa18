"""Hidden specs for week02/derivatives.py."""
import math
import random

import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_slope_more_points(load):
    """slope on random point pairs, and ValueError for a vertical line."""
    m = load("derivatives")
    rng = random.Random(3)
    for _ in range(20):
        p = (rng.uniform(-5, 5), rng.uniform(-5, 5))
        q = (p[0] + rng.choice([-1, 1]) * rng.uniform(0.1, 4), rng.uniform(-5, 5))
        want = (q[1] - p[1]) / (q[0] - p[0])
        assert math.isclose(m.slope(p, q), want, rel_tol=1e-9), "slope is wrong for some pair of points"
        assert math.isclose(m.slope(q, p), want, rel_tol=1e-9), "slope(q, p) should equal slope(p, q)"
    try:
        m.slope((2.0, 1.0), (2.0, 5.0))
    except ValueError:
        pass
    else:
        raise AssertionError("slope of a vertical line (both points with the same x) should raise ValueError")


@pytest.mark.points(1)
def test_forward_difference_and_eps(load):
    """The derivative is the forward difference (f(x+eps) - f(x)) / eps with the given eps."""
    m = load("derivatives")
    got = m.numeric_derivative(lambda t: t ** 2, 1.0, eps=0.1)
    assert math.isclose(got, 2.1, rel_tol=1e-9), \
        "numeric_derivative should use the forward difference (f(x + eps) - f(x)) / eps with the eps it is given"
    got = m.numeric_derivative(lambda t: t * t, 0.0)  # the forward difference of t**2 at 0 is eps itself
    assert math.isclose(got, 1e-6, rel_tol=1e-6), "numeric_derivative's eps should default to 1e-6"
    got = m.numeric_grad(lambda a, b: a * a + 3 * b, [1.0, 4.0], eps=0.1)
    assert math.isclose(got[0], 2.1, rel_tol=1e-9) and math.isclose(got[1], 3.0, rel_tol=1e-9), \
        "numeric_grad should use forward differences with the eps it is given"
    g = lambda x, y, z: math.tanh(x * y) + math.exp(z / 2) * y  # noqa: E731
    xs = [0.3, -1.2, 0.8]
    got = m.numeric_grad(g, xs)
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    (torch.tanh(t[0] * t[1]) + torch.exp(t[2] / 2) * t[1]).backward()
    assert all(abs(a - b) < 1e-4 for a, b in zip(got, t.grad.tolist())), \
        "numeric_grad is wrong for a function of three variables"
