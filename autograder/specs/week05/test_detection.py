"""Week 05, detection: superpixels, Harris corners, faces and privacy blur (public specs)."""
import numpy as np
import pytest
from scipy import ndimage
from skimage import data, filters, segmentation

ASTRONAUT_FACES = [{"r": 429, "c": 413, "width": 38, "height": 38}, {"r": 71, "c": 177, "width": 85, "height": 85}]


@pytest.mark.points(1)
def test_superpixels_match_slic(load):
    """superpixels(astronaut, 300) equals slic(..., n_segments=300, channel_axis=-1)."""
    img = data.astronaut()
    got = np.asarray(load("detection").superpixels(img, n_segments=300))
    assert got.shape == (512, 512), f"the labels should have shape (512, 512), got {got.shape}"
    want = segmentation.slic(img, n_segments=300, channel_axis=-1)
    assert 100 <= len(np.unique(got)) <= 400, f"expected a few hundred superpixels, got {len(np.unique(got))}"
    assert np.array_equal(got, want), "the labels differ from segmentation.slic(img, n_segments=300, channel_axis=-1)"


@pytest.mark.timeout(20)
@pytest.mark.points(2)
def test_harris_on_astronaut(load):
    """Harris with min_distance=5 on the astronaut finds the notes' 1267 corners, first five as printed."""
    got = np.asarray(load("detection").harris_corners(data.astronaut(), min_distance=5))
    assert got.ndim == 2 and got.shape[1] == 2, f"corners should be an (N, 2) array of (row, col), got {got.shape}"
    assert len(got) == 1267, (f"expected 1267 corners, got {len(got)}: convert to gray with rgb2gray, then "
                              "corner_peaks(corner_harris(gray), min_distance=5) with the other defaults")
    assert got[:5].tolist() == [[445, 310], [368, 400], [455, 346], [429, 371], [467, 241]], \
        f"the first five corners should be [[445 310] [368 400] [455 346] [429 371] [467 241]], got {got[:5].tolist()}"


@pytest.mark.timeout(20)
@pytest.mark.points(1)
def test_faces_on_astronaut(load):
    """detect_faces(astronaut) gives the two boxes the bundled LBP cascade finds."""
    got = load("detection").detect_faces(data.astronaut())
    assert isinstance(got, list), f"detect_faces should return a list of dicts, got {got.__class__.__name__}"
    assert all(isinstance(d, dict) and set(d) == {"r", "c", "width", "height"} for d in got), \
        "each detection should be a dict with exactly the keys 'r', 'c', 'width', 'height'"
    key = lambda d: (d["r"], d["c"])
    assert sorted(got, key=key) == sorted(ASTRONAUT_FACES, key=key), \
        (f"expected {ASTRONAUT_FACES}, got {got}: use Cascade(data.lbp_frontal_face_cascade_filename()) and "
         "detect_multi_scale(img, scale_factor=1.2, step_ratio=1, min_size=(10, 10), max_size=(200, 200))")


@pytest.mark.points(2)
def test_blur_faces(load):
    """blur_faces blurs inside each box (Gaussian of the box alone) and leaves the rest alone."""
    img = data.astronaut()
    boxes = [{"r": 71, "c": 177, "width": 85, "height": 85}, {"r": 300, "c": 20, "width": 60, "height": 40}]
    got = np.asarray(load("detection").blur_faces(img, boxes, sigma=10))
    assert got.shape == img.shape and got.dtype == img.dtype, \
        f"blur_faces should keep shape {img.shape} and dtype {img.dtype}, got {got.shape} {got.dtype}"
    inside = np.zeros(img.shape[:2], dtype=bool)
    for b in boxes:
        inside[b["r"]:b["r"] + b["height"], b["c"]:b["c"] + b["width"]] = True
    assert np.array_equal(got[~inside], img[~inside]), "pixels outside the boxes must not change"
    for b in boxes:
        sl = (slice(b["r"], b["r"] + b["height"]), slice(b["c"], b["c"] + b["width"]))
        box = img[sl].astype(float)
        # how the blur treats the box's own border is the submission's choice: skimage.filters.gaussian repeats the
        # edge ('nearest'), scipy.ndimage.gaussian_filter reflects it ('reflect'), torch mirrors it ('mirror');
        # 'wrap' also blurs the box alone. They differ by 5 to 70 grey levels near the edges, while a kernel cut at
        # 3 or 4 sigma and rounding or truncating to uint8 move a pixel by less than 1.5 (sigma 9.5 already moves
        # it by more than 2)
        wants = [filters.gaussian(box, sigma=10, channel_axis=-1, preserve_range=True)]
        wants += [ndimage.gaussian_filter(box, sigma=(10, 10, 0), mode=mode) for mode in ("reflect", "mirror", "wrap")]
        diff = min(np.abs(got[sl].astype(float) - want).max() for want in wants)
        assert diff <= 1.5, (f"the box at r={b['r']}, c={b['c']} is not a Gaussian blur (sigma=10, per channel, "
                             f"on the 0..255 range) of that box alone: largest difference {diff:.1f}")
