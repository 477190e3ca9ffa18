"""Week 05, basics: hidden specs."""
import numpy as np
import pytest
from skimage import data, transform
from skimage.util import img_as_float

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_gray_formula_and_back(load):
    """Gray uses the luminance weights, a gray image stays gray, and to_rgb repeats the channel."""
    m = load("basics")
    px = np.array([[[10, 200, 30]]], dtype=np.uint8)
    y = (0.2125 * 10 + 0.7154 * 200 + 0.0721 * 30) / 255
    got = np.asarray(m.to_gray(px))
    assert got.shape == (1, 1) and abs(float(got[0, 0]) - y) < 1e-6, \
        "to_gray of one RGB pixel does not follow Y = 0.2125 R + 0.7154 G + 0.0721 B on the [0, 1] scale"
    cam = data.camera()
    assert np.allclose(m.to_gray(cam), img_as_float(cam)), \
        "to_gray of an image that is already gray should only convert it to floats in [0, 1]"
    rgb = np.asarray(m.to_rgb(cam))
    assert rgb.shape == (512, 512, 3), "to_rgb should add a channel axis of size 3"
    assert all(np.array_equal(rgb[..., k], cam) for k in range(3)), \
        "to_rgb should copy the gray values unchanged into all three channels"


@pytest.mark.points(1)
def test_rescale_gray_and_resize_rocket(load):
    """Gray images rescale to 2-D results; rocket resizes with its channels; positive angles turn left."""
    m = load("basics")
    cam = data.camera()
    half = np.asarray(m.rescale(cam, 0.5))
    assert half.shape == (256, 256), "rescaling a gray image should give a 2-D result of the scaled size"
    assert np.allclose(half, transform.rescale(cam, 0.5, anti_aliasing=True), atol=1e-6), \
        "rescale of a gray image differs from transform.rescale with anti_aliasing=True"
    rocket = data.rocket()
    out = np.asarray(m.resize(rocket, (100, 150)))
    assert out.shape == (100, 150, 3), "resize of a colour image should keep its 3 channels"
    assert np.allclose(out, transform.resize(rocket, (100, 150), anti_aliasing=True), atol=1e-6), \
        "resize of the rocket differs from transform.resize with anti_aliasing=True"
    turned = np.asarray(m.rotate(rocket, 30))
    assert np.allclose(turned, transform.rotate(rocket, 30), atol=1e-6), \
        "rotate with a positive angle should turn counter-clockwise, like transform.rotate"
