"""DCGAN written as in the PyTorch DCGAN tutorial: each network one `main` nn.Sequential, spelled out layer by
layer, and weights_init dispatching on the class name. The discriminator ends without the tutorial's Sigmoid
(it returns logits)."""
from __future__ import annotations

import torch
from torch import nn


def _check(img_size: int) -> None:
    if img_size not in (32, 64):
        raise ValueError(f"img_size must be 32 or 64, got {img_size}")


class DCGANGenerator(nn.Module):
    """(N, nz, 1, 1) or (N, nz) noise -> (N, 3, img_size, img_size) images in [-1, 1]."""

    def __init__(self, z_dim: int = 100, ngf: int = 64, img_size: int = 64) -> None:
        super().__init__()
        _check(img_size)
        self.nz = z_dim
        if img_size == 64:
            self.main = nn.Sequential(
                # input is Z, going into a convolution
                nn.ConvTranspose2d(z_dim, ngf * 8, 4, 1, 0, bias=False),
                nn.BatchNorm2d(ngf * 8),
                nn.ReLU(True),
                # state size. (ngf*8) x 4 x 4
                nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),
                nn.BatchNorm2d(ngf * 4),
                nn.ReLU(True),
                # state size. (ngf*4) x 8 x 8
                nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
                nn.BatchNorm2d(ngf * 2),
                nn.ReLU(True),
                # state size. (ngf*2) x 16 x 16
                nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
                nn.BatchNorm2d(ngf),
                nn.ReLU(True),
                # state size. (ngf) x 32 x 32
                nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias=False),
                nn.Tanh(),
                # state size. 3 x 64 x 64
            )
        else:
            self.main = nn.Sequential(
                nn.ConvTranspose2d(z_dim, ngf * 4, 4, 1, 0, bias=False),
                nn.BatchNorm2d(ngf * 4),
                nn.ReLU(True),
                # state size. (ngf*4) x 4 x 4
                nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
                nn.BatchNorm2d(ngf * 2),
                nn.ReLU(True),
                # state size. (ngf*2) x 8 x 8
                nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
                nn.BatchNorm2d(ngf),
                nn.ReLU(True),
                # state size. (ngf) x 16 x 16
                nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias=False),
                nn.Tanh(),
                # state size. 3 x 32 x 32
            )

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        return self.main(input.reshape(input.size(0), self.nz, 1, 1))


class DCGANDiscriminator(nn.Module):
    """(N, 3, img_size, img_size) images -> (N, 1) logits."""

    def __init__(self, ndf: int = 64, img_size: int = 64) -> None:
        super().__init__()
        _check(img_size)
        layers: list[nn.Module] = [
            # input is 3 x img_size x img_size
            nn.Conv2d(3, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 4),
            nn.LeakyReLU(0.2, inplace=True),
        ]
        top = ndf * 4
        if img_size == 64:
            layers += [nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False),
                       nn.BatchNorm2d(ndf * 8),
                       nn.LeakyReLU(0.2, inplace=True)]
            top = ndf * 8
        # state size. top x 4 x 4
        layers.append(nn.Conv2d(top, 1, 4, 1, 0, bias=False))
        self.main = nn.Sequential(*layers)

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        return self.main(input).view(-1, 1)


def weights_init(m: nn.Module) -> None:
    """Custom weights initialization called on netG and netD."""
    classname = m.__class__.__name__
    if classname in ("Conv2d", "ConvTranspose2d"):
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname == "BatchNorm2d":
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)
