"""Week 05, thresholding: Otsu and local thresholds (public specs)."""
import numpy as np
import pytest
from skimage import data, filters


@pytest.mark.points(1)
def test_otsu_on_page(load):
    """binarize(page, 'otsu') is page > threshold_otsu(page), as a bool mask."""
    page = data.page()
    got = np.asarray(load("thresholding").binarize(page, "otsu"))
    assert got.shape == page.shape, f"the mask should have the image's shape {page.shape}, got {got.shape}"
    assert got.dtype == bool, f"the mask should be bool (a comparison result), got {got.dtype}"
    want = page > filters.threshold_otsu(page)
    wrong = int((got != want).sum())
    assert wrong == 0, (f"{wrong} pixels differ from page > threshold_otsu(page) (the threshold is 157): "
                        "True means brighter than the threshold")


@pytest.mark.points(1)
def test_local_on_page(load):
    """binarize(page, 'local', 35, 10) is page > threshold_local(page, 35, offset=10)."""
    page = data.page()
    got = np.asarray(load("thresholding").binarize(page, "local", block_size=35, offset=10))
    want = page > filters.threshold_local(page, 35, offset=10)
    assert np.array_equal(np.asarray(load("thresholding").binarize(page, "local")), want), \
        "binarize's block_size and offset should default to 35 and 10"
    assert got.dtype == bool, f"the mask should be bool, got {got.dtype}"
    wrong = int((got != want).sum())
    assert wrong == 0, f"{wrong} pixels differ from page > threshold_local(page, 35, offset=10)"


@pytest.mark.points(1)
def test_even_block_size_is_refused(load):
    """An even block_size raises ValueError with a message saying it must be odd."""
    m = load("thresholding")
    with pytest.raises(ValueError) as err:
        m.binarize(data.page(), "local", block_size=34, offset=10)
    assert "odd" in str(err.value).lower(), \
        f"the ValueError message should say that block_size must be odd, got: {str(err.value)!r}"
