"""Week 07, task 3: FCN and U-Net."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn


def block(i: int, o: int) -> int:
    return (i * o * 9 + o) + (o * o * 9 + o)


def fcn_params(i: int, k: int, b: int) -> int:
    return block(i, b) + block(b, 2 * b) + block(2 * b, 4 * b) + (7 * b * k + 3 * k) + 3 * k * k * 16


@pytest.mark.points(1)
def test_count_parameters(load):
    """count_parameters counts every parameter value (Linear(10, 5): 55; BatchNorm buffers excluded)."""
    m = load("networks")
    assert m.count_parameters(nn.Linear(10, 5)) == 55, "Linear(10, 5) has 10 * 5 weights + 5 biases = 55"
    assert m.count_parameters(nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4))) == 3 * 4 * 9 + 4 + 8, \
        "sum p.numel() over model.parameters(); buffers such as running means are not parameters"


@pytest.mark.points(1)
def test_unet_parameter_counts(load):
    """UNet(16, 5) has 7,705,093 parameters (the course sheet's number) and UNet(3, 3) has 7,697,475."""
    m = load("networks")
    got = sum(p.numel() for p in m.UNet(16, 5).parameters())
    assert got == 7_705_093, f"UNet(16, 5) has {got:,} parameters, the plan gives 7,705,093: check the channel plan in the docstring"
    got = sum(p.numel() for p in m.UNet(3, 3).parameters())
    assert got == 7_697_475, f"UNet(3, 3) has {got:,} parameters, expected 7,697,475"


@pytest.mark.points(1)
def test_unet_shapes(load):
    """UNet maps (N, in, H, W) to (N, out, H, W) logits."""
    m = load("networks")
    net = m.UNet(3, 4, base=4).eval()
    for h, w in [(64, 64), (32, 48)]:
        with torch.no_grad():
            out = net(torch.rand(2, 3, h, w))
        assert out.shape == (2, 4, h, w), f"input (2, 3, {h}, {w}) gave {tuple(out.shape)}, expected (2, 4, {h}, {w})"


@pytest.mark.points(1)
def test_fcn_shape_and_parameters(load):
    """FCN returns full-size logits and has the parameters of the stated plan."""
    m = load("networks")
    net = m.FCN(3, 5, base=8).eval()
    with torch.no_grad():
        out = net(torch.rand(2, 3, 32, 40))
    assert out.shape == (2, 5, 32, 40), f"expected (2, 5, 32, 40), got {tuple(out.shape)}: upsample 1/8 back to full size"
    got, want = sum(p.numel() for p in net.parameters()), fcn_params(3, 5, 8)
    assert got == want, f"FCN(3, 5, base=8) has {got:,} parameters, the plan gives {want:,}: three conv blocks, three 1x1 scores, three bias-free ConvTranspose2d(K, K, 4, 2, 1)"


@pytest.mark.points(1)
def test_fcn_upsamplers_start_bilinear(load):
    """The FCN's three ConvTranspose2d layers start out as bilinear 2x upsamplers."""
    m = load("networks")
    net = m.FCN(3, 2, base=4)
    ups = [mod for mod in net.modules() if isinstance(mod, nn.ConvTranspose2d)]
    assert len(ups) == 3, f"expected three ConvTranspose2d upsamplers, found {len(ups)}"
    x = torch.randn(1, 2, 6, 6)
    want = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)[..., 1:-1, 1:-1]
    for up in ups:
        got = up(x).detach()[..., 1:-1, 1:-1]
        assert torch.allclose(got, want, atol=1e-5), "an upsampler is not initialised with bilinear_kernel(K, 4)"
