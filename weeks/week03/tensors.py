"""Week 03, tensors: creation, dtype, element-wise maths, matmul with broadcasting, TensorDataset.

Fill in every function below; `make test-week03` grades them.
"""
from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import TensorDataset


def correct_temperatures(temps: torch.Tensor, offset: int = 2) -> torch.Tensor:
    """Return a new tensor with `offset` added to every reading.

    temps: any shape, any numeric dtype (e.g. the int64 tensor [[72, 75, 78], [70, 73, 76]]).
    Returns a tensor of the same shape and dtype (int64 stays int64). `temps` itself must not change.
    """
    raise NotImplementedError


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """Compute by hand what nn.Linear computes: y = x @ weight.T + bias.

    x: float tensor of shape (..., in_features) — one sample (in_features,), a batch (N, in_features)
       or more leading dimensions (B, T, in_features); weight: (out_features, in_features);
    bias: (out_features,) or None (no bias).
    Returns a tensor of shape (..., out_features) equal to nn.Linear with the same weight and bias.
    Raises ValueError (with both shapes in the message) when x.shape[-1] != weight.shape[1].
    Use matrix multiplication and broadcasting, not nn.Linear or torch.nn.functional.linear.
    """
    raise NotImplementedError


def make_tensor_dataset(data: np.ndarray) -> TensorDataset:
    """Wrap a 2-D NumPy array of shape (N, D) in a TensorDataset.

    Features are the first D-1 columns, as a float32 tensor of shape (N, D-1); the target is the
    last column, as a float32 tensor of shape (N, 1). So dataset[i] is (features (D-1,), target (1,)).
    The input array must not be modified.
    """
    raise NotImplementedError
