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


def constant_gen(image: torch.Tensor, z_dim: int = 4) -> nn.Module:
    """A tiny generator that draws the same (1, 2, 3) image, tanh(bias), whatever the noise: its weights are 0."""
    gen = tiny_gen(z_dim)
    with torch.no_grad():
        gen[0].weight.zero_()
        gen[0].bias.copy_(torch.atanh(image.flatten()))
    return gen


def linear_disc(weight: torch.Tensor, bias: float) -> nn.Module:
    """A discriminator whose logit is <weight, image> + bias: it scores real and fake images differently."""
    disc = nn.Sequential(nn.Flatten(), nn.Linear(6, 1))
    with torch.no_grad():
        disc[1].weight.copy_(weight.reshape(1, 6))
        disc[1].bias.fill_(float(bias))
    return disc


@in_worker
def grads_after_backward(loss_fn, gen, disc, args):
    """Runs in the worker: loss_fn(gen, disc, *args).backward() on the worker's own networks; returns the
    gradients of G's and of D's parameters (None where nothing arrived)."""
    loss_fn(gen, disc, *args).backward()
    return [p.grad for p in gen.parameters()], [p.grad for p in disc.parameters()]


@pytest.mark.points(2)
def test_losses_against_a_constant_discriminator(load):
    """With D's logit fixed at c, gen_loss = softplus(-c) and disc_loss = (softplus(c) + softplus(-c)) / 2 (ln 2 at c = 0);
    with a D that scores real and fake images differently, real is labelled 1 and fake 0."""
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
    # a constant D cannot tell which images got which label: with one that scores the real images high and the
    # fakes low, swapping the targets (real -> 0, fake -> 1) changes both losses
    fake = torch.tensor([[[0.5, -0.25, 0.75], [-0.5, 0.25, 0.0]]])
    w = torch.tensor([1.0, -2.0, 0.5, 1.5, -1.0, 2.0])
    real = torch.rand(6, 1, 2, 3)
    gen, disc = constant_gen(fake), linear_disc(w, 0.3)
    g, d = m.gen_loss(gen, disc, 5, 4), m.disc_loss(gen, disc, real, 5, 4)
    with torch.no_grad():
        fake_logit, real_logits = disc(fake[None]).squeeze(), disc(real).squeeze(1)
    want_g = F.softplus(-fake_logit).item()
    want_d = ((F.softplus(-real_logits).mean() + F.softplus(fake_logit)) / 2).item()
    assert math.isclose(g.item(), want_g, abs_tol=1e-5), (
        f"gen_loss should be BCE-with-logits of D(G(z)) against ones ({want_g:.4f} here), got {g.item():.4f}")
    assert math.isclose(d.item(), want_d, abs_tol=1e-5), (
        f"disc_loss should average BCE(D(real), ones) and BCE(D(fake), zeros) ({want_d:.4f} here), got {d.item():.4f}: "
        "real images are labelled 1, fakes 0")


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
    linears = [(mod.weight, mod.bias) for mod in disc.modules() if isinstance(mod, nn.Linear)]
    h = x.detach().flatten(1)
    for k, (w, b) in enumerate(linears):
        h = h @ w.T + b
        if k < len(linears) - 1:
            h = F.leaky_relu(h, 0.2)
    assert torch.allclose(out, h, atol=1e-5), (
        "the Discriminator should be Flatten, then Linear -> LeakyReLU(0.2) per hidden width, then Linear to 1")


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
    """Runs in the worker: SGD optimizers for D and G that write down, in their shared `log`, every step with the other
    network's parameters and their own network's gradients at the time of the step. Every parameter starts with a stale
    gradient of 1000 (what a previous batch could have left). Returns gen, disc, d_opt, g_opt."""
    import torch

    log = []

    class Recording(torch.optim.SGD):
        def __init__(self, params, name, other):
            super().__init__(params, lr=lr)
            self.name, self.other, self.log = name, other, log

        def step(self, closure=None):
            grads = [None if p.grad is None else p.grad.detach().clone() for g in self.param_groups for p in g["params"]]
            log.append((self.name, [p.detach().clone() for p in self.other.parameters()], grads))
            return super().step(closure)

    for p in [*gen.parameters(), *disc.parameters()]:
        p.grad = torch.full_like(p, 1000.0)
    return gen, disc, Recording(disc.parameters(), "D", gen), Recording(gen.parameters(), "G", disc)


@pytest.mark.points(2)
def test_train_step_order(load):
    """train_step steps D first, then G, each on fresh gradients of its own loss; each step moves only its own network."""
    m = load("gan")
    # the networks and the optimizers live in the worker, where train_step changes them
    gen, disc, d_opt, g_opt = recording_optimizers(tiny_gen(), nn.Sequential(nn.Flatten(), nn.Linear(6, 1)), 0.1)
    g0 = [p.detach().clone() for p in gen.parameters()]
    out = m.train_step(gen, disc, torch.rand(8, 1, 2, 3), g_opt, d_opt, 4)
    log = d_opt.log
    assert isinstance(out, tuple) and len(out) == 2 and all(isinstance(v, float) for v in out), (
        "train_step should return (d_loss, g_loss) as two Python floats (use .item())")
    steps = [name for name, _, _ in log]
    assert steps == ["D", "G"], f"expected one D step and then one G step, got the steps {steps}"
    # zeroing is judged by its effect: the optimizer's zero_grad(), the module's zero_grad() (the PyTorch DCGAN
    # tutorial's netD.zero_grad()) and p.grad = None all clear the stale gradients of 1000 before the backward pass
    for (name, _, grads), net, loss in zip(log, ("D", "G"), ("d_loss", "g_loss")):
        given = [g for g in grads if g is not None]
        assert given and any(g.abs().sum() > 0 for g in given), (
            f"{net}'s step had no gradient to follow: call {loss}.backward() after zeroing and before the step")
        assert all(g.abs().max() < 100 for g in given), (
            f"{net}'s step used stale gradients: zero {net}'s gradients (its optimizer's or its module's zero_grad()) "
            f"before {loss}.backward()")
    g_at_d_step = log[0][1]
    assert all(torch.equal(a, b) for a, b in zip(g_at_d_step, g0)), "the generator changed before D's step"
    d_after = [p.detach().clone() for p in disc.parameters()]
    d_at_g_step = log[1][1]
    assert all(torch.equal(a, b) for a, b in zip(d_at_g_step, d_after)), "D must not change during the generator's step"
    assert any(not torch.equal(a, b) for a, b in zip(g0, gen.parameters())), "the generator's step should change G"


@pytest.mark.points(3)
@pytest.mark.timeout(90)
def test_one_dimensional_gan_learns_the_mean(load):
    """fit_gaussian trains a 1-D GAN whose samples have mean 3 +- 0.25 and a spread of the data's order (data N(3, 0.5^2))."""
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
    # the reference's std lands between 0.68 and 2.05 times the data's over 70 seeds: a generator that answers
    # (nearly) one value, the mean, has not learned the distribution
    std = samples.std().item()
    assert 0.2 * 0.5 <= std <= 3 * 0.5, (
        f"generated samples have standard deviation {std:.3f}, expected between 0.1 and 1.5 for data of std 0.5: the "
        "generator should turn the noise into a spread of samples, not answer the mean")
