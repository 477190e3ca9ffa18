"""Week 05, morphology by hand: dilation, erosion and counting shapes (public specs)."""
import warnings

import numpy as np
import pytest
from skimage import draw, morphology

from autograder.boundary import by_hand

FOOTPRINTS = [(3, 3), (5, 5), (3, 5), (1, 3)]
# dilate and erode are written with NumPy only: the library morphology refuses while they run, wherever the
# submission bound it (`from scipy.ndimage import binary_dilation` at the top of the module included)
MORPHOLOGY = ("scipy.ndimage.binary_dilation", "scipy.ndimage.binary_erosion", "scipy.ndimage.grey_dilation",
              "scipy.ndimage.grey_erosion", "scipy.ndimage.maximum_filter", "scipy.ndimage.minimum_filter",
              "skimage.morphology.dilation", "skimage.morphology.erosion", "skimage.morphology.binary_dilation",
              "skimage.morphology.binary_erosion")


def _random_images(n=10, shape=(30, 40)):
    rng = np.random.default_rng(5)
    return [rng.random(shape) < p for p in np.linspace(0.05, 0.6, n)]


def _oracle(op, img, fp):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # mode='ignore': outside counts as 0 for dilation and as 1 for erosion
        return op(img, fp, mode="ignore").astype(bool)


@pytest.mark.points(2)
def test_dilate_matches_skimage(load):
    """dilate equals morphology.dilation with rectangle footprints on 10 random images."""
    dilate = load("morphology_by_hand").dilate
    images = _random_images()
    with by_hand(*MORPHOLOGY):
        results = [[np.asarray(dilate(img, morphology.footprint_rectangle(size))) for size in FOOTPRINTS] for img in images]
    for k, img in enumerate(images):
        for size, got in zip(FOOTPRINTS, results[k]):
            fp = morphology.footprint_rectangle(size)
            assert got.shape == img.shape, f"dilate should keep the image's shape {img.shape}, got {got.shape}"
            want = _oracle(morphology.dilation, img, fp)
            wrong = int((got.astype(bool) != want).sum())
            assert wrong == 0, (
                f"dilate differs from scikit-image on random image {k} with a {size} rectangle in {wrong} pixels: "
                "a pixel turns on when the footprint centred on it hits any on pixel; outside the image counts as 0")


@pytest.mark.points(2)
def test_erode_matches_skimage(load):
    """erode equals morphology.erosion with rectangle footprints on 10 random images."""
    erode = load("morphology_by_hand").erode
    images = [~img for img in _random_images()]  # mostly on, so that erosion leaves something
    with by_hand(*MORPHOLOGY):
        results = [[np.asarray(erode(img, morphology.footprint_rectangle(size))) for size in FOOTPRINTS] for img in images]
    for k, img in enumerate(images):
        for size, got in zip(FOOTPRINTS, results[k]):
            fp = morphology.footprint_rectangle(size)
            assert got.shape == img.shape, f"erode should keep the image's shape {img.shape}, got {got.shape}"
            want = _oracle(morphology.erosion, img, fp)
            wrong = int((got.astype(bool) != want).sum())
            assert wrong == 0, (
                f"erode differs from scikit-image on random image {k} with a {size} rectangle in {wrong} pixels: "
                "a pixel stays on only if the footprint centred on it fits entirely; outside the image counts as 1")


@pytest.mark.points(1)
def test_count_three_disks(load):
    """count_objects finds 3 separate white disks."""
    img = np.zeros((100, 160), dtype=bool)
    for r, c in ((30, 30), (60, 80), (40, 130)):
        img[draw.disk((r, c), 12)] = True
    got = load("morphology_by_hand").count_objects(img)
    assert got == 3, f"three separate disks should give 3 contours, got {got}"
