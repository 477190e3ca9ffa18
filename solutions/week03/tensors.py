"""Week 03, tensors: creation, dtype, element-wise maths, matmul with broadcasting, TensorDataset."""
from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import TensorDataset


def correct_temperatures(temps: torch.Tensor, offset: int = 2) -> torch.Tensor:
    """A new tensor with `offset` added to every reading; same shape and dtype, input untouched."""
    # `+` builds a new tensor; the scalar is broadcast to every element and int64 stays int64
    return temps + offset


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """What nn.Linear computes: x @ weight.T + bias, for x of shape (..., in_features)."""
    if x.shape[-1] != weight.shape[1]:
        raise ValueError(f"x has {x.shape[-1]} features but weight expects {weight.shape[1]} "
                         f"(x {tuple(x.shape)}, weight {tuple(weight.shape)})")
    y = x @ weight.T            # (..., in) @ (in, out) -> (..., out); leading dims broadcast
    if bias is not None:
        y = y + bias            # (out,) is broadcast over every row
    return y


def make_tensor_dataset(data: np.ndarray) -> TensorDataset:
    """Features = every column but the last, target = the last column as an (N, 1) column; both float32."""
    t = torch.from_numpy(np.asarray(data)).float()   # float32 copy of the array
    return TensorDataset(t[:, :-1], t[:, -1:])
