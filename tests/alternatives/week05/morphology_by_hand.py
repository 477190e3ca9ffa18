"""Week 05 morphology by hand with NumPy's sliding windows: every window is compared with the
footprint at once (any hit for dilation, a full fit for erosion)."""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from skimage import measure


def _neighbourhoods(binary: np.ndarray, footprint: np.ndarray, outside: bool) -> tuple[np.ndarray, np.ndarray]:
    """(H, W, kh, kw) windows of the padded image and the footprint as bool."""
    fp = np.asarray(footprint) != 0
    ph, pw = fp.shape[0] // 2, fp.shape[1] // 2
    padded = np.pad(np.asarray(binary) != 0, ((ph, ph), (pw, pw)), mode="constant", constant_values=outside)
    return sliding_window_view(padded, fp.shape), fp


def dilate(binary: np.ndarray, footprint: np.ndarray) -> np.ndarray:
    """True where the footprint centred on the pixel hits an on pixel; outside is off."""
    windows, fp = _neighbourhoods(binary, footprint, outside=False)
    return (windows & fp).any(axis=(-2, -1))


def erode(binary: np.ndarray, footprint: np.ndarray) -> np.ndarray:
    """True where the footprint centred on the pixel fits inside on pixels; outside is on."""
    windows, fp = _neighbourhoods(binary, footprint, outside=True)
    return (windows | ~fp).all(axis=(-2, -1))


def count_objects(binary: np.ndarray, level: float = 0.5, max_points: int | None = None) -> int:
    """Number of contours at `level`, only those shorter than `max_points` when it is given."""
    contours = measure.find_contours(binary.astype(float), level=level)
    return sum(1 for contour in contours if max_points is None or contour.shape[0] < max_points)
