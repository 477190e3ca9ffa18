"""Week 05, task group 5: inpainting a hole, adding noise, denoising and judging it by PSNR."""
from __future__ import annotations

from typing import Literal

import numpy as np
from skimage import restoration, util
from skimage.metrics import peak_signal_noise_ratio


def _channel_axis(img: np.ndarray) -> int | None:
    return -1 if img.ndim == 3 else None


def box_mask(shape: tuple[int, ...], r: int, c: int, height: int, width: int) -> np.ndarray:
    """Bool mask of shape shape[:2], True inside rows r..r+height-1 and columns c..c+width-1."""
    mask = np.zeros(shape[:2], dtype=bool)
    mask[r:r + height, c:c + width] = True
    return mask


def restore(img: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Fill the pixels where `mask` (bool, shape (H, W)) is True from their surroundings, with
    skimage.restoration.inpaint_biharmonic (other defaults kept).

    Float output of the input's shape; gray (H, W) and RGB (H, W, 3) both work (for RGB, tell
    scikit-image where the channels are). Pixels outside the mask keep their float values.
    """
    return restoration.inpaint_biharmonic(img, mask, channel_axis=_channel_axis(img))


def add_noise(img: np.ndarray, seed: int = 0) -> np.ndarray:
    """A noisy float copy of `img`: skimage.util.random_noise with its defaults (Gaussian noise of
    variance 0.01, clipped to [0, 1]) and the random generator seeded with `seed`. Same shape;
    the same seed gives the same noise."""
    return util.random_noise(img, rng=seed)


def denoise(img: np.ndarray, method: Literal["tv", "bilateral"] = "tv", weight: float = 0.1,
            sigma_color: float | None = None, sigma_spatial: float = 1.0) -> np.ndarray:
    """Denoise with total variation ('tv': restoration.denoise_tv_chambolle with `weight`; smooth,
    cartoon-like) or bilateral filtering ('bilateral': restoration.denoise_bilateral with
    `sigma_color` and `sigma_spatial`; keeps edges). Other arguments keep their defaults.

    Float output of the same shape; gray (H, W) and RGB (H, W, 3) both work (for RGB the channels
    must be treated as channels). Raises ValueError for an unknown method.
    """
    axis = _channel_axis(img)
    if method == "tv":
        return restoration.denoise_tv_chambolle(img, weight=weight, channel_axis=axis)
    if method == "bilateral":
        return restoration.denoise_bilateral(img, sigma_color=sigma_color,
                                             sigma_spatial=sigma_spatial, channel_axis=axis)
    raise ValueError(f"method must be 'tv' or 'bilateral', got {method!r}")


def psnr_gain(clean: np.ndarray, noisy: np.ndarray, denoised: np.ndarray) -> float:
    """How much denoising helped: PSNR(clean, denoised) - PSNR(clean, noisy), in dB.

    All three images are compared as floats in [0, 1] (uint8 is divided by 255; data range 1).
    PSNR = 10 log10(1 / MSE). Positive means the denoised image is closer to the clean one.
    """
    clean, noisy, denoised = (util.img_as_float(x) for x in (clean, noisy, denoised))
    before = peak_signal_noise_ratio(clean, noisy, data_range=1.0)
    after = peak_signal_noise_ratio(clean, denoised, data_range=1.0)
    return float(after - before)
