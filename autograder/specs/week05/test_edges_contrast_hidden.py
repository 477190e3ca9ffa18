"""Week 05, edges and contrast: hidden specs."""
import numpy as np
import pytest
from skimage import color, data, exposure, feature, filters

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_canny_counts_and_colour(load):
    """Canny on coins keeps the known edge counts, and colour images are converted to gray."""
    m = load("edges_contrast")
    coins = data.coins()
    n1 = int(np.asarray(m.edges(coins, "canny", sigma=1)).sum())
    n3 = int(np.asarray(m.edges(coins, "canny", sigma=3)).sum())
    assert (n1, n3) == (12777, 4018), "the number of Canny edge pixels on coins at sigma 1 and 3 is not right"
    coffee = data.coffee()[::2, ::2]
    gray = color.rgb2gray(coffee)
    assert np.array_equal(m.edges(coffee, "canny", sigma=2), feature.canny(gray, sigma=2)), \
        "Canny on an RGB image should run on its rgb2gray version"
    assert np.allclose(m.edges(coffee, "sobel"), filters.sobel(gray), atol=1e-6), \
        "Sobel on an RGB image should run on its rgb2gray version"
    with pytest.raises(ValueError):
        m.edges(coins, "prewitt-ish")


@pytest.mark.points(1)
def test_clahe_on_colour(load):
    """CLAHE on coffee (RGB) with two clip limits, float contrast, and smooth's default sigma."""
    m = load("edges_contrast")
    coffee = data.coffee()[::2, ::2]
    for clip in (0.03, 0.01):
        got = np.asarray(m.enhance(coffee, "clahe", clip_limit=clip))
        assert got.shape == coffee.shape, "CLAHE should keep a colour image's shape"
        assert np.allclose(got, exposure.equalize_adapthist(coffee, clip_limit=clip), atol=1e-6), \
            "CLAHE on an RGB image differs from equalize_adapthist with the given clip_limit"
    img = np.array([[0.25, 0.5], [0.75, 0.3]])
    assert abs(m.contrast(img) - 0.5) < 1e-12, "contrast of a float image should be its max - min"
    coins = data.coins()[::2, ::2]
    assert np.allclose(m.smooth(coins), filters.gaussian(coins, sigma=1.0), atol=1e-6), \
        "smooth's sigma should default to 1.0"
