"""Task 2: upsampling by hand. Do not call F.interpolate, nn.Upsample, F.max_unpool2d, nn.MaxUnpool2d,
F.conv_transpose2d or nn.ConvTranspose2d here (plain indexing, F.pad and F.conv2d are fine)."""
from __future__ import annotations

import torch


def upsample_nearest(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """(N, C, H, W) -> (N, C, h, w) where output pixel (i, j) copies input pixel
    (floor(i * H / h), floor(j * W / w)), as F.interpolate(x, size, mode="nearest")."""
    raise NotImplementedError


def upsample_bilinear(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """(N, C, H, W) -> (N, C, h, w), corner-aligned bilinear interpolation: output row i samples input row
    i * (H - 1) / (h - 1) (likewise for columns), blending the two nearest rows/columns linearly.
    Equals F.interpolate(x, size, mode="bilinear", align_corners=True)."""
    raise NotImplementedError


def max_unpool(pooled: torch.Tensor, indices: torch.Tensor, output_size: tuple[int, int]) -> torch.Tensor:
    """Undo max pooling: a zero tensor (N, C, *output_size) with each pooled value put back at the position
    that `indices` names. `pooled, indices = F.max_pool2d(x, k, return_indices=True)`: indices are flat
    positions inside each (H * W) plane. Equals nn.MaxUnpool2d(k)(pooled, indices)."""
    raise NotImplementedError


def transposed_conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                output_padding: int = 0, dilation: int = 1) -> int:
    """Length along one axis of the output of nn.ConvTranspose2d with these settings for an input of
    length `size`."""
    raise NotImplementedError


def transposed_conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                      stride: int = 1, padding: int = 0) -> torch.Tensor:
    """F.conv_transpose2d(x, weight, bias, stride, padding) without calling it.

    x: (N, C_in, H, W); weight: (C_in, C_out, k, k) (nn.ConvTranspose2d's layout); bias: (C_out,) or None.
    Hint: put stride-1 zeros between input pixels, pad by k-1-padding, then F.conv2d with the kernel flipped
    and its two channel axes swapped. Must be differentiable.
    """
    raise NotImplementedError


def bilinear_kernel(channels: int, kernel_size: int) -> torch.Tensor:
    """float32 (channels, channels, k, k): the weight that makes nn.ConvTranspose2d(channels, channels, k,
    stride=k // 2, padding=k // 4, bias=False) upsample each channel bilinearly (FCN's initialisation).

    weight[c, c] is the outer product of the tent t[i] = 1 - |i - centre| / f with f = (k + 1) // 2 and
    centre = f - 1 for odd k, f - 0.5 for even k; weight[c, d] = 0 for c != d.
    """
    raise NotImplementedError
