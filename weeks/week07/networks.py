"""Task 3: fully convolutional networks, an FCN with additive skips and a U-Net with concatenated skips.

conv_block(i, o) below means: Conv2d(i, o, 3, padding=1), ReLU, Conv2d(o, o, 3, padding=1), ReLU.
"""
from __future__ import annotations

import torch
from torch import nn


def count_parameters(model: nn.Module) -> int:
    """Number of values in model.parameters() (buffers are not parameters)."""
    raise NotImplementedError


class FCN(nn.Module):
    """A three-stage FCN with FCN-8s style skip connections (b = base, K = num_classes):

    - stage1 = conv_block(in, b), stage2 = conv_block(b, 2b), stage3 = conv_block(2b, 4b), each followed
      by MaxPool2d(2): features f1 at 1/2, f2 at 1/4, f3 at 1/8 of the input size;
    - class scores from each stage by a 1x1 Conv2d (with bias): 4b -> K, 2b -> K, b -> K;
    - three 2x upsamplers nn.ConvTranspose2d(K, K, 4, stride=2, padding=1, bias=False), each initialised
      with bilinear_kernel(K, 4) from upsampling.py;
    - s = up(score3(f3)) + score2(f2); s = up(s) + score1(f1); out = up(s)  (skips are added).

    forward: (N, in, H, W) -> (N, K, H, W) logits, for H and W divisible by 8.
    """

    def __init__(self, in_channels: int = 3, num_classes: int = 2, base: int = 16) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class UNet(nn.Module):
    """U-Net (b = base):

    - encoders conv_block(in, b), conv_block(b, 2b), conv_block(2b, 4b), conv_block(4b, 8b), with
      MaxPool2d(2) between consecutive encoders (three poolings);
    - upsamplers nn.ConvTranspose2d(kernel_size=2, stride=2) 8b -> 4b, 4b -> 2b, 2b -> b;
    - after each upsampling, concatenate with the encoder output of the same resolution (the skip) and
      apply conv_block 8b -> 4b, 4b -> 2b, 2b -> b;
    - head: Conv2d(b, out, 1).

    forward: (N, in, H, W) -> (N, out, H, W) logits for any H, W >= 8: where pooling floored an odd size,
    pad (or crop) the upsampled map to the skip's size before concatenating.
    UNet(16, 5) has 7,705,093 parameters.
    """

    def __init__(self, in_channels: int = 3, out_channels: int = 3, base: int = 64) -> None:
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
