"""Week 08: sprites, uint8 images, the Frechet distance and latent interpolation."""
import numpy as np
import pytest
import torch
from torch import nn
from torchmetrics.image.fid import FrechetInceptionDistance


@pytest.mark.points(1)
def test_load_sprites(load, data_dir):
    """load_sprites composites the RGBA sprites on white and scales them to [-1, 1] as (N, 3, 32, 32)."""
    m = load("evaluation")
    raw = np.load(data_dir / "sprites.npz")["images"]
    x = m.load_sprites(data_dir / "sprites.npz")
    assert x.shape == (len(raw), 3, 32, 32) and x.dtype == torch.float32, (
        f"expected float32 ({len(raw)}, 3, 32, 32), got {x.dtype} {tuple(x.shape)}")
    assert x.min() >= -1 and x.max() <= 1, "scale to [-1, 1], the range of the generator's Tanh"
    clear = raw[..., 3] == 0
    assert torch.allclose(x.permute(0, 2, 3, 1)[torch.from_numpy(clear)], torch.ones(1, 3)), (
        "fully transparent pixels should become white (1.0 after scaling)")
    solid = raw[..., 3] == 255
    want = torch.from_numpy(raw[..., :3][solid].astype(np.float32)) / 127.5 - 1
    assert torch.allclose(x.permute(0, 2, 3, 1)[torch.from_numpy(solid)], want, atol=1e-5), (
        "opaque pixels keep their colour: c / 255 * 2 - 1")


@pytest.mark.points(1)
def test_to_uint8(load):
    """to_uint8 maps [-1, 1] to [0, 255] uint8, rounding to the nearest value."""
    m = load("evaluation")
    x = torch.tensor([-1.0, -0.5, 0.2, 0.9, 1.0])
    got = m.to_uint8(x)
    assert got.dtype == torch.uint8, f"return uint8, got {got.dtype}"
    assert got.tolist() == [0, 64, 153, 242, 255], f"expected (x + 1) / 2 * 255 rounded: [0, 64, 153, 242, 255], got {got.tolist()}"


@pytest.mark.points(2)
def test_frechet_distance_closed_forms(load):
    """frechet_distance: 0 for equal Gaussians, ||m||^2 for shifted identity covariances, sum (sqrt a - sqrt b)^2 for diagonal ones."""
    m = load("evaluation")
    d = 5
    mu, eye = np.zeros(d), np.eye(d)
    assert abs(m.frechet_distance(mu, eye, mu, eye)) < 1e-8, "identical Gaussians are at distance 0"
    shift = np.arange(d, dtype=float)
    assert abs(m.frechet_distance(mu, eye, shift, eye) - (shift ** 2).sum()) < 1e-6, "the mean term is ||mu1 - mu2||^2"
    a, b = np.array([1.0, 4.0, 9.0, 0.25, 2.0]), np.array([4.0, 1.0, 9.0, 1.0, 0.5])
    want = ((np.sqrt(a) - np.sqrt(b)) ** 2).sum()
    got = m.frechet_distance(mu, np.diag(a), mu, np.diag(b))
    assert abs(got - want) < 1e-6, f"for diagonal covariances the distance is {want:.4f}, got {got:.4f}: check the trace term"


class Features(nn.Module):
    """A small fixed feature extractor, so FID needs no download."""

    def __init__(self) -> None:
        super().__init__()
        g = torch.Generator().manual_seed(0)
        self.conv = nn.Conv2d(3, 6, 5, stride=3)
        with torch.no_grad():
            self.conv.weight.copy_(torch.randn(self.conv.weight.shape, generator=g) * 0.2)
            self.conv.bias.zero_()
        self.num_features = 24

    def forward(self, x):
        x = x.float() / 255
        return nn.functional.adaptive_avg_pool2d(torch.relu(self.conv(x)), 2).flatten(1)


@pytest.mark.points(2)
def test_fid_matches_torchmetrics(load):
    """fid_from_features on extractor features equals torchmetrics' FrechetInceptionDistance with the same extractor."""
    m = load("evaluation")
    g = torch.Generator().manual_seed(3)
    real = (torch.rand(80, 3, 32, 32, generator=g) * 255).to(torch.uint8)
    fake = (torch.rand(80, 3, 32, 32, generator=g) ** 2 * 255).to(torch.uint8)
    extractor = Features()
    fid = FrechetInceptionDistance(feature=extractor)
    fid.update(real, real=True)
    fid.update(fake, real=False)
    want = fid.compute().item()
    with torch.no_grad():
        got = m.fid_from_features(extractor(real), extractor(fake))
    assert abs(got - want) < 1e-3 * max(1.0, abs(want)), f"FID {got:.5f} differs from torchmetrics' {want:.5f}"


@pytest.mark.points(1)
def test_interpolate_latents(load):
    """interpolate_latents walks evenly from z1 (first row) to z2 (last row)."""
    m = load("evaluation")
    z1, z2 = torch.randn(100), torch.randn(100)
    path = m.interpolate_latents(z1, z2, 7)
    assert path.shape == (7, 100), f"expected (steps, z_dim) = (7, 100), got {tuple(path.shape)}"
    assert torch.allclose(path[0], z1) and torch.allclose(path[-1], z2), "the first row is z1 and the last is z2"
    want = torch.stack([torch.lerp(z1, z2, float(t)) for t in torch.linspace(0, 1, 7)])
    assert torch.allclose(path, want, atol=1e-6), "the points should be evenly spaced on the straight line"
