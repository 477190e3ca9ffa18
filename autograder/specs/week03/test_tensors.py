"""Week 03, tensors: public specs."""
import numpy as np
import pytest
import torch
from torch import nn

from autograder.boundary import by_hand, in_worker

LINEAR = ("torch.nn.functional.linear",)   # linear_forward is written with matmul and broadcasting


@in_worker
def call_keeping_inputs(fn, *args, **kwargs):
    """Runs in the worker: calls fn(*args, **kwargs) there; returns its result and the arguments as the call left them."""
    out = fn(*args, **kwargs)
    return out, args


@pytest.mark.points(1)
def test_correct_temperatures(load):
    """correct_temperatures adds the offset and keeps shape and dtype."""
    m = load("tensors")
    temps = torch.tensor([[72, 75, 78], [70, 73, 76]])
    before = temps.clone()
    got, (temps,) = call_keeping_inputs(m.correct_temperatures, temps)  # temps as the submission left it
    assert isinstance(got, torch.Tensor), f"correct_temperatures should return a tensor, got {type(got).__name__}"
    assert got.dtype == torch.int64, f"the readings are int64 and should stay int64, got {got.dtype}"
    assert torch.equal(got, torch.tensor([[74, 77, 80], [72, 75, 78]])), \
        f"adding the default offset 2 to [[72, 75, 78], [70, 73, 76]] should give [[74, 77, 80], [72, 75, 78]], got {got.tolist()}"
    assert torch.equal(temps, before), "the input tensor was changed in place: build a new tensor instead (temps + offset)"
    got5 = m.correct_temperatures(temps, offset=-5)
    assert torch.equal(got5, before - 5), "correct_temperatures(temps, offset=-5) should subtract 5 from every reading"


@pytest.mark.points(1)
def test_linear_forward_matches_nn_linear(load):
    """linear_forward(x, W, b) equals nn.Linear on a batch and on one sample."""
    m = load("tensors")
    layer = nn.Linear(3, 2)
    x = torch.randn(4, 3)
    with torch.no_grad():
        want = layer(x)
    with by_hand(*LINEAR):
        got = m.linear_forward(x, layer.weight.detach(), layer.bias.detach())
        one = m.linear_forward(x[0], layer.weight.detach(), layer.bias.detach())
    assert tuple(got.shape) == (4, 2), \
        f"a batch (4, 3) through a 3 -> 2 layer should give shape (4, 2), got {tuple(got.shape)}; did you use weight.T?"
    assert torch.allclose(got, want, atol=1e-6), "linear_forward differs from nn.Linear: it should be x @ weight.T + bias"
    assert tuple(one.shape) == (2,), f"one sample of shape (3,) should give shape (2,), got {tuple(one.shape)}"
    assert torch.allclose(one, want[0], atol=1e-6), "linear_forward on a single sample differs from nn.Linear"


@pytest.mark.points(1)
def test_make_tensor_dataset(load):
    """make_tensor_dataset splits features and the last-column target as float32."""
    m = load("tensors")
    data = np.random.default_rng(0).random((12, 9))
    ds = m.make_tensor_dataset(data)
    assert len(ds) == 12, f"12 rows should give a dataset of length 12, got {len(ds)}"
    x, y = ds[11]
    assert tuple(x.shape) == (8,) and tuple(y.shape) == (1,), \
        f"an item should be (features of shape (8,), target of shape (1,)), got shapes {tuple(x.shape)} and {tuple(y.shape)}"
    assert x.dtype == torch.float32 and y.dtype == torch.float32, \
        f"features and target should be float32 (.float()), got {x.dtype} and {y.dtype}"
    assert np.allclose(x.numpy(), data[11, :8], atol=1e-6), "the features of the last item are not the first 8 columns of the last row"
    assert np.allclose(y.numpy(), data[11, 8:], atol=1e-6), "the target of the last item is not the last column of the last row"
