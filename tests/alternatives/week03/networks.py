"""Week 03 networks with named layers (an OrderedDict Sequential), a module class with F.relu, and
freezing by module name."""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import nn

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh")


def build_mlp(n_in: int, hidden: Sequence[int], n_out: int, act: str = "relu",
              dropout: float = 0.0, negative_slope: float = 0.01) -> nn.Sequential:
    """An MLP whose layers are named fc1, act1, drop1, ..., out."""
    makers = {
        "relu": nn.ReLU,
        "leaky_relu": lambda: nn.LeakyReLU(negative_slope),
        "sigmoid": nn.Sigmoid,
        "tanh": nn.Tanh,
    }
    if act not in makers:
        raise ValueError(f"activation must be one of {sorted(makers)}, not {act!r}")
    sizes = [n_in, *hidden]
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    for i in range(len(hidden)):
        layers[f"fc{i + 1}"] = nn.Linear(sizes[i], sizes[i + 1])
        layers[f"act{i + 1}"] = makers[act]()
        if dropout > 0:
            layers[f"drop{i + 1}"] = nn.Dropout(dropout)
    layers["out"] = nn.Linear(sizes[-1], n_out)
    return nn.Sequential(layers)


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Add up numel() of every (trainable) parameter."""
    total = 0
    for p in model.parameters():
        if trainable_only and not p.requires_grad:
            continue
        total += p.numel()
    return total


class _SmallNet(nn.Module):
    """8 -> 6 -> 4 -> 2: 54 + 28 + 10 = 92 parameters."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(8, 6)
        self.fc2 = nn.Linear(6, 4)
        self.fc3 = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class _LargeNet(nn.Module):
    """8 -> 12 -> 12 -> 6 -> 2: 108 + 156 + 78 + 14 = 356 parameters."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(8, 12)
        self.fc2 = nn.Linear(12, 12)
        self.fc3 = nn.Linear(12, 6)
        self.fc4 = nn.Linear(6, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = F.relu(self.fc3(x))
        return self.fc4(x)


def two_nets() -> tuple[nn.Module, nn.Module]:
    """A 3-layer net under 120 parameters and a 4-layer one over 120."""
    return _SmallNet(), _LargeNet()


def init_uniform_(model: nn.Module, low: float = 0.0, high: float = 1.0) -> nn.Module:
    """uniform_ on the weight and bias of every Linear, without autograd."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Linear):
                module.weight.uniform_(low, high)
                if module.bias is not None:
                    module.bias.uniform_(low, high)
    return model


def freeze_first(model: nn.Module, n: int) -> list[str]:
    """Freeze the first n Linear layers found by named_modules; names are '<module>.<param>'."""
    frozen: list[str] = []
    seen = 0
    for name, module in model.named_modules():
        if seen == n:
            break
        if not isinstance(module, nn.Linear):
            continue
        seen += 1
        for pname, p in module.named_parameters():
            p.requires_grad = False
            frozen.append(f"{name}.{pname}" if name else pname)
    return frozen
