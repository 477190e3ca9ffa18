"""Sprites, uint8 images and FID written in torch first: covariance by hand, and the trace of sqrt(S1 S2) from
the eigenvalues of S1 S2 instead of a matrix square root."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch


def load_sprites(path: str | Path) -> torch.Tensor:
    """RGBA sprites -> float32 (N, 3, 32, 32) in [-1, 1], composited on white."""
    with np.load(path) as archive:
        rgba = torch.from_numpy(archive["images"]).permute(0, 3, 1, 2).float() / 255
    rgb, alpha = rgba[:, :3], rgba[:, 3:4]
    composite = alpha * (rgb - 1) + 1  # = rgb * alpha + white * (1 - alpha)
    return (composite * 2 - 1).contiguous()


def to_uint8(x: torch.Tensor) -> torch.Tensor:
    """[-1, 1] -> uint8 [0, 255], rounded."""
    return torch.round((x.clamp(-1, 1) + 1) * 127.5).byte()


def gaussian_stats(features: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """(mean (D,), unbiased covariance (D, D)) of (N, D) features, float64 NumPy."""
    f = features.detach().to("cpu", torch.float64)
    mu = f.mean(dim=0)
    centred = f - mu
    sigma = centred.T @ centred / (f.shape[0] - 1)
    return mu.numpy(), sigma.numpy()


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray) -> float:
    """||mu1 - mu2||^2 + tr(S1) + tr(S2) - 2 tr(sqrt(S1 S2)); the last trace is the sum of the square roots of
    the eigenvalues of S1 S2 (real and non-negative for covariance matrices)."""
    diff = np.asarray(mu1, dtype=np.float64) - np.asarray(mu2, dtype=np.float64)
    eig = np.linalg.eigvals(np.asarray(sigma1) @ np.asarray(sigma2))
    tr_sqrt = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_sqrt)


def fid_from_features(real: torch.Tensor, fake: torch.Tensor) -> float:
    """Frechet distance between the Gaussian fits of two feature sets."""
    mu_r, sigma_r = gaussian_stats(real)
    mu_f, sigma_f = gaussian_stats(fake)
    return frechet_distance(mu_r, sigma_r, mu_f, sigma_f)


def interpolate_latents(z1: torch.Tensor, z2: torch.Tensor, steps: int) -> torch.Tensor:
    """(steps, z_dim): z1 + (z2 - z1) * i / (steps - 1) for i = 0 .. steps - 1."""
    if steps == 1:
        return z1.unsqueeze(0).clone()
    return torch.stack([z1 + (z2 - z1) * (i / (steps - 1)) for i in range(steps)])
