"""Week 05, denoising and inpainting: hidden specs."""
import numpy as np
import pytest
from skimage import data, util
from skimage.metrics import peak_signal_noise_ratio

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_denoising_improves_psnr(load):
    """TV and tuned bilateral denoising raise the PSNR of a noisy astronaut; gray works too."""
    m = load("denoise_inpaint")
    clean = util.img_as_float(data.astronaut()[64:320, 128:384])
    noisy = util.random_noise(clean, rng=0)
    base = peak_signal_noise_ratio(clean, noisy, data_range=1)
    tv = np.asarray(m.denoise(noisy, "tv"))
    assert peak_signal_noise_ratio(clean, tv, data_range=1) - base >= 3, \
        "TV denoising with the default weight should raise the PSNR by a few dB"
    bil = np.asarray(m.denoise(noisy, "bilateral", sigma_color=0.1, sigma_spatial=2))
    assert peak_signal_noise_ratio(clean, bil, data_range=1) - base >= 2, \
        "bilateral denoising with sigma_color=0.1, sigma_spatial=2 should raise the PSNR clearly"
    gray = util.img_as_float(data.camera()[::4, ::4])
    noisy_gray = util.random_noise(gray, rng=1)
    out = np.asarray(m.denoise(noisy_gray, "tv"))
    assert out.shape == gray.shape, "denoise of a gray image should keep its 2-D shape"
    assert peak_signal_noise_ratio(gray, out, data_range=1) > peak_signal_noise_ratio(gray, noisy_gray, data_range=1), \
        "TV denoising of a gray image should raise its PSNR"
    with pytest.raises(ValueError):
        m.denoise(noisy, "median")
    assert np.array_equal(m.add_noise(gray), m.add_noise(gray, seed=0)), "add_noise's seed should default to 0"


@pytest.mark.points(1)
def test_hole_is_filled_well(load):
    """A 30x30 hole in the astronaut is filled closely; pixels outside the hole are kept."""
    m = load("denoise_inpaint")
    clean = util.img_as_float(data.astronaut()[200:300, 50:150])
    mask = np.asarray(m.box_mask(clean.shape, 35, 35, 30, 30))
    damaged = clean.copy()
    damaged[mask] = 0
    got = np.asarray(m.restore(damaged, mask))
    assert np.allclose(got[~mask], clean[~mask], atol=1e-6), "restore should leave pixels outside the mask unchanged"
    assert peak_signal_noise_ratio(clean, got, data_range=1) > 30, \
        "the filled hole is far from the original: inpaint every channel from its surroundings"
