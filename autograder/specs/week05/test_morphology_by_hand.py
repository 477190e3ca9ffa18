"""Week 05, morphology by hand: dilation, erosion and counting shapes (public specs)."""
import warnings

import numpy as np
import pytest
from skimage import draw, morphology

FOOTPRINTS = [(3, 3), (5, 5), (3, 5), (1, 3)]


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
    for k, img in enumerate(_random_images()):
        for size in FOOTPRINTS:
            fp = morphology.footprint_rectangle(size)
            got = np.asarray(dilate(img, fp))
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
    for k, img in enumerate(_random_images()):
        img = ~img  # mostly on, so that erosion leaves something
        for size in FOOTPRINTS:
            fp = morphology.footprint_rectangle(size)
            got = np.asarray(erode(img, fp))
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
