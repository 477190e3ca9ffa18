"""Week 05, edges and contrast: Sobel, Canny, Gaussian smoothing, contrast, equalisation (public specs)."""
import numpy as np
import pytest
from skimage import data, exposure, feature, filters


@pytest.mark.points(1)
def test_sobel_and_canny(load):
    """edges matches filters.sobel and feature.canny (bool) on coins."""
    m = load("edges_contrast")
    coins = data.coins()
    sob = np.asarray(m.edges(coins, "sobel"))
    assert sob.shape == coins.shape, f"the Sobel map should have the image's shape, got {sob.shape}"
    assert np.allclose(sob, filters.sobel(coins), atol=1e-6), "edges(img, 'sobel') differs from skimage.filters.sobel"
    for sigma in (1.0, 3.0):
        can = np.asarray(m.edges(coins, "canny", sigma=sigma))
        assert can.dtype == bool, f"Canny edges should be a bool mask, got {can.dtype}"
        assert np.array_equal(can, feature.canny(coins, sigma=sigma)), \
            f"edges(img, 'canny', sigma={sigma}) differs from feature.canny(img, sigma={sigma})"


@pytest.mark.points(1)
def test_smooth_gray_and_colour(load):
    """smooth is filters.gaussian, per channel for colour images."""
    m = load("edges_contrast")
    cam = data.camera()[::2, ::2]
    assert np.allclose(m.smooth(cam, sigma=2), filters.gaussian(cam, sigma=2), atol=1e-6), \
        "smooth of a gray image differs from filters.gaussian with the same sigma"
    rgb = data.astronaut()[::2, ::2]
    got = np.asarray(m.smooth(rgb, sigma=2))
    assert got.shape == rgb.shape, f"smooth should keep the colour image's shape {rgb.shape}, got {got.shape}"
    assert np.allclose(got, filters.gaussian(rgb, sigma=2, channel_axis=-1), atol=1e-6), \
        "smooth of an RGB image should blur each channel on its own (channel_axis=-1), not across channels"


@pytest.mark.points(1)
def test_contrast_is_range(load):
    """contrast of a uint8 image with values 99..247 is 148 (no uint8 wrap-around)."""
    rng = np.random.default_rng(0)
    img = rng.integers(99, 248, size=(40, 50)).astype(np.uint8)
    img[0, 0], img[-1, -1] = 99, 247
    got = load("edges_contrast").contrast(img)
    assert got == 148, f"contrast should be max - min = 247 - 99 = 148, got {got}"


@pytest.mark.points(1)
def test_equalisation(load):
    """enhance matches equalize_hist and equalize_adapthist(clip_limit=0.03), values in [0, 1]."""
    m = load("edges_contrast")
    moon = data.moon()
    for method, ref in (("hist", exposure.equalize_hist(moon)),
                        ("clahe", exposure.equalize_adapthist(moon, clip_limit=0.03))):
        got = np.asarray(m.enhance(moon, method))
        assert got.shape == moon.shape, f"enhance(img, {method!r}) should keep the shape, got {got.shape}"
        assert got.min() >= 0 and got.max() <= 1, f"enhance(img, {method!r}) should give floats in [0, 1]"
        assert np.allclose(got, ref, atol=1e-6), \
            f"enhance(img, {method!r}) differs from scikit-image's equalisation with clip_limit=0.03"
