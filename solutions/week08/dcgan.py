"""DCGAN (Radford et al., 2015): strided (transposed) convolutions, batch norm, no pooling, no Linear."""
from __future__ import annotations

import math

import torch
from torch import nn


def _blocks(img_size: int) -> int:
    if img_size not in (32, 64):
        raise ValueError(f"img_size must be 32 or 64, got {img_size}")
    return int(math.log2(img_size)) - 3  # 4x4 -> img_size/2 in stride-2 steps, then the last layer


class DCGANGenerator(nn.Module):
    """Noise (N, z_dim, 1, 1) or (N, z_dim) -> images (N, 3, img_size, img_size) in [-1, 1]."""

    def __init__(self, z_dim: int = 100, ngf: int = 64, img_size: int = 64) -> None:
        super().__init__()
        n = _blocks(img_size)
        width = ngf * 2 ** n  # 512 for 64 px, 256 for 32 px
        layers: list[nn.Module] = [nn.ConvTranspose2d(z_dim, width, 4, 1, 0, bias=False),  # 1x1 -> 4x4
                                   nn.BatchNorm2d(width), nn.ReLU(True)]
        for _ in range(n):  # each block doubles the size and halves the channels
            layers += [nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width // 2), nn.ReLU(True)]
            width //= 2
        layers += [nn.ConvTranspose2d(width, 3, 4, 2, 1, bias=False), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z.view(len(z), -1, 1, 1))


class DCGANDiscriminator(nn.Module):
    """Images (N, 3, img_size, img_size) -> logits (N, 1)."""

    def __init__(self, ndf: int = 64, img_size: int = 64) -> None:
        super().__init__()
        n = _blocks(img_size)
        layers: list[nn.Module] = [nn.Conv2d(3, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True)]
        width = ndf
        for _ in range(n):
            layers += [nn.Conv2d(width, width * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width * 2), nn.LeakyReLU(0.2, True)]
            width *= 2
        layers += [nn.Conv2d(width, 1, 4, 1, 0, bias=False), nn.Flatten()]  # 4x4 -> 1x1
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def weights_init(module: nn.Module) -> None:
    """The paper's init, for model.apply: conv weights ~ N(0, 0.02); batch-norm weights ~ N(1, 0.02), biases 0."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(module.weight, 0.0, 0.02)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)
