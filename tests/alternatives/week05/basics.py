"""Week 05 basics written the way a student reaches for NumPy first: slicing for flips, the luminance
dot product by hand, np.stack for gray to RGB, and a figure built with add_subplot."""
from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from skimage import transform
from skimage.util import img_as_float

LUMA = np.array([0.2125, 0.7154, 0.0721])


def to_gray(img: np.ndarray) -> np.ndarray:
    """Luminance in [0, 1]; a 2-D image is only converted to floats."""
    as_float = img_as_float(img)
    return as_float if as_float.ndim == 2 else as_float[..., :3] @ LUMA


def to_rgb(gray: np.ndarray) -> np.ndarray:
    """The gray channel repeated three times along a new last axis."""
    return np.stack([gray, gray, gray], axis=-1)


def flip(img: np.ndarray, direction: Literal["horizontal", "vertical"]) -> np.ndarray:
    """Reversed columns ('horizontal') or reversed rows ('vertical')."""
    if direction not in ("horizontal", "vertical"):
        raise ValueError(f"unknown direction {direction!r}: use 'horizontal' or 'vertical'")
    return img[:, ::-1] if direction == "horizontal" else img[::-1, :]


def rotate(img: np.ndarray, angle: float) -> np.ndarray:
    """Counter-clockwise rotation in degrees about the centre, same shape."""
    return transform.rotate(img, angle=angle, resize=False)


def rescale(img: np.ndarray, factor: float) -> np.ndarray:
    """Anti-aliased rescale of rows and columns only."""
    if img.ndim == 2:
        return transform.rescale(img, factor, anti_aliasing=True)
    return transform.rescale(img, (factor, factor, 1), anti_aliasing=True)


def resize(img: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Anti-aliased resize to (rows, cols), channels kept."""
    rows, cols = shape
    out_shape = (rows, cols) if img.ndim == 2 else (rows, cols, img.shape[2])
    return transform.resize(img, out_shape, anti_aliasing=True)


def plot_channels(img: np.ndarray) -> Figure:
    """3x3 grid: per channel its gray image, the image with only that channel, and a 256-bin histogram."""
    fig = plt.figure(figsize=(9, 9))
    for row, name in enumerate(("red", "green", "blue")):
        keep = np.zeros(3, dtype=img.dtype)
        keep[row] = 1
        panels = [
            (lambda ax: ax.imshow(img[..., row], cmap="gray"), f"{name} as gray"),
            (lambda ax: ax.imshow(img * keep), f"{name} only"),
            (lambda ax: ax.hist(img[..., row].flatten(), bins=256, range=(0, 256)), f"{name} histogram"),
        ]
        for col, (draw, title) in enumerate(panels):
            ax = fig.add_subplot(3, 3, 3 * row + col + 1)
            draw(ax)
            ax.set_title(title)
    return fig
