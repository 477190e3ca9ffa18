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
    raise NotImplementedError


def to_rgb(gray: np.ndarray) -> np.ndarray:
    """(H, W) -> (H, W, 3), same dtype: the one channel copied into R, G and B (no colour is invented)."""
    raise NotImplementedError


def flip(img: np.ndarray, direction: Literal["horizontal", "vertical"]) -> np.ndarray:
    """Mirror left-right ('horizontal') or upside down ('vertical'); shape and dtype are kept.

    Raises ValueError for any other direction.
    """
    raise NotImplementedError


def rotate(img: np.ndarray, angle: float) -> np.ndarray:
    """Rotate counter-clockwise by `angle` degrees about the centre (negative = clockwise).

    Same shape as the input (corners that come from outside are 0); float output in [0, 1],
    as skimage.transform.rotate gives with its defaults.
    """
    raise NotImplementedError


def rescale(img: np.ndarray, factor: float) -> np.ndarray:
    """Scale height and width by `factor` with anti-aliasing (skimage defaults otherwise).

    Float output. A (512, 512, 3) image with factor 1/4 gives (128, 128, 3): a colour image keeps
    its 3 channels (the channels must not be rescaled). A 2-D image gives a 2-D result.
    """
    raise NotImplementedError


def resize(img: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Resize to `shape` = (rows, cols) with anti-aliasing (skimage defaults otherwise).

    Float output of shape (rows, cols) for a gray image and (rows, cols, 3) for a colour one.
    """
    raise NotImplementedError


def plot_channels(img: np.ndarray) -> Figure:
    """A 3x3 figure of an RGB uint8 image, one row per channel (row 0 red, 1 green, 2 blue).

    Column 0: the channel alone as a 2-D gray image (imshow of img[..., c]).
    Column 1: the RGB image with the other two channels set to 0 (imshow of an (H, W, 3) array).
    Column 2: the histogram of the channel's H*W values (ax.hist with 256 bins).
    Every axes has a title naming its channel. Returns the Figure (do not call plt.show()).
    """
    raise NotImplementedError
