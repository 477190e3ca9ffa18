"""Week 07, task 2: upsampling by hand, checked against PyTorch's own layers."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from autograder.boundary import by_hand

# "Without F.interpolate, nn.MaxUnpool2d or ConvTranspose2d": while the submission's functions run, the library
# resizers and transposed convolutions refuse in the worker (nn.Upsample, nn.MaxUnpool2d and nn.ConvTranspose2d call
# them too), wherever the submission bound them; F.pad and F.conv2d stay allowed
BY_HAND = ("torch.nn.functional.interpolate", "torch.nn.functional.upsample", "torch.nn.functional.upsample_nearest",
           "torch.nn.functional.upsample_bilinear", "torch.nn.functional.grid_sample", "torch.nn.functional.max_unpool2d",
           "torch._C._nn.max_unpool2d", "torch._C._nn.upsample_nearest2d", "torch._C._nn.upsample_bilinear2d",
           "torch.conv_transpose2d", "torch.convolution", "torch._convolution", "torch.nn.grad.conv2d_input")


@pytest.mark.points(1)
def test_nearest(load):
    """upsample_nearest matches F.interpolate(mode='nearest'); [[1,2],[3,4]] -> 4x4 gives 2x2 blocks."""
    m = load("upsampling")
    x = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])
    blocks = torch.tensor([[1.0, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]])
    sizes = [(10, 8), (7, 6), (15, 4), (3, 2)]
    y = torch.randn(2, 3, 5, 4)
    with by_hand(*BY_HAND):
        got = m.upsample_nearest(x, (4, 4))
        results = [m.upsample_nearest(y, size) for size in sizes]
    assert got.shape == (1, 1, 4, 4), f"expected (1, 1, 4, 4), got {tuple(got.shape)}"
    assert torch.equal(got[0, 0], blocks), f"got {got[0, 0].tolist()}: each input pixel becomes a 2x2 block"
    for size, got in zip(sizes, results):
        want = F.interpolate(y, size=size, mode="nearest")
        assert torch.equal(got, want), f"size {size}: output pixel i should copy input pixel floor(i * H / h)"


@pytest.mark.points(1)
def test_bilinear_corner_aligned(load):
    """upsample_bilinear matches F.interpolate(mode='bilinear', align_corners=True)."""
    m = load("upsampling")
    x = torch.randn(2, 3, 4, 5)
    sizes = [(8, 10), (7, 9), (4, 13), (1, 6)]  # one output row sits on the first input row
    with by_hand(*BY_HAND):
        results = [m.upsample_bilinear(x, size) for size in sizes]
        one = m.upsample_bilinear(torch.full((1, 1, 1, 1), 7.0), (4, 4))
    for size, got in zip(sizes, results):
        want = F.interpolate(x, size=size, mode="bilinear", align_corners=True)
        assert got.shape == want.shape, f"size {size}: expected {tuple(want.shape)}, got {tuple(got.shape)}"
        assert torch.allclose(got, want, atol=1e-5), \
            f"size {size}: values differ; row i samples input row i * (H - 1) / (h - 1), corners land on corners"
    assert torch.equal(one, torch.full((1, 1, 4, 4), 7.0)), "a 1x1 input upsampled to 4x4 is 16 copies of its value"


@pytest.mark.points(1)
def test_max_unpool(load):
    """max_unpool puts each maximum back where it came from and zeros elsewhere, as nn.MaxUnpool2d."""
    m = load("upsampling")
    x = torch.randn(2, 3, 8, 6)
    pooled, idx = F.max_pool2d(x, 2, return_indices=True)
    with by_hand(*BY_HAND):
        got = m.max_unpool(pooled, idx, (8, 6))
    want = nn.MaxUnpool2d(2)(pooled, idx, output_size=(8, 6))
    assert got.shape == want.shape, f"expected {tuple(want.shape)}, got {tuple(got.shape)}"
    assert torch.equal(got, want), "values should sit at the flat positions named by indices (per (n, c) plane), 0 elsewhere"


@pytest.mark.points(1)
def test_transposed_conv_output_size(load):
    """transposed_conv_output_size agrees with nn.ConvTranspose2d on the table of the week."""
    m = load("upsampling")
    for h, k, s, p, op, out in [(3, 3, 1, 0, 0, 5), (2, 3, 2, 0, 0, 5), (4, 2, 2, 0, 0, 8), (4, 4, 2, 1, 0, 8),
                                (7, 3, 2, 1, 1, 14)]:
        got = m.transposed_conv_output_size(h, k, stride=s, padding=p, output_padding=op)
        assert got == out, f"size {h}, kernel {k}, stride {s}, padding {p}, output_padding {op}: expected {out}, got {got}"


@pytest.mark.points(2)
def test_transposed_conv2d(load):
    """transposed_conv2d equals F.conv_transpose2d for several strides, paddings and kernels."""
    m = load("upsampling")
    cases = [(k, s, p, torch.randn(2, 3, 5, 4), torch.randn(3, 2, k, k), torch.randn(2))
             for k, s, p in [(3, 1, 0), (2, 2, 0), (4, 2, 1), (3, 2, 1), (3, 3, 0)]]
    with by_hand(*BY_HAND):
        results = [m.transposed_conv2d(x, w, b, stride=s, padding=p) for k, s, p, x, w, b in cases]
        no_bias = m.transposed_conv2d(torch.randn(1, 3, 4, 4), torch.randn(3, 2, 3, 3))
    for (k, s, p, x, w, b), got in zip(cases, results):
        want = F.conv_transpose2d(x, w, b, stride=s, padding=p)
        assert got.shape == want.shape, f"kernel {k}, stride {s}, padding {p}: expected {tuple(want.shape)}, got {tuple(got.shape)}"
        assert torch.allclose(got, want, atol=1e-4), \
            f"kernel {k}, stride {s}, padding {p}: values differ; flip the kernel and swap its channel axes"
    assert no_bias.shape == (1, 2, 6, 6), "bias=None should work (no bias added)"


@pytest.mark.points(1)
def test_bilinear_kernel(load):
    """A ConvTranspose2d(C, C, 4, 2, 1) with bilinear_kernel(C, 4) doubles the size like bilinear interpolation."""
    m = load("upsampling")
    w = m.bilinear_kernel(3, 4)
    assert w.shape == (3, 3, 4, 4), f"expected (3, 3, 4, 4), got {tuple(w.shape)}"
    tent = torch.tensor([0.25, 0.75, 0.75, 0.25])
    assert torch.allclose(w[1, 1], tent[:, None] * tent[None, :]), "weight[c, c] should be the outer product of the tent"
    assert torch.all(w[0, 1] == 0) and torch.all(w[2, 0] == 0), "channels must not mix: weight[c, d] = 0 for c != d"
    up = nn.ConvTranspose2d(3, 3, 4, stride=2, padding=1, bias=False)
    with torch.no_grad():
        up.weight.copy_(w)
    x = torch.randn(1, 3, 6, 6)
    got, want = up(x).detach(), F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
    assert torch.allclose(got[..., 1:-1, 1:-1], want[..., 1:-1, 1:-1], atol=1e-5), \
        "away from the border the layer should equal bilinear upsampling (align_corners=False)"
