"""makemore part 3's health checks: saturated tanh units, dead neurons and Kaiming init."""
from __future__ import annotations

import matplotlib.pyplot as plt
import torch


def tanh_saturation(h, threshold=0.99):
    return (h.abs() > threshold).float().mean().item()


def dead_neurons(h, threshold=0.99):
    return (h.abs() > threshold).all(0)


def kaiming_std(fan_in, gain=1.0):
    return gain / fan_in**0.5


def kaiming_init(fan_in, fan_out, gain, generator):
    return torch.randn((fan_in, fan_out), generator=generator) * kaiming_std(fan_in, gain)


def plot_activations(hpreact, h, threshold=0.99):
    fig = plt.figure(figsize=(20, 10))
    plt.subplot(2, 2, 1)
    plt.hist(hpreact.view(-1).tolist(), 50)
    plt.title('hpreact')
    plt.subplot(2, 2, 2)
    plt.hist(h.view(-1).tolist(), 50)
    plt.title('h')
    plt.subplot(2, 1, 2)
    plt.imshow(h.abs() > threshold, cmap='gray', interpolation='nearest')
    return fig


def plot_embeddings(C, itos):
    fig = plt.figure(figsize=(8, 8))
    plt.scatter(C[:, 0].data, C[:, 1].data, s=200)
    for i in range(C.shape[0]):
        plt.text(C[i, 0].item(), C[i, 1].item(), itos[i], ha="center", va="center", color='white')
    plt.grid('minor')
    return fig
