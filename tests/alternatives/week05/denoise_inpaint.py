"""Week 05 inpainting and denoising; the mask from index grids and the PSNR gain from the two MSEs."""
from __future__ import annotations

from typing import Literal

import numpy as np
from skimage import restoration, util


def box_mask(shape: tuple[int, ...], r: int, c: int, height: int, width: int) -> np.ndarray:
    """True inside the rectangle of rows r..r+height-1 and columns c..c+width-1."""
    rows, cols = np.ogrid[:shape[0], :shape[1]]
    return (rows >= r) & (rows < r + height) & (cols >= c) & (cols < c + width)


def restore(img: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Biharmonic inpainting of the masked pixels, gray or RGB."""
    if img.ndim == 3:
        return restoration.inpaint_biharmonic(img, mask, channel_axis=2)
    return restoration.inpaint_biharmonic(img, mask)


def add_noise(img: np.ndarray, seed: int = 0) -> np.ndarray:
    """Gaussian noise (variance 0.01, clipped) from a generator seeded with `seed`."""
    return util.random_noise(img, mode="gaussian", rng=np.random.default_rng(seed))


def denoise(img: np.ndarray, method: Literal["tv", "bilateral"] = "tv", weight: float = 0.1,
            sigma_color: float | None = None, sigma_spatial: float = 1.0) -> np.ndarray:
    """Total-variation or bilateral denoising, channels kept apart for colour images."""
    axis = 2 if img.ndim == 3 else None
    match method:
        case "tv":
            return restoration.denoise_tv_chambolle(img, weight=weight, channel_axis=axis)
        case "bilateral":
            return restoration.denoise_bilateral(img, sigma_color=sigma_color, sigma_spatial=sigma_spatial,
                                                 channel_axis=axis)
    raise ValueError(f"unknown denoising method {method!r}")


def psnr_gain(clean: np.ndarray, noisy: np.ndarray, denoised: np.ndarray) -> float:
    """PSNR(clean, denoised) - PSNR(clean, noisy) in dB: 10 log10 of the ratio of the two MSEs."""
    ref = util.img_as_float(clean)
    mse_noisy = np.mean((util.img_as_float(noisy) - ref) ** 2)
    mse_denoised = np.mean((util.img_as_float(denoised) - ref) ** 2)
    return float(10 * np.log10(mse_noisy / mse_denoised))
