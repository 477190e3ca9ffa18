"""Week 07, task 2: hidden checks."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from autograder.boundary import by_hand, in_worker

pytestmark = pytest.mark.hidden

# "Without F.interpolate, nn.MaxUnpool2d or ConvTranspose2d": while the submission's functions run, the library
# resizers and transposed convolutions refuse in the worker (nn.Upsample, nn.MaxUnpool2d and nn.ConvTranspose2d call
# them too), wherever the submission bound them; F.pad and F.conv2d stay allowed
BY_HAND = ("torch.nn.functional.interpolate", "torch.nn.functional.upsample", "torch.nn.functional.upsample_nearest",
           "torch.nn.functional.upsample_bilinear", "torch.nn.functional.grid_sample", "torch.nn.functional.max_unpool2d",
           "torch._C._nn.max_unpool2d", "torch._C._nn.upsample_nearest2d", "torch._C._nn.upsample_bilinear2d",
           "torch.conv_transpose2d", "torch.convolution", "torch._convolution", "torch.nn.grad.conv2d_input")


@in_worker
def square_sum_gradients(fn, x, w, kwargs):
    """Runs in the worker: fn(x, w, None, **kwargs).square().sum().backward(); the gradients of x and w."""
    x, w = x.detach().clone().requires_grad_(True), w.detach().clone().requires_grad_(True)
    fn(x, w, None, **kwargs).square().sum().backward()
    return x.grad, w.grad


@pytest.mark.points(1)
def test_resizers_other_sizes(load):
    """Nearest, bilinear and unpooling agree with PyTorch on other shapes and dtypes."""
    m = load("upsampling")
    x = torch.randn(1, 2, 3, 7, dtype=torch.float64)
    sizes = [(6, 14), (9, 21), (5, 11)]
    y = torch.randn(1, 2, 9, 9)
    pooled, idx = F.max_pool2d(y, 3, return_indices=True)
    with by_hand(*BY_HAND):
        results = [(m.upsample_nearest(x, size), m.upsample_bilinear(x, size)) for size in sizes]
        unpooled = m.max_unpool(pooled, idx, (9, 9))
    for size, (nearest, bilinear) in zip(sizes, results):
        assert torch.equal(nearest, F.interpolate(x, size=size, mode="nearest")), \
            "nearest upsampling differs from PyTorch's on a non-square input"
        assert torch.allclose(bilinear, F.interpolate(x, size=size, mode="bilinear", align_corners=True)), \
            "corner-aligned bilinear upsampling differs from PyTorch's on a non-square input"
    assert torch.equal(unpooled, nn.MaxUnpool2d(3)(pooled, idx)), \
        "unpooling after a 3x3 pooling differs from nn.MaxUnpool2d"


@pytest.mark.points(1)
def test_output_size_grid(load):
    """transposed_conv_output_size matches real layers over a grid, dilation and output_padding included."""
    m = load("upsampling")
    for h in (1, 4, 9):
        for k in (1, 2, 3, 5):
            for s in (1, 2, 3):
                for p in (0, 1):
                    for op in range(s):
                        for d in (1, 2):
                            layer = nn.ConvTranspose2d(1, 1, k, s, p, op, dilation=d)
                            try:
                                want = layer(torch.zeros(1, 1, h, h)).shape[-1]
                            except RuntimeError:
                                continue
                            got = m.transposed_conv_output_size(h, k, s, p, op, d)
                            assert got == want, "the output length is wrong for some stride/padding/dilation setting"


@pytest.mark.points(1)
def test_transposed_conv2d_gradients(load):
    """transposed_conv2d is differentiable and its gradients match F.conv_transpose2d's."""
    m = load("upsampling")
    x = torch.randn(2, 2, 4, 3, requires_grad=True)
    w = torch.randn(2, 3, 4, 4, requires_grad=True)
    with by_hand(*BY_HAND):
        gx, gw = square_sum_gradients(m.transposed_conv2d, x, w, {"stride": 2, "padding": 1})
    assert gx is not None and gw is not None, \
        "no gradient reached the input or the kernel: build transposed_conv2d from differentiable torch operations"
    F.conv_transpose2d(x, w, None, stride=2, padding=1).square().sum().backward()
    assert torch.allclose(gx, x.grad, atol=1e-3) and torch.allclose(gw, w.grad, atol=1e-3), \
        "gradients through transposed_conv2d differ: build it from differentiable torch operations"
