"""Hidden specs for week01/neuron.py."""
import numpy as np
import pytest

pytestmark = pytest.mark.hidden


def loss(v, ds):
    return sum((v * x - y) ** 2 for x, y in ds) / len(ds)


@pytest.mark.points(1)
def test_finite_diff(load):
    """finite_diff is the forward difference of the MSE; eps defaults to 1e-3."""
    m = load("neuron")
    for n, w, eps in [(6, 3.7, 1e-3), (4, -1.5, 1e-2), (10, 2.0, 1e-4), (3, 8.25, 0.5)]:
        ds = m.create_dataset(n)
        want = (loss(w + eps, ds) - loss(w, ds)) / eps
        got = m.finite_diff(w, ds, eps)
        assert np.isclose(got, want, rtol=1e-7, atol=1e-9), \
            "finite_diff should be (loss(w + eps) - loss(w)) / eps with the eps it is given."
    ds = [(1, 0)]  # loss(w) = w ** 2, whose forward difference at 0 is eps itself
    assert np.isclose(m.finite_diff(0.0, ds), 1e-3, rtol=1e-6), "finite_diff's eps should default to 1e-3"


@pytest.mark.points(1)
@pytest.mark.timeout(10)
def test_train_other_settings(load):
    """train honours lr and epochs, from a weight on the other side of 2, and has the stated defaults."""
    m = load("neuron")
    ds = m.create_dataset(5)
    w = -5.0
    for _ in range(300):
        w = w - 1e-2 * (loss(w + 1e-3, ds) - loss(w, ds)) / 1e-3
    got = m.train(-5.0, ds, lr=1e-2, epochs=300)
    assert np.isclose(got, w, atol=1e-9), "train does not follow w -= lr * finite_diff for the given lr and epochs."
    assert abs(got - 2) < 1e-2, "train did not converge to 2."
    w = -5.0
    for _ in range(500):  # the defaults: lr 1e-3, 500 epochs, eps 1e-3
        w = w - 1e-3 * (loss(w + 1e-3, ds) - loss(w, ds)) / 1e-3
    assert np.isclose(m.train(-5.0, ds), w, atol=1e-9), "train's defaults should be lr=1e-3, epochs=500 and eps=1e-3."
