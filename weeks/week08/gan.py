"""Week 08, part 1: a fully connected GAN, its two losses, one training step, and a 1-D GAN.

Losses use nn.BCEWithLogitsLoss: both networks' last layers output logits, never probabilities.
"""
from __future__ import annotations

import math

import torch
from torch import nn
from tqdm import tqdm


class Generator(nn.Module):
    """Noise (N, z_dim) -> images (N, *img_shape) with values in [-1, 1].

    Layers: for each width h in `hidden`, Linear -> BatchNorm1d(h) -> ReLU; then Linear to
    prod(img_shape) values and Tanh; reshape to img_shape. No convolutions.
    """

    def __init__(self, z_dim: int, img_shape: tuple[int, ...], hidden: tuple[int, ...] = (128, 256)) -> None:
        """Build the layers described above."""
        super().__init__()
        raise NotImplementedError

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """(N, z_dim) -> (N, *img_shape)."""
        raise NotImplementedError


class Discriminator(nn.Module):
    """Images (N, *img_shape) -> logits (N, 1).

    Layers: Flatten; for each width h in `hidden`, Linear -> LeakyReLU(0.2); then Linear to 1. No Sigmoid.
    """

    def __init__(self, img_shape: tuple[int, ...], hidden: tuple[int, ...] = (256, 128)) -> None:
        """Build the layers described above."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """One real-vs-fake logit per image."""
        raise NotImplementedError


def gen_loss(gen: nn.Module, disc: nn.Module, num_images: int, z_dim: int) -> torch.Tensor:
    """The generator's loss: draw z ~ N(0, I) of shape (num_images, z_dim) on the generator's device,
    and return the BCE-with-logits of disc(gen(z)) against ones (the generator wants its fakes called real).
    A scalar tensor through which gradients reach the generator."""
    raise NotImplementedError


def disc_loss(gen: nn.Module, disc: nn.Module, real: torch.Tensor, num_images: int, z_dim: int) -> torch.Tensor:
    """The discriminator's loss: the mean of BCE-with-logits(disc(fake), zeros) and
    BCE-with-logits(disc(real), ones), where fake = gen(z).detach() for z ~ N(0, I) of shape
    (num_images, z_dim). A scalar tensor; no gradient reaches the generator."""
    raise NotImplementedError


def train_step(gen: nn.Module, disc: nn.Module, real: torch.Tensor, gen_opt: torch.optim.Optimizer,
               disc_opt: torch.optim.Optimizer, z_dim: int) -> tuple[float, float]:
    """One round of the game on a batch of real images: first the discriminator (zero its gradients,
    disc_loss, backward, disc_opt.step), then the generator (zero its gradients, gen_loss, backward,
    gen_opt.step), both with len(real) fake images. Returns (d_loss, g_loss) as Python floats."""
    raise NotImplementedError


def fit_gaussian(mean: float = 3.0, std: float = 0.5, steps: int = 800, batch_size: int = 64,
                 z_dim: int = 4, seed: int = 0) -> nn.Module:
    """Train a tiny GAN on 1-D samples of N(mean, std^2) and return its generator.

    Call torch.manual_seed(seed) first. Generator: Linear(z_dim, 32), ReLU, Linear(32, 1).
    Discriminator: Linear(1, 32), LeakyReLU(0.2), Linear(32, 1). Adam with lr 2e-3 and betas (0.5, 0.999)
    for both. Each of `steps` steps draws a fresh real batch (batch_size, 1) and calls train_step. Show a
    tqdm bar. The returned generator maps (N, z_dim) noise to (N, 1) samples whose mean is close to `mean`
    and whose spread is of the order of `std` (a generator that answers the mean for every noise fails).
    """
    raise NotImplementedError
