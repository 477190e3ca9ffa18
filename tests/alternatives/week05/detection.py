"""Week 05 detection: scikit-image calls with explicit channel axes, a cascade loaded per call, and the
privacy blur done with scipy.ndimage on each box (edges reflected)."""
from __future__ import annotations

import numpy as np
from scipy import ndimage
from skimage import color, data, feature, segmentation


def superpixels(img: np.ndarray, n_segments: int = 300) -> np.ndarray:
    """SLIC labels (from 1) of a gray or RGB image."""
    if img.ndim == 2:
        return segmentation.slic(img, n_segments=n_segments, channel_axis=None)
    return segmentation.slic(img, n_segments=n_segments, channel_axis=2)


def average_colours(img: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each label region painted with its mean colour."""
    return color.label2rgb(labels, image=img, kind="avg", bg_label=0)


def harris_corners(img: np.ndarray, min_distance: int = 5,
                   threshold_rel: float | None = None) -> np.ndarray:
    """(row, col) peaks of the Harris response of the gray image."""
    gray = img if img.ndim == 2 else color.rgb2gray(img)
    return feature.corner_peaks(feature.corner_harris(gray), min_distance=min_distance, threshold_rel=threshold_rel)


def detect_faces(img: np.ndarray, scale_factor: float = 1.2, step_ratio: float = 1,
                 min_size: tuple[int, int] = (10, 10),
                 max_size: tuple[int, int] = (200, 200)) -> list[dict[str, int]]:
    """Boxes of the bundled LBP frontal-face cascade as dicts of Python ints."""
    detector = feature.Cascade(data.lbp_frontal_face_cascade_filename())
    boxes = detector.detect_multi_scale(img, scale_factor, step_ratio, min_size, max_size)
    return [dict(r=int(b["r"]), c=int(b["c"]), width=int(b["width"]), height=int(b["height"])) for b in boxes]


def blur_faces(img: np.ndarray, detections: list[dict[str, int]], sigma: float = 10) -> np.ndarray:
    """A copy with each box replaced by the Gaussian blur of that box alone, channels apart."""
    out = np.array(img, copy=True)
    sigmas = (sigma, sigma) + (0,) * (img.ndim - 2)
    for box in detections:
        rows = slice(max(box["r"], 0), box["r"] + box["height"])
        cols = slice(max(box["c"], 0), box["c"] + box["width"])
        blurred = ndimage.gaussian_filter(img[rows, cols].astype(np.float64), sigma=sigmas, mode="reflect")
        if np.issubdtype(img.dtype, np.integer):
            info = np.iinfo(img.dtype)
            blurred = np.clip(np.rint(blurred), info.min, info.max)
        out[rows, cols] = blurred.astype(img.dtype)
    return out
