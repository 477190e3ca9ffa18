"""Week 08, part 3: looking at and measuring a generator."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from scipy import linalg


def load_sprites(path: str | Path) -> torch.Tensor:
    """Load DATA/sprites.npz (array "images": uint8 RGBA (N, 32, 32, 4)) as float32 (N, 3, 32, 32) in [-1, 1].

    Composite each sprite on a white background first: rgb * alpha + 1 * (1 - alpha), with rgb and alpha
    scaled to [0, 1]; then map [0, 1] to [-1, 1] (the range of the generator's Tanh).
    """
    raise NotImplementedError


def to_uint8(x: torch.Tensor) -> torch.Tensor:
    """Images in [-1, 1] -> uint8 in [0, 255]: ((x + 1) / 2 * 255), rounded to the nearest integer
    (clamp x to [-1, 1] first). This is what FID implementations expect as input."""
    raise NotImplementedError


def gaussian_stats(features: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Mean (D,) and covariance (D, D) of (N, D) features (rows are samples; unbiased covariance), as
    float64 NumPy arrays."""
    raise NotImplementedError


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray) -> float:
    """The Frechet distance between N(mu1, sigma1) and N(mu2, sigma2):
    ||mu1 - mu2||^2 + trace(sigma1 + sigma2 - 2 * sqrtm(sigma1 @ sigma2)), as a Python float.
    scipy.linalg.sqrtm may return a complex matrix with tiny imaginary parts: keep the real part."""
    raise NotImplementedError


def fid_from_features(real: torch.Tensor, fake: torch.Tensor) -> float:
    """FID between two sets of features (N, D) and (M, D): the Frechet distance of their Gaussian stats."""
    raise NotImplementedError


def interpolate_latents(z1: torch.Tensor, z2: torch.Tensor, steps: int) -> torch.Tensor:
    """(steps, z_dim): points evenly spaced on the straight line from z1 (row 0) to z2 (row steps - 1)."""
    raise NotImplementedError
