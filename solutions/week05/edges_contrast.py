"""Week 05, task group 3: edges, smoothing, contrast and histogram equalisation."""
from __future__ import annotations

from typing import Literal

import numpy as np
from skimage import color, exposure, feature, filters


def _gray(img: np.ndarray) -> np.ndarray:
    return color.rgb2gray(img) if img.ndim == 3 else img


def edges(img: np.ndarray, method: Literal["sobel", "canny"] = "sobel",
          sigma: float = 1.0) -> np.ndarray:
    """Edge map of the image; an RGB image is converted with rgb2gray first.

    'sobel': float gradient magnitude (H, W), as skimage.filters.sobel.
    'canny': bool (H, W) edge pixels, as skimage.feature.canny with this `sigma` (a larger sigma
    smooths more and finds fewer edges). `sigma` is ignored by 'sobel'.
    Raises ValueError for an unknown method.
    """
    g = _gray(img)
    if method == "sobel":
        return filters.sobel(g)
    if method == "canny":
        return feature.canny(g, sigma=sigma)
    raise ValueError(f"method must be 'sobel' or 'canny', got {method!r}")


def smooth(img: np.ndarray, sigma: float = 1.0) -> np.ndarray:
    """Gaussian blur with standard deviation `sigma` (skimage.filters.gaussian, other defaults kept).

    Float output of the same shape; an (H, W, 3) image is blurred per channel, never across them.
    """
    return filters.gaussian(img, sigma=sigma, channel_axis=-1 if img.ndim == 3 else None)


def contrast(img: np.ndarray) -> float:
    """Contrast as the range of intensities, max - min, as a Python number (int for integer images).

    Beware uint8 arithmetic: the result must never wrap around.
    """
    return img.max().item() - img.min().item()  # .item() avoids uint8 wrap-around


def enhance(img: np.ndarray, method: Literal["hist", "clahe"] = "hist",
            clip_limit: float = 0.03) -> np.ndarray:
    """Histogram equalisation: global ('hist', exposure.equalize_hist) or adaptive and
    contrast-limited ('clahe', exposure.equalize_adapthist with `clip_limit`, other defaults kept).

    Float output in [0, 1] of the same shape; gray and RGB both work. Raises ValueError for an
    unknown method.
    """
    if method == "hist":
        return exposure.equalize_hist(img)
    if method == "clahe":
        return exposure.equalize_adapthist(img, clip_limit=clip_limit)
    raise ValueError(f"method must be 'hist' or 'clahe', got {method!r}")
