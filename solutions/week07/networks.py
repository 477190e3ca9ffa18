"""Fully convolutional segmenters: an FCN with additive skips and a U-Net with concatenated skips."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from upsampling import bilinear_kernel


def count_parameters(model: nn.Module) -> int:
    """Number of trainable values in the model's parameters (buffers are not counted)."""
    return sum(p.numel() for p in model.parameters())


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """Two 3x3 convolutions (padding 1, so the size is kept), each followed by a ReLU."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 3, padding=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, 3, padding=1), nn.ReLU(),
    )


class FCN(nn.Module):
    """A three-stage FCN with FCN-8s style skips: class scores from each stage are upsampled and added."""

    def __init__(self, in_channels: int = 3, num_classes: int = 2, base: int = 16) -> None:
        super().__init__()
        b, k = base, num_classes
        self.stage1, self.stage2, self.stage3 = conv_block(in_channels, b), conv_block(b, 2 * b), conv_block(2 * b, 4 * b)
        self.pool = nn.MaxPool2d(2)
        # 1x1 convolutions turn features into class scores at each resolution
        self.score1, self.score2, self.score3 = nn.Conv2d(b, k, 1), nn.Conv2d(2 * b, k, 1), nn.Conv2d(4 * b, k, 1)
        # learnable 2x upsamplers, started as bilinear interpolation
        self.up3, self.up2, self.up1 = (nn.ConvTranspose2d(k, k, 4, stride=2, padding=1, bias=False) for _ in range(3))
        with torch.no_grad():
            for up in (self.up3, self.up2, self.up1):
                up.weight.copy_(bilinear_kernel(k, 4))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f1 = self.pool(self.stage1(x))   # 1/2
        f2 = self.pool(self.stage2(f1))  # 1/4
        f3 = self.pool(self.stage3(f2))  # 1/8
        s = self.up3(self.score3(f3)) + self.score2(f2)  # 1/4
        s = self.up2(s) + self.score1(f1)                # 1/2
        return self.up1(s)                               # full size


class UNet(nn.Module):
    """U-Net: encoders b, 2b, 4b, 8b with max pooling; transposed-conv upsampling; concatenation skips."""

    def __init__(self, in_channels: int = 3, out_channels: int = 3, base: int = 64) -> None:
        super().__init__()
        b = base
        self.enc1, self.enc2 = conv_block(in_channels, b), conv_block(b, 2 * b)
        self.enc3, self.enc4 = conv_block(2 * b, 4 * b), conv_block(4 * b, 8 * b)
        self.pool = nn.MaxPool2d(2)
        self.up3 = nn.ConvTranspose2d(8 * b, 4 * b, 2, stride=2)
        self.up2 = nn.ConvTranspose2d(4 * b, 2 * b, 2, stride=2)
        self.up1 = nn.ConvTranspose2d(2 * b, b, 2, stride=2)
        # each decoder block sees the upsampled map and the skip side by side: twice the channels
        self.dec3, self.dec2, self.dec1 = conv_block(8 * b, 4 * b), conv_block(4 * b, 2 * b), conv_block(2 * b, b)
        self.head = nn.Conv2d(b, out_channels, 1)

    @staticmethod
    def _join(up: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        # after flooring in the pooling, the upsampled map can be a pixel short: pad it to the skip's size
        dh, dw = skip.shape[-2] - up.shape[-2], skip.shape[-1] - up.shape[-1]
        up = F.pad(up, [dw // 2, dw - dw // 2, dh // 2, dh - dh // 2])
        return torch.cat([skip, up], dim=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        e3 = self.enc3(self.pool(e2))
        e4 = self.enc4(self.pool(e3))
        d3 = self.dec3(self._join(self.up3(e4), e3))
        d2 = self.dec2(self._join(self.up2(d3), e2))
        d1 = self.dec1(self._join(self.up1(d2), e1))
        return self.head(d1)
