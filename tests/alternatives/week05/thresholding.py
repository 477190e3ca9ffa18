"""Week 05 thresholding with the arguments checked up front and a table of threshold functions."""
from __future__ import annotations

from typing import Literal

import numpy as np
from skimage import color, filters


def binarize(img: np.ndarray, method: Literal["otsu", "local"] = "otsu",
             block_size: int = 35, offset: float = 10) -> np.ndarray:
    """Pixels brighter than their threshold (global Otsu or local mean minus offset)."""
    if method not in ("otsu", "local"):
        raise ValueError(f"unknown method {method!r}")
    if method == "local" and (block_size < 3 or block_size % 2 != 1):
        raise ValueError(f"block_size must be odd and at least 3, not {block_size}")
    gray = color.rgb2gray(img) if img.ndim == 3 else img
    if method == "otsu":
        threshold = filters.threshold_otsu(gray)
    else:
        threshold = filters.threshold_local(gray, block_size=block_size, offset=offset)
    return np.greater(gray, threshold)
