"""A fully connected GAN: generator, discriminator, their losses, one training step, and a 1-D GAN."""
from __future__ import annotations

import math

import torch
from torch import nn
from tqdm import tqdm


class Generator(nn.Module):
    """Noise (N, z_dim) -> images (N, *img_shape) in [-1, 1]: Linear+BatchNorm1d+ReLU blocks, then Tanh."""

    def __init__(self, z_dim: int, img_shape: tuple[int, ...], hidden: tuple[int, ...] = (128, 256)) -> None:
        super().__init__()
        self.img_shape = tuple(img_shape)
        layers: list[nn.Module] = []
        width = z_dim
        for h in hidden:
            layers += [nn.Linear(width, h), nn.BatchNorm1d(h), nn.ReLU()]
            width = h
        layers += [nn.Linear(width, math.prod(self.img_shape)), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z).view(len(z), *self.img_shape)


class Discriminator(nn.Module):
    """Images (N, *img_shape) -> one logit each (N, 1): Linear+LeakyReLU(0.2) blocks, then Linear."""

    def __init__(self, img_shape: tuple[int, ...], hidden: tuple[int, ...] = (256, 128)) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.Flatten()]
        width = math.prod(img_shape)
        for h in hidden:
            layers += [nn.Linear(width, h), nn.LeakyReLU(0.2)]
            width = h
        layers.append(nn.Linear(width, 1))  # a logit: BCEWithLogitsLoss applies the sigmoid
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


bce = nn.BCEWithLogitsLoss()


def gen_loss(gen: nn.Module, disc: nn.Module, num_images: int, z_dim: int) -> torch.Tensor:
    """The generator wants D to call its fakes real: BCE of D(G(z)) against ones."""
    z = torch.randn(num_images, z_dim, device=next(gen.parameters()).device)
    pred = disc(gen(z))
    return bce(pred, torch.ones_like(pred))


def disc_loss(gen: nn.Module, disc: nn.Module, real: torch.Tensor, num_images: int, z_dim: int) -> torch.Tensor:
    """D wants real -> 1 and fake -> 0; the two BCE terms are averaged. G is not trained here (detach)."""
    z = torch.randn(num_images, z_dim, device=real.device)
    fake_pred = disc(gen(z).detach())
    real_pred = disc(real)
    return (bce(fake_pred, torch.zeros_like(fake_pred)) + bce(real_pred, torch.ones_like(real_pred))) / 2


def train_step(gen: nn.Module, disc: nn.Module, real: torch.Tensor, gen_opt: torch.optim.Optimizer,
               disc_opt: torch.optim.Optimizer, z_dim: int) -> tuple[float, float]:
    """One discriminator step, then one generator step. Returns (d_loss, g_loss) as floats."""
    disc_opt.zero_grad()
    d_loss = disc_loss(gen, disc, real, len(real), z_dim)
    d_loss.backward()
    disc_opt.step()

    gen_opt.zero_grad()
    g_loss = gen_loss(gen, disc, len(real), z_dim)
    g_loss.backward()  # D's gradients get filled too, but only gen_opt steps
    gen_opt.step()
    return d_loss.item(), g_loss.item()


def fit_gaussian(mean: float = 3.0, std: float = 0.5, steps: int = 800, batch_size: int = 64,
                 z_dim: int = 4, seed: int = 0) -> nn.Module:
    """Train a tiny 1-D GAN on samples of N(mean, std^2); returns the generator (noise (N, z_dim) -> (N, 1)),
    whose samples have a mean close to `mean` and a spread of the order of `std`."""
    torch.manual_seed(seed)
    gen = nn.Sequential(nn.Linear(z_dim, 32), nn.ReLU(), nn.Linear(32, 1))
    disc = nn.Sequential(nn.Linear(1, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1))
    gen_opt = torch.optim.Adam(gen.parameters(), lr=2e-3, betas=(0.5, 0.999))
    disc_opt = torch.optim.Adam(disc.parameters(), lr=2e-3, betas=(0.5, 0.999))
    for _ in tqdm(range(steps), desc="1-D GAN"):
        real = torch.randn(batch_size, 1) * std + mean
        train_step(gen, disc, real, gen_opt, disc_opt, z_dim)
    return gen
