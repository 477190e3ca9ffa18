"""Week 08: a fully connected GAN, its losses, one training step and a 1-D GAN."""
import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn


class ConstantD(nn.Module):
    """A discriminator that answers the same logit c for every input."""

    def __init__(self, c: float) -> None:
        super().__init__()
        self.c = nn.Parameter(torch.tensor(float(c)))

    def forward(self, x):
        return self.c.expand(len(x), 1)


class TinyG(nn.Module):
    def __init__(self, z_dim: int = 4) -> None:
        super().__init__()
        self.fc = nn.Linear(z_dim, 6)

    def forward(self, z):
        return torch.tanh(self.fc(z)).view(len(z), 1, 2, 3)


@pytest.mark.points(2)
def test_losses_against_a_constant_discriminator(load):
    """With D's logit fixed at c, gen_loss = softplus(-c) and disc_loss = (softplus(c) + softplus(-c)) / 2; at c = 0 both are ln 2."""
    m = load("gan")
    real = torch.rand(5, 1, 2, 3)
    for c in (0.0, 1.5, -2.0):
        g = m.gen_loss(TinyG(), ConstantD(c), 5, 4)
        d = m.disc_loss(TinyG(), ConstantD(c), real, 5, 4)
        assert g.dim() == 0 and d.dim() == 0, "both losses should be scalars (0-dim tensors)"
        want_g = F.softplus(torch.tensor(-c)).item()
        want_d = (F.softplus(torch.tensor(c)) + F.softplus(torch.tensor(-c))).item() / 2
        assert math.isclose(g.item(), want_g, abs_tol=1e-5), (
            f"with D's logit {c}, gen_loss should be {want_g:.4f} (BCE with logits of D(G(z)) against ones), got {g.item():.4f}")
        assert math.isclose(d.item(), want_d, abs_tol=1e-5), (
            f"with D's logit {c}, disc_loss should be {want_d:.4f}: the mean of BCE(real, ones) and BCE(fake, zeros), "
            f"got {d.item():.4f}")
    assert math.isclose(m.gen_loss(TinyG(), ConstantD(0), 3, 4).item(), math.log(2), abs_tol=1e-6)


@pytest.mark.points(1)
def test_generator_and_discriminator_shapes(load):
    """Generator maps (N, z_dim) to images in [-1, 1] with Linear/BatchNorm1d only; Discriminator gives (N, 1) logits."""
    m = load("gan")
    gen = m.Generator(16, (3, 8, 8))
    z = torch.randn(7, 16)
    x = gen(z)
    assert x.shape == (7, 3, 8, 8), f"Generator(16, (3, 8, 8)) on (7, 16) noise should give (7, 3, 8, 8), got {tuple(x.shape)}"
    assert x.min() >= -1 and x.max() <= 1, "generated images must lie in [-1, 1]: end with nn.Tanh"
    kinds = {type(mod) for mod in gen.modules() if not list(mod.children())}
    assert nn.Linear in kinds and nn.BatchNorm1d in kinds, "the generator is fully connected: Linear layers with BatchNorm1d"
    assert not any(issubclass(k, (nn.Conv2d, nn.ConvTranspose2d)) for k in kinds), "no convolutions in the linear GAN"
    disc = m.Discriminator((3, 8, 8))
    out = disc(x.detach())
    assert out.shape == (7, 1), f"Discriminator should return one logit per image, (7, 1), got {tuple(out.shape)}"
    assert not any(isinstance(mod, nn.Sigmoid) for mod in disc.modules()), (
        "return logits, not probabilities: BCEWithLogitsLoss applies the sigmoid itself")


@pytest.mark.points(1)
def test_disc_loss_does_not_train_the_generator(load):
    """disc_loss detaches the fakes: its gradient never reaches the generator."""
    m = load("gan")
    gen, disc = TinyG(), nn.Sequential(nn.Flatten(), nn.Linear(6, 1))
    m.disc_loss(gen, disc, torch.rand(4, 1, 2, 3), 4, 4).backward()
    assert all(p.grad is None or torch.all(p.grad == 0) for p in gen.parameters()), (
        "disc_loss sent gradients into the generator: use gen(z).detach() for the fake images")
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in disc.parameters()), "disc_loss should train D"


class Recording(torch.optim.SGD):
    """SGD that writes down when it steps and what the other network looked like then."""

    log: list = []

    def __init__(self, params, name, other):
        super().__init__(params, lr=0.1)
        self.name, self.other = name, other

    def zero_grad(self, set_to_none: bool = True):
        Recording.log.append((self.name, "zero_grad", None))
        super().zero_grad(set_to_none)

    def step(self, closure=None):
        Recording.log.append((self.name, "step", [p.detach().clone() for p in self.other.parameters()]))
        return super().step(closure)


@pytest.mark.points(2)
def test_train_step_order(load):
    """train_step zeroes and steps D first, then G; each step moves only its own network."""
    m = load("gan")
    gen, disc = TinyG(), nn.Sequential(nn.Flatten(), nn.Linear(6, 1))
    g0 = [p.detach().clone() for p in gen.parameters()]
    Recording.log = []
    d_opt, g_opt = Recording(disc.parameters(), "D", gen), Recording(gen.parameters(), "G", disc)
    out = m.train_step(gen, disc, torch.rand(8, 1, 2, 3), g_opt, d_opt, 4)
    assert isinstance(out, tuple) and len(out) == 2 and all(isinstance(v, float) for v in out), (
        "train_step should return (d_loss, g_loss) as two Python floats (use .item())")
    calls = [(n, c) for n, c, _ in Recording.log]
    steps = [n for n, c in calls if c == "step"]
    assert steps == ["D", "G"], f"expected one D step and then one G step, got the steps {steps}"
    d_step, g_step = calls.index(("D", "step")), calls.index(("G", "step"))
    assert ("D", "zero_grad") in calls[:d_step], f"zero D's gradients before D's step; the calls were {calls}"
    assert ("G", "zero_grad") in calls[:g_step], f"zero G's gradients before G's step; the calls were {calls}"
    g_at_d_step = next(s for n, c, s in Recording.log if n == "D" and c == "step")
    assert all(torch.equal(a, b) for a, b in zip(g_at_d_step, g0)), "the generator changed before D's step"
    d_after = [p.detach().clone() for p in disc.parameters()]
    d_at_g_step = next(s for n, c, s in Recording.log if n == "G" and c == "step")
    assert all(torch.equal(a, b) for a, b in zip(d_at_g_step, d_after)), "D must not change during the generator's step"
    assert any(not torch.equal(a, b) for a, b in zip(g0, gen.parameters())), "the generator's step should change G"


@pytest.mark.points(3)
@pytest.mark.timeout(90)
def test_one_dimensional_gan_learns_the_mean(load):
    """fit_gaussian trains a 1-D GAN whose samples have mean 3 +- 0.25 (data N(3, 0.5^2))."""
    m = load("gan")
    gen = m.fit_gaussian(mean=3.0, std=0.5, steps=800, seed=0)
    gen.eval()
    with torch.no_grad():
        samples = gen(torch.randn(4000, 4))
    assert samples.shape == (4000, 1), f"the generator should map (N, 4) noise to (N, 1) samples, got {tuple(samples.shape)}"
    mean = samples.mean().item()
    assert abs(mean - 3.0) < 0.25, (
        f"generated samples have mean {mean:.3f}, expected 3 +- 0.25: check the step order, the losses' targets, "
        "and Adam with lr 2e-3 and betas (0.5, 0.999)")
