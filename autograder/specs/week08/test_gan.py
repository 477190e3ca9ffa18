"""Week 08: a fully connected GAN, its losses, one training step and a 1-D GAN."""
import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from autograder.boundary import in_worker


def constant_disc(c: float) -> nn.Module:
    """A discriminator that answers the same logit c for every (N, 1, 2, 3) input: its weights are 0, its bias c.
    Built from torch's own layers, so it crosses into the worker (classes written in a spec cannot)."""
    disc = nn.Sequential(nn.Flatten(), nn.Linear(6, 1))
    with torch.no_grad():
        disc[1].weight.zero_()
        disc[1].bias.fill_(float(c))
    return disc


def tiny_gen(z_dim: int = 4) -> nn.Module:
    """A tiny generator: tanh(Linear(z_dim, 6)) viewed as (N, 1, 2, 3) images."""
    return nn.Sequential(nn.Linear(z_dim, 6), nn.Tanh(), nn.Unflatten(1, (1, 2, 3)))


@in_worker
def grads_after_backward(loss_fn, gen, disc, args):
    """Runs in the worker: loss_fn(gen, disc, *args).backward() on the worker's own networks; returns the
    gradients of G's and of D's parameters (None where nothing arrived)."""
    loss_fn(gen, disc, *args).backward()
    return [p.grad for p in gen.parameters()], [p.grad for p in disc.parameters()]


@pytest.mark.points(2)
def test_losses_against_a_constant_discriminator(load):
    """With D's logit fixed at c, gen_loss = softplus(-c) and disc_loss = (softplus(c) + softplus(-c)) / 2; at c = 0 both are ln 2."""
    m = load("gan")
    real = torch.rand(5, 1, 2, 3)
    for c in (0.0, 1.5, -2.0):
        g = m.gen_loss(tiny_gen(), constant_disc(c), 5, 4)
        d = m.disc_loss(tiny_gen(), constant_disc(c), real, 5, 4)
        assert g.dim() == 0 and d.dim() == 0, "both losses should be scalars (0-dim tensors)"
        want_g = F.softplus(torch.tensor(-c)).item()
        want_d = (F.softplus(torch.tensor(c)) + F.softplus(torch.tensor(-c))).item() / 2
        assert math.isclose(g.item(), want_g, abs_tol=1e-5), (
            f"with D's logit {c}, gen_loss should be {want_g:.4f} (BCE with logits of D(G(z)) against ones), got {g.item():.4f}")
        assert math.isclose(d.item(), want_d, abs_tol=1e-5), (
            f"with D's logit {c}, disc_loss should be {want_d:.4f}: the mean of BCE(real, ones) and BCE(fake, zeros), "
            f"got {d.item():.4f}")
    assert math.isclose(m.gen_loss(tiny_gen(), constant_disc(0), 3, 4).item(), math.log(2), abs_tol=1e-6)


@pytest.mark.points(1)
def test_generator_and_discriminator_shapes(load):
    """Generator maps (N, z_dim) to images in [-1, 1] with Linear/BatchNorm1d only; Discriminator gives (N, 1) logits."""
    m = load("gan")
    gen = m.Generator(16, (3, 8, 8))
    z = torch.randn(7, 16)
    x = gen(z)
    assert x.shape == (7, 3, 8, 8), f"Generator(16, (3, 8, 8)) on (7, 16) noise should give (7, 3, 8, 8), got {tuple(x.shape)}"
    assert x.min() >= -1 and x.max() <= 1, "generated images must lie in [-1, 1]: end with nn.Tanh"
    kinds = {mod.__class__ for mod in gen.modules() if not list(mod.children())}  # type() of a proxy is the proxy class
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
    gen, disc = tiny_gen(), nn.Sequential(nn.Flatten(), nn.Linear(6, 1))
    gen_grads, disc_grads = grads_after_backward(m.disc_loss, gen, disc, (torch.rand(4, 1, 2, 3), 4, 4))
    assert all(g is None or torch.all(g == 0) for g in gen_grads), (
        "disc_loss sent gradients into the generator: use gen(z).detach() for the fake images")
    assert any(g is not None and g.abs().sum() > 0 for g in disc_grads), "disc_loss should train D"


@in_worker
def recording_optimizers(gen, disc, lr):
    """Runs in the worker: SGD optimizers for D and G that write down, in their shared `log`, every zero_grad and
    step, with the other network's parameters at the time of each step. Returns gen, disc, d_opt, g_opt."""
    import torch

    log = []

    class Recording(torch.optim.SGD):
        def __init__(self, params, name, other):
            super().__init__(params, lr=lr)
            self.name, self.other, self.log = name, other, log

        def zero_grad(self, set_to_none: bool = True):
            log.append((self.name, "zero_grad", None))
            super().zero_grad(set_to_none)

        def step(self, closure=None):
            log.append((self.name, "step", [p.detach().clone() for p in self.other.parameters()]))
            return super().step(closure)

    return gen, disc, Recording(disc.parameters(), "D", gen), Recording(gen.parameters(), "G", disc)


@pytest.mark.points(2)
def test_train_step_order(load):
    """train_step zeroes and steps D first, then G; each step moves only its own network."""
    m = load("gan")
    # the networks and the optimizers live in the worker, where train_step changes them
    gen, disc, d_opt, g_opt = recording_optimizers(tiny_gen(), nn.Sequential(nn.Flatten(), nn.Linear(6, 1)), 0.1)
    g0 = [p.detach().clone() for p in gen.parameters()]
    out = m.train_step(gen, disc, torch.rand(8, 1, 2, 3), g_opt, d_opt, 4)
    log = d_opt.log
    assert isinstance(out, tuple) and len(out) == 2 and all(isinstance(v, float) for v in out), (
        "train_step should return (d_loss, g_loss) as two Python floats (use .item())")
    calls = [(n, c) for n, c, _ in log]
    steps = [n for n, c in calls if c == "step"]
    assert steps == ["D", "G"], f"expected one D step and then one G step, got the steps {steps}"
    d_step, g_step = calls.index(("D", "step")), calls.index(("G", "step"))
    assert ("D", "zero_grad") in calls[:d_step], f"zero D's gradients before D's step; the calls were {calls}"
    assert ("G", "zero_grad") in calls[:g_step], f"zero G's gradients before G's step; the calls were {calls}"
    g_at_d_step = next(s for n, c, s in log if n == "D" and c == "step")
    assert all(torch.equal(a, b) for a, b in zip(g_at_d_step, g0)), "the generator changed before D's step"
    d_after = [p.detach().clone() for p in disc.parameters()]
    d_at_g_step = next(s for n, c, s in log if n == "G" and c == "step")
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
