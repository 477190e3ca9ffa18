"""Looking at and measuring a generator: sprites, uint8 images, the Frechet distance, latent walks."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from scipy import linalg


def load_sprites(path: str | Path) -> torch.Tensor:
    """The sprites composited on white, as float32 (N, 3, 32, 32) in [-1, 1] (the range of a Tanh)."""
    rgba = np.load(path)["images"].astype(np.float32) / 255.0
    rgb, alpha = rgba[..., :3], rgba[..., 3:]
    on_white = rgb * alpha + (1.0 - alpha)
    return torch.from_numpy(on_white).permute(0, 3, 1, 2) * 2 - 1


def to_uint8(x: torch.Tensor) -> torch.Tensor:
    """[-1, 1] floats -> [0, 255] uint8, the input FID expects."""
    return ((x.clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8)


def gaussian_stats(features: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Mean and covariance (unbiased, rows are samples) of (N, D) features, in float64."""
    f = features.detach().double().cpu().numpy()
    return f.mean(0), np.cov(f, rowvar=False)


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray) -> float:
    """||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)) between two Gaussians."""
    covmean = linalg.sqrtm(sigma1 @ sigma2)
    covmean = covmean.real  # tiny imaginary parts come from rounding
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1 + sigma2 - 2 * covmean))


def fid_from_features(real: torch.Tensor, fake: torch.Tensor) -> float:
    """FID between two sets of features (N, D)."""
    return frechet_distance(*gaussian_stats(real), *gaussian_stats(fake))


def interpolate_latents(z1: torch.Tensor, z2: torch.Tensor, steps: int) -> torch.Tensor:
    """(steps, z_dim): evenly spaced points from z1 (first row) to z2 (last row)."""
    t = torch.linspace(0, 1, steps, dtype=z1.dtype).unsqueeze(1)
    return (1 - t) * z1.unsqueeze(0) + t * z2.unsqueeze(0)
