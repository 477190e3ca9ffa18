"""Week 08: hidden checks of the fully connected GAN."""
import pytest
import torch
from torch import nn

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_gen_loss_trains_the_generator(load):
    """gen_loss sends gradients into the generator."""
    m = load("gan")
    gen, disc = m.Generator(8, (1, 4, 4)), m.Discriminator((1, 4, 4))
    m.gen_loss(gen, disc, 6, 8).backward()
    assert all(p.grad is not None for p in gen.parameters()), "gen_loss must not detach the generated images"


@pytest.mark.points(2)
@pytest.mark.timeout(90)
def test_one_dimensional_gan_other_target(load):
    """fit_gaussian also learns N(-1, 0.3^2)."""
    m = load("gan")
    gen = m.fit_gaussian(mean=-1.0, std=0.3, steps=800, seed=1)
    gen.eval()
    with torch.no_grad():
        mean = gen(torch.randn(4000, 4)).mean().item()
    assert abs(mean + 1.0) < 0.25, "the 1-D GAN does not learn a target other than the default"
