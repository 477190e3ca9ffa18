"""Public specs for week01/neuron.py (the x2 neuron, finite differences)."""
import numpy as np
import numpy.random  # noqa: E402,F401 - NumPy loads it lazily: loaded now, np.random.seed reaches the worker
import pytest

W_SEED_42 = 3.745401188473625  # np.random.seed(42); np.random.uniform(0, 10)


def reference_train(w, ds, lr, epochs, eps):
    def loss(v):
        return sum((v * x - y) ** 2 for x, y in ds) / len(ds)
    for _ in range(epochs):
        w = w - lr * (loss(w + eps) - loss(w)) / eps
    return w


@pytest.mark.points(1)
def test_create_dataset(load):
    """create_dataset(n) gives the pairs (x, 2x) for x = 0..n-1."""
    m = load("neuron")
    got = m.create_dataset(4)
    assert [tuple(p) for p in got] == [(0, 0), (1, 2), (2, 4), (3, 6)], \
        f"create_dataset(4) should be [(0, 0), (1, 2), (2, 4), (3, 6)], got {got}."
    assert len(m.create_dataset(0)) == 0, "create_dataset(0) should be empty."
    assert len(m.create_dataset(25)) == 25, "create_dataset(n) should have n samples."


@pytest.mark.points(1)
def test_initialize_and_loss(load):
    """Seed 42: the first weight is 3.7454... and its MSE on 6 samples is 27.92556532998047."""
    m = load("neuron")
    np.random.seed(42)
    w = m.initialize_weights(0, 10)
    assert np.isclose(w, W_SEED_42, rtol=0, atol=1e-12), \
        f"after np.random.seed(42), initialize_weights(0, 10) should be {W_SEED_42}, got {w}. Use np.random.uniform."
    w2 = m.initialize_weights(0, 100)
    assert np.isclose(w2, 95.07143064099162, atol=1e-10), \
        f"the next draw, initialize_weights(0, 100), should be 95.07143064099162, got {w2}. Draw once per call."
    loss = m.calculate_loss(W_SEED_42, m.create_dataset(6))
    assert np.isclose(loss, 27.92556532998047, rtol=1e-12), \
        f"calculate_loss(w, create_dataset(6)) should be 27.92556532998047, got {loss}. It is the mean of (w*x - y)**2."
    assert np.isclose(m.calculate_loss(2.0, m.create_dataset(6)), 0.0), "the loss of the perfect weight 2 should be 0."


@pytest.mark.points(2)
@pytest.mark.timeout(10)
def test_train_converges_to_two(load):
    """train brings the weight to 2 and follows w -= lr * finite_diff."""
    m = load("neuron")
    ds = m.create_dataset(6)
    w = m.train(W_SEED_42, ds, lr=1e-3, epochs=500)
    assert abs(w - 2) < 1e-3, f"after 500 epochs with lr=1e-3 the weight should be within 1e-3 of 2, got {w}."
    want = reference_train(W_SEED_42, ds, 1e-3, 10, 1e-3)
    got = m.train(W_SEED_42, ds, lr=1e-3, epochs=10)
    assert np.isclose(got, want, rtol=0, atol=1e-9), \
        (f"after 10 epochs the weight should be {want:.9f}, got {got}. Each epoch: w = w - lr * "
         "(loss(w + eps) - loss(w)) / eps, with eps = 1e-3.")
