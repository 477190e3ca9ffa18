"""Public specs for week02/derivatives.py: slopes and finite-difference derivatives."""
import math

import pytest
import torch


@pytest.mark.points(1)
def test_slope_of_lecture_lines(load):
    """slope(P, Q) gives 0.5 for P(1, 2), Q(13, 8) and -6 for P(4, 15), Q(3, 21)."""
    m = load("derivatives")
    got = m.slope((1, 2), (13, 8))
    assert math.isclose(got, 0.5), f"slope((1, 2), (13, 8)) should be 0.5, got {got}: dy / dx = 6 / 12"
    got = m.slope((4, 15), (3, 21))
    assert math.isclose(got, -6.0), f"slope((4, 15), (3, 21)) should be -6.0, got {got}: dy / dx = 6 / -1"


@pytest.mark.points(1)
def test_numeric_derivative_matches_calculus(load):
    """numeric_derivative matches 2x for x**2 and 6cos(6x) for sin(6x) within 1e-4."""
    m = load("derivatives")
    for x in [-1.5, 0.0, 0.3, 2.0]:
        got = m.numeric_derivative(lambda t: t ** 2, x)
        assert abs(got - 2 * x) < 1e-4, f"the derivative of x**2 at x={x} should be about {2 * x}, got {got}"
        got = m.numeric_derivative(lambda t: math.sin(6 * t), x)
        want = 6 * math.cos(6 * x)
        assert abs(got - want) < 1e-4, f"the derivative of sin(6x) at x={x} should be about {want:.6f}, got {got}"


@pytest.mark.points(1)
def test_numeric_grad_of_l_function(load):
    """numeric_grad of L = (a*b + c) * f at (2, -3, 10, -2) matches torch autograd within 1e-4."""
    m = load("derivatives")
    f = lambda a, b, c, f: (a * b + c) * f  # noqa: E731
    xs = [2.0, -3.0, 10.0, -2.0]
    got = m.numeric_grad(f, xs)
    assert len(got) == 4, f"numeric_grad should return one partial derivative per argument (4), got {len(got)}"
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    f(*t).backward()
    for name, g, w in zip("abcf", got, t.grad.tolist()):
        assert abs(g - w) < 1e-4, f"dL/d{name} should be about {w}, got {g}: nudge one argument at a time"
