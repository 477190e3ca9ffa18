"""Week 07, task 3: hidden checks."""
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_unet_odd_sizes(load):
    """UNet keeps the input size even when it is not divisible by 8 (427 x 640 and 37 x 29)."""
    m = load("networks")
    net = m.UNet(3, 3, base=2).eval()
    for h, w in [(427, 640), (37, 29)]:
        with torch.no_grad():
            out = net(torch.rand(1, 3, h, w))
        assert out.shape == (1, 3, h, w), "the output size differs from the input size for a size not divisible by 8: pad the upsampled map to the skip's size"


@pytest.mark.points(1)
def test_unet_smaller_plans(load):
    """The parameter counts of UNet(3, 3, base) follow the plan for base 16 and 8; its upsamplers double the size."""
    m = load("networks")
    for base, want in [(16, 482_067), (8, 120_843)]:
        got = sum(p.numel() for p in m.UNet(3, 3, base=base).parameters())
        assert got == want, "UNet(3, 3, base) does not scale its channels as b, 2b, 4b, 8b"
    ups = [mod for mod in m.UNet(3, 3, base=8).modules() if isinstance(mod, torch.nn.ConvTranspose2d)]
    assert len(ups) == 3 and all(tuple(u.kernel_size) == (2, 2) and tuple(u.stride) == (2, 2) for u in ups), \
        "the three upsamplers should be ConvTranspose2d(kernel_size=2, stride=2)"
