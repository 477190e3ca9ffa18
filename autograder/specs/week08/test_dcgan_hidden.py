"""Week 08: hidden checks of DCGAN."""
import pytest
import torch
from torch import nn

pytestmark = pytest.mark.hidden


def plan_params(z, ngf, ndf, size):
    """Parameter counts of the README's plan, for G and D."""
    n = {32: 2, 64: 3}[size]
    widths = [ngf * 2 ** (n - i) for i in range(n + 1)]  # e.g. 512, 256, 128, 64
    g = z * widths[0] * 16 + 2 * widths[0]
    for a, b in zip(widths, widths[1:]):
        g += a * b * 16 + 2 * b
    g += widths[-1] * 3 * 16
    dw = [ndf * 2 ** i for i in range(n + 1)]
    d = 3 * dw[0] * 16
    for a, b in zip(dw, dw[1:]):
        d += a * b * 16 + 2 * b
    d += dw[-1] * 16
    return g, d


@pytest.mark.points(1)
def test_other_widths(load):
    """Parameter counts follow the plan for other noise sizes, widths and image sizes."""
    m = load("dcgan")
    for z, ngf, ndf, size in ((16, 32, 32, 32), (64, 24, 40, 64)):
        g, d = plan_params(z, ngf, ndf, size)
        got_g = sum(p.numel() for p in m.DCGANGenerator(z, ngf, size).parameters())
        got_d = sum(p.numel() for p in m.DCGANDiscriminator(ndf, size).parameters())
        assert got_g == g and got_d == d, "the layer plan is off for some widths or image sizes"


@pytest.mark.points(1)
def test_generator_batch_norm_in_eval(load):
    """The generator's batch norm: in training mode an image depends on the rest of its batch (batch statistics),
    in eval mode it does not (running statistics), and eval mode is deterministic."""
    m = load("dcgan")
    gen = m.DCGANGenerator(100, 16, 32)
    z = torch.randn(4, 100, 1, 1)
    with torch.no_grad():
        gen.train()
        alone, in_batch = gen(z[:1]), gen(z)[:1]
        assert not torch.allclose(alone, in_batch, atol=1e-4), (
            "in training mode an image should depend on its batch: the generator's hidden layers use BatchNorm2d")
        gen.eval()
        alone, in_batch = gen(z[:1]), gen(z)[:1]
        assert torch.allclose(alone, in_batch, atol=1e-5), (
            "in eval mode an image should not depend on the rest of its batch: BatchNorm2d uses its running statistics")
        assert torch.equal(gen(z[:1]), gen(z[:1])), "eval mode must be deterministic"
