"""Week 03, networks: nn.Sequential MLPs, parameter counting, initialisation and freezing."""
from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh")


def _activation(act: str, negative_slope: float) -> nn.Module:
    if act == "relu":
        return nn.ReLU()
    if act == "leaky_relu":
        return nn.LeakyReLU(negative_slope=negative_slope)
    if act == "sigmoid":
        return nn.Sigmoid()
    if act == "tanh":
        return nn.Tanh()
    raise ValueError(f"unknown activation {act!r}; choose one of {ACTIVATIONS}")


def build_mlp(n_in: int, hidden: Sequence[int], n_out: int, act: str = "relu",
              dropout: float = 0.0, negative_slope: float = 0.01) -> nn.Sequential:
    """Linear -> activation [-> Dropout] for each hidden size, then a final Linear (no activation)."""
    _activation(act, negative_slope)   # fail early on an unknown name, even with no hidden layers
    layers: list[nn.Module] = []
    width = n_in
    for h in hidden:
        layers += [nn.Linear(width, h), _activation(act, negative_slope)]
        if dropout > 0:
            layers.append(nn.Dropout(p=dropout))
        width = h
    layers.append(nn.Linear(width, n_out))
    return nn.Sequential(*layers)


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Total number of scalars in the model's parameters (only those with requires_grad if asked)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def two_nets() -> tuple[nn.Module, nn.Module]:
    """8 inputs -> 2 outputs: a 3-Linear net under 120 parameters and a 4-Linear net over 120."""
    small = build_mlp(8, [4, 4], 2)        # 36 + 20 + 10 = 66 parameters
    large = build_mlp(8, [16, 16, 8], 2)   # 144 + 272 + 136 + 18 = 570 parameters
    return small, large


def init_uniform_(model: nn.Module, low: float = 0.0, high: float = 1.0) -> nn.Module:
    """Refill the weight and bias of every nn.Linear in `model` from U[low, high); returns the model."""
    for m in model.modules():
        if isinstance(m, nn.Linear):
            nn.init.uniform_(m.weight, low, high)
            if m.bias is not None:
                nn.init.uniform_(m.bias, low, high)
    return model


def freeze_first(model: nn.Module, n: int) -> list[str]:
    """Stop training (requires_grad=False) the weight and bias of the first n nn.Linear layers.

    Returns the names, as in model.named_parameters(), of the parameters that were frozen.
    """
    frozen_ids = set()
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)][:n]
    for lin in linears:
        for p in lin.parameters():
            p.requires_grad_(False)
            frozen_ids.add(id(p))
    return [name for name, p in model.named_parameters() if id(p) in frozen_ids]
