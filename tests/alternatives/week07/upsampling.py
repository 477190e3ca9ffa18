"""Week 07 upsampling by hand, written as linear algebra and scatter-adds: bilinear resizing as two
interpolation matrices, unpooling by advanced indexing, and the transposed convolution from its definition
(every input pixel adds a scaled kernel into the output), not as zero insertion plus a convolution."""
from __future__ import annotations

import numpy as np
import torch


def upsample_nearest(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """Output pixel (i, j) copies input pixel (floor(i * H / h), floor(j * W / w))."""
    H, W = x.shape[-2:]
    h, w = size
    rows = torch.floor(torch.arange(h, dtype=torch.float32) * (H / h)).long().clamp_(max=H - 1)
    cols = torch.floor(torch.arange(w, dtype=torch.float32) * (W / w)).long().clamp_(max=W - 1)
    return x.index_select(-2, rows).index_select(-1, cols)


def _interp_matrix(n_in: int, n_out: int, dtype: torch.dtype) -> torch.Tensor:
    """(n_out, n_in) matrix of corner-aligned linear interpolation weights."""
    m = torch.zeros(n_out, n_in, dtype=torch.float64)
    for i in range(n_out):
        pos = i * (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        lo = min(int(np.floor(pos)), n_in - 1)
        hi = min(lo + 1, n_in - 1)
        frac = pos - lo
        m[i, lo] += 1 - frac
        m[i, hi] += frac
    return m.to(dtype)


def upsample_bilinear(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """Corner-aligned bilinear resize: rows then columns, each a matrix product."""
    H, W = x.shape[-2:]
    rows = _interp_matrix(H, size[0], x.dtype)
    cols = _interp_matrix(W, size[1], x.dtype)
    return rows @ x @ cols.T


def max_unpool(pooled: torch.Tensor, indices: torch.Tensor, output_size: tuple[int, int]) -> torch.Tensor:
    """Zeros of (N, C, *output_size) with the pooled values written back at their flat indices."""
    N, C = pooled.shape[:2]
    H, W = output_size
    out = pooled.new_zeros(N, C, H * W)
    n = torch.arange(N).view(N, 1, 1)
    c = torch.arange(C).view(1, C, 1)
    out[n, c, indices.flatten(2)] = pooled.flatten(2)
    return out.view(N, C, H, W)


def transposed_conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                output_padding: int = 0, dilation: int = 1) -> int:
    """Output length of ConvTranspose along one axis."""
    effective_kernel = dilation * (kernel_size - 1) + 1
    return (size - 1) * stride + effective_kernel - 2 * padding + output_padding


def transposed_conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                      stride: int = 1, padding: int = 0) -> torch.Tensor:
    """Transposed convolution as a sum over kernel taps: tap (a, b) adds x . weight[:, :, a, b] into the
    output at rows a, a + stride, ... and columns b, b + stride, ...; then the padding is cut off."""
    N, _, H, W = x.shape
    c_out, k = weight.shape[1], weight.shape[-1]
    full_h, full_w = (H - 1) * stride + k, (W - 1) * stride + k
    out = x.new_zeros(N, c_out, full_h, full_w)
    for a in range(k):
        for b in range(k):
            tap = torch.einsum("nchw,co->nohw", x, weight[:, :, a, b])
            out[:, :, a:a + (H - 1) * stride + 1:stride, b:b + (W - 1) * stride + 1:stride] += tap
    out = out[:, :, padding:full_h - padding, padding:full_w - padding]
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out


def bilinear_kernel(channels: int, kernel_size: int) -> torch.Tensor:
    """FCN's upsampling filter on the diagonal of a (channels, channels, k, k) weight."""
    factor = (kernel_size + 1) // 2
    center = factor - 1 if kernel_size % 2 == 1 else factor - 0.5
    og = np.ogrid[:kernel_size, :kernel_size]
    filt = (1 - abs(og[0] - center) / factor) * (1 - abs(og[1] - center) / factor)
    eye = torch.eye(channels, dtype=torch.float32)[:, :, None, None]
    return eye * torch.from_numpy(filt).to(torch.float32)
