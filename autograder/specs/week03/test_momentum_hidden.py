"""Week 03, learning rate and momentum: hidden specs."""
import numpy as np
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_optimize_other_start(load):
    """optimize honours x0 and steps."""
    m = load("momentum")
    x = torch.tensor(-1.0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.01, momentum=0.9)
    want = [-1.0]
    for _ in range(7):
        opt.zero_grad()
        (x ** 4 + x ** 3 - 5 * x ** 2).backward()
        opt.step()
        want.append(x.item())
    got = m.optimize(0.01, 0.9, x0=-1.0, steps=7)
    assert len(got) == 8 and np.allclose(got, want, atol=1e-5), "optimize ignores x0 or steps, or differs from SGD with momentum"


@pytest.mark.points(1)
def test_sample_hparams_distribution(load):
    """Learning rates are log-uniform and momenta uniform."""
    pairs = load("momentum").sample_hparams(4000, seed=3)
    lrs = np.array([p[0] for p in pairs])
    moms = np.array([p[1] for p in pairs])
    assert abs((lrs < 1e-3).mean() - 0.5) < 0.05, "learning rates are not log-uniform: half of them should lie below 1e-3"
    assert abs(moms.mean() - 0.92) < 0.01 and abs((moms < 0.92).mean() - 0.5) < 0.05, "momenta are not uniform on [0.85, 0.99]"
