"""Week 08: hidden checks of the evaluation helpers."""
import numpy as np
import pytest
import torch
from scipy import linalg

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_frechet_distance_full_covariances(load):
    """frechet_distance agrees with the formula on full (non-diagonal) covariances and is symmetric."""
    m = load("evaluation")
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(6, 6)), rng.normal(size=(6, 6))
    s1, s2 = a @ a.T + np.eye(6), b @ b.T + np.eye(6)
    mu1, mu2 = rng.normal(size=6), rng.normal(size=6)
    want = ((mu1 - mu2) ** 2).sum() + np.trace(s1 + s2 - 2 * linalg.sqrtm(s1 @ s2).real)
    got = m.frechet_distance(mu1, s1, mu2, s2)
    assert abs(got - want) < 1e-6 * max(1, abs(want)), "the distance is off for full covariance matrices"
    assert abs(m.frechet_distance(mu2, s2, mu1, s1) - got) < 1e-6 * max(1, abs(want)), "the distance must be symmetric"


@pytest.mark.points(1)
def test_interpolation_endpoints_only(load):
    """Two steps give exactly the two end points; five steps are a quarter of the way apart, in each coordinate."""
    m = load("evaluation")
    z1, z2 = torch.zeros(3), torch.ones(3)
    assert torch.equal(m.interpolate_latents(z1, z2, 2), torch.stack([z1, z2])), "two steps are just z1 and z2"
    a, b = torch.tensor([1.0, -2.0], dtype=torch.float64), torch.tensor([3.0, 2.0], dtype=torch.float64)
    path = m.interpolate_latents(a, b, 5).double()
    assert torch.allclose(path[:, 0], torch.tensor([1.0, 1.5, 2.0, 2.5, 3.0], dtype=torch.float64), atol=1e-6) and \
        torch.allclose(path[:, 1], torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], dtype=torch.float64), atol=1e-6), \
        "the five points from (1, -2) to (3, 2) should be a quarter of the way apart"
