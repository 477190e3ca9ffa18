"""Week 05, denoising and inpainting (public specs)."""
import numpy as np
import pytest
from skimage import data, restoration, util
from skimage.metrics import peak_signal_noise_ratio


@pytest.mark.points(1)
def test_restore_gray_and_colour(load):
    """restore is inpaint_biharmonic on a gray and on an RGB crop, with box_mask making the hole."""
    m = load("denoise_inpaint")
    mask = np.asarray(m.box_mask((64, 64, 3), 20, 24, 15, 10))
    assert mask.shape == (64, 64) and mask.dtype == bool, \
        f"box_mask should give a bool (H, W) mask, got {mask.dtype} {mask.shape}"
    assert mask.sum() == 150 and mask[20:35, 24:34].all(), \
        "box_mask(shape, r, c, height, width) should cover rows r..r+height-1 and columns c..c+width-1"
    gray = data.camera()[200:264, 200:264]
    got = np.asarray(m.restore(gray, mask))
    assert got.shape == gray.shape, f"restore should keep the gray image's shape, got {got.shape}"
    assert np.allclose(got, restoration.inpaint_biharmonic(gray, mask), atol=1e-6), \
        "restore of a gray image differs from restoration.inpaint_biharmonic"
    rgb = data.astronaut()[100:164, 200:264]
    got = np.asarray(m.restore(rgb, mask))
    assert got.shape == rgb.shape, f"restore should keep the colour image's shape, got {got.shape}"
    assert np.allclose(got, restoration.inpaint_biharmonic(rgb, mask, channel_axis=-1), atol=1e-6), \
        "restore of an RGB image differs from inpaint_biharmonic with channel_axis=-1"


@pytest.mark.points(1)
def test_add_noise_is_seeded(load):
    """add_noise is util.random_noise with rng=seed."""
    m = load("denoise_inpaint")
    img = data.astronaut()[:128, :128]
    got = np.asarray(m.add_noise(img, seed=3))
    assert got.shape == img.shape, f"add_noise should keep the shape, got {got.shape}"
    assert np.allclose(got, util.random_noise(img, rng=3)), \
        "add_noise(img, seed) differs from util.random_noise(img, rng=seed)"
    assert np.array_equal(m.add_noise(img, seed=3), m.add_noise(img, seed=3)), "the same seed should give the same noise"


@pytest.mark.points(1)
def test_denoise_matches_skimage(load):
    """denoise 'tv' and 'bilateral' match scikit-image on an RGB crop."""
    m = load("denoise_inpaint")
    noisy = util.random_noise(data.astronaut()[:96, :96], rng=0)
    got = np.asarray(m.denoise(noisy, "tv", weight=0.1))
    assert got.shape == noisy.shape, f"denoise should keep the shape, got {got.shape}"
    assert np.allclose(got, restoration.denoise_tv_chambolle(noisy, weight=0.1, channel_axis=-1), atol=1e-6), \
        "denoise 'tv' differs from denoise_tv_chambolle(weight=weight, channel_axis=-1)"
    got = np.asarray(m.denoise(noisy, "bilateral", sigma_color=0.1, sigma_spatial=2))
    want = restoration.denoise_bilateral(noisy, sigma_color=0.1, sigma_spatial=2, channel_axis=-1)
    assert np.allclose(got, want, atol=1e-6), \
        "denoise 'bilateral' differs from denoise_bilateral(sigma_color=..., sigma_spatial=..., channel_axis=-1)"


@pytest.mark.points(1)
def test_psnr_gain(load):
    """psnr_gain is PSNR(clean, denoised) - PSNR(clean, noisy) in dB."""
    m = load("denoise_inpaint")
    rng = np.random.default_rng(0)
    clean = rng.random((32, 32))
    noisy = np.clip(clean + rng.normal(0, 0.1, clean.shape), 0, 1)
    better = (clean + noisy) / 2
    want = peak_signal_noise_ratio(clean, better, data_range=1) - peak_signal_noise_ratio(clean, noisy, data_range=1)
    got = m.psnr_gain(clean, noisy, better)
    assert abs(got - want) < 1e-6, f"psnr_gain should be {want:.4f} dB here (PSNR = 10 log10(1 / MSE)), got {got}"
    assert abs(m.psnr_gain(clean, better, noisy) + want) < 1e-6, "swapping noisy and denoised should flip the sign"
