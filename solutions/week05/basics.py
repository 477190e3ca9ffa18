"""Week 05, task group 1: colour, flips, rotation and resizing with scikit-image."""
from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from skimage import color, transform
from skimage.util import img_as_float

CHANNEL_NAMES = ("red", "green", "blue")


def to_gray(img: np.ndarray) -> np.ndarray:
    """Gray version of an image as float64 in [0, 1].

    RGB (H, W, 3), uint8 or float -> (H, W) luminance Y = 0.2125 R + 0.7154 G + 0.0721 B
    (what skimage.color.rgb2gray computes). A 2-D image is already gray: it is only converted
    to float (uint8 values divided by 255).
    """
    if img.ndim == 2:
        return img_as_float(img)  # already one channel: only rescale integers to [0, 1]
    return color.rgb2gray(img)  # Y = 0.2125 R + 0.7154 G + 0.0721 B


def to_rgb(gray: np.ndarray) -> np.ndarray:
    """(H, W) -> (H, W, 3), same dtype: the one channel copied into R, G and B (no colour is invented)."""
    return color.gray2rgb(gray)


def flip(img: np.ndarray, direction: Literal["horizontal", "vertical"]) -> np.ndarray:
    """Mirror left-right ('horizontal') or upside down ('vertical'); shape and dtype are kept.

    Raises ValueError for any other direction.
    """
    if direction == "horizontal":
        return np.fliplr(img)
    if direction == "vertical":
        return np.flipud(img)
    raise ValueError(f"direction must be 'horizontal' or 'vertical', got {direction!r}")


def rotate(img: np.ndarray, angle: float) -> np.ndarray:
    """Rotate counter-clockwise by `angle` degrees about the centre (negative = clockwise).

    Same shape as the input (corners that come from outside are 0); float output in [0, 1],
    as skimage.transform.rotate gives with its defaults.
    """
    return transform.rotate(img, angle)


def rescale(img: np.ndarray, factor: float) -> np.ndarray:
    """Scale height and width by `factor` with anti-aliasing (skimage defaults otherwise).

    Float output. A (512, 512, 3) image with factor 1/4 gives (128, 128, 3): a colour image keeps
    its 3 channels (the channels must not be rescaled). A 2-D image gives a 2-D result.
    """
    channel_axis = -1 if img.ndim == 3 else None  # without it the channels get rescaled too
    return transform.rescale(img, factor, anti_aliasing=True, channel_axis=channel_axis)


def resize(img: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Resize to `shape` = (rows, cols) with anti-aliasing (skimage defaults otherwise).

    Float output of shape (rows, cols) for a gray image and (rows, cols, 3) for a colour one.
    """
    return transform.resize(img, tuple(shape) + img.shape[2:], anti_aliasing=True)


def plot_channels(img: np.ndarray) -> Figure:
    """A 3x3 figure of an RGB uint8 image, one row per channel (row 0 red, 1 green, 2 blue).

    Column 0: the channel alone as a 2-D gray image (imshow of img[..., c]).
    Column 1: the RGB image with the other two channels set to 0 (imshow of an (H, W, 3) array).
    Column 2: the histogram of the channel's H*W values (ax.hist with 256 bins).
    Every axes has a title naming its channel. Returns the Figure (do not call plt.show()).
    """
    fig, axes = plt.subplots(3, 3, figsize=(10, 9))
    for c, name in enumerate(CHANNEL_NAMES):
        only = np.zeros_like(img)
        only[..., c] = img[..., c]  # zero the other two channels
        axes[c, 0].imshow(img[..., c], cmap="gray")
        axes[c, 0].set_title(f"{name} channel")
        axes[c, 1].imshow(only)
        axes[c, 1].set_title(f"only {name}")
        axes[c, 2].hist(img[..., c].ravel(), bins=256, color=name)
        axes[c, 2].set_title(f"{name} histogram")
        for ax in axes[c, :2]:
            ax.axis("off")
    fig.tight_layout()
    return fig
