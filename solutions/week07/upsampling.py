"""Upsampling by hand: nearest neighbour, bilinear, max-unpooling and the transposed convolution."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def upsample_nearest(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """(N, C, H, W) -> (N, C, h, w): output pixel i copies input pixel floor(i * H / h) (as F.interpolate 'nearest')."""
    H, W = x.shape[-2:]
    h, w = size
    rows = (torch.arange(h) * H // h).clamp(max=H - 1)
    cols = (torch.arange(w) * W // w).clamp(max=W - 1)
    return x[..., rows[:, None], cols[None, :]]


def upsample_bilinear(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """Corner-aligned bilinear resize (as F.interpolate 'bilinear', align_corners=True)."""
    H, W = x.shape[-2:]
    h, w = size

    def coords(n_in: int, n_out: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        # output position i sits at input position i * (n_in - 1) / (n_out - 1): corners land on corners
        scale = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        pos = torch.arange(n_out, dtype=torch.float64) * scale
        lo = pos.floor().long().clamp(max=n_in - 1)
        hi = (lo + 1).clamp(max=n_in - 1)
        return lo, hi, (pos - lo).to(x.dtype)

    r0, r1, fy = coords(H, h)
    c0, c1, fx = coords(W, w)
    top = x[..., r0, :] * (1 - fy)[:, None] + x[..., r1, :] * fy[:, None]  # blend rows first ...
    return top[..., c0] * (1 - fx) + top[..., c1] * fx                     # ... then columns


def max_unpool(pooled: torch.Tensor, indices: torch.Tensor, output_size: tuple[int, int]) -> torch.Tensor:
    """Put each pooled value back where its maximum came from; every other pixel is 0.

    `indices` are those of F.max_pool2d(..., return_indices=True): flat positions in each (H*W) plane.
    """
    N, C = pooled.shape[:2]
    H, W = output_size
    out = torch.zeros(N, C, H * W, dtype=pooled.dtype, device=pooled.device)
    out.scatter_(2, indices.reshape(N, C, -1), pooled.reshape(N, C, -1))
    return out.reshape(N, C, H, W)


def transposed_conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                output_padding: int = 0, dilation: int = 1) -> int:
    """Length of a ConvTranspose output: (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1."""
    return (size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1


def transposed_conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                      stride: int = 1, padding: int = 0) -> torch.Tensor:
    """F.conv_transpose2d by hand: insert stride-1 zeros between pixels, pad, then a plain convolution.

    x: (N, C_in, H, W); weight: (C_in, C_out, k, k) as in nn.ConvTranspose2d; bias: (C_out,) or None.
    """
    N, C, H, W = x.shape
    k = weight.shape[-1]
    # 1. spread the input out: stride-1 zeros between neighbouring pixels
    spread = x.new_zeros(N, C, (H - 1) * stride + 1, (W - 1) * stride + 1)
    spread[..., ::stride, ::stride] = x
    # 2. a full convolution needs k-1 zeros of border; the transposed conv's padding takes some back
    border = k - 1 - padding
    spread = F.pad(spread, [border] * 4) if border >= 0 else spread[..., -border:border, -border:border]
    # 3. an ordinary convolution with the kernel flipped and its in/out channels swapped
    w = weight.flip(-1, -2).transpose(0, 1)
    return F.conv2d(spread, w, bias)


def bilinear_kernel(channels: int, kernel_size: int) -> torch.Tensor:
    """(channels, channels, k, k) weight that makes a ConvTranspose2d do bilinear upsampling, channel by channel.

    The filter is the outer product of a tent: 1 - |i - centre| / factor with factor = (k + 1) // 2.
    """
    factor = (kernel_size + 1) // 2
    centre = factor - 1 if kernel_size % 2 == 1 else factor - 0.5
    tent = 1 - (torch.arange(kernel_size, dtype=torch.float32) - centre).abs() / factor
    weight = torch.zeros(channels, channels, kernel_size, kernel_size)
    for c in range(channels):  # each channel upsamples itself only
        weight[c, c] = tent[:, None] * tent[None, :]
    return weight
