"""Week 05, basics: gray and back, flips, rotate, rescale, resize, channel plots (public specs)."""
import numpy as np
import pytest
from matplotlib.figure import Figure
from skimage import color, data, transform


@pytest.mark.points(1)
def test_to_gray_matches_rgb2gray(load):
    """to_gray(astronaut) is rgb2gray's (512, 512) float image."""
    img = data.astronaut()
    got = np.asarray(load("basics").to_gray(img))
    assert got.shape == (512, 512), f"to_gray should drop the channel axis: expected (512, 512), got {got.shape}"
    assert np.issubdtype(got.dtype, np.floating), f"to_gray should return floats in [0, 1], got dtype {got.dtype}"
    assert np.allclose(got, color.rgb2gray(img), atol=1e-6), \
        "to_gray differs from skimage.color.rgb2gray: use the luminance weights 0.2125, 0.7154, 0.0721"


@pytest.mark.points(1)
def test_flip_directions(load):
    """flip mirrors left-right for 'horizontal' and upside down for 'vertical'."""
    m = load("basics")
    img = data.rocket()
    assert np.array_equal(m.flip(img, "horizontal"), np.fliplr(img)), \
        "flip(img, 'horizontal') should mirror left-right (np.fliplr: column 0 becomes the last column)"
    assert np.array_equal(m.flip(img, "vertical"), np.flipud(img)), \
        "flip(img, 'vertical') should turn the image upside down (np.flipud: row 0 becomes the last row)"
    with pytest.raises(ValueError):
        m.flip(img, "diagonal")


@pytest.mark.points(1)
def test_rotate_clockwise_quarter(load):
    """rotate(astronaut, -90) matches transform.rotate and keeps the shape."""
    img = data.astronaut()
    got = np.asarray(load("basics").rotate(img, -90))
    assert got.shape == img.shape, f"rotate should keep the shape {img.shape}, got {got.shape}"
    assert np.allclose(got, transform.rotate(img, -90), atol=1e-6), \
        "rotate(img, -90) differs from skimage.transform.rotate(img, -90): angles are in degrees, counter-clockwise"


@pytest.mark.points(1)
def test_rescale_and_resize_keep_channels(load):
    """rescale by 1/4 gives (128, 128, 3) and resize to (400, 500) gives (400, 500, 3), anti-aliased."""
    m = load("basics")
    img = data.astronaut()
    small = np.asarray(m.rescale(img, 1 / 4))
    assert small.shape == (128, 128, 3), (
        f"rescale(astronaut, 1/4) should give (128, 128, 3), got {small.shape}: "
        "tell transform.rescale that the last axis holds channels (channel_axis=-1)")
    ref = transform.rescale(img, 1 / 4, anti_aliasing=True, channel_axis=-1)
    assert np.allclose(small, ref, atol=1e-6), "rescale differs from transform.rescale with anti_aliasing=True"
    big = np.asarray(m.resize(img, (400, 500)))
    assert big.shape == (400, 500, 3), f"resize(astronaut, (400, 500)) should give (400, 500, 3), got {big.shape}"
    assert np.allclose(big, transform.resize(img, (400, 500), anti_aliasing=True), atol=1e-6), \
        "resize differs from transform.resize with anti_aliasing=True"


@pytest.mark.points(2)
def test_plot_channels_layout(load):
    """plot_channels returns a 3x3 figure: channel, channel-only colour image, 256-bin histogram."""
    img = data.rocket()[::4, ::4].copy()
    fig = load("basics").plot_channels(img)
    assert isinstance(fig, Figure), f"plot_channels should return a matplotlib Figure, got {fig.__class__.__name__}"
    axes = fig.axes
    assert len(axes) == 9, f"expected 9 axes (3 rows x 3 columns), got {len(axes)}"
    h, w = img.shape[:2]
    for c in range(3):
        a0, a1, a2 = axes[3 * c: 3 * c + 3]
        ims = a0.get_images()
        assert ims, f"row {c}, column 0 should show the channel with imshow"
        shown = np.asarray(ims[0].get_array())
        assert shown.shape == (h, w) and np.array_equal(shown, img[..., c]), \
            f"row {c}, column 0 should show img[..., {c}] as a 2-D image"
        ims = a1.get_images()
        assert ims, f"row {c}, column 1 should show an RGB image with imshow"
        shown = np.asarray(ims[0].get_array())
        assert shown.shape == img.shape, f"row {c}, column 1 should show an (H, W, 3) image, got {shown.shape}"
        others = [k for k in range(3) if k != c]
        assert np.array_equal(shown[..., c], img[..., c]) and not shown[..., others].any(), \
            f"row {c}, column 1 should keep channel {c} and set the other two channels to 0"
        heights = [p.get_height() for p in a2.patches]
        assert len(heights) == 256, f"row {c}, column 2 should be a 256-bin histogram (ax.hist, bins=256), got {len(heights)} bars"
        assert sum(heights) == h * w, f"row {c}, column 2: the histogram should count all {h * w} pixel values once"
        for ax in (a0, a1, a2):
            assert ax.get_title(), f"every axes in row {c} needs a title naming its channel"
