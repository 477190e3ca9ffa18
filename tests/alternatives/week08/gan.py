"""A fully connected GAN in the PyTorch DCGAN tutorial's style: `main` nn.Sequential networks, one BCELoss on
sigmoid outputs, real/fake label tensors refilled with fill_, netD.zero_grad()/netG.zero_grad(), and one batch
of fakes shared by D's and G's step."""
from __future__ import annotations

import math

import torch
from torch import nn
from tqdm import tqdm

real_label = 1.0
fake_label = 0.0
criterion = nn.BCELoss()


class Generator(nn.Module):
    """(N, z_dim) noise -> (N, *img_shape) images in [-1, 1]."""

    def __init__(self, z_dim: int, img_shape: tuple[int, ...], hidden: tuple[int, ...] = (128, 256)) -> None:
        super().__init__()
        self.img_shape = tuple(img_shape)
        sizes = [z_dim, *hidden]
        blocks = [layer for n_in, n_out in zip(sizes, sizes[1:])
                  for layer in (nn.Linear(n_in, n_out), nn.BatchNorm1d(n_out), nn.ReLU(True))]
        self.main = nn.Sequential(*blocks, nn.Linear(sizes[-1], math.prod(self.img_shape)), nn.Tanh())

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        return self.main(input).view(-1, *self.img_shape)


class Discriminator(nn.Module):
    """(N, *img_shape) images -> (N, 1) logits (the sigmoid is applied next to the BCELoss)."""

    def __init__(self, img_shape: tuple[int, ...], hidden: tuple[int, ...] = (256, 128)) -> None:
        super().__init__()
        sizes = [math.prod(img_shape), *hidden]
        blocks = [layer for n_in, n_out in zip(sizes, sizes[1:])
                  for layer in (nn.Linear(n_in, n_out), nn.LeakyReLU(0.2, inplace=True))]
        self.main = nn.Sequential(nn.Flatten(), *blocks, nn.Linear(sizes[-1], 1))

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        return self.main(input)


def _bce(netD: nn.Module, images: torch.Tensor, label: torch.Tensor) -> torch.Tensor:
    """BCELoss of D's probabilities (sigmoid of its logits) against the label tensor."""
    output = torch.sigmoid(netD(images)).view(-1)
    return criterion(output, label)


def gen_loss(gen: nn.Module, disc: nn.Module, num_images: int, z_dim: int) -> torch.Tensor:
    """BCE of D(G(z)) against real labels."""
    device = next(gen.parameters()).device
    noise = torch.randn(num_images, z_dim, device=device)
    label = torch.full((num_images,), real_label, device=device)
    return _bce(disc, gen(noise), label)


def disc_loss(gen: nn.Module, disc: nn.Module, real: torch.Tensor, num_images: int, z_dim: int) -> torch.Tensor:
    """Mean of BCE(D(real), real labels) and BCE(D(G(z).detach()), fake labels)."""
    device = real.device
    label = torch.full((real.size(0),), real_label, device=device)
    errD_real = _bce(disc, real, label)
    noise = torch.randn(num_images, z_dim, device=device)
    fake = gen(noise)
    label = torch.full((num_images,), fake_label, device=device)
    errD_fake = _bce(disc, fake.detach(), label)
    return (errD_real + errD_fake) / 2


def train_step(gen: nn.Module, disc: nn.Module, real: torch.Tensor, gen_opt: torch.optim.Optimizer,
               disc_opt: torch.optim.Optimizer, z_dim: int) -> tuple[float, float]:
    """(1) Update D: maximize log(D(x)) + log(1 - D(G(z))); (2) update G: maximize log(D(G(z))), on the same fakes."""
    netG, netD = gen, disc
    b_size = real.size(0)
    device = real.device

    # D's loss is the mean of its two terms: each half is backpropagated before the label is refilled
    netD.zero_grad()
    label = torch.full((b_size,), real_label, dtype=torch.float, device=device)
    errD_real = _bce(netD, real, label) / 2
    errD_real.backward()
    noise = torch.randn(b_size, z_dim, device=device)
    fake = netG(noise)
    label.fill_(fake_label)
    errD_fake = _bce(netD, fake.detach(), label) / 2
    errD_fake.backward()
    errD = errD_real + errD_fake
    disc_opt.step()

    netG.zero_grad()
    label.fill_(real_label)  # fake labels are real for the generator cost
    errG = _bce(netD, fake, label)
    errG.backward()
    gen_opt.step()
    return errD.item(), errG.item()


def fit_gaussian(mean: float = 3.0, std: float = 0.5, steps: int = 800, batch_size: int = 64,
                 z_dim: int = 4, seed: int = 0) -> nn.Module:
    """A 1-D GAN (G: z_dim-32-1, D: 1-32-1, Adam 2e-3, betas (0.5, 0.999)) trained on N(mean, std^2); returns G."""
    torch.manual_seed(seed)
    netG = nn.Sequential(nn.Linear(z_dim, 32), nn.ReLU(True), nn.Linear(32, 1))
    netD = nn.Sequential(nn.Linear(1, 32), nn.LeakyReLU(0.2, inplace=True), nn.Linear(32, 1))
    optimizerD = torch.optim.Adam(netD.parameters(), lr=2e-3, betas=(0.5, 0.999))
    optimizerG = torch.optim.Adam(netG.parameters(), lr=2e-3, betas=(0.5, 0.999))
    for _ in tqdm(range(steps)):
        data = mean + std * torch.randn(batch_size, 1)
        train_step(netG, netD, data, optimizerG, optimizerD, z_dim)
    return netG
