"""Week 07 networks in the PyTorch tutorials' style: encoder and decoder stages kept in ModuleLists and
walked in loops, the upsampled map concatenated before the skip and padded at its bottom-right edge."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from upsampling import bilinear_kernel


def count_parameters(model: nn.Module) -> int:
    """Number of parameter values (buffers excluded)."""
    total = 0
    for _, p in model.named_parameters():
        total += p.numel()
    return total


def double_conv(in_channels: int, out_channels: int) -> nn.Sequential:
    """Conv3x3-ReLU twice, size kept."""
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU(inplace=True),
                         nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1), nn.ReLU(inplace=True))


class FCN(nn.Module):
    """Three conv+pool stages; 1x1 scores per stage, added after bilinear-initialised 2x upsampling."""

    def __init__(self, in_channels: int = 3, num_classes: int = 2, base: int = 16) -> None:
        super().__init__()
        widths = [base, 2 * base, 4 * base]
        self.stages = nn.ModuleList(double_conv(c_in, c_out) for c_in, c_out in zip([in_channels] + widths, widths))
        self.scores = nn.ModuleList(nn.Conv2d(c, num_classes, kernel_size=1) for c in widths)
        self.upsamplers = nn.ModuleList(
            nn.ConvTranspose2d(num_classes, num_classes, 4, stride=2, padding=1, bias=False) for _ in range(3))
        for up in self.upsamplers:
            up.weight.data.copy_(bilinear_kernel(num_classes, 4))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        feats = []
        for stage in self.stages:
            x = F.max_pool2d(stage(x), 2)
            feats.append(x)
        s1, s2, s3 = (score(f) for score, f in zip(self.scores, feats))
        up_a, up_b, up_c = self.upsamplers
        return up_c(up_b(up_a(s3) + s2) + s1)


class UNet(nn.Module):
    """Four encoder blocks (b..8b), three transposed-conv upsamplings with concatenated skips, 1x1 head."""

    def __init__(self, in_channels: int = 3, out_channels: int = 3, base: int = 64) -> None:
        super().__init__()
        widths = [base, 2 * base, 4 * base, 8 * base]
        self.down = nn.ModuleList(double_conv(c_in, c_out) for c_in, c_out in zip([in_channels] + widths, widths))
        self.up = nn.ModuleList(nn.ConvTranspose2d(c, c // 2, kernel_size=2, stride=2) for c in reversed(widths[1:]))
        self.decode = nn.ModuleList(double_conv(c, c // 2) for c in reversed(widths[1:]))
        self.head = nn.Conv2d(base, out_channels, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        for i, block in enumerate(self.down):
            x = block(x if i == 0 else F.max_pool2d(x, 2))
            skips.append(x)
        x = skips.pop()
        for up, decode in zip(self.up, self.decode):
            skip = skips.pop()
            x = up(x)
            x = F.pad(x, [0, skip.shape[-1] - x.shape[-1], 0, skip.shape[-2] - x.shape[-2]])
            x = decode(torch.cat([x, skip], dim=1))
        return self.head(x)
