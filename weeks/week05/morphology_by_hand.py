"""Week 05, task group 4: binary dilation and erosion written by hand, and counting shapes with contours."""
from __future__ import annotations

import numpy as np
from skimage import measure


def dilate(binary: np.ndarray, footprint: np.ndarray) -> np.ndarray:
    """Binary dilation written by hand with NumPy only (no scikit-image or SciPy calls: no morphology,
    maximum/minimum or rank filter, convolution or correlation).

    binary: 2-D bool (or 0/1) array. footprint: 2-D 0/1 array with odd height and width, centred on
    its middle cell. Output pixel (y, x) is True when the footprint placed with its centre on (y, x)
    covers at least one True pixel ("hits"). Pixels outside the image count as False (pad with 0s).
    Returns a bool array of the input's shape.
    """
    raise NotImplementedError


def erode(binary: np.ndarray, footprint: np.ndarray) -> np.ndarray:
    """Binary erosion written by hand with NumPy only (no scikit-image or SciPy calls: no morphology,
    maximum/minimum or rank filter, convolution or correlation).

    Same inputs as `dilate`. Output pixel (y, x) is True when every footprint cell, placed with its
    centre on (y, x), lies on a True pixel ("fits"). Pixels outside the image count as True (pad
    with 1s), so an all-True image stays all True. Returns a bool array of the input's shape.
    """
    raise NotImplementedError


def count_objects(binary: np.ndarray, level: float = 0.5, max_points: int | None = None) -> int:
    """Count shapes by their contours: the number of contours skimage.measure.find_contours finds
    in `binary` (as float) at `level`.

    Shapes must be white (True) on black. With `max_points`, count only the contours with fewer
    than `max_points` points: the small dots of a die, say, but not the die's long outline.
    """
    raise NotImplementedError
