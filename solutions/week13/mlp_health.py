"""Week 13, tasks 14, 20 and 22: health checks of a tanh MLP and Kaiming initialisation."""
from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure


def tanh_saturation(h: torch.Tensor, threshold: float = 0.99) -> float:
    """The fraction (a float in [0, 1]) of the entries of the tanh outputs h with |h| > threshold."""
    return (h.abs() > threshold).float().mean().item()


def dead_neurons(h: torch.Tensor, threshold: float = 0.99) -> torch.Tensor:
    """For an (n, hidden) batch of tanh outputs: a bool tensor of shape (hidden,) that is True for
    every neuron (column) saturated (|h| > threshold) on all n examples: no gradient flows through it."""
    return (h.abs() > threshold).all(dim=0)


def kaiming_std(fan_in: int, gain: float = 1.0) -> float:
    """The Kaiming standard deviation gain / sqrt(fan_in) (gain 5/3 for tanh, sqrt(2) for ReLU, 1 for linear)."""
    return gain / fan_in ** 0.5


def kaiming_init(fan_in: int, fan_out: int, gain: float, generator: torch.Generator) -> torch.Tensor:
    """A float32 (fan_in, fan_out) weight: torch.randn((fan_in, fan_out), generator=generator) * kaiming_std(fan_in, gain)."""
    return torch.randn((fan_in, fan_out), generator=generator) * kaiming_std(fan_in, gain)


def plot_activations(hpreact: torch.Tensor, h: torch.Tensor, threshold: float = 0.99) -> Figure:
    """Three Axes: a histogram of the pre-activations, a histogram of the tanh outputs, and an
    image of the (n, hidden) mask |h| > threshold (white = saturated). Returns the Figure."""
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    axes[0].hist(hpreact.detach().flatten().tolist(), bins=50)
    axes[0].set_title("pre-activations")
    axes[1].hist(h.detach().flatten().tolist(), bins=50)
    axes[1].set_title("tanh outputs")
    axes[2].imshow((h.detach().abs() > threshold).numpy(), cmap="gray", interpolation="nearest")
    axes[2].set_title(f"|h| > {threshold}")
    return fig


def plot_embeddings(C: torch.Tensor, itos: dict[int, str]) -> Figure:
    """Scatter the first two columns of the embedding table C, one point per character, each
    labelled with its character (a text artist per row of C). Returns the Figure."""
    fig, ax = plt.subplots(figsize=(8, 8))
    C = C.detach()
    ax.scatter(C[:, 0].tolist(), C[:, 1].tolist(), s=200)
    for i in range(C.shape[0]):
        ax.text(C[i, 0].item(), C[i, 1].item(), itos[i], ha="center", va="center", color="white")
    ax.grid(True)
    return fig
