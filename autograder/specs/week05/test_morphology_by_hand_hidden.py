"""Week 05, morphology by hand: hidden specs."""
import warnings

import numpy as np
import pytest
from skimage import draw, morphology

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def worker_modules(*names):
    """Runs in the worker: the library modules of these names as imported there (handles the spec can patch)."""
    import importlib
    return [importlib.import_module(name) for name in names]


def _oracle(op, img, fp):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return op(img, fp, mode="ignore").astype(bool)


def _footprints():
    rng = np.random.default_rng(11)
    fps = [morphology.disk(2), morphology.diamond(1), morphology.footprint_rectangle((5, 1))]
    for shape in ((3, 3), (5, 3), (3, 7)):
        fp = rng.random(shape) < 0.5
        fp = fp | fp[::-1, ::-1]  # point-symmetric, so mirroring conventions agree
        fp[shape[0] // 2, shape[1] // 2] = True
        fps.append(fp.astype(np.uint8))
    return fps


@pytest.mark.points(1)
def test_other_footprints_and_edges(load):
    """Disks, diamonds and irregular footprints; the border rules (all-on stays on, one pixel grows)."""
    m = load("morphology_by_hand")
    rng = np.random.default_rng(3)
    for fp in _footprints():
        for p in (0.2, 0.7):
            img = rng.random((25, 33)) < p
            assert np.array_equal(np.asarray(m.dilate(img, fp)).astype(bool), _oracle(morphology.dilation, img, fp)), \
                "dilate is wrong for a non-rectangular footprint: only the footprint's on cells count"
            assert np.array_equal(np.asarray(m.erode(img, fp)).astype(bool), _oracle(morphology.erosion, img, fp)), \
                "erode is wrong for a non-rectangular footprint: only the footprint's on cells count"
    ones = np.ones((6, 7), dtype=bool)
    assert np.asarray(m.erode(ones, morphology.footprint_rectangle((3, 3)))).all(), \
        "eroding an all-on image should leave it all on: pixels outside the image count as on"
    dot = np.zeros((7, 7), dtype=bool)
    dot[0, 0] = True
    fp = morphology.disk(1)
    assert np.array_equal(np.asarray(m.dilate(dot, fp)).astype(bool), _oracle(morphology.dilation, dot, fp)), \
        "dilating a corner pixel should grow it into the image only"


@pytest.mark.points(1)
def test_written_by_hand(load, monkeypatch):
    """dilate and erode do not call scikit-image's or SciPy's morphology."""
    m = load("morphology_by_hand")
    img = np.random.default_rng(0).random((20, 20)) < 0.4
    fp = morphology.footprint_rectangle((3, 3))
    want_d, want_e = _oracle(morphology.dilation, img, fp), _oracle(morphology.erosion, img, fp)

    def refuse(*args, **kwargs):
        raise AssertionError("dilate/erode must be written by hand with NumPy, not with a morphology library call")

    # the submission runs in the worker: patch the worker's SciPy and scikit-image, not this process's copies
    # (refuse stays here and is called back when the submission calls a patched function)
    w_ndi, w_morphology = worker_modules("scipy.ndimage", "skimage.morphology")
    for name in ("binary_dilation", "binary_erosion", "grey_dilation", "grey_erosion"):
        monkeypatch.setattr(w_ndi, name, refuse)
    for name in ("dilation", "erosion", "binary_dilation", "binary_erosion"):
        monkeypatch.setattr(w_morphology, name, refuse)
    assert np.array_equal(np.asarray(m.dilate(img, fp)).astype(bool), want_d), \
        "dilate gives a wrong result on a random image with a 3x3 footprint (see the public dilate spec)"
    assert np.array_equal(np.asarray(m.erode(img, fp)).astype(bool), want_e), \
        "erode gives a wrong result on a random image with a 3x3 footprint (see the public erode spec)"


@pytest.mark.points(1)
def test_count_dice_dots(load):
    """Counting the dots of a synthetic die: small contours only."""
    die = np.zeros((140, 140), dtype=bool)
    die[10:130, 10:130] = True  # the white face of the die
    for r in (35, 70, 105):
        for c in (35, 70, 105):
            die[draw.disk((r, c), 7)] = False  # nine black dots
    m = load("morphology_by_hand")
    assert m.count_objects(die, max_points=80) == 9, \
        "with max_points, only the small contours (the dots, not the die's outline) should be counted"
    assert m.count_objects(die) == 10, "without max_points every contour (dots and outline) should be counted"
