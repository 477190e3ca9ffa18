"""Week 05, morphology by hand: hidden specs."""
import warnings

import numpy as np
import pytest
from skimage import draw, measure, morphology

from autograder.boundary import by_hand

pytestmark = pytest.mark.hidden

# as in the public specs: the library morphology refuses while dilate and erode run
MORPHOLOGY = ("scipy.ndimage.binary_dilation", "scipy.ndimage.binary_erosion", "scipy.ndimage.grey_dilation",
              "scipy.ndimage.grey_erosion", "scipy.ndimage.maximum_filter", "scipy.ndimage.minimum_filter",
              "skimage.morphology.dilation", "skimage.morphology.erosion", "skimage.morphology.binary_dilation",
              "skimage.morphology.binary_erosion")
# "NumPy only" also rules out the other library routes to a dilation: rank filters, hit-or-miss, and a
# convolution or correlation with the footprint followed by a threshold
OTHER_ROUTES = ("scipy.ndimage.convolve", "scipy.ndimage.correlate", "scipy.ndimage.generic_filter",
                "scipy.ndimage.rank_filter", "scipy.ndimage.percentile_filter", "scipy.ndimage.binary_hit_or_miss",
                "scipy.signal.convolve2d", "scipy.signal.correlate2d", "scipy.signal.convolve", "scipy.signal.correlate",
                "scipy.signal.fftconvolve", "skimage.filters.rank.maximum", "skimage.filters.rank.minimum",
                "skimage.morphology.isotropic_dilation", "skimage.morphology.isotropic_erosion")


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
    cases = [(fp, rng.random((25, 33)) < p) for fp in _footprints() for p in (0.2, 0.7)]
    ones = np.ones((6, 7), dtype=bool)
    dot = np.zeros((7, 7), dtype=bool)
    dot[0, 0] = True
    with by_hand(*MORPHOLOGY):
        got = [(np.asarray(m.dilate(img, fp)), np.asarray(m.erode(img, fp))) for fp, img in cases]
        ones_eroded = np.asarray(m.erode(ones, morphology.footprint_rectangle((3, 3))))
        dot_dilated = np.asarray(m.dilate(dot, morphology.disk(1)))
    for (fp, img), (dilated, eroded) in zip(cases, got):
        assert np.array_equal(dilated.astype(bool), _oracle(morphology.dilation, img, fp)), \
            "dilate is wrong for a non-rectangular footprint: only the footprint's on cells count"
        assert np.array_equal(eroded.astype(bool), _oracle(morphology.erosion, img, fp)), \
            "erode is wrong for a non-rectangular footprint: only the footprint's on cells count"
    assert ones_eroded.all(), "eroding an all-on image should leave it all on: pixels outside the image count as on"
    assert np.array_equal(dot_dilated.astype(bool), _oracle(morphology.dilation, dot, morphology.disk(1))), \
        "dilating a corner pixel should grow it into the image only"


@pytest.mark.points(1)
def test_written_by_hand(load):
    """dilate and erode use NumPy only: no rank filter, hit-or-miss, convolution or correlation from a library either."""
    m = load("morphology_by_hand")
    img = np.random.default_rng(0).random((20, 20)) < 0.4
    fp = morphology.footprint_rectangle((3, 3))
    want_d, want_e = _oracle(morphology.dilation, img, fp), _oracle(morphology.erosion, img, fp)
    with by_hand(*MORPHOLOGY, *OTHER_ROUTES):
        dilated, eroded = np.asarray(m.dilate(img, fp)), np.asarray(m.erode(img, fp))
    assert np.array_equal(dilated.astype(bool), want_d), \
        "dilate gives a wrong result on a random image with a 3x3 footprint (see the public dilate spec)"
    assert np.array_equal(eroded.astype(bool), want_e), \
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
    lengths = [len(c) for c in measure.find_contours(die.astype(float), 0.5)]
    limit = min(lengths)  # a contour with exactly max_points points is not fewer than max_points
    assert m.count_objects(die, max_points=limit) == sum(n < limit for n in lengths), \
        "max_points counts only the contours with fewer than max_points points (strictly fewer)"
