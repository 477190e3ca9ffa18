"""Week 03, networks: nn.Sequential MLPs, parameter counting, initialisation and freezing."""
from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh")


def build_mlp(n_in: int, hidden: Sequence[int], n_out: int, act: str = "relu",
              dropout: float = 0.0, negative_slope: float = 0.01) -> nn.Sequential:
    """Build a multi-layer perceptron as an nn.Sequential.

    For every size h in `hidden` (in order) add nn.Linear(previous, h), then the activation, then,
    only when dropout > 0, nn.Dropout(p=dropout). Finish with nn.Linear(previous, n_out) and no
    activation after it (the model returns raw scores). With hidden=[] the model is a single Linear.
    act: "relu" (nn.ReLU), "leaky_relu" (nn.LeakyReLU with `negative_slope`), "sigmoid" (nn.Sigmoid)
    or "tanh" (nn.Tanh); any other name raises ValueError.
    Example: build_mlp(10, [18, 20], 5) is Linear(10,18), ReLU, Linear(18,20), ReLU, Linear(20,5).
    """
    raise NotImplementedError


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Total number of scalar parameters in `model` (sum of numel over model.parameters()).

    With trainable_only=True, count only the parameters whose requires_grad is True.
    Returns a Python int. Examples: 8->4->2 Linear layers have 46; 16->4->2->1 have 81.
    """
    raise NotImplementedError


def two_nets() -> tuple[nn.Module, nn.Module]:
    """Two classifiers for 8 input features and 2 classes (input (N, 8) -> output (N, 2)).

    The first has exactly 3 nn.Linear layers and fewer than 120 parameters in total; the second has
    exactly 4 nn.Linear layers and more than 120 parameters. Put an activation between the layers.
    """
    raise NotImplementedError


def init_uniform_(model: nn.Module, low: float = 0.0, high: float = 1.0) -> nn.Module:
    """Refill, in place, the weight and the bias of every nn.Linear inside `model` with values drawn
    uniformly from [low, high) (see nn.init.uniform_). Returns the same model object.
    """
    raise NotImplementedError


def freeze_first(model: nn.Module, n: int) -> list[str]:
    """Freeze the first `n` nn.Linear layers of `model` (in model.modules() order).

    Sets requires_grad=False on their weight and bias; every other parameter keeps requires_grad=True.
    Returns the names of the frozen parameters as model.named_parameters() spells them, e.g.
    ["0.weight", "0.bias", "2.weight", "2.bias"] for an nn.Sequential of Linear/ReLU layers and n=2.
    """
    raise NotImplementedError
