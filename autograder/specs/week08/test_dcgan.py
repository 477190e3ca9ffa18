"""Week 08: the DCGAN generator and discriminator."""
import pytest
import torch
from torch import nn


def n_params(model):
    return sum(p.numel() for p in model.parameters())


def leaves(model):
    return [mod for mod in model.modules() if not list(mod.children())]


@pytest.mark.points(2)
def test_generator_64(load):
    """DCGANGenerator(100, 64, 64) maps (N, 100, 1, 1) noise to (N, 3, 64, 64) in [-1, 1] with 3,576,704 parameters."""
    m = load("dcgan")
    gen = m.DCGANGenerator(z_dim=100, ngf=64, img_size=64).eval()
    with torch.no_grad():
        x = gen(torch.randn(2, 100, 1, 1))
        flat = gen(torch.randn(2, 100))
    assert x.shape == (2, 3, 64, 64), f"expected (2, 3, 64, 64), got {tuple(x.shape)}"
    assert flat.shape == (2, 3, 64, 64), "the generator should also accept noise shaped (N, z_dim)"
    assert x.min() >= -1 and x.max() <= 1, "images must lie in [-1, 1]: the last layer is Tanh"
    assert n_params(gen) == 3_576_704, (
        f"{n_params(gen):,} parameters; the README's plan (4x4 start with ngf*8 channels, bias-free transposed "
        "convolutions, BatchNorm2d) has 3,576,704")


@pytest.mark.points(1)
def test_discriminator_64(load):
    """DCGANDiscriminator(64, 64) maps (N, 3, 64, 64) to (N, 1) logits with 2,765,568 parameters."""
    m = load("dcgan")
    disc = m.DCGANDiscriminator(ndf=64, img_size=64).eval()
    with torch.no_grad():
        out = disc(torch.rand(3, 3, 64, 64) * 2 - 1)
    assert out.shape == (3, 1), f"expected one logit per image, (3, 1), got {tuple(out.shape)}"
    assert n_params(disc) == 2_765_568, f"{n_params(disc):,} parameters; the README's plan has 2,765,568"


@pytest.mark.points(2)
def test_dcgan_guidelines(load):
    """Only strided (transposed) convolutions without bias, BatchNorm2d, ReLU + final Tanh in G, LeakyReLU in D; no Linear, no pooling."""
    m = load("dcgan")
    for name, model in (("generator", m.DCGANGenerator(100, 16, 64)), ("discriminator", m.DCGANDiscriminator(16, 64))):
        kinds = leaves(model)
        assert not any(isinstance(k, (nn.Linear, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d)) for k in kinds), (
            f"the {name} uses Linear or pooling layers; DCGAN uses strided convolutions only")
        assert any(isinstance(k, nn.BatchNorm2d) for k in kinds), f"the {name} needs BatchNorm2d"
        convs = [k for k in kinds if isinstance(k, (nn.Conv2d, nn.ConvTranspose2d))]
        assert convs and all(c.bias is None for c in convs), f"the {name}'s convolutions should have bias=False"
    g = leaves(m.DCGANGenerator(100, 16, 64))
    acts = [k for k in g if isinstance(k, (nn.ReLU, nn.LeakyReLU, nn.Tanh, nn.Sigmoid, nn.ELU))]
    assert isinstance(acts[-1], nn.Tanh) and all(a.__class__ is nn.ReLU for a in acts[:-1]), (
        "the generator uses ReLU everywhere except its last activation, which is Tanh")
    d = leaves(m.DCGANDiscriminator(16, 64))
    assert any(isinstance(k, nn.LeakyReLU) for k in d), "the discriminator uses LeakyReLU"
    assert not any(isinstance(k, nn.Sigmoid) for k in d), "the discriminator returns logits: no Sigmoid"


@pytest.mark.points(1)
def test_32_pixel_variant(load):
    """img_size=32 gives 32x32 images and a discriminator that accepts them."""
    m = load("dcgan")
    gen, disc = m.DCGANGenerator(100, 32, 32).eval(), m.DCGANDiscriminator(32, 32).eval()
    with torch.no_grad():
        x = gen(torch.randn(4, 100, 1, 1))
        assert x.shape == (4, 3, 32, 32), f"expected (4, 3, 32, 32), got {tuple(x.shape)}"
        assert disc(x).shape == (4, 1), "the 32-pixel discriminator should give (N, 1)"


@pytest.mark.points(1)
def test_weights_init(load):
    """weights_init draws conv weights from N(0, 0.02) and batch-norm weights from N(1, 0.02) with zero bias."""
    m = load("dcgan")
    gen = m.DCGANGenerator(100, 64, 64)
    gen.apply(m.weights_init)
    conv = torch.cat([k.weight.flatten() for k in gen.modules() if isinstance(k, nn.ConvTranspose2d)])
    bn_w = torch.cat([k.weight for k in gen.modules() if isinstance(k, nn.BatchNorm2d)])
    bn_b = torch.cat([k.bias for k in gen.modules() if isinstance(k, nn.BatchNorm2d)])
    assert abs(conv.mean().item()) < 1e-3 and abs(conv.std().item() - 0.02) < 1e-3, (
        f"conv weights should be N(0, 0.02): mean {conv.mean().item():.4f}, std {conv.std().item():.4f}")
    assert abs(bn_w.mean().item() - 1) < 5e-3 and abs(bn_w.std().item() - 0.02) < 5e-3, (
        "batch-norm weights should be N(1, 0.02)")
    assert torch.all(bn_b == 0), "batch-norm biases should be 0"
