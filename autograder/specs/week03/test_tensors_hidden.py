"""Week 03, tensors: hidden specs."""
import numpy as np
import pytest
import torch

from autograder.boundary import by_hand, in_worker

pytestmark = pytest.mark.hidden


@in_worker
def first_batch_and_array(make_tensor_dataset, data, batch_size):
    """Runs in the worker: build the dataset from data, take its first DataLoader batch there; return the batch
    and data as the dataset left it."""
    import torch
    ds = make_tensor_dataset(data)
    x, y = next(iter(torch.utils.data.DataLoader(ds, batch_size=batch_size)))
    return x, y, data


@pytest.mark.points(1)
def test_linear_forward_broadcasts_and_checks_shapes(load):
    """linear_forward works on (B, T, in) input, without bias, and rejects mismatched shapes."""
    m = load("tensors")
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    w = torch.randn(4, 3, dtype=torch.float64)
    with by_hand("torch.nn.functional.linear"):   # written with matmul and broadcasting
        got = m.linear_forward(x, w, None)
    assert tuple(got.shape) == (2, 5, 4), "a (B, T, in) input should give (B, T, out): let matmul broadcast the leading dimensions"
    assert torch.allclose(got, torch.einsum("bti,oi->bto", x, w)), "without a bias the result should be x @ weight.T"
    try:
        m.linear_forward(torch.randn(4, 5), w, None)
    except ValueError:
        pass
    else:
        raise AssertionError("x with 5 features and a weight expecting 3 should raise ValueError")
    # a RuntimeError from matmul is not the contract: check the shapes yourself and raise ValueError


@pytest.mark.points(1)
def test_make_tensor_dataset_batches(load):
    """make_tensor_dataset batches to (N, D-1) and (N, 1) float32 and leaves the array alone."""
    m = load("tensors")
    data = np.random.default_rng(1).random((20, 4))
    copy = data.copy()
    x, y, data_after = first_batch_and_array(m.make_tensor_dataset, data, 20)  # the array as the dataset left it
    assert tuple(x.shape) == (20, 3) and tuple(y.shape) == (20, 1), "batched features or targets have the wrong shape"
    assert x.dtype == torch.float32 and y.dtype == torch.float32, "batched features and targets should be float32"
    assert np.allclose(torch.cat([x, y], 1).numpy(), data, atol=1e-6), "the dataset does not hold the rows of the array"
    assert np.array_equal(data_after, copy), "the input array was modified"
