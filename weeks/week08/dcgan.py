"""Week 08, part 2: DCGAN (Radford et al., 2015).

The layer plan (the specs count parameters, so follow it): every convolution has bias=False, kernel 4.
Generator for img_size 64 (z_dim -> 3 x 64 x 64):
    ConvTranspose2d(z_dim, ngf*8, 4, stride 1, padding 0) -> BatchNorm2d -> ReLU        # 1x1 -> 4x4
    ConvTranspose2d(ngf*8, ngf*4, 4, 2, 1) -> BatchNorm2d -> ReLU                       # -> 8x8
    ConvTranspose2d(ngf*4, ngf*2, 4, 2, 1) -> BatchNorm2d -> ReLU                       # -> 16x16
    ConvTranspose2d(ngf*2, ngf, 4, 2, 1) -> BatchNorm2d -> ReLU                         # -> 32x32
    ConvTranspose2d(ngf, 3, 4, 2, 1) -> Tanh                                             # -> 64x64
For img_size 32 start at ngf*4 and leave out one middle block.
Discriminator for img_size 64 (3 x 64 x 64 -> one logit):
    Conv2d(3, ndf, 4, 2, 1) -> LeakyReLU(0.2)                                            # -> 32x32
    Conv2d(ndf, ndf*2, 4, 2, 1) -> BatchNorm2d -> LeakyReLU(0.2)                         # -> 16x16
    Conv2d(ndf*2, ndf*4, 4, 2, 1) -> BatchNorm2d -> LeakyReLU(0.2)                       # -> 8x8
    Conv2d(ndf*4, ndf*8, 4, 2, 1) -> BatchNorm2d -> LeakyReLU(0.2)                       # -> 4x4
    Conv2d(ndf*8, 1, 4, 1, 0) -> Flatten                                                 # -> (N, 1)
For img_size 32 leave out the last of the middle blocks (end at ndf*4).
No Linear layers, no pooling, no Sigmoid.
"""
from __future__ import annotations

import math

import torch
from torch import nn


class DCGANGenerator(nn.Module):
    """Noise (N, z_dim, 1, 1) or (N, z_dim) -> images (N, 3, img_size, img_size) in [-1, 1].
    img_size is 32 or 64 (anything else raises ValueError)."""

    def __init__(self, z_dim: int = 100, ngf: int = 64, img_size: int = 64) -> None:
        """Build the generator of the plan above."""
        super().__init__()
        raise NotImplementedError

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """Reshape the noise to (N, z_dim, 1, 1) and run the layers."""
        raise NotImplementedError


class DCGANDiscriminator(nn.Module):
    """Images (N, 3, img_size, img_size) -> logits (N, 1). img_size is 32 or 64."""

    def __init__(self, ndf: int = 64, img_size: int = 64) -> None:
        """Build the discriminator of the plan above."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """One logit per image."""
        raise NotImplementedError


def weights_init(module: nn.Module) -> None:
    """For model.apply(weights_init): Conv2d and ConvTranspose2d weights ~ N(0, 0.02);
    BatchNorm2d weights ~ N(1, 0.02) and biases 0. Other modules are left alone."""
    raise NotImplementedError
