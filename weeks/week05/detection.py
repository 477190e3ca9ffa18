"""Week 05, task group 6: superpixels, Harris corners, face detection and blurring faces for privacy."""
from __future__ import annotations

import numpy as np
from skimage import color, data, feature, filters, segmentation


def superpixels(img: np.ndarray, n_segments: int = 300) -> np.ndarray:
    """SLIC superpixel labels: skimage.segmentation.slic with `n_segments` (other defaults kept).

    Returns an int array of shape (H, W) with labels starting at 1; gray (H, W) and RGB (H, W, 3)
    images both work (for RGB the last axis holds the channels).
    """
    raise NotImplementedError


def average_colours(img: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each superpixel painted with its mean colour: skimage.color.label2rgb(labels, img,
    kind='avg', bg_label=0). Same shape as an RGB `img`."""
    raise NotImplementedError


def harris_corners(img: np.ndarray, min_distance: int = 5,
                   threshold_rel: float | None = None) -> np.ndarray:
    """Harris corners: feature.corner_peaks(feature.corner_harris(gray), min_distance=...,
    threshold_rel=...) with every other argument at its default. An RGB image is converted
    with rgb2gray first.

    Returns an int array (N, 2) of (row, col) coordinates, in corner_peaks' order.
    """
    raise NotImplementedError


def detect_faces(img: np.ndarray, scale_factor: float = 1.2, step_ratio: float = 1,
                 min_size: tuple[int, int] = (10, 10),
                 max_size: tuple[int, int] = (200, 200)) -> list[dict[str, int]]:
    """Faces found by the LBP frontal-face cascade that ships with scikit-image
    (feature.Cascade on data.lbp_frontal_face_cascade_filename(); no download), using
    detect_multi_scale with these arguments.

    Returns a list of dicts with int values under exactly the keys 'r', 'c' (top-left row and
    column), 'width' and 'height'; an empty list when no face is found.
    """
    raise NotImplementedError


def blur_faces(img: np.ndarray, detections: list[dict[str, int]], sigma: float = 10) -> np.ndarray:
    """Privacy blur: a copy of `img` where each box of `detections` (dicts as from detect_faces) is
    replaced by a Gaussian blur with std `sigma` of that box alone, per colour channel, on the
    original value range (uint8 stays 0..255, rounded back to uint8). How the blur treats the box's
    own edges is yours: skimage.filters.gaussian (edge repeated) and scipy.ndimage.gaussian_filter
    with sigma=(sigma, sigma, 0) (edge reflected) are both fine.

    Pixels outside the boxes are unchanged, shape and dtype are kept, `img` itself is not modified.
    """
    raise NotImplementedError
