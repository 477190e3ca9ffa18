"""Week 05, detection: hidden specs."""
import numpy as np
import pytest
from skimage import color, data, feature, segmentation

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def call_keeping_input(fn, img, *args, **kwargs):
    """Runs in the worker: calls fn(img, *args, **kwargs) there; returns its result and img as the call left it."""
    out = fn(img, *args, **kwargs)
    return out, img


def _iou(a, b):
    r0, c0 = max(a["r"], b["r"]), max(a["c"], b["c"])
    r1 = min(a["r"] + a["height"], b["r"] + b["height"])
    c1 = min(a["c"] + a["width"], b["c"] + b["width"])
    inter = max(0, r1 - r0) * max(0, c1 - c0)
    return inter / (a["width"] * a["height"] + b["width"] * b["height"] - inter)


@pytest.mark.timeout(30)
@pytest.mark.points(1)
def test_harris_settings(load):
    """Harris with other min_distance and threshold_rel settings matches scikit-image."""
    m = load("detection")
    img = data.camera()
    response = feature.corner_harris(img)
    for md, tr in ((10, 0.01), (20, 0.03), (60, 0.02)):
        got = np.asarray(m.harris_corners(img, min_distance=md, threshold_rel=tr))
        want = feature.corner_peaks(response, min_distance=md, threshold_rel=tr)
        assert np.array_equal(got, want), \
            "harris_corners with a given min_distance and threshold_rel differs from corner_peaks on the Harris response"


@pytest.mark.timeout(30)
@pytest.mark.points(1)
def test_real_face_found_with_int_values(load):
    """On an astronaut crop one box overlaps the real face well; values are Python ints; min_size passes through."""
    m = load("detection")
    crop = data.astronaut()[:200, 120:300]  # the face sits at r=71, c=57 in this crop
    got = m.detect_faces(crop)
    face = {"r": 71, "c": 57, "width": 85, "height": 85}
    assert any(_iou(d, face) > 0.5 for d in got), "no detection overlaps the astronaut's face"
    assert all(isinstance(v, int) for d in got for v in d.values()), "box values should be Python ints"
    big = m.detect_faces(crop, min_size=(82, 82))
    assert big and all(d["width"] >= 82 and d["height"] >= 82 for d in big), \
        "min_size should be passed on to detect_multi_scale"


@pytest.mark.points(1)
def test_blur_and_superpixels_on_gray(load):
    """blur_faces does not touch its input and works on gray images; superpixels work on gray too (default 300)."""
    m = load("detection")
    cam = data.camera()
    keep = cam.copy()
    # the call is made in the worker on the worker's array: the spec's own cam is a copy the submission never sees
    out, after = call_keeping_input(m.blur_faces, cam, [{"r": 50, "c": 200, "width": 100, "height": 120}], sigma=8)
    out = np.asarray(out)
    assert isinstance(after, np.ndarray) and np.array_equal(after, keep), \
        "blur_faces must return a new image and leave its input unchanged"
    assert out.shape == cam.shape and out.dtype == cam.dtype, "blur_faces should keep a gray image's shape and dtype"
    box = out[50:170, 200:300].astype(float)
    assert box.std() < cam[50:170, 200:300].std() - 5, "the box of a gray image should be blurred"
    labels = np.asarray(m.superpixels(cam[::2, ::2], n_segments=100))
    assert np.array_equal(labels, segmentation.slic(cam[::2, ::2], n_segments=100, channel_axis=None)), \
        "superpixels of a gray image should run SLIC without a channel axis"
    small = data.astronaut()[::4, ::4]
    assert np.array_equal(np.asarray(m.superpixels(small)), segmentation.slic(small, n_segments=300, channel_axis=-1)), \
        "superpixels' default is n_segments=300"
    small_labels = segmentation.slic(small, n_segments=50, channel_axis=-1)
    avg = np.asarray(m.average_colours(small, small_labels))
    want = color.label2rgb(small_labels, small, kind="avg", bg_label=0)
    assert np.allclose(avg, want), "average_colours should paint each superpixel with its mean colour"
