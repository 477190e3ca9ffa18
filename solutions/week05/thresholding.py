"""Week 05, task group 2: global (Otsu) and local thresholding."""
from __future__ import annotations

from typing import Literal

import numpy as np
from skimage import color, filters


def binarize(img: np.ndarray, method: Literal["otsu", "local"] = "otsu",
             block_size: int = 35, offset: float = 10) -> np.ndarray:
    """Foreground mask (bool, shape (H, W)): True where a pixel is brighter than its threshold.

    'otsu': one global threshold for the whole image, skimage.filters.threshold_otsu.
    'local': one threshold per pixel, skimage.filters.threshold_local with `block_size` and
    `offset` (a weighted mean of the block_size x block_size neighbourhood minus `offset`,
    in the image's own units: 10 suits a uint8 page).
    An RGB image is first converted to gray with rgb2gray (float in [0, 1]).

    Raises ValueError when method is 'local' and block_size is even or below 3 (the message
    must say that block_size must be odd), and for an unknown method.
    """
    if img.ndim == 3:
        img = color.rgb2gray(img)
    if method == "otsu":
        return img > filters.threshold_otsu(img)
    if method == "local":
        # an even block has no centre pixel: refuse it rather than guess
        if block_size % 2 == 0 or block_size < 3:
            raise ValueError(f"block_size must be an odd integer >= 3, got {block_size}")
        return img > filters.threshold_local(img, block_size, offset=offset)
    raise ValueError(f"method must be 'otsu' or 'local', got {method!r}")
